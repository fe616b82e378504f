"""Turn raw bylines into clean author names: no "By", one name per entry, no outlet, no emails."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

_EMAIL = re.compile(r"\S+@\S+\.\w+")
_URL = re.compile(r"https?://\S+|www\.\S+")
_HANDLE = re.compile(r"(?<!\w)@\w+")
_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_BY_PREFIX = re.compile(
    r"^(?:(?:written|posted|reported|story|words|text|photos?|published|updated|analysis|opinion|commentary"
    r"|review|interview|column|reporting)\s+)?"
    r"(?:by|from|von|par|por|di|door|av|af|przez|autor(?:in)?|author|reporter)\s*[:\-]?\s+",
    re.IGNORECASE,
)
# case-sensitive on purpose: "Mary Y. Chen" must not split at "Y"
_SPLIT = re.compile(r"\s*(?:[,;|/&\u3001\n]|\s(?:and|And|AND|und|et|y|e|with|mit)\s)\s*")
_ROLE_WORDS = {
    "staff", "writer", "writers", "editor", "editors", "editorial", "contributor", "contributors",
    "correspondent", "reporter", "reporters", "columnist", "admin", "administrator", "desk", "newsroom",
    "team", "redaktion", "redacción", "rédaction", "redazione", "agency", "agencies", "wire", "wires",
    "senior", "chief", "deputy", "associate", "managing", "political", "business", "sports", "science",
    "technology", "health", "news", "opinion", "guest", "special", "contributing", "reports", "report",
    "staffer", "bureau", "photographer", "author", "updated", "published", "posted", "more", "view",
    "all", "posts", "articles", "follow", "email", "twitter", "read", "bio", "the", "by",
}  # fmt: skip
# trailing role words make a non-name ("AP Sports Writer", "Jerusalem Post Staff", "CNN Editor-at-large")
_ROLE_ENDINGS = {
    "writer", "writers", "editor", "editors", "editor-at-large", "correspondent", "correspondents", "reporter",
    "reporters", "columnist", "contributor", "producer", "staff", "desk", "team", "newsroom", "bureau",
    "reports", "wire", "wires", "services", "service", "editorial", "agencies", "agency",
}  # fmt: skip
_CREDENTIALS = {
    "md", "ms", "phd", "rdn", "rd", "mph", "mba", "jr", "sr", "cpa", "esq", "dds", "rn", "np", "dvm", "ma",
    "ba", "bsc", "msc", "cfp", "facs", "facp", "lcsw", "pharmd", "dr", "prof",
}  # fmt: skip
_OUTLET_SUFFIXES = _ROLE_ENDINGS | {"sport", "sports", "business", "news", "media", "digital", "online", "weekly",
                                    "daily", "com", "magazine", "tv", "radio", "politics", "tech", "world"}  # fmt: skip
# a weekday or month name after the name: "Jeff Foust Monday", "Carrie Arnold November 19"
_DATE_TAIL = re.compile(
    r"(?<=\S)\s*(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|April|May|June|July"
    r"|August|September|October|November|December|Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)\b.*$"
)
# "Finian Cunningham. Sputnik International": a full stop after a word longer than an initial
_SENTENCE_BREAK = re.compile(r"(?<=\w{3})\.\s+(?=[A-Z])")
_LEADING_JOINER = re.compile(r"^(?:and|und|et|y|e|with)\s+")
_DATE_WORD = re.compile(
    r"^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|january|february|march|april|may|june|july|august"
    r"|september|october|november|december)$",
    re.IGNORECASE,
)
_DATEISH = re.compile(r"\d|\b(?:am|pm|gmt|utc|edt|est|pst|pdt|bst|cet)\b", re.IGNORECASE)
_MAX_WORDS = 5
_MAX_CHARS = 60


def clean_authors(sources: Iterable[list[str]], sitename: str | None, url: str | None) -> tuple[str, ...]:
    """Names from the first source that yields any; ``sources`` are grouped most-reliable first."""
    outlets = _outlet_keys(sitename, url)
    for raw_values in sources:
        names: list[str] = []
        seen: set[str] = set()
        for raw in raw_values:
            for name in split_byline(raw):
                key = _key(name)
                if key in seen or _is_outlet(name, outlets):
                    continue
                seen.add(key)
                names.append(name)
        if names:
            return tuple(names)
    return ()


def split_byline(raw: str) -> list[str]:
    """'By Jane Doe and John Roe, Staff Writers' -> ['Jane Doe', 'John Roe']."""
    text = _PAREN.sub(" ", raw)
    text = _EMAIL.sub(" ", text)
    text = _URL.sub(" ", text)
    text = _HANDLE.sub(" ", text)
    text = _SENTENCE_BREAK.sub("\n", text)
    names = []
    for part in _SPLIT.split(text):
        part = " ".join(part.split())
        name = _BY_PREFIX.sub("", part.strip(" .:-\u2013\u2014\u00b7\u2022"))
        name = _DATE_TAIL.sub("", name).strip(" .:-\u2013\u2014\u00b7\u2022'\"")
        name = _LEADING_JOINER.sub("", name)
        if _looks_like_name(name):
            names.append(_fix_case(name))
    return names


def _looks_like_name(name: str) -> bool:
    words = name.split()
    if not words or len(words) > _MAX_WORDS or len(name) > _MAX_CHARS:
        return False
    if _DATEISH.search(name) or not any(c.isalpha() for c in name):
        return False
    lowered = [w.strip(".,").lower() for w in words]
    if all(w in _ROLE_WORDS for w in lowered) or lowered[-1] in _ROLE_ENDINGS:
        return False
    if len(words) == 1 and (
        lowered[0] in _CREDENTIALS or "admin" in lowered[0] or _DATE_WORD.match(words[0])
    ):
        return False
    return not (len(words) == 1 and "." in name.strip("."))  # "humans.txt", "example.com"


def _fix_case(name: str) -> str:
    return name.title() if name.isupper() and len(name) > 3 else name


def _key(name: str) -> str:
    return re.sub(r"[\W_]+", "", name.casefold())


def _outlet_keys(sitename: str | None, url: str | None) -> list[list[str]]:
    """Each way of naming the outlet, as lower-case words: site name (with and without "The"),
    and the host's main label ("wired" for www.wired.com)."""
    keys: list[list[str]] = []
    if sitename:
        if sitename.startswith(("http://", "https://")):
            sitename = urlsplit(sitename).hostname or ""
        words = _words(sitename)
        keys.append(words)
        if words[:1] == ["the"]:
            keys.append(words[1:])
    host = urlsplit(url).hostname if url else None
    if host:
        labels = [label for label in host.split(".") if label not in ("www", "m", "amp", "edition")]
        if len(labels) >= 2:
            keys.append([labels[-2]])
    return [k for k in keys if k]


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _is_outlet(name: str, outlets: list[list[str]]) -> bool:
    """The outlet itself, or its desk: 'WIRED', 'The Guardian', 'CNN Business', 'Telegraph Sport'."""
    words = _words(name)
    if not words:
        return True
    joined = "".join(words)
    for outlet in outlets:
        flat = "".join(outlet)
        if joined in (flat, flat + "com") or (
            len(joined) >= 4 and flat.startswith(joined) and len(words) == 1
        ):
            return True
        if words[: len(outlet)] == outlet and all(w in _OUTLET_SUFFIXES for w in words[len(outlet) :]):
            return True
        if joined.startswith(flat) and len(words) <= 3 and words[-1] in _OUTLET_SUFFIXES:
            return True
    return False
