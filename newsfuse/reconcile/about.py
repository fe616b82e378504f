"""Which organisation, place or person a figure is about, from its sentence's entities.

Read only where the sentence says it plainly, so that a figure is never filed under an entity
that is merely nearby (a speaker, a place in passing):
- a possessive before what the figure measures: "India's exports were $4.88 billion",
  "4 per cent of Corvane's 30,000 staff";
- what it measures followed by of/from/by/at and a name: "exports from India rose to ...";
- the clause's subject: a name that opens the clause and reaches the figure through its own verb,
  "Corvane Systems reported revenue of $4.27 billion", "Corvane said it would cut 1,200 jobs";
  not when the name only reports someone else's figure ("the Federation said about 900
  containers ..."), nor across another name or a clause break.
Entities are compared by their canonical name ("Corvane" and "Corvane Systems" share one).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Entity, Figure

ABOUT = {"ORG", "GPE", "PERSON", "NORP", "LOC", "FAC"}
_POSSESSIVE = re.compile(r"^['\u2019]s?\b")
_LINK = re.compile(r"^\s+(?:of|from|by|at|for)\s+(?:the\s+)?$", re.I)
_BREAK = re.compile(r"[;:.!?\u2014\u2013]|,\s+(?:and|but|while|whereas|which|who)\b|\b(?:while|whereas)\b")
_SPEECH = re.compile(
    r"\b(?:said|says|say|told|tells|estimated?|estimates|reported that|according|believes?|thinks?|warned|"
    r"claimed|claims|added)\b",
    re.I,
)
_SELF = re.compile(r"^\s*(?:that\s+)?(?:it|they|the (?:company|group|firm|bank|government|country))\b", re.I)


def _subject_at(fig: Figure, text: str) -> tuple[int, int] | None:
    """Where the figure's subject noun is written near it (the last word of `fig.subject`)."""
    if not fig.subject:
        return None
    head = re.escape(fig.subject.split()[-1])
    near = [
        m for m in re.finditer(rf"\b{head}\b", text[max(0, fig.start - 80) : fig.end + 80], re.I)
    ]  # fmt: skip
    if not near:
        return None
    base = max(0, fig.start - 80)
    m = min(near, key=lambda m: abs(base + m.start() - fig.start))
    return base + m.start(), base + m.end()


def entity_of(fig: Figure, text: str, sentence: tuple[int, int] | None, entities: Sequence[Entity]) -> str:
    """The canonical name of the entity `fig` is about, or "" when its sentence does not say."""
    if sentence is None:
        return ""
    lo, hi = sentence
    names = sorted(
        (e for e in entities if e.label in ABOUT and lo <= e.start and e.end <= hi), key=lambda e: e.start
    )
    if not names:
        return ""
    noun = _subject_at(fig, text)
    anchor = min(fig.start, noun[0]) if noun else fig.start
    for e in reversed(names):  # possessive: "India's exports", "Corvane's 30,000 staff"
        if e.end <= anchor and _POSSESSIVE.match(text[e.end : e.end + 2]):
            between = text[e.end : anchor]
            if (
                len(between) < 40
                and not _BREAK.search(between)
                and not any(e.end < x.start < anchor for x in names)
            ):
                return e.canonical
    if noun:  # "exports from India"
        for e in names:
            if e.start >= noun[1] and _LINK.match(text[noun[1] : e.start]):
                return e.canonical
    clause_start = max((m.end() for m in _BREAK.finditer(text, lo, fig.start)), default=lo)
    before = [e for e in names if clause_start <= e.start and e.end <= fig.start]
    if len(before) != 1:
        return ""  # no name in the figure's clause, or several: which one is unclear
    name = before[0]
    lead = text[clause_start : name.start].strip().lower()
    if lead not in ("", "the", "and"):
        return ""  # the name does not open its clause
    between = text[name.end : fig.start]
    speech = _SPEECH.search(between)
    if len(between) > 160 or (speech and not _SELF.match(between[speech.end() :])):
        return ""  # "X said about 900 containers ...": X reports the figure, it is not about X
    return name.canonical
