"""Content-hash identifiers: the same text always gets the same id."""

from __future__ import annotations

import hashlib
import re

_WS = re.compile(r"\s+")


def normalise_for_hash(text: str) -> str:
    return _WS.sub(" ", text).strip().lower()


def content_id(text: str) -> str:
    return hashlib.sha1(normalise_for_hash(text).encode("utf-8")).hexdigest()[:16]


MAX_ID = 64  # the store's id column


def given_id(value: str) -> str:
    """An id given by an input, as stored: itself up to MAX_ID characters, else a hash of it (stable:
    the same long id always maps to the same stored one)."""
    if len(value) <= MAX_ID:
        return value
    return "h" + hashlib.sha1(value.encode("utf-8", "surrogatepass")).hexdigest()[:20]
