"""Arithmetic checks: do the stated numbers add up, inside each article and across the story?

- changes (changes.py): n-fold, percentage and absolute changes against their endpoints
- shares and balances (identities.py): shares of one whole summing past 100%; a trade balance
  against the total and the exports or imports it implies (68.7 - 4.88 - 4.88 = 58.94 ~ 58.9)
- sum: "126 Indians were recruited ... 12 were killed ... Ninety-six ... discharged ...
  another 16 ... missing" -> 12 + 96 + 16 = 124, not 126
A check is *consistent* when the stated figure matches within its rounding,
else *inconsistent*; both are reported with citations of the sentences used.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Check, Figure
from .changes import change_checks, fmt
from .evidence import Evidence
from .facts import _point
from .identities import balance_checks, part_checks, share_checks

SUM_WINDOW = 2  # the parts of a total come from its sentence and the next two
_BASELINE = re.compile(r"\b(?:from|than|compared with|versus|vs\.?)\s+(?:about\s+|some\s+)?$", re.I)


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
        expr = " + ".join(fmt(_point(p.value)) for p in parts)
        subject = f" {total.subject}" if total.subject else ""
        formula = f"{expr} = {fmt(s)}; stated total {fmt(t)}"
        if s == t:
            msg = f"{fmt(t)}{subject} = {expr}"
            out.append(Check("sum", "consistent", msg, t, s, cites, formula))
        else:
            msg = f"{fmt(t)}{subject} stated, but {expr} = {fmt(s)}: the parts do not add up to the total"
            out.append(Check("sum", "inconsistent", msg, t, s, cites, formula))
    return out


def run_checks(evidence: Sequence[Evidence]) -> list[Check]:
    out: list[Check] = []
    for ev in evidence:
        figs = sorted(ev.analysis.figures, key=lambda f: f.start)
        sent_of = {id(f): ev.sentence_index(f.start) for f in figs}
        out.extend(change_checks(ev, figs, sent_of))
        out.extend(_sum_checks(ev, figs, sent_of))
        out.extend(share_checks(ev, figs, sent_of))
        out.extend(part_checks(ev, figs, sent_of))
    out.extend(balance_checks(evidence))
    out.sort(key=lambda c: c.status != "inconsistent")
    return out
