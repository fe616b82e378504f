"""Bare numbers that are not figures: years, dates, codes, phone numbers and names ("Boeing 737")."""

from __future__ import annotations

import re

from . import _money as M
from . import _words as W
from ._ages import bare_apposition
from ._nouns import counted_noun, plural_follows
from ._numbers import SP
from ._scan import Quantity, is_bare, lead


def excluded(text: str, q: Quantity, sent_start: int) -> bool:
    """Years, dates, codes and names: bare numbers that are not figures."""
    n, before = q.num, text[max(0, q.start - 40) : q.start]
    if W.INDEX_NAME.search(before) and q.currency is None:
        return True  # "the sp 500", "FTSE 100", "Standard & Poor's 500-stock index": a name whatever its case
    if not is_bare(q):
        return False
    whole = n.precision == 1 and not n.spelled and "," not in text[n.start : n.end]
    year = W.YEAR_BEFORE.search(before) or (1900 <= n.value <= 2100 and not plural_follows(text, q.end))
    if whole and 1000 <= n.value <= 2100 and year:
        return True  # "in 1600", "2024", but "2000 people"
    if whole and 1 <= n.value <= 31 and _next_to_a_month(text, q, before):
        return True  # "August 21", "21st of August", "on march 9" in a lower-cased sentence
    if (
        W.ID_BEFORE.search(before)
        or W.PHONE_BEFORE.search(before)
        or (before[-1:] in "([" and text[q.end : q.end + 1] in ")]")
    ):
        return True  # "page 12", "(3)"
    prev = re.search(rf"([A-Za-z][\w&.'’-]*){SP}+$", before)
    if prev and q.start - len(prev.group()) > sent_start + lead(text, sent_start):
        w = prev.group(1)
        if (
            not w.islower()
            and w.lower().rstrip(".") not in W.FUNCTION
            and not _after_a_name(text, q, prev)
            and not (not n.spelled and bare_apposition(text, q.start, q.end, float(n.value)))
        ):
            return True  # "Boeing 737", "iPhone 12", "Section 427"
    elif prev and W.INNER_CAPITAL.search(prev.group(1)):
        return True  # a name opening the sentence: "Wi-Fi 7 supports", "iPhone 15 sales"
    nxt = W.WORD.match(text, q.end)
    if n.spelled and text[n.start].isupper() and q.start > sent_start + lead(text, sent_start):
        return True  # "the Four Seasons", "BBC One"
    return bool(
        nxt and nxt.group(1)[0].isupper() and not n.spelled and counted_noun(text, q.end, False) is None
    )


# what a place or an outlet follows ("in Texas", "told Reuters"), where a number after it begins a count
_NAME_AFTER = re.compile(
    rf"\b(?:in|at|from|across|throughout|told|tells|telling|according{SP}+to){SP}+$", re.I
)


def _after_a_name(text: str, q: Quantity, prev: re.Match[str]) -> bool:
    """A number that follows a name without belonging to it: a spelled one ("Mass. one of the"), or one
    that counts a plural after a place or an outlet, as text without commas has them ("told Reuters
    200 people were", "in Texas 40 schools")."""
    if q.num.spelled and text[q.num.start].islower():
        return True
    before = text[max(0, q.start - len(prev.group()) - 20) : q.start - len(prev.group())]
    noun = counted_noun(text, q.end, False)
    plain = re.fullmatch(r"[A-Z][a-z]+", prev.group(1)) is not None  # "Texas", not "iPhone", "WBAL-TV"
    return plain and bool(_NAME_AFTER.search(before)) and noun is not None and noun[2][0].islower()


def _next_to_a_month(text: str, q: Quantity, before: str) -> bool:
    if W.MONTH_BEFORE.search(before) or W.MONTH_AFTER.match(text, q.num.end):
        return True
    lower = M.lower_cased(text, q.start)
    return lower and bool(W.MONTH_BEFORE_LOWER.search(before) or W.MONTH_AFTER_LOWER.match(text, q.num.end))
