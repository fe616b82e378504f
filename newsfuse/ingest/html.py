"""HTML pages -> article text and metadata (offline: nothing is ever fetched).

    >>> page = extract_html(read_html_file(Path("story.html.gz")), url="https://example.com/story")
    >>> page.title, page.published, page.authors

The body comes from trafilatura and a readability pass voting on each other's paragraphs
(see ``_html_body``); metadata from JSON-LD, <meta> tags and markup, with htmldate for the date
(see ``_html_meta``); bytes are decoded by BOM, declared charset, or sniffing (``_html_decode``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml.html import HtmlElement
from trafilatura.utils import load_html

from newsfuse.errors import EmptyInput, InputNotFound
from newsfuse.ingest._html_authors import clean_authors, split_byline
from newsfuse.ingest._html_body import extract_body
from newsfuse.ingest._html_decode import decode_html, repair_mojibake
from newsfuse.ingest._html_lang import guess_language
from newsfuse.ingest._html_meta import extract_meta

__all__ = [
    "HtmlPage",
    "clean_authors",
    "decode_html",
    "extract_html",
    "read_html_file",
    "repair_mojibake",
    "split_byline",
]


@dataclass(frozen=True)
class HtmlPage:
    title: str
    text: str  # main article text, paragraphs separated by "\n\n"
    published: str | None  # ISO YYYY-MM-DD publication date (not the modified/crawl date)
    authors: tuple[str, ...]  # clean names: no "By", one per entry, no outlet name, no emails
    language: str | None  # ISO 639-1 code, declared by the page or guessed from the text
    url: str | None  # the canonical URL the page declares, else the url given
    sitename: str | None  # the outlet's name (og:site_name, JSON-LD publisher, ...)


def read_html_file(path: Path) -> str:
    """Read an .html (or gzipped .html.gz) file into text, decoding by BOM, declared charset,
    UTF-8, or sniffing, and repairing UTF-8-read-as-Latin-1 mojibake."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError as err:
        raise InputNotFound(f"{path}: no such file", path=str(path)) from err
    return _decode(data, str(path))


def extract_html(html: str | bytes, url: str | None = None) -> HtmlPage:
    """Extract the article of one HTML page (bytes may be gzipped); raises EmptyInput when it has
    no article text. Nothing is fetched, whatever the page links to."""
    source = url or "<html>"
    text = _decode(html, url) if isinstance(html, bytes) else repair_mojibake(html)
    if not text.strip():
        raise EmptyInput(f"{source}: the HTML is empty", path=url)
    tree = _parse(text)
    if tree is None:
        raise EmptyInput(f"{source}: not an HTML document", path=url)
    meta = extract_meta(tree, url)
    h1 = tree.find(".//h1")
    headlines = (meta.title, h1.text_content() if h1 is not None else "")
    paragraphs = extract_body(tree, url, headlines)
    if not paragraphs:
        raise EmptyInput(
            f"{source}: no article text found in the page",
            hint="The page may be an index, a login wall, or rendered by JavaScript; "
            "remove it from the batch or give the rendered HTML.",
            path=url,
        )
    body = "\n\n".join(paragraphs)
    return HtmlPage(
        title=meta.title,
        text=body,
        published=meta.published,
        authors=meta.authors,
        language=meta.language or guess_language(body),
        url=meta.url,
        sitename=meta.sitename,
    )


def _decode(data: bytes, source: str | None) -> str:
    try:
        return decode_html(data)
    except (OSError, EOFError) as err:  # gzip.BadGzipFile is an OSError
        raise EmptyInput(f"{source or '<html>'}: truncated or corrupt gzip ({err})", path=source) from err


def _parse(text: str) -> HtmlElement | None:
    tree = load_html(text)
    if tree is None or len(tree) == 0:
        # trafilatura rejects bare fragments ("<p>x</p>"); give them a document around them
        tree = load_html(f"<html><body>{text}</body></html>")
    return tree
