"""Fractions: "two-thirds of voters", "half of the 300 workers", "a quarter of the budget", "one in five".

A fraction is a figure with unit "fraction", its value the share (0.5 for "half", 2/3 for
"two-thirds") and its precision one part (1/3 for thirds). Its subject is the whole it is a
share of, written after it ("of voters" -> "voters", "of the budget" -> "budget"), when there is
one. The numerator word of a fraction ("two" of "two-thirds") is not a count of its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from . import _numbers as N
from . import _units as U
from . import _words as W
from ._nouns import counted_noun
from ._numbers import SP
from ._scan import Draft

_WORDS = {"a": 1, "an": 1, "hundred": 100, "thousand": 1000} | N.SMALL | N.TENS
_NOT_HALF_AFTER = re.compile(  # "the first half", "the northern half", "cut in half": a part, not a share
    r"(?:\b(?:the|a|an|this|that|its|their|his|her|our|my|your|one|each|every)\s+"
    r"(?:[\w-]+\s+)?(?:[\w-]+(?:ern|er|ing|al|ic|ous|ive|ful|ish|ent|ant|ior|most)\s+)?"
    r"|\b(?:first|second|final|latter|other|in)\s+)$",
    re.I,
)
_OF = re.compile(  # "of", "of all the", "of the 300"
    rf"(?:{SP}+of)?(?:{SP}+(?:all|the|these|those|its|their|his|her|our|your|my|this|that))*(?:{SP}+\d[\d,]*)?(?={SP})"
)
_BLANKS = re.compile(rf"{SP}*")
_TIME_WORD = re.compile(rf"{SP}+(?:days?|weeks?|months?|years?|hours?|minutes?|seconds?|decades?)\b", re.I)


def fraction_spans(text: str) -> list[tuple[int, int, int, int]]:
    """(start, end, numerator, denominator) of each fraction in `text`, sorted by start."""
    out = []
    for m in N.FRACTION.finditer(text):
        num, den = _WORDS[m.group("num").lower()], m.group("den").lower()
        hyphened = m.group("sep") in N.HY
        plural = den.endswith("s")
        if hyphened and (m.group("num").lower() in ("a", "an") or plural != (num > 1)):
            continue  # "a-third", "one-thirds", "two-third"
        if not hyphened and (not re.match(rf"{SP}+of{SP}", text[m.end() :]) or plural != (num > 1)):
            continue  # "a third term", "three quarters in a row": an ordinal, not a share
        if den in ("half", "halves") and num != 1:
            continue
        out.append((m.start(), m.end(), num, N.DENOMINATORS[den]))
    for m in N.ONE_IN.finditer(text):
        num, den = (int(g) if g.isdigit() else _WORDS[g.lower()] for g in (m.group("num"), m.group("den")))
        if num < den and not _TIME_WORD.match(text, m.end()):  # not "one in two weeks"
            out.append((m.start(), m.end(), num, den))
    for m in N.SLASH_FRACTION.finditer(text):
        num, den = int(m.group("num")), int(m.group("den"))
        if num < den:
            out.append((m.start(), m.end(), num, den))
    for m in N.HALF.finditer(text):
        if not _NOT_HALF_AFTER.search(text[max(0, m.start() - 30) : m.start()]):
            out.append((m.start(), m.end(), 1, 2))
    return sorted(out)


def fractions(
    text: str, spans: list[tuple[int, int, int, int]], figs: list[Draft], sent_of: Callable[[int], int]
) -> list[Draft]:
    """Fraction figures for the spans no other figure covers ("half a million" is a number)."""
    out: list[Draft] = []
    for start, end, num, den in spans:
        if any(f.start < end and start < f.end for f in [*figs, *out]):
            continue
        f = Draft(start, end, num / den, 1 / den, "fraction", None, None, sent_of(start))
        f.approx = bool(W.APPROX_BEFORE.search(text[max(0, start - 30) : start]))
        if not _of_a_unit(text, f):
            f.subject = _whole(text, end)
        out.append(f)
    return out


def _of_a_unit(text: str, f: Draft) -> bool:
    """ "a quarter of a percentage point" -> 0.25 percentage point, "two-thirds of a mile" -> 2/3 mile."""
    m = re.match(rf"{SP}+of{SP}+an?(?={SP})", text[f.end :])
    if m is None:
        return False
    pos = f.end + m.end()
    u = U.PERCENT_UNIT.match(text, pos) or U.WORD_UNIT.match(text, pos)
    if u is None or U.unit_name(u) in ("fold", "age") or not text[pos : pos + 1].isspace():
        return False
    f.unit, f.end = U.unit_name(u), u.end()
    return True


def _whole(text: str, end: int) -> str | None:
    """What a fraction is a share of: "of the 300 workers" -> "workers", "of the budget" -> "budget"."""
    of = _OF.match(text, end)
    pos = of.end() if of else end
    c = counted_noun(text, pos, False)  # "of voters", "of all adults", "of the 300 workers"
    if c is not None:
        return c[2]
    blanks = _BLANKS.match(text, pos)
    measure = W.MEASURE.match(text, blanks.end() if blanks else pos)
    return W.MEASURES[measure.group().lower()] if measure else None
