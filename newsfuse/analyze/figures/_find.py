"""The figure grammar: `find_figures` over a text. (The package docstring describes the conventions.)"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from newsfuse.model import Figure

from . import _numbers as N
from . import _words as W
from ._counts import count_or_age, vague
from ._excluded import excluded
from ._fractions import fraction_spans, fractions
from ._links import index_levels, periods, roles, subjects
from ._ranges import range_with
from ._scan import Draft, find_numbers, make_figure, quantity

__all__ = ["find_figures"]


def find_figures(text: str, sentences: Sequence[tuple[int, int]] | None = None) -> list[Figure]:
    """All figures in `text`, sorted by start (see the module docstring for the conventions).

    `sentences` are [start, end) spans that bound the search for subjects and periods; without
    them the text is split at sentence punctuation ("U.S.", "Mr." and "$68.7 bn." handled)."""
    sents = sorted(sentences) if sentences is not None else _split_sentences(text)
    starts = [s for s, _ in sents]

    def sent_of(pos: int) -> int:
        return max(0, bisect.bisect_right(starts, pos) - 1)

    shares = fraction_spans(text)
    in_share = [(s, e) for s, e, _, _ in shares]
    nums = find_numbers(text)
    figs: list[Draft] = []
    upto, i = 0, 0
    while i < len(nums):
        n = nums[i]
        i += 1
        if n.start < upto:
            continue
        if any(s <= n.start < e for s, e in in_share) and not text[n.start : n.end].lower().startswith(
            "half"
        ):
            continue  # the "two" of "two-thirds", the "1" and "5" of "1 in 5"
        tail = N.YEAR_RANGE_TAIL.match(text, n.end)
        yearlike = (
            "," not in text[n.start : n.end] and not re.match(r",\d", text[tail.end() :]) if tail else False
        )
        if tail and yearlike and not n.spelled and n.precision == 1 and 1900 <= n.value <= 2099:
            upto = tail.end()  # "2024-25"
            continue
        q = quantity(text, n)
        if q is None:
            continue
        si = sent_of(q.start)
        q2, skip = range_with(text, q, nums, i - 1)
        if skip:  # a score, "2-0"
            upto, i = skip
            continue
        if q2 is not None:
            i = nums.index(q2.num) + 1
        elif excluded(text, q, sents[si][0] if sents else 0):
            upto = max(upto, q.end)
            continue
        f = make_figure(q, q2, si)
        if not count_or_age(text, f, q, q2 or q):
            continue
        f.approx = bool(W.APPROX_BEFORE.search(text[max(0, f.start - 30) : f.start]))
        upto = f.end
        figs.append(f)
    figs.extend(vague(text, figs, sent_of))
    figs.extend(fractions(text, shares, figs, sent_of))
    figs.sort(key=lambda f: f.start)
    roles(text, figs)
    index_levels(text, figs)
    subjects(text, figs, sents)
    periods(text, figs, sents)
    return [
        Figure(
            text=text[f.start : f.end],
            start=f.start,
            end=f.end,
            value=f.value,
            unit=f.unit,
            currency=f.currency,
            scale=f.scale,
            period=f.period,
            approx=f.approx,
            subject=f.subject,
            role=f.role,
            precision=f.precision,
        )  # fmt: skip
        for f in figs
    ]


def _split_sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in W.SENTENCE_END.finditer(text):
        if m.group()[0] == "." and not m.group().strip(".!?\"'”’)]"):
            word = re.search(r"([\w.]+)\.$", text[max(0, m.start() - 12) : m.start() + 1])
            w = word.group(1).lower() if word else ""
            nxt = text[m.end() :].lstrip()[:1]
            if (
                w in W.ABBREVIATIONS
                or (len(w) == 1 and w.isalpha())
                or (nxt and not (nxt.isupper() or nxt in "\"'“‘"))
            ):
                continue
        if text[start : m.end()].strip():
            spans.append((start, m.end()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans
