"""Outlets' track records, computed from reconcile results (the facts, checks and quotes of every
story's brief) and nothing else: no outlet is rated by reputation, only by what its own figures
and quotes did when set beside other outlets' on the same stories.

Per outlet, across all stories:
- figures: the facts it states (one per fact, however often it repeats it);
- agreed: facts it states as other outlets do (an agreed fact, or the majority value of a conflict);
- single_source: facts only it states (nobody to agree or disagree);
- against_consensus: conflicts where it states a value other than the majority's;
- disputed: conflicts without a majority where it states one of the values;
- checks / checks_failed: arithmetic checks on its own figures (sums, ratios, shares) and how many
  of them failed;
- quotes_shared / quotes_differing: statements other outlets quote too, and how many of those it
  words differently (wording similarity below SAME_WORDING) from another outlet's version.
Every number comes with its evidence: the story, what was counted, and the citation of the span.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from ..model import Brief, Citation, Fact

SAME_WORDING = 90  # character similarity (0-100) at or above which two outlets quote alike
METRICS = (
    "figures", "agreed", "single_source", "against_consensus", "disputed",
    "checks", "checks_failed", "quotes_shared", "quotes_differing",
)  # fmt: skip


@dataclass(frozen=True)
class Item:
    """One counted thing: in which story, what it is, and where the outlet said it."""

    story: str
    what: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class OutletRecord:
    outlet: str
    counts: dict[str, int]
    evidence: dict[str, tuple[Item, ...]] = field(default_factory=dict)

    @property
    def agreement_rate(self) -> float | None:
        """Of its figures that another outlet also states, the share that agree with the majority."""
        compared = self.counts["agreed"] + self.counts["against_consensus"] + self.counts["disputed"]
        return self.counts["agreed"] / compared if compared else None


def _label(f: Fact) -> str:
    period = f" ({f.period})" if f.period else ""
    return f"{f.subject}{period}" + ("" if f.kind == "reported" else f" [{f.kind}]")


def _fact_items(brief: Brief, add: dict[str, dict[str, list[Item]]]) -> None:
    for f in brief.facts:
        by_outlet: dict[str, list] = defaultdict(list)
        for m in f.mentions:
            by_outlet[m.source].append(m)
        for outlet, ms in by_outlet.items():
            cites = tuple(
                dict.fromkeys(m.sentence or Citation(m.article, m.start, m.end, m.source) for m in ms)
            )
            values = ", ".join(dict.fromkeys(m.text for m in ms))
            item = Item(brief.story_id, f"{_label(f)}: {values}", cites)
            add[outlet]["figures"].append(item)
            if f.status == "single-source":
                add[outlet]["single_source"].append(item)
            elif f.status == "agreed" or (f.majority and any(m.variant == 0 for m in ms)):
                add[outlet]["agreed"].append(item)
            elif f.majority:
                add[outlet]["against_consensus"].append(item)
            else:
                add[outlet]["disputed"].append(item)


def _check_items(brief: Brief, add: dict[str, dict[str, list[Item]]]) -> None:
    for c in brief.checks:
        if c.scope != "article":
            continue
        for outlet in dict.fromkeys(x.source for x in c.citations):
            item = Item(brief.story_id, f"{c.kind}: {c.message}", c.citations)
            add[outlet]["checks"].append(item)
            if c.status == "inconsistent":
                add[outlet]["checks_failed"].append(item)


def _quote_items(brief: Brief, add: dict[str, dict[str, list[Item]]]) -> None:
    groups: dict[int, list] = defaultdict(list)
    for q in brief.quotes:
        groups[q.group].append(q)
    for qs in groups.values():
        if len({q.citation.source for q in qs}) < 2:
            continue
        for q in qs:
            others = [o for o in qs if o.citation.source != q.citation.source]
            item = Item(brief.story_id, f"{q.speaker}: {q.text}", (q.citation, *(o.citation for o in others)))
            add[q.citation.source]["quotes_shared"].append(item)
            if any(fuzz.ratio(q.text, o.text) < SAME_WORDING for o in others):
                add[q.citation.source]["quotes_differing"].append(item)


def track_records(briefs: Iterable[Brief]) -> list[OutletRecord]:
    """Every outlet's record across the given briefs, most figures first."""
    add: dict[str, dict[str, list[Item]]] = defaultdict(lambda: {m: [] for m in METRICS})
    for brief in briefs:
        _fact_items(brief, add)
        _check_items(brief, add)
        _quote_items(brief, add)
    records = [
        OutletRecord(
            outlet,
            {m: len(items[m]) for m in METRICS},
            {m: tuple(items[m]) for m in METRICS},
        )
        for outlet, items in add.items()
        if outlet
    ]
    return sorted(records, key=lambda r: (-r.counts["figures"], r.outlet))
