"""RSS 2.0 / Atom feeds (feedparser): full content when the entry has it, else the summary."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import feedparser
import lxml.etree
import lxml.html

from ..errors import BadRecord, EmptyInput
from ._html_body import block_texts


def fragment_to_text(fragment: str) -> str:
    """HTML fragment -> text with paragraphs separated by blank lines."""
    if "<" not in fragment:
        return fragment.strip()
    root = lxml.html.fromstring(f"<div>{fragment}</div>")
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    return "\n\n".join(block_texts(root))


def _date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed"):
        t = entry.get(key)
        if t:
            return time.strftime("%Y-%m-%d", t)
    return None


def iter_feed(data: bytes, name: str) -> Iterator[dict[str, Any] | BadRecord]:
    parsed = feedparser.parse(data)
    readable = [e for e in parsed.entries if e.get("content") or e.get("summary")]
    if parsed.bozo and not readable:
        raise EmptyInput(f"{name}: not a readable RSS/Atom feed ({parsed.get('bozo_exception')})", path=name)
    site = parsed.feed.get("title", "")
    for i, entry in enumerate(parsed.entries, 1):
        content = ""
        if entry.get("content"):
            content = max((c.get("value", "") for c in entry.content), key=len)
        summary_only = not content
        html = content or entry.get("summary") or ""
        try:
            text = fragment_to_text(str(html))
        except (ValueError, lxml.etree.LxmlError) as e:
            yield BadRecord(f"{name}: entry {i} is not readable HTML ({e})", path=name)
            continue
        if not text.strip():
            yield BadRecord(f"{name}: entry {i} has no content or summary", path=name)
            continue
        authors = [a.get("name", "") for a in entry.get("authors", []) if a.get("name")]
        if not authors and entry.get("author"):
            authors = [entry.author]
        yield {
            "title": entry.get("title", ""),
            "text": text,
            "published": _date(entry),
            "url": entry.get("link"),
            "authors": authors,
            "source": site,
            "language": parsed.feed.get("language"),
            "_line": i,
            "_summary_only": summary_only,
        }
