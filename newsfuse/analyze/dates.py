"""Dates and relative expressions resolved against the article's own date.

"on Thursday" in an article dated Thursday 2025-08-21 is 2025-08-21 (news
convention: a bare weekday is the most recent one, on or before the article
date); "later this year" is 2025; "2024-25" is a fiscal year; explicit dates go
through dateparser with the article date as its base. Durations ("the past
four years") are not dates and are dropped.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from ..model import DateMention

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = [
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
]  # fmt: skip
_WEEKDAY = re.compile(r"\b(?:(last|next|this|on)\s+)?(" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)
_FISCAL = re.compile(
    r"^(?:fy\s*|fiscal\s+(?:year\s+)?)?((?:19|20)\d{2})\s*[-\u2013\u2014/]\s*(\d{2}|(?:19|20)\d{2})$", re.I
)
_YEAR = re.compile(r"^(?:in\s+)?((?:19|20)\d{2})$")
_SEASON = re.compile(r"\b(spring|summer|autumn|fall|winter)\b(?:\s+of)?\s+((?:19|20)\d{2})", re.I)
_MONTH_YEAR = re.compile(
    r"^(?:in\s+|early\s+|late\s+|mid-?)?(" + "|".join(MONTHS) + r")\s+((?:19|20)\d{2})$", re.I
)
_RELATIVE_YEAR = re.compile(r"\b(this|last|next|later this|earlier this)\s+(year|month|week)\b", re.I)
_DURATION = re.compile(
    r"\b(?:past|last|next|over|for|within|the\s+same)\b.*\b(?:years|months|weeks|days|period)\b", re.I
)
_DAYWORDS = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}


def _weekday(base: date, word: str, modifier: str | None) -> date:
    target = WEEKDAYS.index(word.lower())
    delta = (base.weekday() - target) % 7
    if (modifier or "").lower() == "next":
        return base + timedelta(days=(target - base.weekday()) % 7 or 7)
    if (modifier or "").lower() == "last" and delta == 0:
        delta = 7
    return base - timedelta(days=delta)


def resolve(text: str, base: date | None) -> tuple[str, str] | None:
    """(value, granularity) for a date expression, or None if it is not a point or period in time."""
    t = " ".join(text.split()).strip(" ,.")
    low = t.lower()
    m = _FISCAL.match(t)
    if m:
        start, end = m.group(1), m.group(2)
        end2 = end[-2:]
        if int(end2) == (int(start) + 1) % 100:
            return f"{start}-{end2}", "fiscal_year"
    m = _YEAR.match(low)
    if m:
        return m.group(1), "year"
    m = _SEASON.search(t)
    if m:
        return f"{m.group(2)}-{m.group(1).lower()}", "season"
    m = _MONTH_YEAR.match(t)
    if m:
        return f"{m.group(2)}-{MONTHS.index(m.group(1).lower()) + 1:02d}", "month"
    if base is None:
        return None
    for word, shift in _DAYWORDS.items():
        if re.search(rf"\b{word}\b", low):
            return (base + timedelta(days=shift)).isoformat(), "day"
    m = _WEEKDAY.search(t)
    if m:
        return _weekday(base, m.group(2), m.group(1)).isoformat(), "day"
    m = _RELATIVE_YEAR.search(low)
    if m:
        rel, unit = m.group(1).lower(), m.group(2).lower()
        shift = {"last": -1, "next": 1}.get(rel, 0)
        if unit == "year":
            return str(base.year + shift), "year"
        if unit == "month":
            month = (base.month - 1 + shift) % 12 + 1
            year = base.year + (base.month - 1 + shift) // 12
            return f"{year}-{month:02d}", "month"
        monday = base - timedelta(days=base.weekday()) + timedelta(weeks=shift)
        return f"{monday.isoformat()}/{(monday + timedelta(days=6)).isoformat()}", "week"
    if _DURATION.search(low) or not re.search(r"\d|" + "|".join(MONTHS), low):
        return None
    return _dateparser(t, base)


def _dateparser(text: str, base: date) -> tuple[str, str] | None:
    from datetime import datetime

    import dateparser

    settings: dict[str, Any] = {
        "RELATIVE_BASE": datetime(base.year, base.month, base.day),
        "PREFER_DATES_FROM": "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "REQUIRE_PARTS": ["month"],
    }
    try:
        parsed = dateparser.parse(text, languages=["en"], settings=settings)
    except (ValueError, OverflowError):
        return None
    if parsed is None:
        return None
    has_day = bool(re.search(r"\b\d{1,2}(?:st|nd|rd|th)?\b", re.sub(r"(?:19|20)\d{2}", "", text)))
    if has_day:
        return parsed.date().isoformat(), "day"
    return f"{parsed.year}-{parsed.month:02d}", "month"


def find_dates(doc: Any, text: str, published: str | None) -> list[DateMention]:
    base = date.fromisoformat(published) if published else None
    spans: list[tuple[int, int]] = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "DATE"]
    for m in _WEEKDAY.finditer(text):
        if not any(s <= m.start(2) < e for s, e in spans):
            spans.append((m.start(2), m.end(2)))
    out: list[DateMention] = []
    for start, end in sorted(spans):
        resolved = resolve(text[start:end], base)
        if resolved:
            out.append(DateMention(text[start:end], start, end, resolved[0], resolved[1]))
    return out
