"""The headline, and the line that says what the outlets disagree about.

The headline is the outlets' title most central to the story, among those that state no
disputed figure as settled: a title may state a conflict's value only when that value is the
majority's ("death toll at 14" when four outlets say 14 and one says 17; never "17 dead"). With
no such title, the lead sentence of the most central article serves, cut at a clause break.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ..model import Fact, Mention

_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_CLAUSE = re.compile(r",\s|;\s|\s\u2014\s|\s-\s")
MAX_WORDS = 20


def _numbers(text: str) -> set[str]:
    return {n.replace(",", "").rstrip(".") for n in _NUMBER.findall(text)}


def variants(fact: Fact) -> list[list[Mention]]:
    """A fact's statements grouped by value, the reference (consensus) value first."""
    groups: dict[int, list[Mention]] = {}
    for m in fact.mentions:
        groups.setdefault(m.variant, []).append(m)
    return [groups[k] for k in sorted(groups)]


def disputed_numbers(conflicts: Sequence[Fact]) -> set[str]:
    """Numbers (as written, without separators) that a headline must not state as settled."""
    out: set[str] = set()
    for fact in conflicts:
        groups = variants(fact)
        settled = _numbers(" ".join(m.text for m in groups[0])) if fact.majority else set()
        for group in groups[0 if not fact.majority else 1 :]:
            out |= _numbers(" ".join(m.text for m in group)) - settled
    return out


def clause_cut(text: str, max_words: int = MAX_WORDS) -> str:
    words = text.split()
    if len(words) <= max_words:
        return text.rstrip(".")
    for m in reversed(list(_CLAUSE.finditer(text))):
        head = text[: m.start()]
        if 6 <= len(head.split()) <= max_words:
            return head
    return " ".join(words[:max_words]) + " …"


def choose_headline(
    titles: Sequence[str], leads: Sequence[str], centrality: Callable[[str], float], conflicts: Sequence[Fact]
) -> str:
    """The most central title free of disputed figures; else such a lead sentence; else the best title."""
    banned = disputed_numbers(conflicts)
    ok = [t for t in dict.fromkeys(titles) if t and not (_numbers(t) & banned)]
    if ok:
        return max(ok, key=lambda t: (centrality(t), -titles.index(t)))
    cut = [clause_cut(s) for s in leads]
    ok = [s for s in cut if s and not (_numbers(s) & banned)]
    if ok:
        return max(ok, key=centrality)
    return titles[0] if titles else (cut[0] if cut else "(untitled story)")


def _outlets(group: Sequence[Mention]) -> str:
    return ", ".join(sorted({m.source for m in group}))


def disagreement_line(conflicts: Sequence[Fact], label: Callable[[Fact], str]) -> str:
    """ "Outlets disagree on deaths: 14 (Coastal Wire, ...) against 17 (Northern Post), 14 by majority."""
    parts = []
    for fact in conflicts:
        groups = variants(fact)
        values = " against ".join(f"{g[0].text} ({_outlets(g)})" for g in groups)
        verdict = f"; most outlets say {groups[0][0].text}" if fact.majority else "; no majority"
        parts.append(f"{label(fact)}: {values}{verdict}")
    return ("Outlets disagree on " + "; and on ".join(parts) + ".") if parts else ""
