"""Grouping people's mentions by surname: inside an article (`cluster_people`) and across a story's
articles (`people_across`)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ._names import compatible, name_score, split_name


@dataclass
class _Person:
    names: list[str]  # full forms (given names + surname), titles stripped
    surname: str
    positions: list[int]


def cluster_people(mentions: list[tuple[int, str]]) -> dict[int, str]:
    """Mention index -> canonical name, for (index, name without titles) in text order."""
    people: list[_Person] = []
    owner: dict[int, _Person] = {}
    for i, name in mentions:  # full names first
        given, surname = split_name(name)
        if not given or not surname:
            continue
        fits = [p for p in people if p.surname == surname and all(compatible(name, n) for n in p.names)]
        person = max(fits, key=lambda p: p.positions[-1]) if fits else None
        if person is None:
            person = _Person([], surname, [])
            people.append(person)
        person.names.append(name)
        person.positions.append(i)
        owner[i] = person
    for i, name in mentions:  # then bare surnames
        if i in owner:
            continue
        _, surname = split_name(name)
        fits = [p for p in people if p.surname == surname]
        before = [p for p in fits if p.positions[0] < i]
        if before:
            owner[i] = max(before, key=lambda p: max(x for x in p.positions if x < i))
        elif fits:
            owner[i] = min(fits, key=lambda p: p.positions[0])
        else:
            owner[i] = _Person([name], surname, [i])
            people.append(owner[i])
        owner[i].positions.append(i)
    return {i: max(p.names, key=lambda n: (name_score(n), -p.names.index(n))) for i, p in owner.items()}


def people_across(persons: list[str], articles: Counter[str]) -> dict[str, str]:
    """Each article's canonical person name -> one story-wide name; `articles` counts the articles
    naming each. Compatible names are one person, named by the most complete form (then the one most
    articles use); a bare surname joins the person with that surname most articles mention."""
    out: dict[str, str] = {}
    groups: list[list[str]] = []
    for n in sorted((n for n in persons if split_name(n)[0]), key=lambda n: (-articles[n], n)):
        fit = next((g for g in groups if all(compatible(n, m) for m in g)), None)
        if fit is None:
            groups.append([n])
        else:
            fit.append(n)
    for g in groups:
        best = max(g, key=lambda n: (name_score(n)[:3], articles[n], name_score(n)[3], n))
        out.update(dict.fromkeys(g, best))
    for n in persons:
        if n in out:
            continue
        fits = [g for g in groups if split_name(g[0])[1] == split_name(n)[1]]
        if fits:
            out[n] = out[max(fits, key=lambda g: sum(articles[m] for m in g))[0]]
        else:
            out[n] = n
    return out
