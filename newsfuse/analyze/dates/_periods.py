"""Periods longer than a month: fiscal years, years, year ranges, decades, quarters, halves, seasons."""

from __future__ import annotations

import re
from datetime import date

from ._words import ORDINALS, Y

_FISCAL = re.compile(
    r"^(?:fy\s*|fiscal\s+(?:year\s+)?)?" + Y + r"\s*[-\u2013\u2014/]\s*(\d{2}|(?:19|20)\d{2})$", re.I
)
_FY_SHORT = re.compile(r"^(?:fy\s*'?|fiscal\s+(?:year\s+)?)(\d{2}|(?:19|20)\d{2})$", re.I)
_YEAR = re.compile(r"^(?:the\s+(?:year|end of|start of|beginning of)\s+)?" + Y + r"$", re.I)
_YEAR_PART = re.compile(
    r"^(?:the\s+)?(early|late|mid|middle of|end of|start of|beginning of)[\s-]*" + Y + "$", re.I
)
_DECADE = re.compile(r"^(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?((?:19|20)\d)0['\u2019]?s$", re.I)
_YEAR_RANGE = re.compile(
    r"^(?:between\s+|from\s+)?"
    + Y
    + r"\s*(?:[-\u2013\u2014]|to|and|until|through)\s*(\d{2}|(?:19|20)\d{2})$",
    re.I,
)
_SEASON = re.compile(r"\b(spring|summer|autumn|fall|winter)\b(?:\s+of)?\s+" + Y, re.I)
_REL_SEASON = re.compile(r"^(this|last|next)\s+(spring|summer|autumn|fall|winter)$", re.I)
_QUARTER = re.compile(
    r"^(?:the\s+)?(?:q([1-4])|(first|second|third|fourth|final)\s+quarter)(?:\s+(?:of\s+)?(?:(the year|this year|last year|next year)|"
    + Y
    + r"|fy\s*(\d{2})))?$",
    re.I,
)
_HALF = re.compile(
    r"^(?:the\s+)?(?:h([12])|(first|second)\s+half)(?:\s+(?:of\s+)?(?:(the year|this year|last year|next year)|"
    + Y
    + "))?$",
    re.I,
)


def _relative_year(word: str | None, base: date | None) -> int | None:
    if not word:
        return base.year if base else None
    if base is None:
        return None
    return base.year + {"last year": -1, "next year": 1}.get(word.lower(), 0)


def periods(t: str, base: date | None) -> tuple[str, str] | None:
    """Fiscal years, year ranges, decades, quarters, halves, seasons and parts of a year."""
    m = _FISCAL.match(t)
    if m:
        start, end = m.group(1), m.group(2)
        if int(end[-2:]) == (int(start) + 1) % 100:
            return f"{start}-{end[-2:]}", "fiscal_year"
    m = _FY_SHORT.match(t)
    if m:
        end_year = int(m.group(1)) % 100 + 2000 if len(m.group(1)) == 2 else int(m.group(1))
        return f"{end_year - 1}-{end_year % 100:02d}", "fiscal_year"
    m = _YEAR.match(t)
    if m:
        return m.group(1), "year"
    m = _YEAR_PART.match(t)
    if m:
        return m.group(2), "year"
    m = _YEAR_RANGE.match(t)
    if m:
        a, b = int(m.group(1)), m.group(2)
        end = int(b) if len(b) == 4 else a // 100 * 100 + int(b)
        if end > a:
            return f"{a}/{end}", "range"
    m = _DECADE.match(t)
    if m:
        return f"{m.group(1)}0/{m.group(1)}9", "decade"
    m = _QUARTER.match(t)
    if m:
        q = int(m.group(1)) if m.group(1) else ORDINALS[m.group(2).lower()]
        y = (
            int(m.group(4))
            if m.group(4)
            else 2000 + int(m.group(5))
            if m.group(5)
            else _relative_year(m.group(3), base)
        )
        return (f"{y}-Q{q}", "quarter") if y else None
    m = _HALF.match(t)
    if m:
        h = int(m.group(1)) if m.group(1) else 1 if m.group(2).lower() == "first" else 2
        y = int(m.group(4)) if m.group(4) else _relative_year(m.group(3), base)
        return (f"{y}-H{h}", "half") if y else None
    m = _SEASON.search(t)
    if m:
        season = m.group(1).lower().replace("fall", "autumn")
        return f"{m.group(2)}-{season}", "season"
    m = _REL_SEASON.match(t)
    if m and base:
        season = m.group(2).lower().replace("fall", "autumn")
        return f"{base.year + {'last': -1, 'next': 1}.get(m.group(1).lower(), 0)}-{season}", "season"
    return None
