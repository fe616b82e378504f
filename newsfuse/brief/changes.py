"""What changed between two versions of a story's brief: articles and outlets added or removed, facts new,
gone or stated differently (a value changed, a conflict appeared or was resolved, the consensus moved),
checks whose status changed, new quotes and speakers, the headline and the summary's sentences.

Facts are matched by what they measure (subject, unit, currency, period, kind), the closest values
first when a story has several facts of one measure; checks by their formula, then by what they
expect (a check recomputed over other figures is the same check with another status)."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

from ..model import Brief, BriefChange, Check, CheckChange, Fact, FactChange, QuoteChange
from ..reconcile.facts import _point
from .render import _fact_label, fact_values

MAX_SENTENCES = 10  # summary sentences listed per change (added, removed)
MAX_QUOTES = 20

T = TypeVar("T")


def describe(f: Fact) -> str:
    """ "conflict: 14 (A, B) vs 17 (C)"."""
    values = " vs ".join(f"{' / '.join(v['texts'])} ({', '.join(v['outlets'])})" for v in fact_values(f))
    return f"{f.status}: {values}"


def _measure(f: Fact) -> tuple[Hashable, ...]:
    return (f.subject, f.unit, f.currency, f.period, f.kind)


def _values(f: Fact) -> frozenset[float]:
    return frozenset(_point(m.value) for m in f.mentions)


def _pair(
    before: Sequence[T], after: Sequence[T], key: Callable[[T], Hashable], distance: Callable[[T, T], float]
) -> tuple[list[tuple[T, T]], list[T], list[T]]:
    """Matched (before, after) pairs with the same key, closest first; then the unmatched of each side."""
    groups: dict[Hashable, tuple[list[T], list[T]]] = {}
    for x in before:
        groups.setdefault(key(x), ([], []))[0].append(x)
    for y in after:
        groups.setdefault(key(y), ([], []))[1].append(y)
    pairs: list[tuple[T, T]] = []
    gone: list[T] = []
    new: list[T] = []
    for olds, news in groups.values():
        candidates = sorted(
            ((distance(x, y), i, j) for i, x in enumerate(olds) for j, y in enumerate(news)),
            key=lambda t: t[0],
        )
        used_i: set[int] = set()
        used_j: set[int] = set()
        for _, i, j in candidates:
            if i not in used_i and j not in used_j:
                used_i.add(i)
                used_j.add(j)
                pairs.append((olds[i], news[j]))
        gone += [x for i, x in enumerate(olds) if i not in used_i]
        new += [y for j, y in enumerate(news) if j not in used_j]
    return pairs, gone, new


def _fact_change(b: Fact, a: Fact) -> FactChange | None:
    before, after = describe(b), describe(a)
    added = tuple(sorted(set(a.outlets) - set(b.outlets)))
    same_value = _point(a.value) == _point(b.value)
    if b.status != "conflict" and a.status == "conflict":
        kind = "conflict"
    elif b.status == "conflict" and a.status != "conflict":
        kind = "resolved"
    elif a.status == "conflict":
        if not same_value or a.majority != b.majority:
            kind = "consensus"
        elif _values(a) != _values(b):
            kind = "values"  # another value joined the dispute
        elif added:
            kind = "outlets"
        else:
            return None
    elif not same_value:
        kind = "value"
    elif a.status != b.status:
        kind = "status"
    elif added:
        kind = "outlets"
    else:
        return None
    return FactChange(_fact_label(a), kind, before, after, added)


def fact_changes(before: Sequence[Fact], after: Sequence[Fact]) -> list[FactChange]:
    def distance(x: Fact, y: Fact) -> float:
        return abs(_point(x.value) - _point(y.value)) / max(abs(_point(x.value)), 1e-9)

    pairs, gone, new = _pair(before, after, _measure, distance)
    out = [FactChange(_fact_label(f), "new", "", describe(f), tuple(f.outlets)) for f in new]
    out += [c for b, a in pairs if (c := _fact_change(b, a)) is not None]
    out += [FactChange(_fact_label(f), "removed", describe(f), "") for f in gone]
    return out


def check_changes(before: Sequence[Check], after: Sequence[Check]) -> list[CheckChange]:
    def same_check(c: Check) -> Hashable:
        return (c.kind, c.scope, c.formula or c.message)

    def distance(x: Check, y: Check) -> float:
        return abs(x.actual - y.actual)

    pairs, gone, new = _pair(before, after, same_check, distance)
    # a check recomputed over other figures: its formula changed, what it expects did not
    moved, gone, new = _pair(gone, new, lambda c: (c.kind, c.scope, c.expected), distance)
    out = [CheckChange(c.kind, c.message, None, c.status, c.formula) for c in new]
    out += [CheckChange(a.kind, a.message, b.status, a.status, a.formula) for b, a in [*pairs, *moved]
            if a.status != b.status]  # fmt: skip
    out += [CheckChange(c.kind, c.message, c.status, None, c.formula) for c in gone]
    return out


def brief_changes(before: Brief, after: Brief, made: str) -> BriefChange | None:
    """The difference between a story's previous brief and its new one; None when nothing a reader sees
    changed."""
    old_quotes = {(q.speaker, q.text) for q in before.quotes}
    old_speakers = {q.speaker for q in before.quotes}
    quotes = [
        QuoteChange(q.speaker, q.text, q.citation.source, q.speaker not in old_speakers)
        for q in after.quotes
        if (q.speaker, q.text) not in old_quotes
    ]
    old_text = {s.text for s in before.sentences}
    new_text = {s.text for s in after.sentences}
    headline = before.headline != after.headline
    change = BriefChange(
        story_id=after.story_id,
        run=after.run,
        made=made,
        previous_run=before.run,
        articles_added=tuple(a for a in after.articles if a not in set(before.articles)),
        articles_removed=tuple(a for a in before.articles if a not in set(after.articles)),
        sources_added=tuple(s for s in after.sources if s not in set(before.sources)),
        sources_removed=tuple(s for s in before.sources if s not in set(after.sources)),
        headline_before=before.headline if headline else None,
        headline_after=after.headline if headline else None,
        facts=tuple(fact_changes(before.facts, after.facts)),
        checks=tuple(check_changes(before.checks, after.checks)),
        quotes=tuple(quotes[:MAX_QUOTES]),
        speakers=tuple(dict.fromkeys(q.speaker for q in quotes if q.new_speaker)),
        sentences_added=tuple(s.text for s in after.sentences if s.text not in old_text)[:MAX_SENTENCES],
        sentences_removed=tuple(s.text for s in before.sentences if s.text not in new_text)[:MAX_SENTENCES],
    )
    empty = BriefChange(change.story_id, change.run, made, change.previous_run)
    return None if change == empty else change


_FACT_WORDS = {
    "new": "new fact", "removed": "no longer stated", "value": "value changed", "status": "agreement changed",
    "outlets": "now also stated by", "conflict": "conflict appeared", "resolved": "conflict resolved",
    "consensus": "consensus moved", "values": "another value in the dispute",
}  # fmt: skip


def fact_line(f: FactChange) -> str:
    if f.change == "new":
        return f"new fact {f.fact}: {f.after}"
    if f.change == "removed":
        return f"no longer stated: {f.fact} ({f.before})"
    if f.change == "outlets":
        return f"{f.fact}: now also stated by {', '.join(f.outlets)} ({f.after})"
    return f"{_FACT_WORDS.get(f.change, f.change)}: {f.fact}: was {f.before}; now {f.after}"


def check_line(c: CheckChange) -> str:
    if c.before is None:
        return f"new check ({c.after}): {c.kind}: {c.message}"
    if c.after is None:
        return f"check no longer made ({c.before}): {c.kind}: {c.message}"
    return f"check now {c.after} (was {c.before}): {c.kind}: {c.message}"


def change_lines(ch: BriefChange) -> list[str]:
    """A change record as plain lines (the CLI; pages render the record itself)."""
    out = []
    if ch.articles_added:
        out.append(f"{len(ch.articles_added)} articles added: {', '.join(ch.articles_added)}")
    if ch.articles_removed:
        out.append(f"{len(ch.articles_removed)} articles removed: {', '.join(ch.articles_removed)}")
    if ch.sources_added:
        out.append(f"new outlets: {', '.join(ch.sources_added)}")
    if ch.sources_removed:
        out.append(f"outlets no longer cited: {', '.join(ch.sources_removed)}")
    if ch.headline_after is not None:
        out.append(f"headline: {ch.headline_before!r} -> {ch.headline_after!r}")
    out += [fact_line(f) for f in ch.facts]
    out += [check_line(c) for c in ch.checks]
    out += [f"new quote of {q.speaker}{' (newly quoted)' if q.new_speaker else ''} ({q.source}): {q.text}" for q in ch.quotes]  # fmt: skip
    out += [f"new in the summary: {s}" for s in ch.sentences_added]
    out += [f"gone from the summary: {s}" for s in ch.sentences_removed]
    return out
