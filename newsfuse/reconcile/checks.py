"""Arithmetic checks inside each article: do the stated numbers add up?

- ratio: "rose nine-fold, from $6.6 billion to $58.9 billion" -> 58.9 / 6.6 = 8.9 ~ 9
- percent: "up 12 per cent from 250 to 280" -> (280 - 250) / 250 = 12%
- sum: "126 Indians were recruited ... 12 were killed ... Ninety-six ... discharged ...
  another 16 ... missing" -> 12 + 96 + 16 = 124, not 126
A check is *consistent* when the stated figure matches within its rounding,
else *inconsistent*; both are reported with citations of the sentences used.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Check, Figure
from .evidence import Evidence
from .facts import _point

SUM_WINDOW = 2  # the parts of a total come from its sentence and the next two
# a percentage is a change only when the text says so: "up 12 per cent", "rose by 5%", "a 9% increase"
_CHANGE_BEFORE = re.compile(
    r"\b(?:up|down|rose|risen|rise|fell|fallen|fall|increased?|grew|grown|jumped|climbed|declined|dropped|gained|"
    r"raised|cut|lowered|surged|slumped|plunged|soared|slipped|by)\s+(?:by\s+)?(?:about\s+|nearly\s+|almost\s+|"
    r"some\s+|roughly\s+|around\s+|over\s+|more\s+than\s+)?$",
    re.I,
)
_BASELINE = re.compile(r"\b(?:from|than|compared with|versus|vs\.?)\s+(?:about\s+|some\s+)?$", re.I)
_CHANGE_AFTER = re.compile(
    r"^\s*(?:increase|rise|jump|drop|gain|decline|fall|growth|higher|lower|more|less)\b", re.I
)


def _fmt(x: float) -> str:
    return f"{x:,.2f}".rstrip("0").rstrip(".") if x != int(x) else f"{int(x):,}"


def _change_pairs(figs: Sequence[Figure]) -> list[tuple[Figure, Figure]]:
    pairs = []
    for i, f in enumerate(figs):
        if f.role == "from":
            for g in figs[i + 1 : i + 3]:
                if g.role == "to" and (g.currency, g.unit) == (f.currency, f.unit):
                    pairs.append((f, g))
                    break
    return pairs


def _ratio_checks(ev: Evidence, figs: list[Figure], sent_of: dict[int, int]) -> list[Check]:
    out = []
    for a, b in _change_pairs(figs):
        va, vb = _point(a.value), _point(b.value)
        if va == 0:
            continue
        same_sentence = [f for f in figs if sent_of[id(f)] == sent_of[id(a)] and f not in (a, b)]
        for f in same_sentence:
            cites = (ev.cite_sentence(a.start),)
            if f.unit == "fold":
                stated, actual = _point(f.value), vb / va
                tol = max(0.5, 0.1 * stated) if not f.approx else max(1.0, 0.15 * stated)
                ok = abs(actual - stated) <= tol
                msg = f"{f.text}: {b.text} / {a.text} = {actual:.1f}" + (
                    "" if ok else f", not {_fmt(stated)}"
                )
                out.append(
                    Check(
                        "ratio", "consistent" if ok else "inconsistent", msg, stated, round(actual, 3), cites
                    )
                )
            elif f.unit == "percent" and f.role is None and _is_change(ev.article.text, f):
                stated, actual = _point(f.value), abs(vb - va) / abs(va) * 100
                tol = max(1.0, f.precision) if not f.approx else max(2.0, 0.1 * stated)
                ok = abs(actual - stated) <= tol
                msg = f"{f.text} change: {a.text} -> {b.text} is {actual:.1f}%" + (
                    "" if ok else f", not {_fmt(stated)}%"
                )
                out.append(
                    Check(
                        "percent",
                        "consistent" if ok else "inconsistent",
                        msg,
                        stated,
                        round(actual, 3),
                        cites,
                    )
                )
    return out


def _is_change(text: str, f: Figure) -> bool:
    return bool(
        _CHANGE_BEFORE.search(text[max(0, f.start - 40) : f.start])
        or _CHANGE_AFTER.match(text[f.end : f.end + 20])
    )


def _sum_checks(ev: Evidence, figs: list[Figure], sent_of: dict[int, int]) -> list[Check]:
    counts = [f for f in figs if f.unit == "count" and not isinstance(f.value, tuple) and f.role is None]
    out = []
    used: set[int] = set()
    for i, total in enumerate(counts):
        if id(total) in used:
            continue
        t = _point(total.value)
        parts: list[Figure] = []
        for f in counts[i + 1 :]:
            if sent_of[id(f)] - sent_of[id(total)] > SUM_WINDOW:
                break
            if _point(f.value) >= t or (f.subject and total.subject and f.subject != total.subject):
                break  # a bigger number or another kind of thing: the list of parts has ended
            if _BASELINE.search(ev.article.text[max(0, f.start - 12) : f.start]):
                continue  # "up 9 per cent from 7 million": a baseline, not a part
            parts.append(f)
        if len(parts) < 2 or total.approx or any(p.approx for p in parts):
            continue
        s = sum(_point(p.value) for p in parts)
        if not 0.75 * t <= s <= 1.25 * t:
            continue
        used.update(id(p) for p in parts)
        first, last = sent_of[id(total)], sent_of[id(parts[-1])]
        sents = ev.analysis.sentences[first : last + 1]
        cites = tuple(ev.cite(x.start, x.end) for x in sents)
        expr = " + ".join(_fmt(_point(p.value)) for p in parts)
        subject = f" {total.subject}" if total.subject else ""
        if s == t:
            msg = f"{_fmt(t)}{subject} = {expr}"
            out.append(Check("sum", "consistent", msg, t, s, cites))
        else:
            msg = f"{_fmt(t)}{subject} stated, but {expr} = {_fmt(s)}: the parts do not add up to the total"
            out.append(Check("sum", "inconsistent", msg, t, s, cites))
    return out


def run_checks(evidence: Sequence[Evidence]) -> list[Check]:
    out: list[Check] = []
    for ev in evidence:
        figs = sorted(ev.analysis.figures, key=lambda f: f.start)
        sent_of = {id(f): ev.sentence_index(f.start) for f in figs}
        out.extend(_ratio_checks(ev, figs, sent_of))
        out.extend(_sum_checks(ev, figs, sent_of))
    out.sort(key=lambda c: c.status != "inconsistent")
    return out
