"""Content-hash identifiers: the same text always gets the same id."""

from __future__ import annotations

import hashlib
import re

_WS = re.compile(r"\s+")


def normalise_for_hash(text: str) -> str:
    return _WS.sub(" ", text).strip().lower()


def content_id(text: str) -> str:
    return hashlib.sha1(normalise_for_hash(text).encode("utf-8")).hexdigest()[:16]
