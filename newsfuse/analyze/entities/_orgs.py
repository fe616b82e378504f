"""Names other than people's (organisations, countries, places, ...): a comparison key with "the",
dots and country aliases ("U.S." = "United States") unified, acronyms joined to the name they
abbreviate ("NSA" -> "National Security Agency"), inside an article (`org_names`) and across a
story's articles (`orgs_across`, plus near-identical spellings of longer names)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from rapidfuzz import fuzz

_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
COUNTRY_ALIASES = {
    "us": "United States", "usa": "United States", "united states of america": "United States",
    "united states": "United States", "uk": "United Kingdom", "britain": "United Kingdom",
    "great britain": "United Kingdom", "united kingdom": "United Kingdom", "uae": "United Arab Emirates",
    "un": "United Nations", "united nations": "United Nations", "eu": "European Union",
    "european union": "European Union", "russian federation": "Russia", "prc": "China",
    "dprk": "North Korea",
}  # fmt: skip


def _acronym(name: str) -> str:
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in ("of", "and", "the", "for", "&")]
    return "".join(w[0] for w in words if w[:1].isupper()) if len(words) > 1 else ""


def org_key(name: str) -> str:
    """Comparison key for a non-person name: lowercase, no dots, no leading "the", aliases applied."""
    key = " ".join(_LEADING_THE.sub("", name).replace(".", "").lower().split())
    alias = COUNTRY_ALIASES.get(key)
    return alias.lower() if alias else key


def org_names(names: Iterable[str]) -> dict[str, str]:
    """name -> canonical for non-person names: aliases, and acronyms of longer names."""
    names = list(dict.fromkeys(names))
    out = {n: COUNTRY_ALIASES.get(org_key(n), _LEADING_THE.sub("", n)) for n in names}
    long_by_acronym: dict[str, str] = {}
    for n in names:
        acr = _acronym(_LEADING_THE.sub("", n))
        if len(acr) >= 2:
            long_by_acronym.setdefault(acr, out[n])
    for n in names:
        bare = n.replace(".", "")
        if bare.isupper() and bare in long_by_acronym and org_key(n) not in COUNTRY_ALIASES:
            out[n] = long_by_acronym[bare]
    return out


def orgs_across(others: list[str], articles: Counter[str]) -> dict[str, str]:
    """Each article's canonical non-person name -> one story-wide name; `articles` counts the articles
    naming each. Names with one key, acronyms of a longer name and near-identical spellings of longer
    names (keys of 8+ characters, similarity >= 94) are one, named as the one most articles use (then the longest)."""
    base = org_names(others)
    out: dict[str, str] = {}
    by_key: dict[str, str] = {}
    for n in sorted(others, key=lambda n: (-articles[n], -len(n), n)):
        key = org_key(base[n])
        match = by_key.get(key) or next(
            (v for k, v in by_key.items() if len(key) >= 8 and len(k) >= 8 and fuzz.ratio(key, k) >= 94),
            None,
        )
        if match is None:
            by_key[key] = base[n]
            match = base[n]
        out[n] = match
    return out
