"""Date mentions resolved against the article date: `find_dates`. (The package docstring describes the conventions.)"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from ...model import DateMention
from ._calendar import explicit
from ._periods import periods
from ._relative import IN_N, REL_UNIT, relative, window
from ._words import COUNT, MONTHS, UNIT, WEEKDAY

__all__ = ["find_dates", "resolve"]

_LEAD = re.compile(
    r"^(?:(on|in|from|since|until|till|by|before|after|during|through|starting|beginning|as of|"
    r"effective|of|around|about|until at least|no later than)\s+)+",
    re.I,
)
_DURATION = re.compile(
    r"\b(?:past|last|next|over|for|within|the\s+same)\b.*\b(?:years|months|weeks|days|period)\b", re.I
)


def resolve(text: str, base: date | None, before: str = "") -> tuple[str, str] | None:
    """(value, granularity) for a date expression, or None if it is not a point or period in time.

    `before` is the text just before the mention ("since", "from"): it decides the year of a date
    written without one when the expression itself does not."""
    return _resolve(" ".join(text.split()).strip(" ,.;:"), base, " ".join(before.split()[-2:]).lower())


@lru_cache(maxsize=8192)
def _resolve(t: str, base: date | None, cue: str) -> tuple[str, str] | None:
    lead = _LEAD.match(t)
    if lead and not IN_N.match(t):
        cue = f"{cue} {lead.group(0)}".strip()
        t = t[lead.end() :]
    low = t.lower()
    found = periods(t, base) or explicit(t, base, cue)
    if found:
        return found
    if base is None:
        return None
    try:
        found = window(low, base)
        if found is None and _DURATION.search(low) and not REL_UNIT.match(low):
            return None
        found = found or relative(t, low, base)
    except (OverflowError, ValueError):  # a shift past year 1 or 9999
        return None
    if found or not re.search(r"\d|\b(?:" + "|".join(MONTHS) + r")\b", low):
        return found
    if re.fullmatch(r"[\d\s,.]+", low) or re.search(r"\b(?:years?|months?|weeks?|days?|hours?)\b", low):
        return None  # a number or a duration, not a date
    return _dateparser(t, base)


@lru_cache(maxsize=4096)
def _dateparser(text: str, base: date) -> tuple[str, str] | None:
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


_EXTRA = re.compile(
    r"\b(?:(?:over|at)\s+)?(?:the|this|last|next|this\s+past)\s+weekend\b|\bq[1-4]\s+(?:19|20)\d{2}\b|"
    r"\bh[12]\s+(?:19|20)\d{2}\b|\bmid-(?:19|20)\d{2}\b|\bfy\s*'?\d{2}(?:\d{2})?\b|"
    r"(?:\b(?:the|this)\s+past\s+(?:(?:a\s+)?(?:few|several|couple\s+of|\d{1,2}|two|three|four|five|six)\s+)?"
    r"|\bthe\s+last\s+(?:(?:a\s+)?(?:few|several|couple\s+of|\d{1,2}|two|three|four|five|six)\s+)"
    r")(?:days?|weeks?|months?)\b(?!\s+of\b)|\brecent\s+(?:days|weeks|months)\b",  # windows the model may miss
    re.IGNORECASE,
)
_IN_BEFORE = re.compile(r"\bin\s+$", re.IGNORECASE)
_IN_COUNT = re.compile(r"^" + COUNT + r"\s+" + UNIT + "$", re.IGNORECASE)


def find_dates(doc: Any, text: str, published: str | None) -> list[DateMention]:
    try:
        base = date.fromisoformat(published[:10]) if published else None
    except ValueError:
        base = None
    spans: list[tuple[int, int]] = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "DATE"]
    for m in [*WEEKDAY.finditer(text), *_EXTRA.finditer(text)]:
        s, e = (m.start(2), m.end(2)) if m.re is WEEKDAY else m.span()
        inside = [(a, b) for a, b in spans if s <= a and b <= e]  # "2025" of "Q3 2025": take the whole
        if any(a < e and s < b for a, b in spans if (a, b) not in inside):
            continue
        spans = [sp for sp in spans if sp not in inside] + [(s, e)]
    out: list[DateMention] = []
    for start, end in sorted(spans):
        while end > start and text[end - 1] in " ,.;:\n":
            end -= 1
        before = text[max(0, start - 24) : start]
        lead = _IN_BEFORE.search(before)
        if lead and _IN_COUNT.match(text[start:end]):  # "in four years"
            start -= len(lead.group())
        resolved = resolve(text[start:end], base, before)
        if resolved:
            out.append(DateMention(text[start:end], start, end, resolved[0], resolved[1]))
    return out
