"""Ranges: a second quantity joined to a first by "-", "to" or (after "between") "and"."""

from __future__ import annotations

import re

from . import _words as W
from ._excluded import excluded
from ._nouns import plural_follows
from ._numbers import SP
from ._scan import Num, Quantity, clause_of, is_bare, make_figure, quantity


def range_with(
    text: str, q1: Quantity, nums: list[Num], i: int
) -> tuple[Quantity | None, tuple[int, int] | None]:
    """A second quantity joined to q1 by "-", "to" or (after "between") "and": (q2, None); for a
    score ("2-0") (None, (skip to offset, next number index))."""
    between = re.search(rf"\bbetween{SP}+$", text[max(0, q1.start - 12) : q1.start], re.I)
    span = between or re.search(
        rf"\b(?:range{SP}+of|from){SP}+$", text[max(0, q1.start - 12) : q1.start], re.I
    )
    sep = re.compile(
        rf"[-–]to[-–]|{SP}*[-–—]{SP}*|{SP}+to(?:{SP}+|-)" + (rf"|{SP}+and{SP}+" if between else "")
    )
    m = sep.match(text, q1.end)
    tight = m is not None and m.group() in ("-", "–", "—")  # "0%-0.25%": units on both ends, no blank
    if not m or i + 1 >= len(nums) or (q1.suffix and not (span or tight)):
        return None, None
    if "to" in m.group():
        before = text[max(0, q1.start - 80) : q1.start]
        frm = re.search(rf"\bfrom{SP}+(?:\w+{SP}+){{0,2}}$", before, re.I)
        if frm and W.CHANGE.search(clause_of(before[: frm.start()])):
            return None, None  # "rose from 250 to 280": the two ends of a change
        if not frm and (q1.currency or q1.scale):
            return None, None  # "by $43.6 billion to $419.2 billion"
    n2 = nums[i + 1]
    q2 = quantity(text, n2, joined=True)
    if q2 is None or q2.start != m.end() or (n2.spelled and not q1.num.spelled):
        return None, None
    if q1.suffix and not span and (q2.unit != q1.unit or q2.currency != q1.currency):
        return None, None
    if q1.unit is not None and (q2.unit is None and q1.currency is None or q2.unit is not None
                                and q1.unit not in (q2.unit, q2.unit.partition(" per ")[0])):  # fmt: skip
        return None, None
    if q2.currency not in (None, q1.currency) and q1.currency is not None or (q1.scale and not q2.scale):
        return None, None
    years = all(1900 <= q.num.value <= 2100 for q in (q1, q2))  # "between 2010 and 2020 sales rose"
    counted = (
        between and not years and is_bare(q2) and plural_follows(text, q2.end)
    )  # "... 1500 and 2000 workers"
    if not counted and (excluded(text, q1, 0) or excluded(text, q2, 0)):
        return None, None
    low, high = make_figure(q1, q2, 0).value  # type: ignore[misc]
    if low < high:
        return q2, None
    if is_bare(q1) and is_bare(q2) and "-" in m.group():
        return None, (q2.end, i + 2)
    return None, None
