"""WARC / WARC.gz files (warcio), as in CC-NEWS: HTML responses only, the rest counted as skipped."""

from __future__ import annotations

import contextlib
import gzip
import io
import logging
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..budget import deadline, seconds_for
from ..errors import BadRecord, EmptyInput, NewsfuseError

log = logging.getLogger("newsfuse.ingest.warc")


def iter_warc(path: Path) -> Iterator[dict[str, Any] | BadRecord]:
    from .html import extract_html

    with path.open("rb") as f:
        records = ArchiveIterator(f)
        try:
            for i, rec in _quietly(enumerate(records, 1)):
                if rec.rec_type != "response":
                    continue
                ctype = (rec.http_headers.get_header("Content-Type") or "") if rec.http_headers else ""
                if "html" not in ctype.lower():
                    yield BadRecord(f"{path}: record {i} is {ctype or 'not HTML'}, skipped", path=str(path))
                    continue
                url = rec.rec_headers.get_header("WARC-Target-URI")
                try:
                    data = rec.content_stream().read()
                    with deadline(seconds_for(len(data) // 10), f"{path}: record {i} ({url})", str(path)):
                        page = extract_html(data, url=url)
                except NewsfuseError as e:
                    yield BadRecord(f"{path}: record {i} ({url}): {e.message}", path=str(path))
                    continue
                yield {
                    "title": page.title,
                    "text": page.text,
                    "published": page.published,
                    "url": page.url or url,
                    "authors": list(page.authors),
                    "source": page.sitename or "",
                    "language": page.language,
                    "_line": i,
                }
        except ArchiveLoadFailed as e:
            raise EmptyInput(f"{path}: not a readable WARC file ({e})", path=str(path)) from e
        except (
            AttributeError,
            TypeError,
            ValueError,
            EOFError,
            zlib.error,
        ) as e:  # warcio on a mangled record
            raise EmptyInput(
                f"{path}: a malformed WARC record ({type(e).__name__}: {e}); the records before it were read",
                path=str(path),
            ) from e
        finally:  # a record cut short leaves warcio's spooled buffer open otherwise
            records.close()
    if path.suffix == ".gz" and not _gzip_complete(path):
        yield BadRecord(f"{path}: truncated gzip; records after the cut are lost", path=str(path))


def _quietly(items: Iterator[tuple[int, Any]]) -> Iterator[tuple[int, Any]]:
    """warcio writes its warnings about malformed records straight to stderr: catch them while it reads
    and hand them to newsfuse's log (a truncated record is reported as a coded error anyway)."""
    while True:
        noise = io.StringIO()
        with contextlib.redirect_stderr(noise):
            try:
                item = next(items)
            except StopIteration:
                item = None
        if noise.getvalue().strip():
            log.warning("%s", noise.getvalue().strip())
        if item is None:
            return
        yield item


def _gzip_complete(path: Path) -> bool:
    """warcio stops quietly at a truncated gzip member; read the stream to its end to tell."""
    try:
        with gzip.open(path, "rb") as f:
            while f.read(1 << 20):
                pass
    except (EOFError, OSError, zlib.error):
        return False
    return True
