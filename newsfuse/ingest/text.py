"""Plain text articles, optionally headed by `date YYYY-MM-DD` (the seed corpus format).

After the date, optional header lines `source: ...`, `title: ...`, `url: ...`,
`author: ...` may follow, one per line; the body starts after them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_HEADER = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*\n?[ \t]*", re.IGNORECASE)
_FIELD = re.compile(r"(source|title|url|author)[ \t]*:[ \t]*([^\n]+)\n\s*", re.IGNORECASE)


@dataclass(frozen=True)
class TextBody:
    published: str | None
    body_start: int  # offset of the body inside the text as given
    fields: dict[str, str] = field(default_factory=dict)


def split_header(text: str) -> TextBody:
    """Find the `date YYYY-MM-DD` header (and optional field lines); the body starts after them."""
    m = _HEADER.match(text)
    if not m:
        lead = len(text) - len(text.lstrip())
        return TextBody(published=None, body_start=lead)
    pos, fields = m.end(), {}
    while fm := _FIELD.match(text, pos):
        fields[fm.group(1).lower()] = fm.group(2).strip()
        pos = fm.end()
    return TextBody(published=m.group(1), body_start=pos, fields=fields)
