"""The core data model: frozen dataclasses passed between stages.

Every derived object carries character offsets into the text it came from, so
provenance is never lost. Offsets inside an `Analysis` are into the article's
cleaned `text`; `Article.to_original` maps them back to the text as given.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeAlias

Value: TypeAlias = float | tuple[float, float]


@dataclass(frozen=True)
class Segment:
    """A run of characters kept by cleaning: text[clean_start:clean_start+length]
    equals original[orig_start:orig_start+length]."""

    clean_start: int
    orig_start: int
    length: int


@dataclass(frozen=True)
class CleanAction:
    """One piece of boilerplate removed by a named cleaning rule (original offsets)."""

    rule: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Article:
    id: str
    text: str
    original: str = ""
    title: str = ""
    published: str | None = None  # ISO date YYYY-MM-DD
    source: str = ""  # outlet / site name
    url: str | None = None
    authors: tuple[str, ...] = ()
    language: str | None = None
    origin: str = ""  # file path and record number it was read from
    segments: tuple[Segment, ...] = ()
    cleaning: tuple[CleanAction, ...] = ()
    duplicates: tuple[str, ...] = ()  # ids of near/exact copies folded into this one
    duplicate_sources: tuple[str, ...] = ()  # outlets of those copies
    kind: str = "article"  # or what else the page is (pages.py): kept, listed, never put in a story
    kind_reason: str = ""  # why it was judged not an article

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the cleaned text to the original text."""
        if not self.segments:
            return start, end
        return self._map(start, is_end=False), self._map(end, is_end=True)

    def _map(self, pos: int, *, is_end: bool) -> int:
        segs = self.segments
        for seg in segs:
            lo, hi = seg.clean_start, seg.clean_start + seg.length
            if lo <= pos < hi or (is_end and lo < pos <= hi):
                return seg.orig_start + (pos - lo)
        last = segs[-1]
        return last.orig_start + last.length if pos >= last.clean_start else segs[0].orig_start


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int


@dataclass(frozen=True)
class Entity:
    text: str
    label: str
    start: int
    end: int
    canonical: str
    role: str | None = None  # title/role stated for a person; "actor"/"place" for a GPE


@dataclass(frozen=True)
class DateMention:
    text: str
    start: int
    end: int
    value: str  # ISO date, "YYYY-MM", "YYYY", or "start/end" for ranges
    granularity: str  # day | week | month | quarter | half | season | year | fiscal_year | decade | range


@dataclass(frozen=True)
class Figure:
    text: str
    start: int
    end: int
    value: Value
    unit: str | None = None  # "USD" etc. for money, "percent", "fold", "count", ...
    currency: str | None = None
    scale: str | None = None  # thousand | million | billion | trillion | lakh | crore
    period: str | None = None  # "2024-25", "2021"
    approx: bool = False
    subject: str | None = None  # what the figure measures: trade, exports, Indians...
    role: str | None = None  # "from" / "to" for the ends of a change
    precision: float = 1.0  # value of one unit in the last stated digit


@dataclass(frozen=True)
class Quote:
    text: str
    start: int
    end: int
    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None
    verb: str | None
    kind: str = "direct"  # direct | partial | indirect
    verb_start: int | None = None  # where the cue word stands ("said"), when it is one word of the text
    verb_end: int | None = None
    via: str | None = None  # the source the writer had the words from ("..., Walker said, according to AP")
    via_start: int | None = None  # its mention
    via_end: int | None = None


@dataclass(frozen=True)
class Analysis:
    article_id: str
    sentences: tuple[Sentence, ...] = ()
    entities: tuple[Entity, ...] = ()
    dates: tuple[DateMention, ...] = ()
    figures: tuple[Figure, ...] = ()
    quotes: tuple[Quote, ...] = ()


@dataclass(frozen=True)
class Assignment:
    """Why an article joined a story."""

    article_id: str
    story_id: str
    score: float
    shared_terms: tuple[str, ...] = ()
    shared_entities: tuple[str, ...] = ()
    gap_days: float | None = None
    new_story: bool = False
    runner_up: str | None = None  # the next most similar story, and its score
    runner_up_score: float | None = None
    candidates: int = 0  # stories compared
    correction: int | None = None  # the correction (`newsfuse story log`) that put the article here
    # the similarity parts the clusterer admitted it on, by name (cluster/__init__.py: whole, near, mean, ...)
    parts: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True)
class Story:
    id: str
    article_ids: tuple[str, ...]
    title: str = ""
    first_seen: str | None = None
    last_seen: str | None = None
    assignments: tuple[Assignment, ...] = ()


@dataclass(frozen=True)
class Citation:
    article: str
    start: int  # offsets into the article's original text
    end: int
    source: str = ""


