"""Changes checked against their endpoints, inside one article.

- fold: "rose nine-fold, from $6.6 billion to $58.9 billion" -> 58.9 / 6.6 = 8.92 ~ 9;
  "doubled its sales, from $410 million to $590 million" -> 1.44, not 2;
  "three times the June average of 70 millimetres" (212 millimetres before it) -> 3.03 ~ 3
- percent: "up 12 per cent from 250 to 280" -> (280 - 250) / 250 = 12%; "up 9 per cent from
  7 million" (7.6 million before it); a change stated in one sentence ("Revenue up 14 per cent to
  $4.27 billion") against the endpoints of another ("reached $4.27 billion, up from $3.75 billion")
- difference: "2.1 metres above the previous record of 7.3 metres" (9.4 metres before it);
  "by 25 basis points to 3.75 per cent from 4 per cent"
Each check says its formula and cites the sentences it used. A stated figure is consistent when
it matches within its own rounding (wider when hedged: "about", "nearly"); "more than halved"
is a lower bound.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Check, Figure
from .evidence import Evidence
from .facts import _point

_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "lakh": 1e5, "crore": 1e7}
# a percentage is a change only when the text says so: "up 12 per cent", "rose by 5%", "a 9% increase"
_CHANGE_BEFORE = re.compile(
    r"\b(?:up|down|rose|risen|rise|fell|fallen|fall|increased?|grew|grown|jumped|climbed|declined|dropped|gained|"
    r"raised|cut|lowered|surged|slumped|plunged|soared|slipped|by)\s+(?:by\s+)?(?:about\s+|nearly\s+|almost\s+|"
    r"some\s+|roughly\s+|around\s+|over\s+|more\s+than\s+)?$",
    re.I,
)
_CHANGE_AFTER = re.compile(
    r"^\s*(?:increase|rise|jump|drop|gain|decline|fall|growth|higher|lower|more|less)\b", re.I
)
_FOLD_WORDS = {
    "doubled": 2.0, "doubling": 2.0, "tripled": 3.0, "trebled": 3.0, "tripling": 3.0,
    "quadrupled": 4.0, "halved": 2.0, "halving": 2.0,
}  # fmt: skip
_FOLD_WORD = re.compile(r"\b(more\s+than\s+|nearly\s+|almost\s+)?(" + "|".join(_FOLD_WORDS) + r")\b", re.I)
_LOWER_BOUND = re.compile(r"\b(?:more\s+than|over|at\s+least)\s+$", re.I)
_FROM = re.compile(
    r"\bfrom\s+(?:about\s+|some\s+|around\s+|roughly\s+|(?:its|their|the|a)\s+(?:[\w-]+\s+){0,2}of\s+)?$",
    re.I,
)
_OF = re.compile(r"\bof\s+(?:about\s+|some\s+|around\s+|roughly\s+)?$", re.I)
_ABOVE = re.compile(
    r"^\s+(?:above|below|higher\s+than|lower\s+than|more\s+than|less\s+than|over|under)\b", re.I
)


def fmt(x: float) -> str:
    return f"{x:,.2f}".rstrip("0").rstrip(".") if x != int(x) else f"{int(x):,}"


def as_written(f: Figure) -> float:
    """The number as the text writes it: "$58.9 billion" -> 58.9."""
    return _point(f.value) / _SCALE.get(f.scale or "", 1.0)


def _same_kind(a: Figure, b: Figure) -> bool:
    ranges = isinstance(a.value, tuple) or isinstance(b.value, tuple)
    return (a.currency, a.unit) == (b.currency, b.unit) and not ranges


@dataclass(frozen=True)
class _Stated:
    kind: str  # fold | percent | difference
    value: float
    text: str
    approx: bool
    lower_bound: bool
    precision: float
    start: int
    unit: str | None = None


def _is_change(text: str, f: Figure) -> bool:
    return bool(
        _CHANGE_BEFORE.search(text[max(0, f.start - 40) : f.start])
        or _CHANGE_AFTER.match(text[f.end : f.end + 20])
    )


def _stated_changes(text: str, figs: Sequence[Figure], lo: int, hi: int) -> list[_Stated]:
    """Changes a sentence states: n-fold figures, fold words ("doubled"), percentage changes, "by" amounts."""
    out = []
    for f in figs:
        bound = bool(_LOWER_BOUND.search(text[max(lo, f.start - 12) : f.start]))
        if f.unit == "fold":
            out.append(_Stated("fold", _point(f.value), f.text, f.approx, bound, 1.0, f.start))
        elif f.unit == "percent" and f.role in (None, "by") and _is_change(text, f):
            out.append(_Stated("percent", _point(f.value), f.text, f.approx, bound, f.precision, f.start))
        elif f.role == "by":
            out.append(
                _Stated("difference", _point(f.value), f.text, f.approx, bound, f.precision, f.start, f.unit)
            )
    for m in _FOLD_WORD.finditer(text, lo, hi):
        hedge = (m.group(1) or "").lower()
        value = _FOLD_WORDS[m.group(2).lower()]
        out.append(_Stated("fold", value, m.group(0), hedge.startswith(("nearly", "almost")), hedge.startswith("more"), 1.0, m.start()))  # fmt: skip
    return out


def _pairs(text: str, figs: Sequence[Figure]) -> list[tuple[Figure, Figure]]:
    """(from, to) endpoints in one sentence: marked roles in either order, or "A ..., up N from B"."""
    out = []
    for i, f in enumerate(figs):
        if f.role == "from":
            to = [g for g in [*figs[i + 1 : i + 3], *reversed(figs[max(0, i - 2) : i])] if g.role == "to"]
            to = [g for g in to if _same_kind(f, g)]
            if not to:  # "reached $4.27 billion, up from $3.75 billion"
                to = [g for g in reversed(figs[:i]) if g.role is None and _same_kind(f, g)][:1]
            if to:
                out.append((f, to[0]))
        elif f.role is None and _FROM.search(text[max(0, f.start - 30) : f.start]):
            before = [g for g in figs[:i] if _same_kind(f, g) and g.role is None]
            if before:  # "handled 7.6 million ..., up 9 per cent from 7 million"
                out.append((f, before[-1]))
    return out


def _judge(stated: _Stated, actual: float) -> bool:
    s = stated.value
    if stated.kind == "fold":
        tol = max(1.0, 0.15 * s) if stated.approx else max(0.5, 0.1 * s)
    elif stated.kind == "percent":
        tol = max(2.0, 0.1 * s) if stated.approx else max(1.0, stated.precision)
    else:
        tol = max(stated.precision, 1e-9) * (2 if stated.approx else 1)
    if stated.lower_bound:
        return actual >= s - tol / 2
    return abs(actual - s) <= tol


def _compute(stated: _Stated, a: Figure, b: Figure) -> tuple[float, str] | None:
    """The actual value of the stated change between a (from) and b (to), and its formula."""
    va, vb = as_written(a), as_written(b)
    if a.scale != b.scale:
        va, vb = _point(a.value), _point(b.value)
    if stated.kind == "fold":
        lo, hi = sorted((va, vb))
        if lo <= 0:
            return None
        return hi / lo, f"{fmt(hi)} / {fmt(lo)} = {hi / lo:.2f}"
    if stated.kind == "percent":
        if va == 0:
            return None
        pct = abs(vb - va) / abs(va) * 100
        return pct, f"({fmt(vb)} - {fmt(va)}) / {fmt(va)} = {pct:.1f}%"
    diff, shown = abs(_point(b.value) - _point(a.value)), abs(vb - va)
    if stated.unit == "basis point" and a.unit == "percent":
        return (
            diff * 100,
            f"({fmt(max(va, vb))}% - {fmt(min(va, vb))}%) x 100 = {diff * 100:.0f} basis points",
        )
    if stated.unit != a.unit:
        return None
    return diff, f"{fmt(max(va, vb))} - {fmt(min(va, vb))} = {fmt(round(shown, 6))}"


def _check(ev: Evidence, stated: _Stated, a: Figure, b: Figure, sentences: Sequence[int]) -> Check | None:
    computed = _compute(stated, a, b)
    if computed is None:
        return None
    actual, formula = computed
    ok = _judge(stated, actual)
    word = {"fold": "ratio", "percent": "percent", "difference": "difference"}[stated.kind]
    shown = f"{actual:.1f}" if stated.kind != "difference" else fmt(round(actual, 6))
    unit = "%" if stated.kind == "percent" else ""
    msg = f"{stated.text}: {a.text} -> {b.text} is {shown}{unit}" + (
        "" if ok else f", not {fmt(stated.value)}{unit}"
    )
    formula += f"; stated {stated.text}"
    cites = tuple(ev.cite(s.start, s.end) for s in (ev.analysis.sentences[i] for i in sorted(set(sentences))))
    status = "consistent" if ok else "inconsistent"
    return Check(word, status, msg, stated.value, round(actual, 3), cites, formula)


def _fold_of(text: str, f: Figure, figs: Sequence[Figure]) -> tuple[Figure, Figure] | None:
    """ "212 mm ..., three times the June average of 70 mm": (70 mm, 212 mm)."""
    after = [g for g in figs if g.start > f.end and _OF.search(text[max(f.end, g.start - 8) : g.start])]
    if not after or text[f.end : after[0].start].count(",") or after[0].start - f.end > 60:
        return None
    base = after[0]
    before = [g for g in figs if g.end <= f.start and _same_kind(g, base)]
    return (base, before[-1]) if before else None


def _difference_of(text: str, f: Figure, figs: Sequence[Figure]) -> tuple[Figure, Figure] | None:
    """ "peaked at 9.4 metres ..., 2.1 metres above the previous record of 7.3 metres": (7.3, 9.4)."""
    if f.unit in ("fold", "percent") or not _ABOVE.match(text[f.end : f.end + 20]):
        return None
    after = [g for g in figs if g.start > f.end and _same_kind(g, f)]
    before = [g for g in figs if g.end <= f.start and _same_kind(g, f)]
    if not after or not before or after[0].start - f.end > 60:
        return None
    return after[0], before[-1]


def change_checks(ev: Evidence, figs: Sequence[Figure], sent_of: dict[int, int]) -> list[Check]:
    text = ev.article.text
    by_sentence: dict[int, list[Figure]] = {}
    for f in figs:
        by_sentence.setdefault(sent_of[id(f)], []).append(f)
    out: list[Check] = []
    unexplained: list[tuple[int, Figure, Figure]] = []  # endpoint pairs whose sentence states no change
    for k, sfigs in by_sentence.items():
        sent = ev.analysis.sentences[k]
        stated = _stated_changes(text, sfigs, sent.start, sent.end)
        pairs = _pairs(text, sfigs)
        for a, b in pairs:
            near = stated
            if not near:
                unexplained.append((k, a, b))
            for s in near:
                check = _check(ev, s, a, b, [k])
                if check:
                    out.append(check)
        if not pairs:
            for f in sfigs:
                pair = _fold_of(text, f, sfigs) if f.unit == "fold" else _difference_of(text, f, sfigs)
                if pair:
                    kind = "fold" if f.unit == "fold" else "difference"
                    s = _Stated(kind, _point(f.value), f.text, f.approx, False, f.precision, f.start, f.unit)
                    check = _check(ev, s, *pair, [k])
                    if check:
                        out.append(check)
    out.extend(_across_sentences(ev, by_sentence, unexplained))
    return out


def _across_sentences(
    ev: Evidence, by_sentence: dict[int, list[Figure]], unexplained: list[tuple[int, Figure, Figure]]
) -> list[Check]:
    """ "Revenue up 14 per cent to $4.27 billion" (no start point) + "reached $4.27 billion, up from
    $3.75 billion" (no stated change): the change is checked against the endpoints of the other sentence."""
    text = ev.article.text
    out = []
    for k, sfigs in by_sentence.items():
        sent = ev.analysis.sentences[k]
        if _pairs(text, sfigs):
            continue
        ends = [f for f in sfigs if f.role == "to"]
        for s in _stated_changes(text, sfigs, sent.start, sent.end):
            if s.kind != "percent" or len(ends) != 1:
                continue
            matches = [(j, a, b) for j, a, b in unexplained if _same_kind(b, ends[0]) and _point(b.value) == _point(ends[0].value)]  # fmt: skip
            if len(matches) == 1:
                j, a, b = matches[0]
                check = _check(ev, s, a, b, [k, j])
                if check:
                    out.append(check)
    return out
