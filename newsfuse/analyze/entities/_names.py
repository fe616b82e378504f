"""People's names: cleaning a mention, splitting it into given names and surname, telling whether two
names could be one person, and which form names a person best."""

from __future__ import annotations

import re
from functools import lru_cache

POSSESSIVE = re.compile(r"(?:['\u2019]s|(?<=s)['\u2019])$")
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
_INITIALS = re.compile(r"(?:[A-Z]\.){2,}")
_NOT_NAME = re.compile(r"[^\w'\u2019-]")


def clean_name(text: str) -> str:
    """Whitespace collapsed, possessive and edge punctuation removed."""
    text = " ".join(text.split()).strip(" ,;:\"'\u201c\u201d\u2018\u2019()[]")
    return POSSESSIVE.sub("", text).strip()


def parts(name: str) -> tuple[list[str], str]:
    """(given names, surname) in lowercase without dots; "S.K. Rao" -> (["s", "k"], "rao")."""
    given, surname = split_name(name)
    return list(given), surname


@lru_cache(maxsize=16384)
def split_name(name: str) -> tuple[tuple[str, ...], str]:
    """`parts`, immutable and cached: a story's briefs compare every pair of its people's names."""
    words = name.split()
    while len(words) > 1 and words[-1].lower().strip(".,") in _SUFFIXES:
        words.pop()
    if not words:
        return (), ""
    given: list[str] = []
    for w in words[:-1]:
        if _INITIALS.fullmatch(w):
            given.extend(c.lower() for c in w if c.isalpha())
        else:
            given.append(w.lower().replace(".", ""))
    return tuple(given), _NOT_NAME.sub("", words[-1]).lower()


def _same_given(x: str, y: str) -> bool:
    return x == y or (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y))


@lru_cache(maxsize=65536)
def compatible(a: str, b: str) -> bool:
    """Could two person names be the same person? Same surname; given names agree where both have
    them (an initial agrees with a name it begins)."""
    ga, sa = split_name(a)
    gb, sb = split_name(b)
    if not sa or sa != sb:
        return False
    if not ga or not gb:
        return True
    if not _same_given(ga[0], gb[0]):
        return False
    return all(_same_given(x, y) for x, y in zip(ga[1:], gb[1:], strict=False))


def name_score(name: str) -> tuple[int, int, int, int]:
    """Which form names a person best: full given names, then more of them, dotted initials, length."""
    given, _ = split_name(name)
    words = name.split()[:-1]
    return (
        sum(len(g) > 1 for g in given),
        len(given),
        sum(bool(re.fullmatch(r"[A-Z]\.", w)) for w in words),
        len(name),
    )