@dataclass(frozen=True)
class Mention:
    """One article's statement of a fact."""

    article: str
    source: str
    text: str
    value: Value
    start: int
    end: int
    sentence: Citation | None = None
    variant: int = 0  # which value group of its fact the statement belongs to (0: the reference value)


@dataclass(frozen=True)
class Fact:
    subject: str
    unit: str | None
    currency: str | None
    period: str | None
    value: Value
    status: str  # agreed | single-source | conflict
    outlets: tuple[str, ...]
    mentions: tuple[Mention, ...]
    note: str = ""
    kind: str = "reported"  # reported | forward (forecast, plan, "will") | hedged ("could", "up to")
    majority: bool = True  # the reference value is stated by more outlets than any other value
    entity: str | None = None  # the organisation, place or person the figure is about ("India")


@dataclass(frozen=True)
class Check:
    kind: str  # sum | ratio | difference | percent
    status: str  # consistent | inconsistent
    message: str
    expected: float
    actual: float
    citations: tuple[Citation, ...] = ()
    formula: str = ""  # the arithmetic, written out: "58.9 / 6.6 = 8.92 ≈ 9 (stated nine-fold)"
    scope: str = "article"  # article: one article's own figures | story: figures from several articles


@dataclass(frozen=True)
class BriefSentence:
    text: str
    citations: tuple[Citation, ...]
    section: str = ""  # the theme the sentence is grouped under


@dataclass(frozen=True)
class Section:
    """A theme of the summary: its name and its sentences (indexes into Brief.sentences), lead first."""

    title: str
    sentences: tuple[int, ...]


@dataclass(frozen=True)
class QuoteEntry:
    speaker: str
    text: str
    verb: str | None
    citation: Citation
    kind: str = "direct"  # direct | indirect
    group: int = 0  # quotes with the same group are one statement as worded by different outlets
    similarity: float = 1.0  # wording similarity (0-1) to the group's first quote
    via: str | None = None  # the source the outlet had the words from ("..., Walker said, according to AP")


@dataclass(frozen=True)
class TimelineEntry:
    date: str
    granularity: str
    text: str
    citation: Citation
    tense: str = "past"  # past: reported as happened | future: announced, expected, planned


@dataclass(frozen=True)
class Brief:
    story_id: str
    headline: str
    sentences: tuple[BriefSentence, ...]
    facts: tuple[Fact, ...] = ()
    conflicts: tuple[Fact, ...] = ()
    checks: tuple[Check, ...] = ()
    quotes: tuple[QuoteEntry, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    sources: tuple[str, ...] = ()
    articles: tuple[str, ...] = field(default=())
    disagreement: str = ""  # one line naming what the outlets disagree about ("" when they do not)
    sections: tuple[Section, ...] = ()  # the sentences grouped by theme, in reading order of the themes
    run: int | None = None  # the run that wrote the brief (`newsfuse runs show RUN`)


@dataclass(frozen=True)
class FactChange:
    """A fact that is new, gone, or stated differently since the story's previous brief."""

    fact: str  # its label: subject (period): value
    change: str  # new | removed | value | status | outlets | conflict | resolved | consensus | values
    before: str = ""  # status and the values stated, with their outlets ("agreed: 14 (A, B)")
    after: str = ""
    outlets: tuple[str, ...] = ()  # outlets stating it now that did not before


@dataclass(frozen=True)
class CheckChange:
    """A check that is new, gone, or whose status changed since the previous brief."""

    kind: str
    message: str  # as it reads now (as it read, when gone)
    before: str | None  # consistent | inconsistent | None: no such check before
    after: str | None  # None: no such check now
    formula: str = ""


@dataclass(frozen=True)
class QuoteChange:
    speaker: str
    text: str
    source: str
    new_speaker: bool = False  # the speaker was not quoted before


@dataclass(frozen=True)
class BriefChange:
    """What changed in a story's brief when it was rebuilt (new articles, a correction): kept per story as a
    bounded history of differences, not of whole briefs."""

    story_id: str
    run: int | None  # the run that rebuilt the brief
    made: str  # when (ISO, UTC)
    previous_run: int | None = None  # the run that wrote the brief it is compared with
    articles_added: tuple[str, ...] = ()
    articles_removed: tuple[str, ...] = ()
    sources_added: tuple[str, ...] = ()
    sources_removed: tuple[str, ...] = ()
    headline_before: str | None = None  # both set when the headline changed
    headline_after: str | None = None
    facts: tuple[FactChange, ...] = ()
    checks: tuple[CheckChange, ...] = ()
    quotes: tuple[QuoteChange, ...] = ()  # quotes new in the brief
    speakers: tuple[str, ...] = ()  # speakers quoted now and not before
    sentences_added: tuple[str, ...] = ()  # summary sentences new in the brief (at most a few)
    sentences_removed: tuple[str, ...] = ()
    id: int = 0  # its number in the store
