"""HTML read but not yet extracted: `RawPage`, turned into an `Article` by `page_article`.

Extraction is most of ingest's time (trafilatura and a readability pass per page), so a run reads HTML
files and WARC records as raw pages in its own process and extracts them where the analysis runs (the
engine's worker processes or Dask workers), in parallel. `page_article` is the one place a raw page
becomes an article, in this process or a worker: the same article, the same coded errors.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..budget import deadline, seconds_for
from ..errors import BadRecord, NewsfuseError, TimedOut
from ..model import Article

HTML_BYTES_PER_CHAR = 10  # extraction's time budget counts a page as a text a tenth of its size


@dataclass(frozen=True)
class RawPage:
    """One HTML page as read: a file (`record` None) or a WARC record (its number in the file)."""

    origin: str  # the file it came from
    data: bytes
    url: str | None = None
    record: int | None = None

    @property
    def chars(self) -> int:
        """The size the time budgets count it as."""
        return len(self.data) // HTML_BYTES_PER_CHAR

    def where(self) -> str:
        return self.origin if self.record is None else f"{self.origin}: record {self.record} ({self.url})"


def page_article(page: RawPage) -> Article:
    """Extract the page's article; errors are coded and name the file (and the WARC record)."""
    from . import make_article
    from .html import extract_html

    name = page.origin
    try:
        with deadline(seconds_for(page.chars), f"{page.where()}: extraction", name):
            html = extract_html(page.data, url=page.url)
    except NewsfuseError as e:
        if page.record is not None:  # one record of a WARC file: the file's other records go on
            raise BadRecord(f"{page.where()}: {e.message}", path=name) from e
        if isinstance(e, TimedOut):
            raise
        # the page's own errors say "<html>": name the file
        raise type(e)(f"{name}: {e.message.split(': ', 1)[-1]}", hint=e.hint, path=name) from e
    return make_article(
        html.text,
        title=html.title,
        published=html.published,
        source=html.sitename or "",
        url=html.url or page.url,
        authors=html.authors,
        language=html.language,
        origin=name if page.record is None else f"{name}#{page.record}",
    )
