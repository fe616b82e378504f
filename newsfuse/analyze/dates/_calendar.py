"""Calendar dates written out: ISO, numeric, month-day, day-month, months and month ranges."""

from __future__ import annotations

import re
from datetime import date

from ._words import MONTH, Y, direction, month_of

_ISO = re.compile(r"^" + Y + r"-(\d{2})(?:-(\d{2}))?$")
_NUMERIC = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$")
_MONTH_DAY = re.compile(
    r"^(?:the\s+)?"
    + MONTH
    + r"\s+(\d{1,2})(?:st|nd|rd|th)?(?:\s*[-\u2013]\s*(\d{1,2})(?:st|nd|rd|th)?)?(?:,?\s+"
    + Y
    + ")?$",
    re.I,
)
_DAY_MONTH = re.compile(
    r"^(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?(?:\s*[-\u2013]\s*(\d{1,2})(?:st|nd|rd|th)?)?(?:\s+of)?\s+"
    + MONTH
    + r"(?:,?\s+"
    + Y
    + ")?$",
    re.I,
)
_MONTH_ONLY = re.compile(
    r"^(?:(last|next|this|early|late|mid|the end of|the start of|the beginning of|the middle of)[\s-]+)?"
    + MONTH
    + r"(?:,?\s+(?:of\s+)?"
    + Y
    + ")?$",
    re.I,
)
_MONTH_RANGE = re.compile(
    r"^" + MONTH + r"\s*(?:[-\u2013]|to|through|and)\s*" + MONTH + r"(?:,?\s+" + Y + ")?$", re.I
)


def _pick_year(base: date, month: int, day: int, cue: str) -> int:
    """The year that puts month/day nearest the article date, or on the side the cue points to."""
    way = direction(cue)
    best = None
    for y in (base.year - 1, base.year, base.year + 1):
        try:
            d = date(y, month, min(day, 28) if month == 2 and day == 29 else day)
        except ValueError:
            return base.year
        if (way < 0 and d > base) or (way > 0 and d < base):
            continue
        if best is None or abs((d - base).days) < abs((best - base).days):
            best = d
    return best.year if best else base.year


def _day(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def explicit(t: str, base: date | None, cue: str) -> tuple[str, str] | None:
    """Calendar dates written out: ISO, numeric, month-day, day-month, month (with or without year)."""
    m = _ISO.match(t)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), m.group(3)
        if not 1 <= mo <= 12:
            return None
        if d:
            v = _day(y, mo, int(d))
            return (v, "day") if v else None
        return f"{y}-{mo:02d}", "month"
    m = _NUMERIC.match(t)
    if m:
        a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        y = y + 2000 if y < 100 else y
        mo, d = (b, a) if a > 12 else (a, b)  # month first unless the first number cannot be a month
        v = _day(y, mo, d)
        return (v, "day") if v else None
    m = _MONTH_DAY.match(t) or _DAY_MONTH.match(t)
    if m:
        if m.re is _MONTH_DAY:
            mo, d1, d2, ytext = month_of(m.group(1)), int(m.group(2)), m.group(3), m.group(4)
        else:
            d1, d2, mo, ytext = int(m.group(1)), m.group(2), month_of(m.group(3)), m.group(4)
        if ytext:
            year = int(ytext)
        elif base:
            year = _pick_year(base, mo, d1, cue)
        else:
            return None
        first = _day(year, mo, d1)
        if first is None:
            return None
        if d2:
            last = _day(year, mo, int(d2))
            return (f"{first}/{last}", "range") if last and last > first else None
        return first, "day"
    m = _MONTH_RANGE.match(t)
    if m:
        a, b, ytext = month_of(m.group(1)), month_of(m.group(2)), m.group(3)
        if ytext:
            year = int(ytext)
        elif base:
            year = _pick_year(base, a, 1, cue)
        else:
            return None
        end_year = year if b >= a else year + 1
        return f"{year}-{a:02d}/{end_year}-{b:02d}", "range"
    m = _MONTH_ONLY.match(t)
    if m:
        mod, mo, ytext = (m.group(1) or "").lower(), month_of(m.group(2)), m.group(3)
        if ytext:
            return f"{ytext}-{mo:02d}", "month"
        if base is None:
            return None
        if mod in ("last", "next", "this"):
            year = base.year
            if mod == "last":
                year -= 1 if mo >= base.month else 0
            elif mod == "next":
                year += 1 if mo <= base.month else 0
        else:
            year = _pick_year(base, mo, 15, cue)
        return f"{year}-{mo:02d}", "month"
    return None
