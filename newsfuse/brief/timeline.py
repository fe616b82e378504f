"""The story's timeline: one entry per dated sentence, past and future told apart.

- Tense: a date in a forward-looking clause ("payments would reach households by Friday", "more
  rain forecast for the weekend could bring renewed rises") is a future entry. When the analysis
  resolved such a weekday to the one before the article's date (the reading for past events),
  it is moved to the next one: "by Friday" in an article of Thursday 5 June is 6 June.
- Incidental dates are not events: a month naming a statistic ("three times the June average",
  "its May forecast", "the whole of June") and relative years ("last year", "in three years")
  are skipped; explicit years and fiscal years ("in 2024-25", "since 2021") are kept, as are
  "later this year"-style dates in future clauses.
- A sentence with several dates is placed at its most specific one (a day before a month,
  a month before a year); among equals, the last one ("from $13 billion in 2021 to $68 billion in
  2024-25": 2024-25).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from ..model import DateMention, TimelineEntry
from ..reconcile import REPORTED, Evidence, modality_at
from .datelines import LEAD_SENTENCES, after_dateline

_SPECIFIC = {"day": 0, "range": 1, "week": 1, "month": 2, "season": 3, "quarter": 3, "half": 4, "fiscal_year": 5, "year": 5}  # fmt: skip
_WEEKDAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\bweekend\b", re.I)
_STAT_NOUNS = re.compile(
    r"^\s+(?:average|averages|total|totals|quarter|figures?|forecasts?|levels?|record|high|low|volumes?|data|"
    r"rate|reading|numbers?|estimates?|peak|norm|mean)\b",
    re.I,
)
_OF_MONTH = re.compile(r"\b(?:whole|entire|month|rest|end|middle|half)\s+of\s+$", re.I)
_FUTURE_YEAR = re.compile(r"\b(?:later this|next|coming)\s+(?:year|month)\b", re.I)
_SAID_ON = re.compile(
    r"\b(?:said|says|told|announced|reported|confirmed|added|stated|declared|revealed)\s+"
    r"(?:(?:on|late|early|last|this)\s+)*$",
    re.I,
)
MAX_TEXT_WORDS = 40


def _incidental(d: DateMention, text: str) -> bool:
    bare_month = d.granularity == "month" and not any(ch.isdigit() for ch in d.text)
    statistic = _STAT_NOUNS.match(text[d.end : d.end + 20]) or _OF_MONTH.search(
        text[max(0, d.start - 25) : d.start]
    )
    if bare_month and statistic:
        return True
    if d.granularity in ("year", "fiscal_year", "half", "quarter", "season"):
        return not any(ch.isdigit() for ch in d.text) and not _FUTURE_YEAR.search(d.text)
    return d.granularity not in _SPECIFIC


def _start(value: str) -> str:
    return value.split("/")[0]


def _forward(d: DateMention, value: str, published: str | None) -> str:
    """A weekday resolved to the past, in a future clause: the next such day after the article's date."""
    if not published or not _WEEKDAY.search(d.text) or d.granularity not in ("day", "range", "week"):
        return value
    try:
        pub = date.fromisoformat(published)
        parts = [date.fromisoformat(p) for p in value.split("/")]
    except ValueError:
        return value
    if parts[-1] >= pub:
        return value
    shift = timedelta(days=7 * ((pub - parts[0]).days // 7 + 1))
    moved = [p + shift for p in parts]
    return "/".join(p.isoformat() for p in moved)


def _tense(d: DateMention, text: str, floor: int, published: str | None) -> str:
    """future: a forward-looking sentence ("is expected to visit India later this year", "Plans are
    underway for the release ... in the autumn of 2025"), or a date after the article's own."""
    start = _start(d.value)
    if published and d.granularity in ("day", "week", "range", "month") and start > published[: len(start)]:
        return "future"
    if modality_at(text, d.start, d.end, floor) != REPORTED:
        return "future"
    if _SAID_ON.search(text[max(floor, d.start - 30) : d.start]):
        return "past"  # "will shed 2,100 jobs, the company said on Wednesday": the date of the saying
    return "past" if modality_at(text, d.start, d.end, floor, clause=False) == REPORTED else "future"


def _clip(text: str, max_words: int) -> str:
    words = text.split()
    return text if len(words) <= max_words else " ".join(words[:max_words]) + " …"


def build_timeline(evidence: Sequence[Evidence]) -> list[TimelineEntry]:
    out: dict[tuple[str, str], TimelineEntry] = {}
    for ev in evidence:
        text = ev.article.text
        best: dict[int, tuple[tuple[int, int], DateMention]] = {}
        for d in ev.analysis.dates:
            sent = ev.sentence_at(d.start)
            if sent is None or _incidental(d, text):
                continue
            k = ev.sentence_index(d.start)
            rank = (_SPECIFIC[d.granularity], -d.start)
            if k not in best or rank < best[k][0]:
                best[k] = (rank, d)
        for k, (_, d) in sorted(best.items()):
            sent = ev.analysis.sentences[k]
            tense = _tense(d, text, sent.start, ev.article.published)
            if tense == "past" and d.granularity in ("year", "fiscal_year") and _FUTURE_YEAR.search(d.text):
                continue  # "later this year" in a reported clause: no date for the event
            value = _forward(d, d.value, ev.article.published) if tense == "future" else d.value
            start = after_dateline(text, sent.start, sent.end, lead=k < LEAD_SENTENCES)
            key = (value, ev.article.id)
            if key not in out:
                shown = _clip(ev.text(start, sent.end), MAX_TEXT_WORDS)
                out[key] = TimelineEntry(value, d.granularity, shown, ev.cite(start, sent.end), tense)
    return sorted(out.values(), key=lambda t: (_start(t.date), t.tense != "past"))
