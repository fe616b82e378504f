"""A story's brief as table rows: its facts (one row per statement of a figure, with the outlet, whether it
agrees, and the cited span), checks, quotes, timeline and summary sentences; and outlets' track records
summed story by story (the same counts as `newsfuse outlets`, with the evidence behind each number).

Values are plain: str, int, float or None. Offsets are into the article's text as given."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..brief import brief_to_dict
from ..model import Citation, Fact, Mention, Value
from ..reconcile import OutletRecord, track_records
from ..reconcile.outlets import METRICS
from .stream import StoryData

Row = dict[str, Any]

STORY_COLUMNS = ("story", "headline", "first_seen", "last_seen", "articles", "outlets", "facts", "conflicts",
                 "failed_checks", "disagreement")  # fmt: skip
FACT_COLUMNS = ("story", "fact", "subject", "period", "kind", "unit", "currency", "status", "consensus",
                "fact_outlets", "outlet", "stated", "value", "value_high", "agreement", "article", "start", "end",
                "sentence_start", "sentence_end", "sentence")  # fmt: skip
CHECK_COLUMNS = ("story", "check", "kind", "scope", "status", "formula", "message", "expected", "actual",
                 "outlets", "citations", "sentences")  # fmt: skip
QUOTE_COLUMNS = ("story", "statement", "speaker", "text", "kind", "verb", "similarity", "outlet", "article",
                 "start", "end", "via")  # fmt: skip
OUTLET_COLUMNS = ("outlet", "stories", *METRICS, "agreement_rate")
EVIDENCE_COLUMNS = ("outlet", "metric", "story", "what", "citations", "sentences")


def low_high(v: Value) -> tuple[float, float | None]:
    return (v[0], v[1]) if isinstance(v, tuple) else (v, None)


def cite(c: Citation) -> str:
    """A citation as one cell: `article:start-end`."""
    return f"{c.article}:{c.start}-{c.end}"


def agreement(f: Fact, m: Mention) -> str:
    """How this statement stands with the other outlets': agreed, single-source, majority (the consensus
    value of a conflict), against consensus, or disputed (a conflict without a majority)."""
    if f.status != "conflict":
        return f.status
    if not f.majority:
        return "disputed"
    return "majority" if m.variant == 0 else "against consensus"


def story_row(d: StoryData) -> Row:
    s, b = d.summary, d.brief
    return {"story": s.id, "headline": b.headline if b else s.title, "first_seen": s.first_seen,
            "last_seen": s.last_seen, "articles": s.articles, "outlets": s.sources, "facts": s.facts,
            "conflicts": s.conflicts, "failed_checks": s.failed_checks,
            "disagreement": b.disagreement if b else ""}  # fmt: skip


def fact_rows(d: StoryData) -> Iterator[Row]:
    b = d.brief
    if b is None:
        return
    shown = brief_to_dict(b)["facts"]  # the consensus as the brief shows it
    for i, (f, f_shown) in enumerate(zip(b.facts, shown, strict=True), 1):
        for m in f.mentions:
            lo, hi = low_high(m.value)
            sent = m.sentence
            yield {"story": b.story_id, "fact": i, "subject": f.subject, "period": f.period, "kind": f.kind,
                   "unit": f.unit, "currency": f.currency, "status": f.status, "consensus": f_shown["consensus"],
                   "fact_outlets": "; ".join(f.outlets), "outlet": m.source, "stated": m.text, "value": lo,
                   "value_high": hi, "agreement": agreement(f, m), "article": m.article, "start": m.start,
                   "end": m.end, "sentence_start": sent.start if sent else None,
                   "sentence_end": sent.end if sent else None,
                   "sentence": d.text(sent.article, sent.start, sent.end) if sent else ""}  # fmt: skip


def check_rows(d: StoryData) -> Iterator[Row]:
    b = d.brief
    if b is None:
        return
    for i, c in enumerate(b.checks, 1):
        yield {"story": b.story_id, "check": i, "kind": c.kind, "scope": c.scope, "status": c.status,
               "formula": c.formula, "message": c.message, "expected": c.expected, "actual": c.actual,
               "outlets": "; ".join(dict.fromkeys(x.source for x in c.citations if x.source)),
               "citations": "; ".join(cite(x) for x in c.citations),
               "sentences": "\n".join(d.text(x.article, x.start, x.end) for x in c.citations)}  # fmt: skip


def quote_rows(d: StoryData) -> Iterator[Row]:
    b = d.brief
    if b is None:
        return
    for q in b.quotes:
        c = q.citation
        yield {"story": b.story_id, "statement": q.group + 1, "speaker": q.speaker, "text": q.text,
               "kind": q.kind, "verb": q.verb, "similarity": q.similarity, "outlet": c.source,
               "article": c.article, "start": c.start, "end": c.end, "via": q.via}  # fmt: skip


@dataclass
class OutletTally:
    """Outlets' track records summed over the stories seen so far (one brief at a time: the counts of a
    brief do not depend on other briefs), each outlet's number of stories, and the evidence of each
    count, handed out story by story."""

    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    stories: dict[str, int] = field(default_factory=dict)

    def add(self, d: StoryData) -> Iterator[Row]:
        """Count a story's brief; yields its evidence rows (outlet, metric, story, what, citations)."""
        if d.brief is None:
            return
        records = {r.outlet: r for r in track_records([d.brief])}
        for outlet in dict.fromkeys([*d.brief.sources, *records]):
            if not outlet:
                continue
            self.stories[outlet] = self.stories.get(outlet, 0) + 1
            tally = self.counts.setdefault(outlet, dict.fromkeys(METRICS, 0))
            rec = records.get(outlet)
            if rec is None:
                continue
            for m in METRICS:
                tally[m] += rec.counts[m]
                for item in rec.evidence[m]:
                    yield {"outlet": outlet, "metric": m, "story": item.story, "what": item.what,
                           "citations": "; ".join(cite(x) for x in item.citations), "cited": item.citations,
                           "sentences": "\n".join(d.text(x.article, x.start, x.end) for x in item.citations)}  # fmt: skip

    def rows(self) -> list[Row]:
        """One row per outlet, most figures first (as `newsfuse outlets` lists them)."""
        out = []
        for outlet, counts in self.counts.items():
            rate = OutletRecord(outlet, counts).agreement_rate
            out.append(
                {
                    "outlet": outlet,
                    "stories": self.stories[outlet],
                    **counts,
                    "agreement_rate": None if rate is None else round(rate, 4),
                }
            )
        return sorted(out, key=lambda r: (-r["figures"], r["outlet"]))
