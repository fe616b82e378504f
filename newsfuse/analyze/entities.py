"""Named entities with canonical names inside an article.

"S. Jaishankar", "Jaishankar" and "External Affairs Minister S Jaishankar" become
one person ("S. Jaishankar"): the fullest name whose last word matches. A single
word the model tagged as an organisation but that is the surname of a person
named in the same text is re-labelled a person ("Lavrov").
"""

from __future__ import annotations

import re
from typing import Any

from ..model import Entity

KEEP = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"}
_POSSESSIVE = re.compile(r"(?:['\u2019]s|['\u2019])$")
_LEADING_THE = re.compile(r"^(?:the)\s+", re.IGNORECASE)
_TITLES = re.compile(
    r"^(?:(?:mr|mrs|ms|dr|prof|sir|president|prime minister|minister|senator|governor|mayor|chief|"
    r"external affairs minister|foreign minister|secretary|general|judge|justice)\.?\s+)+",
    re.IGNORECASE,
)


def _strip(text: str) -> str:
    text = _POSSESSIVE.sub("", text.strip())
    return " ".join(text.split())


def _name_key(name: str) -> str:
    return re.sub(r"[^\w]", "", name.split()[-1]).lower() if name.split() else ""


def person_names(mentions: list[str]) -> dict[str, str]:
    """surname key -> the fullest form of the name seen."""
    best: dict[str, str] = {}
    for m in mentions:
        name = _TITLES.sub("", _strip(m))
        key = _name_key(name)
        if key and (key not in best or len(name) > len(best[key])):
            best[key] = name
    return best


def canonical_name(text: str, label: str, persons: dict[str, str]) -> str:
    name = _TITLES.sub("", _strip(text)) if label == "PERSON" else _LEADING_THE.sub("", _strip(text))
    if label == "PERSON":
        return persons.get(_name_key(name), name)
    return name


def find_entities(doc: Any) -> list[Entity]:
    ents = [e for e in doc.ents if e.label_ in KEEP]
    persons = person_names([e.text for e in ents if e.label_ == "PERSON"])
    out: list[Entity] = []
    for e in ents:
        label = e.label_
        text = _POSSESSIVE.sub("", e.text)
        if label == "ORG" and len(e) == 1 and _name_key(text) in persons:
            label = "PERSON"
        out.append(
            Entity(text, label, e.start_char, e.start_char + len(text), canonical_name(text, label, persons))
        )
    return out
