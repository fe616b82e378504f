"""JSONL and CSV dumps: one article per record, with an optional field mapping."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, TextIO

from ..errors import BadRecord

FIELDS = ("id", "title", "text", "published", "source", "url", "authors", "language", "date")


def _remap(record: Mapping[str, Any], mapping: Mapping[str, str]) -> dict[str, Any]:
    out = dict(record)
    for ours, theirs in mapping.items():
        if theirs in record:
            out[ours] = record[theirs]
    if "published" not in out and "date" in out:
        out["published"] = out["date"]
    return out


def iter_jsonl(stream: TextIO, name: str, mapping: Mapping[str, str]) -> Iterator[dict[str, Any] | BadRecord]:
    for lineno, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            yield BadRecord(f"{name}:{lineno}: not valid JSON ({e.msg})", path=name)
            continue
        if not isinstance(record, dict):
            yield BadRecord(f"{name}:{lineno}: expected a JSON object", path=name)
            continue
        record = _remap(record, mapping)
        if not isinstance(record.get("text"), str) or not record["text"].strip():
            yield BadRecord(f"{name}:{lineno}: no 'text' field", path=name)
            continue
        record["_line"] = lineno
        yield record


def iter_csv(path: Path, mapping: Mapping[str, str]) -> Iterator[dict[str, Any] | BadRecord]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        for lineno, row in enumerate(csv.DictReader(f), 2):
            record = _remap(row, mapping)
            if not (record.get("text") or "").strip():
                yield BadRecord(f"{path}:{lineno}: no 'text' column", path=str(path))
                continue
            authors = record.get("authors")
            if isinstance(authors, str):
                record["authors"] = [a.strip() for a in authors.split(";") if a.strip()]
            record["_line"] = lineno
            yield record
