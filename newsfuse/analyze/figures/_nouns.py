"""Counted nouns: the plural noun phrase a number counts ("126 Indians", "12 of the 126 workers")."""

from __future__ import annotations

import re

from . import _numbers as N
from . import _words as W
from ._numbers import SP


def plural(w: str) -> bool:
    lw = w.lower()
    if lw in W.IRREGULAR_PLURALS:
        return True
    return (
        len(lw) > 2
        and lw.endswith("s")
        and not lw.endswith(("ss", "us", "is", "'s", "’s"))
        and lw not in W.STOP
    )


def plural_follows(text: str, pos: int) -> bool:
    m = W.WORD.match(text, pos)
    return bool(m and plural(m.group(1)))


def counted_noun(text: str, pos: int, one: bool, numeral: bool = False) -> tuple[int, int, str] | None:
    """The counted noun phrase after a number: up to three words ending in a plural ("126 Indians",
    "12 of the 126 workers"); after "one", a singular noun with at most one adjective."""
    words: list[re.Match[str]] = []
    m = re.match(
        rf"{SP}+of{SP}+(?:the|these|those|its|their|his|her|our){SP}+(?:(?:\d[\d,]*|\w+){SP}+)?", text[pos:]
    )
    if m and not one:
        pos += m.end() - 1
    while len(words) < 3:
        w = W.WORD.match(text, pos)
        if not w:
            break
        lw = w.group(1).lower()
        if lw in ("more", "additional") and not words:
            pos = w.end()
            continue
        if lw in W.STOP or lw in N.SMALL or lw in N.TENS or re.fullmatch(W.MONTHS.lower(), lw):
            break
        if (
            one
            and words
            and (lw.endswith("s") or not W.ADJECTIVE.search(words[0].group(1)) or not lw.isalpha())
        ):
            break
        words.append(w)
        pos = w.end()
        if not one and plural(w.group(1)):
            return words[0].start(1), w.end(1), _phrase(words)
        if one and len(words) == 2:
            break
    if one and words and not (len(words) == 1 and words[0].group(1).endswith("ed")):  # not "one published"
        return words[0].start(1), words[-1].end(1), _phrase(words)
    first = words[0].group(1) if words else ""
    if numeral and len(words) >= 2 and first.islower() and not W.MODIFIER.search(first):
        return words[0].start(1), words[0].end(1), first  # "a 12 page document"
    return None


def _phrase(words: list[re.Match[str]]) -> str:
    """The counted phrase less a participle in front: "400 charging stations" -> "stations"."""
    first = words[0].group(1)
    if len(words) == 2 and first.islower() and re.search(r"(?:ing|ed)$", first) and first not in W.ING_NOUNS:
        return words[1].group(1)
    return " ".join(w.group(1) for w in words)
