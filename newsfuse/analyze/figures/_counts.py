"""What a unitless number counts: counted nouns, casualties, ages (see _ages.py), and vague
amounts ("dozens")."""

from __future__ import annotations

import re
from collections.abc import Callable

from . import _money as M
from . import _numbers as N
from . import _units as U
from . import _words as W
from ._ages import bare_apposition, marked_age, unmarked_age
from ._nouns import counted_noun
from ._numbers import SP
from ._scan import Draft, Quantity, is_bare


def count_or_age(text: str, f: Draft, q: Quantity, last: Quantity) -> bool:
    """Give a unitless figure its unit ("count", "age" or a unit after a modifier) and counted
    noun; False when it is not a figure after all (the pronoun "one")."""
    if f.unit is None and marked_age(text, q.start):
        f.unit = "age"  # "aged 44", "over the age of 21"
    spelled = text[q.num.start : q.num.end].lower()
    one = spelled == "one" and last is q
    if spelled == "zero" and f.unit is None:
        return False  # "ground zero", "zero-tolerance"
    if f.unit not in (None, "count"):
        return not (one and f.unit == "day")  # "one day he left"
    bare = f.unit is None and is_bare(q) and not q.num.spelled and isinstance(f.value, float)
    if bare and (person := bare_apposition(text, q.start, q.end, float(q.num.value))):
        f.unit, f.subject = "age", person  # "Taylor Swift 34 won album of the year": not 34 "won"
        return True
    c = last.counted or counted_noun(text, last.end, one or f.value == 1.0, not last.num.spelled)
    if one and c is None:
        c = _one_of(text, q.end)  # "one of the best wireless speakers": one of a group
    if one and (c is None or c[2].lower() == "day"):
        return False  # "one of them", "one day"
    if one and re.search(
        r"\b(?:no|any|every|each|the|this|that|which)\s+$", text[max(0, q.start - 8) : q.start], re.I
    ):
        return False
    word = W.WORD.match(text, last.end)
    head = U.WORD_UNIT.fullmatch(" " + c[2].split()[-1]) if c else None
    if head and U.unit_name(head) not in ("fold", "age", "point", "cent", "penny"):
        f.unit = U.unit_name(head)  # "517 rushing yards"
    elif c:
        f.unit, f.subject, f.counted = "count", c[2], True
    elif word and word.group(1).lower() in W.CASUALTIES:
        f.unit, f.fallback = "count", W.CASUALTIES[word.group(1).lower()]  # "12 killed"
    elif isinstance(f.value, tuple) or f.value.is_integer():
        f.unit = "count"
        if is_bare(q) and isinstance(f.value, float):
            age, person = unmarked_age(text, q.start, q.end, f.value, not q.num.spelled)
            if age:
                f.unit, f.subject = "age", person  # "Ivor Bell, 77, a leader"
    return True


_ONE_OF = re.compile(
    rf"{SP}+of{SP}+(?:the|my|his|her|its|our|their|your|these|those){SP}+(?:(?:most|least|very){SP}+)?(?=[a-z])"
)


_POSTPOSITIVE = re.compile(
    rf"{SP}+\w+(?:ible|able)(?={SP}+(?:for|to|of|in)\b)"
)  # "the people responsible for"
_PP = re.compile(rf"{SP}+(?:in|of|for|on|at)(?:{SP}+(?:the|a|an|his|her|its|their|our|my|your|this|that))?\b")


def _one_of(text: str, pos: int) -> tuple[int, int, str] | None:
    """The group after "one of the" ("one of the students", "one of my local stores"), with what
    qualifies it when that is a prepositional phrase ("one of the oldest ballparks in America",
    "one of the proudest moments in his life"), as NewsQuant marks them; a relative clause or an
    adverb ends it ("one of the realest conversations that I had"); None for "one of them" and
    "one of the 15"."""
    m = _ONE_OF.match(text, pos)
    c = counted_noun(text, m.end() - 1, False) if m else None
    if c is None:
        return None
    end = c[1]
    if post := _POSTPOSITIVE.match(text, end):
        end = post.end()
    while (pp := _PP.match(text, end)) and (words := _noun_words(text, pp.end())):
        end = words
    return c[0], end, text[c[0] : end]


def _noun_words(text: str, pos: int) -> int:
    """The end of up to three words from `pos` that are neither function words nor numbers (0: none)."""
    end = 0
    for _ in range(3):
        w = W.WORD.match(text, pos)
        if w is None or w.group(1).lower() in W.STOP:
            break
        end = pos = w.end(1)
    return end


def vague(text: str, figs: list[Draft], sent_of: Callable[[int], int]) -> list[Draft]:
    """ "dozens", "thousands of", "tens of millions of dollars": approximate ranges [x, 10x)."""
    out = []
    for m in N.VAGUE.finditer(text):
        if any(f.start < m.end() and m.start() < f.end for f in figs):
            continue
        mult = N.VAGUE_LOW[m.group("mult").lower()] if m.group("mult") else 1
        low = N.VAGUE_LOW[m.group("v").lower()] * mult
        f = Draft(
            m.start(),
            m.end(),
            (float(low), float(low * 10)),
            float(low),
            "count",
            None,
            None,
            sent_of(m.start()),
        )
        f.approx = True
        of = re.match(rf"{SP}+of(?={SP})", text[m.end() :])
        if of:
            c = M.CURRENCY_AFTER.match(text, m.end() + of.end())
            counted = None if c else counted_noun(text, m.end() + of.end(), False)
            if c:
                f.currency = f.unit = M.group_code(c)
                f.end = c.end()
            elif counted:
                f.subject, f.counted = counted[2], True
        if m.group("v").lower() != "tens" or f.counted or f.currency:
            out.append(f)
    return out
