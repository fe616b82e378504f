"""Facts across outlets: the same measure (subject, unit, period, role) compared between articles,
and within a measure, the same entity: the organisation, place or person a figure is about where its
sentence says so (about.py). "India's exports" and "Malaysia's exports" are two facts, never a
conflict; a statement naming no entity joins the entity whose values it agrees with.

Statements are keyed by what they measure and how they are stated: a forecast or a hedged
figure ("will cut 2,100 jobs", "could reach 500") is compared only with other forecasts or
hedges, never with reported figures (see modality.py).

Two statements agree when they differ by less than the rounding of the less
precise one ("$68.7 billion" and "$68 billion": 0.7 < 1 billion) or, when either
is hedged ("about", "nearly"), by less than 10%. A fact is *agreed* when two or
more outlets state agreeing values, *single-source* when one outlet does, and a
*conflict* when outlets that each state one value for it disagree.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from ..model import Fact, Figure, Mention, Value
from .about import entity_of
from .evidence import Evidence
from .measures import measure_of
from .modality import REPORTED, modality

MEASURED_UNITS = {"percent", "percentage point", "fold", "count"}


def _point(v: Value) -> float:
    return (v[0] + v[1]) / 2 if isinstance(v, tuple) else float(v)


def rounding(f: Figure) -> float:
    """How coarsely a figure is stated: its last digit, or its trailing zeros ("42,000" -> 1,000)."""
    v = _point(f.value)
    if "." in f.text or v == 0 or v != int(v) or f.scale:
        return f.precision
    step = 1.0
    while v % (step * 10) == 0 and step < abs(v):
        step *= 10
    return max(f.precision, step)


def agree(a: Figure, b: Figure) -> bool:
    va, vb = _point(a.value), _point(b.value)
    tol = max(rounding(a), rounding(b))
    if a.approx or b.approx:
        tol = max(tol, 0.1 * max(abs(va), abs(vb)))
    return abs(va - vb) < tol or abs(va - vb) < 1e-9 * max(1.0, abs(va))


Key = tuple[str, str, str, str]


def fact_key(f: Figure, subject: str | None = None) -> Key | None:
    """(subject, unit, period, role); small counts written as words ("two sides") are not facts."""
    subject = subject or f.subject
    if not subject or f.unit is None:
        return None
    if f.currency is None and f.unit not in MEASURED_UNITS:
        return None
    if not any(ch.isdigit() for ch in f.text) and (
        f.approx and isinstance(f.value, tuple) or _point(f.value) < 10
    ):
        return None  # "two sides", "thousands": too vague to compare
    return (subject.lower(), f.currency or f.unit, f.period or "", f.role or "")


def _compatible(loose: Key, strict: Key) -> bool:
    """A statement without a period or role can be the same fact as one that states them."""
    return loose[:2] == strict[:2] and all(a in ("", b) for a, b in zip(loose[2:], strict[2:], strict=True))


def _merge_unspecified(groups: dict[Key, list[tuple[Evidence, Figure]]]) -> None:
    """Fold a group lacking period/role into the one compatible group whose values agree with it."""
    for key in sorted(groups, key=lambda k: (k[2] != "") + (k[3] != "")):
        if key[2] and key[3]:
            continue
        items = groups[key]
        targets = [
            k for k in groups
            if k != key and _compatible(key, k) and all(agree(f, g) for _, f in items for _, g in groups[k])
        ]  # fmt: skip
        if len(targets) == 1:
            groups[targets[0]].extend(groups.pop(key))


def _value_groups(figs: Sequence[Figure]) -> list[list[Figure]]:
    """Statements grouped by agreeing value, the most precise statement first in each group."""
    groups: list[list[Figure]] = []
    for f in sorted(figs, key=lambda f: (f.approx, f.precision)):
        home = next((g for g in groups if agree(g[0], f)), None)
        if home is None:
            groups.append([f])
        else:
            home.append(f)
    return groups


def same_entity(a: str, b: str) -> bool:
    """ "Corvane" and "Corvane Systems" name one entity: the words of one are among the other's."""
    wa, wb = set(a.lower().split()), set(b.lower().split())
    return bool(wa and wb) and (wa <= wb or wb <= wa)


