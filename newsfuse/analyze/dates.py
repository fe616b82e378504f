"""Dates and relative expressions resolved against the article's own date.

Every mention gets a value and a granularity:

| granularity | value | examples |
|---|---|---|
| day | `2025-08-21` | "on Thursday", "yesterday", "August 19", "from October 1", "three days ago" |
| week | `2025-08-11/2025-08-17` (Monday..Sunday) | "last week", "two weeks ago", "in two weeks" |
| month | `2025-09` | "next month", "earlier this month", "in March", "early August" |
| quarter | `2025-Q3` | "Q3 2025", "the third quarter", "last quarter" |
| half | `2025-H2` | "the second half of the year", "H1 2026" |
| year | `2025` | "later this year", "last year", "mid-2026", "in four years", "by the end of 2025" |
| fiscal_year | `2024-25` | "2024-25", "FY 2023-24", "FY25", "fiscal 2025" (named by the year it ends) |
| season | `2025-autumn` | "the autumn of 2025", "this summer" |
| decade | `1990/1999` | "the 1990s" |
| range | `2025-08-16/2025-08-17` | "the weekend", "2020-2022", "August 19-21", "from 2010 to 2015" |

News conventions: a bare weekday is the most recent one on or before the article
date; a day or month named without a year is the one nearest the article date,
unless the words before it point one way ("since", "last", "ago" -> past; "from",
"until", "by", "next", "starting" -> future). Durations ("the past four years",
"for two weeks", "four years") are not dates and are dropped. Everything common
is parsed by the rules here; dateparser is the fallback for the rest (cached),
so most texts never call it.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from ..model import DateMention

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = [
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
]  # fmt: skip
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
_MONTH = r"((?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?)"
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "a couple of": 2, "a few": 3,
}  # fmt: skip
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4}
_COUNT = r"(\d{1,3}|a couple of|a few|" + "|".join(k for k in _NUMBERS if " " not in k) + ")"
_UNIT = r"(day|week|month|year|decade)s?"
_Y = r"((?:19|20)\d{2})"

_WEEKDAY = re.compile(r"\b(?:(last|next|this|on)\s+)?(" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)
_LEAD = re.compile(
    r"^(?:(on|in|from|since|until|till|by|before|after|during|through|starting|beginning|as of|"
    r"effective|of|around|about|until at least|no later than)\s+)+",
    re.I,
)
_FISCAL = re.compile(
    r"^(?:fy\s*|fiscal\s+(?:year\s+)?)?" + _Y + r"\s*[-\u2013\u2014/]\s*(\d{2}|(?:19|20)\d{2})$", re.I
)
_FY_SHORT = re.compile(r"^(?:fy\s*'?|fiscal\s+(?:year\s+)?)(\d{2}|(?:19|20)\d{2})$", re.I)
_YEAR = re.compile(r"^(?:the\s+(?:year|end of|start of|beginning of)\s+)?" + _Y + r"$", re.I)
_YEAR_PART = re.compile(
    r"^(?:the\s+)?(early|late|mid|middle of|end of|start of|beginning of)[\s-]*" + _Y + "$", re.I
)
_DECADE = re.compile(r"^(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?((?:19|20)\d)0['\u2019]?s$", re.I)
_YEAR_RANGE = re.compile(
    r"^(?:between\s+|from\s+)?"
    + _Y
    + r"\s*(?:[-\u2013\u2014]|to|and|until|through)\s*(\d{2}|(?:19|20)\d{2})$",
    re.I,
)
_SEASON = re.compile(r"\b(spring|summer|autumn|fall|winter)\b(?:\s+of)?\s+" + _Y, re.I)
_REL_SEASON = re.compile(r"^(this|last|next)\s+(spring|summer|autumn|fall|winter)$", re.I)
_ISO = re.compile(r"^" + _Y + r"-(\d{2})(?:-(\d{2}))?$")
_NUMERIC = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$")
_MONTH_DAY = re.compile(
    r"^(?:the\s+)?"
    + _MONTH
    + r"\s+(\d{1,2})(?:st|nd|rd|th)?(?:\s*[-\u2013]\s*(\d{1,2})(?:st|nd|rd|th)?)?(?:,?\s+"
    + _Y
    + ")?$",
    re.I,
)
_DAY_MONTH = re.compile(
    r"^(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?(?:\s*[-\u2013]\s*(\d{1,2})(?:st|nd|rd|th)?)?(?:\s+of)?\s+"
    + _MONTH
    + r"(?:,?\s+"
    + _Y
    + ")?$",
    re.I,
)
_MONTH_ONLY = re.compile(
    r"^(?:(last|next|this|early|late|mid|the end of|the start of|the beginning of|the middle of)[\s-]+)?"
    + _MONTH
    + r"(?:,?\s+(?:of\s+)?"
    + _Y
    + ")?$",
    re.I,
)
_MONTH_RANGE = re.compile(
    r"^" + _MONTH + r"\s*(?:[-\u2013]|to|through|and)\s*" + _MONTH + r"(?:,?\s+" + _Y + ")?$", re.I
)
_QUARTER = re.compile(
    r"^(?:the\s+)?(?:q([1-4])|(first|second|third|fourth|final)\s+quarter)(?:\s+(?:of\s+)?(?:(the year|this year|last year|next year)|"
    + _Y
    + r"|fy\s*(\d{2})))?$",
    re.I,
)
_HALF = re.compile(
    r"^(?:the\s+)?(?:h([12])|(first|second)\s+half)(?:\s+(?:of\s+)?(?:(the year|this year|last year|next year)|"
    + _Y
    + "))?$",
    re.I,
)
_REL_UNIT = re.compile(
    r"^(?:the\s+)?(?:this\s+time\s+|(?:early|late|mid|later|earlier|(?:the\s+)?(?:end|start|beginning|middle)\s+of)"
    r"[\s-]+)?(this|last|next|coming|previous|following|the)\s+(week|month|quarter|year)$",
    re.I,
)
_AGO = re.compile(r"^" + _COUNT + r"\s+" + _UNIT + r"\s+(ago|earlier|before|later|from now|hence)$", re.I)
_IN_N = re.compile(r"^in\s+" + _COUNT + r"\s+" + _UNIT + "$", re.I)
_WEEKEND = re.compile(r"^(?:(?:over|at|during)\s+)?(the|this|last|next|past)\s+weekend$", re.I)
_DURATION = re.compile(
    r"\b(?:past|last|next|over|for|within|the\s+same)\b.*\b(?:years|months|weeks|days|period)\b", re.I
)
_DAYWORDS = {
    "the day before yesterday": -2, "the day after tomorrow": 2, "today": 0, "yesterday": -1,
    "tomorrow": 1, "tonight": 0, "last night": -1, "this morning": 0, "this afternoon": 0,
    "this evening": 0, "earlier today": 0, "later today": 0,
}  # fmt: skip
_PAST_CUES = {"since", "last", "ago", "earlier", "previous", "past", "was", "were", "had"}
_FUTURE_CUES = {
    "from",
    "until",
    "till",
    "by",
    "next",
    "starting",
    "beginning",
    "effective",
    "through",
    "will",
}


def _month_of(word: str) -> int:
    return _MONTH_ABBR[word.lower().rstrip(".")[:4] if word.lower().startswith("sept") else word.lower()[:3]]


def _count(word: str) -> int | None:
    w = word.lower()
    return int(w) if w.isdigit() else _NUMBERS.get(w)


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


def _direction(cue: str) -> int:
    """-1 past, +1 future, 0 unknown, from the words before a date."""
    words = set(cue.lower().split())
    return -1 if words & _PAST_CUES else 1 if words & _FUTURE_CUES else 0


def _pick_year(base: date, month: int, day: int, cue: str) -> int:
    """The year that puts month/day nearest the article date, or on the side the cue points to."""
    way = _direction(cue)
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


def _relative_year(word: str | None, base: date | None) -> int | None:
    if not word:
        return base.year if base else None
    if base is None:
        return None
    return base.year + {"last year": -1, "next year": 1}.get(word.lower(), 0)


def _explicit(t: str, base: date | None, cue: str) -> tuple[str, str] | None:
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
            mo, d1, d2, ytext = _month_of(m.group(1)), int(m.group(2)), m.group(3), m.group(4)
        else:
            d1, d2, mo, ytext = int(m.group(1)), m.group(2), _month_of(m.group(3)), m.group(4)
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
        a, b, ytext = _month_of(m.group(1)), _month_of(m.group(2)), m.group(3)
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
        mod, mo, ytext = (m.group(1) or "").lower(), _month_of(m.group(2)), m.group(3)
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


def _periods(t: str, base: date | None) -> tuple[str, str] | None:
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
        q = int(m.group(1)) if m.group(1) else _ORDINALS[m.group(2).lower()]
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


def _relative(t: str, low: str, base: date) -> tuple[str, str] | None:
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
    m = _WEEKDAY.search(t)
    if m:
        return _weekday(base, m.group(2), m.group(1)).isoformat(), "day"
    m = _REL_UNIT.match(low)
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
    m = _AGO.match(low) or _IN_N.match(low)
    if m:
        count = _count(m.group(1))
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


def resolve(text: str, base: date | None, before: str = "") -> tuple[str, str] | None:
    """(value, granularity) for a date expression, or None if it is not a point or period in time.

    `before` is the text just before the mention ("since", "from"): it decides the year of a date
    written without one when the expression itself does not."""
    return _resolve(" ".join(text.split()).strip(" ,.;:"), base, " ".join(before.split()[-2:]).lower())


@lru_cache(maxsize=8192)
def _resolve(t: str, base: date | None, cue: str) -> tuple[str, str] | None:
    lead = _LEAD.match(t)
    if lead and not _IN_N.match(t):
        cue = f"{cue} {lead.group(0)}".strip()
        t = t[lead.end() :]
    low = t.lower()
    found = _periods(t, base) or _explicit(t, base, cue)
    if found:
        return found
    if base is None:
        return None
    if _DURATION.search(low) and not _REL_UNIT.match(low):
        return None
    try:
        found = _relative(t, low, base)
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
    r"\b(?:(?:over|at)\s+)?(?:the|this|last|next)\s+weekend\b|\bq[1-4]\s+(?:19|20)\d{2}\b|"
    r"\bh[12]\s+(?:19|20)\d{2}\b|\bmid-(?:19|20)\d{2}\b|\bfy\s*'?\d{2}(?:\d{2})?\b",
    re.IGNORECASE,
)
_IN_BEFORE = re.compile(r"\bin\s+$", re.IGNORECASE)
_IN_COUNT = re.compile(r"^" + _COUNT + r"\s+" + _UNIT + "$", re.IGNORECASE)


def find_dates(doc: Any, text: str, published: str | None) -> list[DateMention]:
    try:
        base = date.fromisoformat(published[:10]) if published else None
    except ValueError:
        base = None
    spans: list[tuple[int, int]] = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "DATE"]
    for m in [*_WEEKDAY.finditer(text), *_EXTRA.finditer(text)]:
        s, e = (m.start(2), m.end(2)) if m.re is _WEEKDAY else m.span()
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
