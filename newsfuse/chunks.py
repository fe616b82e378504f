"""Texts longer than the language model takes, analysed in pieces with their offsets kept.

A text is cut into chunks of at most `limit` characters at the last paragraph break (a blank line) before
the limit, else the last sentence end, else the last whitespace, else at the limit itself. Each chunk is
analysed as a text of its own; the spans of its analysis are shifted by the chunk's start and the
analyses are joined, so every offset is into the whole text, as for a short one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from .model import Analysis, Article

_PARAGRAPH = re.compile(r"\n[^\S\n]*\n")
_SENTENCE = re.compile(r"[.!?][\"'\u201d\u2019)]*\s")
_SPACE = re.compile(r"\s")


def _cut(text: str, start: int, limit: int) -> int:
    """Where the chunk starting at `start` ends (exclusive)."""
    end = start + limit
    if end >= len(text):
        return len(text)
    floor = start + limit // 2  # never a chunk under half the limit: the number of chunks stays bounded
    for pattern in (_PARAGRAPH, _SENTENCE, _SPACE):
        last = None
        for m in pattern.finditer(text, floor, end):
            last = m
        if last is not None:
            return last.end()
    return end


def split(text: str, limit: int) -> list[tuple[int, int]]:
    """(start, end) of consecutive chunks covering `text`, each at most `limit` characters."""
    if limit <= 0:
        raise ValueError("limit must be positive")
    spans = []
    start = 0
    while start < len(text):
        end = _cut(text, start, limit)
        spans.append((start, end))
        start = end
    return spans


def _shift(item: Any, by: int) -> Any:
    changes: dict[str, int] = {"start": item.start + by, "end": item.end + by}
    if getattr(item, "speaker_start", None) is not None:
        changes["speaker_start"] = item.speaker_start + by
        changes["speaker_end"] = item.speaker_end + by
    if getattr(item, "verb_start", None) is not None:
        changes["verb_start"] = item.verb_start + by
        changes["verb_end"] = item.verb_end + by
    if getattr(item, "via_start", None) is not None:
        changes["via_start"] = item.via_start + by
        changes["via_end"] = item.via_end + by
    return replace(item, **changes)


def join(article_id: str, parts: Sequence[tuple[int, Analysis]]) -> Analysis:
    """One analysis from (chunk start, chunk analysis) pairs."""

    def merged(field: str) -> tuple[Any, ...]:
        return tuple(_shift(x, at) for at, a in parts for x in getattr(a, field))

    return Analysis(
        article_id=article_id,
        sentences=merged("sentences"),
        entities=merged("entities"),
        dates=merged("dates"),
        figures=merged("figures"),
        quotes=merged("quotes"),
    )


def analyze_in_chunks(
    article: Article, limit: int, analyze: Callable[[list[Article]], list[Analysis]]
) -> Analysis:
    """`analyze` (a list of articles -> their analyses) run on the chunks of `article`, joined."""
    spans = split(article.text, limit)
    pieces = [replace(article, text=article.text[s:e]) for s, e in spans]
    results = analyze(pieces)
    return join(article.id, [(s, r) for (s, _), r in zip(spans, results, strict=True)])