def _by_entity(
    items: list[tuple[Evidence, Figure]], about: dict[int, str]
) -> list[tuple[str, list[tuple[Evidence, Figure]]]]:
    """A measure's statements split by the entity they are about, when they name more than one
    ("India's exports" and "Malaysia's exports"); a statement naming none joins the one entity
    whose values it agrees with, else stays apart. Each part's entity: the fullest name stated."""
    named: list[tuple[str, list[tuple[Evidence, Figure]]]] = []
    loose: list[tuple[Evidence, Figure]] = []
    for ev, f in items:
        name = about.get(id(f), "")
        home = next((p for p in named if same_entity(p[0], name)), None) if name else None
        if not name:
            loose.append((ev, f))
        elif home is None:
            named.append((name, [(ev, f)]))
        else:
            home[1].append((ev, f))
            if len(name) > len(home[0]):
                named[named.index(home)] = (name, home[1])
    if len(named) <= 1:
        return [(named[0][0] if named else "", items)]
    rest: list[tuple[Evidence, Figure]] = []
    for ev, f in loose:
        fits = [p for p in named if all(agree(f, g) for _, g in p[1])]
        (fits[0][1] if len(fits) == 1 else rest).append((ev, f))
    return [*named, *([("", rest)] if rest else [])]


def _fact(key: Key, items: list[tuple[Evidence, Figure]], kind: str, entity: str = "") -> Fact:
    subject, unit, period, _role = key
    source_of = {id(f): ev.source for ev, f in items}
    per_outlet: dict[str, list[Figure]] = defaultdict(list)
    for ev, f in items:
        per_outlet[ev.source].append(f)
    # value groups ranked by how many outlets state them; the most precise statement of the
    # best-supported group is the reference (the consensus when its support is a majority)
    vgroups = _value_groups([f for _, f in items])
    support = [len({source_of[id(f)] for f in g}) for g in vgroups]
    order = sorted(range(len(vgroups)), key=lambda i: (-support[i], vgroups[i][0].approx, i))
    ref = vgroups[order[0]][0]
    variant = {id(f): rank for rank, i in enumerate(order) for f in vgroups[i]}
    majority = len(order) == 1 or len(per_outlet) == 1 or support[order[0]] > support[order[1]]
    disagreeing = sorted(src for src, fs in per_outlet.items() if not any(agree(f, ref) for f in fs))
    values = {_point(f.value) for _, f in items}
    if disagreeing and len(per_outlet) > 1:
        status = "conflict"
        note = "outlets disagree: " + "; ".join(
            f"{src}: {', '.join(f.text for f in figs)}" for src, figs in sorted(per_outlet.items())
        )
    elif len(per_outlet) > 1:
        status = "agreed"
        note = "same figure at different rounding" if len(values) > 1 else ""
    else:
        status = "single-source"
        note = ""
    mentions = tuple(
        Mention(
            ev.article.id,
            ev.source,
            f.text,
            f.value,
            span.start,
            span.end,
            ev.cite_sentence(f.start),
            variant[id(f)],
        )
        for ev, f in items
        for span in [ev.cite(f.start, f.end)]
    )
    return Fact(
        subject=subject,
        unit=None if ref.currency else unit,
        currency=ref.currency,
        period=period or None,
        value=ref.value,
        status=status,
        outlets=tuple(sorted(per_outlet)),
        mentions=mentions,
        note=note,
        kind=kind,
        majority=majority,
        entity=entity or None,
    )


def find_facts(evidence: Sequence[Evidence]) -> list[Fact]:
    groups: dict[Key, list[tuple[Evidence, Figure]]] = defaultdict(list)
    kinds: dict[Key, str] = {}
    about: dict[int, str] = {}  # id(figure) -> the entity it is about
    for ev in evidence:
        for f in ev.analysis.figures:
            sent = ev.sentence_at(f.start)
            bounds = (sent.start, sent.end) if sent else None
            key = fact_key(f, measure_of(f, ev.article.text, bounds))
            if key:
                about[id(f)] = entity_of(f, ev.article.text, bounds, ev.analysis.entities)
                kind = modality(f, ev.article.text, sent.start if sent else 0)
                key = (*key[:3], key[3] + ("" if kind == REPORTED else f"|{kind}"))
                kinds[key] = kind
                groups[key].append((ev, f))
    _merge_unspecified(groups)
    facts = []
    for key, measure in groups.items():
        for entity, items in _by_entity(measure, about):
            if len({ev.source for ev, _ in items}) == 1:  # one outlet, several values: several measures
                of = {id(f): (ev, f) for ev, f in items}
                facts += [
                    _fact(key, [of[id(f)] for f in g], kinds[key], entity)
                    for g in _value_groups([f for _, f in items])
                ]
            else:
                facts.append(_fact(key, items, kinds[key], entity))
    rank = {"conflict": 0, "agreed": 1, "single-source": 2}
    facts.sort(key=lambda f: (f.kind != REPORTED, rank[f.status], -len(f.outlets), f.subject))
    return facts
