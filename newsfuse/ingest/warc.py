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

from ..errors import BadRecord, EmptyInput
from .pages import RawPage

log = logging.getLogger("newsfuse.ingest.warc")


def iter_warc(path: Path) -> Iterator[RawPage | BadRecord]:
    """The file's HTML responses as raw pages (extracted later: `pages.page_article`), in order."""
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
                yield RawPage(str(path), rec.content_stream().read(), url, i)
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
