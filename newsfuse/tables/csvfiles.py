"""CSV files of a store's stories: stories.csv, facts.csv, checks.csv, quotes.csv, outlets.csv and
outlet_evidence.csv (UTF-8, a header row, RFC 4180 quoting), written story by story as they stream in.

Article text is untrusted, and a spreadsheet runs a cell that starts with = + - @ (or a tab or carriage
return) as a formula: such text cells are prefixed with an apostrophe, so they show as written and
never run. Numbers we computed are written as numbers."""

from __future__ import annotations

import csv
import os
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from ..store import Store
from .rows import (
    CHECK_COLUMNS,
    EVIDENCE_COLUMNS,
    FACT_COLUMNS,
    OUTLET_COLUMNS,
    QUOTE_COLUMNS,
    STORY_COLUMNS,
    OutletTally,
    check_rows,
    fact_rows,
    quote_rows,
    story_row,
)
from .stream import PAGE, iter_stories

FILES = {"stories": STORY_COLUMNS, "facts": FACT_COLUMNS, "checks": CHECK_COLUMNS, "quotes": QUOTE_COLUMNS,
         "outlets": OUTLET_COLUMNS, "outlet_evidence": EVIDENCE_COLUMNS}  # fmt: skip
FORMULA_STARTS = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")  # and their full-width forms


def safe_cell(value: Any) -> Any:
    """A cell a spreadsheet shows as written: text that would start a formula gets a leading apostrophe;
    None is empty; numbers stay numbers."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return value
    text = str(value)
    return "'" + text if text.lstrip(" ")[:1] in FORMULA_STARTS else text


class _Sheet:
    def __init__(self, path: Path, columns: Sequence[str], stack: ExitStack):
        f = stack.enter_context(path.open("w", encoding="utf-8", newline=""))
        self.columns = columns
        self.writer = csv.writer(f, lineterminator="\r\n")
        self.writer.writerow(columns)
        self.rows = 0

    def write(self, row: dict[str, Any]) -> None:
        self.writer.writerow([safe_cell(row.get(c)) for c in self.columns])
        self.rows += 1


def write_csv(
    store: Store, out_dir: str | Path, only: Sequence[str] = (), page: int = PAGE
) -> dict[str, int]:
    """Write the CSV files under `out_dir` (each replaced whole when done); returns rows per file."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tmp = {name: out / f".{name}.csv.part" for name in FILES}
    tally = OutletTally()
    try:
        with ExitStack() as stack:
            sheets = {name: _Sheet(tmp[name], cols, stack) for name, cols in FILES.items()}
            for d in iter_stories(store, only, page):
                sheets["stories"].write(story_row(d))
                for r in fact_rows(d):
                    sheets["facts"].write(r)
                for r in check_rows(d):
                    sheets["checks"].write(r)
                for r in quote_rows(d):
                    sheets["quotes"].write(r)
                for r in tally.add(d):
                    sheets["outlet_evidence"].write(r)
            for r in tally.rows():
                sheets["outlets"].write(r)
            counts = {name: s.rows for name, s in sheets.items()}
    except BaseException:
        for path in tmp.values():
            path.unlink(missing_ok=True)
        raise
    for name, path in tmp.items():
        os.replace(path, out / f"{name}.csv")
    return counts
