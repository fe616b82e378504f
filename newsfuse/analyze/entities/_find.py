"""Named entities with canonical names and roles: `find_entities`, `canonical_across`. (The package docstring describes the conventions.)"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from ...model import Entity
from ._names import POSSESSIVE, clean_name, compatible, name_score, parts, split_name
from ._orgs import COUNTRY_ALIASES, org_key, org_names, orgs_across
from ._people import cluster_people, people_across
from ._places import gpe_role
from ._roles import HEADS, HONORIFICS, role_after, role_before, strip_titles

__all__ = [
    "COUNTRY_ALIASES",
    "HEADS",
    "KEEP",
    "canonical_across",
    "clean_name",
    "compatible",
    "find_entities",
    "name_score",
    "org_key",
    "parts",
    "strip_titles",
]

KEEP = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"}


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop surrounding whitespace/quotes, anything after a line break, and a trailing possessive."""
    span = text[start:end]
    cut = span.find("\n")
    if cut > 0:
        end = start + cut
    while end > start and (text[end - 1].isspace() or text[end - 1] in ',;:"\u201c\u201d('):
        end -= 1
    while start < end and (text[start].isspace() or text[start] in "\"\u201c\u201d'\u2018)"):
        start += 1
    m = POSSESSIVE.search(text[start:end])
    if m and end - start > len(m.group()):
        end = start + m.start()
    return start, end


def find_entities(doc: Any, text: str | None = None) -> list[Entity]:
    """Entities of `doc` (whose text is `text`, when the caller has it: `doc.text` is rebuilt)."""
    text = doc.text if text is None else text
    raw: list[tuple[str, int, int, Any]] = []
    for e in doc.ents:
        if e.label_ not in KEEP:
            continue
        s, t = _trim(text, e.start_char, e.end_char)
        if t > s and any(c.isalnum() for c in text[s:t]):
            raw.append((e.label_, s, t, e))
    person_mentions: list[tuple[int, str]] = []
    titles: dict[int, str] = {}
    for i, (label, s, t, _) in enumerate(raw):
        if label == "PERSON":
            title, name = strip_titles(clean_name(text[s:t]))
            if name:
                person_mentions.append((i, name))
                if title and title.lower().strip(".") not in HONORIFICS:
                    titles[i] = title
    surnames = {split_name(n)[1] for _, n in person_mentions} - {""}
    for i, (label, s, t, _) in enumerate(raw):  # "Lavrov" tagged ORG where Sergey Lavrov is named
        name = clean_name(text[s:t])
        relabel = label in ("ORG", "PRODUCT", "NORP", "WORK_OF_ART", "FAC") and len(name.split()) == 1
        if relabel and split_name(name)[1] in surnames:
            raw[i] = ("PERSON", s, t, raw[i][3])
            person_mentions.append((i, name))
    person_mentions.sort()
    people = cluster_people(person_mentions)
    others = org_names(clean_name(text[s:t]) for label, s, t, _ in raw if label != "PERSON")
    out: list[Entity] = []
    first_role: dict[str, str] = {}
    roles: dict[int, str | None] = {}
    for i, (label, s, t, span) in enumerate(raw):
        if label == "PERSON" and i in people:
            if i in titles:  # "Russian President Vladimir Putin": the title is inside the mention
                mods = role_before(text, s, need_head=False)
                role: str | None = f"{mods} {titles[i]}" if mods else titles[i]
            else:
                role = role_before(text, s) or role_after(text, t)
            roles[i] = role
            if role:
                first_role.setdefault(people[i], role)
        elif label == "GPE":
            roles[i] = gpe_role(text, s, t, span)
    for i, (label, s, t, _) in enumerate(raw):
        if label == "PERSON" and i in people:
            canonical = people[i]
            role = roles.get(i) or first_role.get(canonical)
        else:
            canonical = others.get(clean_name(text[s:t]), clean_name(text[s:t]))
            role = roles.get(i)
        out.append(Entity(text[s:t], label, s, t, canonical, role))
    return out


def canonical_across(entity_lists: Sequence[Sequence[Entity]]) -> dict[str, str]:
    """Each article's canonical names -> one story-wide name.

    People: names whose surnames match and given names agree are one person, named by the most
    complete form (then the one most articles use); a bare surname joins the person with that
    surname that most articles mention. Others: same key after aliases ("U.S." = "United States"),
    acronyms of a longer name, and near-identical spellings of longer names are one.
    """
    label_votes: dict[str, Counter[str]] = {}
    articles: Counter[str] = Counter()
    for ents in entity_lists:
        seen = set()
        for e in ents:
            label_votes.setdefault(e.canonical, Counter())[e.label] += 1
            seen.add(e.canonical)
        articles.update(seen)
    label = {n: votes.most_common(1)[0][0] for n, votes in label_votes.items()}
    persons = [n for n in label if label[n] == "PERSON"]
    out = people_across(persons, articles)
    out.update(orgs_across([n for n in label if label[n] != "PERSON"], articles))
    return out
