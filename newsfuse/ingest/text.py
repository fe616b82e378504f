"""Plain text articles, optionally headed by `date YYYY-MM-DD` (the seed corpus format)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_HEADER = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*\n?[ \t]*", re.IGNORECASE)


@dataclass(frozen=True)
class TextBody:
    published: str | None
    body_start: int  # offset of the body inside the text as given


def split_header(text: str) -> TextBody:
    """Find the `date YYYY-MM-DD` header; the body starts after it (and after leading blanks)."""
    m = _HEADER.match(text)
    if m:
        return TextBody(published=m.group(1), body_start=m.end())
    lead = len(text) - len(text.lstrip())
    return TextBody(published=None, body_start=lead)
