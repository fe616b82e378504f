"""The evidence view: an article's text as given, with the spans a brief cites marked and anchored.

File names for static pages are derived from article ids by hashing whenever an
id is not a plain token, so no path is ever built from input data.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Article, Brief, Citation

_SAFE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def page_name(article_id: str) -> str:
    """A file name for an article page: the id itself if it is a plain token, else its hash."""
    if _SAFE.match(article_id):
        return f"{article_id}.html"
    return "a" + hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:16] + ".html"


def anchor(start: int, end: int) -> str:
    return f"c-{start}-{end}"


@dataclass(frozen=True)
class Piece:
    text: str
    anchor: str | None  # set on cited text


def cited_spans(briefs: Iterable[Brief], article_id: str) -> list[tuple[int, int]]:
    spans: set[tuple[int, int]] = set()
    for b in briefs:
        cites: list[Citation] = [c for s in b.sentences for c in s.citations]
        cites += [c for ch in b.checks for c in ch.citations]
        cites += [q.citation for q in b.quotes] + [t.citation for t in b.timeline]
        cites += [m.sentence for f in b.facts for m in f.mentions if m.sentence is not None]
        spans |= {(c.start, c.end) for c in cites if c.article == article_id}
    return sorted(spans)


def pieces(text: str, spans: Iterable[tuple[int, int]]) -> list[Piece]:
    """Split text into plain and cited pieces; overlapping citations merge into the first one's anchor."""
    out: list[Piece] = []
    pos = 0
    for start, end in sorted(spans):
        start, end = max(start, pos), min(end, len(text))
        if end <= start:
            continue
        if start > pos:
            out.append(Piece(text[pos:start], None))
        out.append(Piece(text[start:end], anchor(start, end)))
        pos = end
    if pos < len(text):
        out.append(Piece(text[pos:], None))
    return out


def article_context(article: Article, spans: Iterable[tuple[int, int]]) -> dict[str, object]:
    return {"a": article, "pieces": pieces(article.original or article.text, spans)}
