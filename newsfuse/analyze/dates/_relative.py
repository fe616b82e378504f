"""Expressions that only make sense against the article date: weekdays, "yesterday", "last week",
"two years ago", "in 10 days", "the weekend", and windows that end on it ("the past few days").

A window of hours, days, weeks or months before the article date ("the past week", "over the last
two months", "in recent days", "the last 24 hours") is the range of days from that far back to the
article date itself: with the article dated 2025-08-21, "the past week" is 2025-08-14/2025-08-21
and "the last week" the same ("last week" alone is the calendar week before). Windows of years or
decades ("the past four years") stay durations, as do windows ahead ("the coming weeks")."""

from __future__ import annotations

import re
from datetime import date, timedelta

from ._words import COUNT, UNIT, WEEKDAY, WEEKDAYS, count_of

REL_UNIT = re.compile(
    r"^(?:the\s+)?(?:this\s+time\s+|(?:early|late|mid|later|earlier|(?:the\s+)?(?:end|start|beginning|middle)\s+of)"
    r"[\s-]+)?(this|last|next|coming|previous|following|the)\s+(week|month|quarter|year)$",
    re.I,
)
_AGO = re.compile(r"^" + COUNT + r"\s+" + UNIT + r"\s+(ago|earlier|before|later|from now|hence)$", re.I)
IN_N = re.compile(r"^in\s+" + COUNT + r"\s+" + UNIT + "$", re.I)
_WEEKEND = re.compile(r"^(?:(?:over|at|during)\s+)?(the|this|last|next|past|this\s+past)\s+weekend$", re.I)
WINDOW = re.compile(  # "the past week", "over the last few days", "in recent weeks", "this past month"
    r"^(?:(?:over|in|during|for|within|throughout)\s+)?(?P<det>(?:the|this)\s+)?"
    r"(?:(?P<rel>past|last|previous)\s+(?:(?P<n>a\s+few|few|several|(?:a\s+)?couple\s+of|\d{1,2}|[a-z]+)\s+)?"
    r"|(?P<recent>recent)\s+)(?P<unit>day|week|month|hour)s?$",
    re.I,
)
_VAGUE_COUNTS = {"few": 3, "a few": 3, "several": 3, "couple of": 2, "a couple of": 2}
_DAYWORDS = {
    "the day before yesterday": -2, "the day after tomorrow": 2, "today": 0, "yesterday": -1,
    "tomorrow": 1, "tonight": 0, "last night": -1, "this morning": 0, "this afternoon": 0,
    "this evening": 0, "earlier today": 0, "later today": 0,
}  # fmt: skip


def _shift_month(year: int, month: int, k: int) -> tuple[int, int]:
    n = year * 12 + month - 1 + k
    return n // 12, n % 12 + 1


def _week(day: date) -> str:
    monday = day - timedelta(days=day.weekday())
    return f"{monday.isoformat()}/{(monday + timedelta(days=6)).isoformat()}"


def _weekday(base: date, word: str, modifier: str | None) -> date:
    target = WEEKDAYS.index(word.lower())
    delta = (base.weekday() - target) % 7
    if (modifier or "").lower() == "next":
        return base + timedelta(days=(target - base.weekday()) % 7 or 7)
    if (modifier or "").lower() == "last" and delta == 0:
        delta = 7
    return base - timedelta(days=delta)


def window(low: str, base: date) -> tuple[str, str] | None:
    """A window of days, weeks or months that ends on the article date ("the past few days")."""
    m = WINDOW.match(low)
    if m is None:
        return None
    word, rel = " ".join((m.group("n") or "").split()), m.group("rel")
    if not word and not m.group("recent") and (rel == "previous" or (rel == "last" and not m.group("det"))):
        return None  # "last week", "the previous month": the calendar unit before
    if m.group("recent"):
        n: int | None = 3 if low.endswith("s") else None  # "in recent days": a few
    else:
        n = (_VAGUE_COUNTS.get(word) or count_of(word)) if word else 1
    unit = m.group("unit")
    if not n or (unit == "hour" and not word):
        return None
    if unit == "month":
        y, mo = _shift_month(base.year, base.month, -n)
        start = date(y, mo, min(base.day, _month_days(y, mo)))
    else:
        start = base - timedelta(days=-(-n // 24) if unit == "hour" else n * (7 if unit == "week" else 1))
    return f"{start.isoformat()}/{base.isoformat()}", "range"


def _month_days(year: int, month: int) -> int:
    y, mo = _shift_month(year, month, 1)
    return (date(y, mo, 1) - timedelta(days=1)).day


def relative(t: str, low: str, base: date) -> tuple[str, str] | None:
    """Expressions that only make sense against the article date."""
    for phrase, shift in _DAYWORDS.items():
        if re.search(rf"\b{phrase}\b", low):
            return (base + timedelta(days=shift)).isoformat(), "day"
    m = _WEEKEND.match(low)
    if m:
        rel = m.group(1)
        saturday = base - timedelta(days=(base.weekday() - 5) % 7)  # the latest Saturday on/before base
        if base.weekday() < 5 and (rel == "next" or (rel == "this" and "over" not in low)):
            saturday += timedelta(days=7)
        elif rel == "last" and base.weekday() >= 5:
            saturday -= timedelta(days=7)
        return f"{saturday.isoformat()}/{(saturday + timedelta(days=1)).isoformat()}", "range"
    m = WEEKDAY.search(t)
    if m:
        return _weekday(base, m.group(2), m.group(1)).isoformat(), "day"
    m = REL_UNIT.match(low)
    if m:
        rel, unit = m.group(1), m.group(2)
        if rel == "the" and low.startswith(("the week", "the month", "the quarter", "the year")):
            return None  # "the year" alone is not a date
        shift = {"last": -1, "previous": -1, "next": 1, "coming": 1, "following": 1}.get(rel, 0)
        if unit == "year":
            return str(base.year + shift), "year"
        if unit == "month":
            y, mo = _shift_month(base.year, base.month, shift)
            return f"{y}-{mo:02d}", "month"
        if unit == "quarter":
            n = base.year * 4 + (base.month - 1) // 3 + shift
            return f"{n // 4}-Q{n % 4 + 1}", "quarter"
        return _week(base + timedelta(weeks=shift)), "week"
    m = _AGO.match(low) or IN_N.match(low)
    if m:
        count = count_of(m.group(1))
        if count is None:
            return None
        sign = -1 if m.re is _AGO and m.group(3) in ("ago", "earlier", "before") else 1
        return _shifted(base, count * sign, m.group(2))
    return None


def _shifted(base: date, n: int, unit: str) -> tuple[str, str]:
    if unit == "day":
        return (base + timedelta(days=n)).isoformat(), "day"
    if unit == "week":
        return _week(base + timedelta(weeks=n)), "week"
    if unit == "month":
        y, mo = _shift_month(base.year, base.month, n)
        return f"{y}-{mo:02d}", "month"
    if unit == "decade":
        start = (base.year + 10 * n) // 10 * 10
        return f"{start}/{start + 9}", "decade"
    return str(base.year + n), "year"
