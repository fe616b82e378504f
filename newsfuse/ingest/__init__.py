"""Ingest: files, directories, feeds, WARC, JSONL/CSV and stdin -> `Article` (text as given, not yet cleaned).

Bad inputs never stop a batch: each problem is handed to `on_error` as a coded
`NewsfuseError` naming the file (and record), and reading goes on.
"""

from __future__ import annotations

import gzip
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import BadRecord, EmptyInput, InputNotFound, NewsfuseError, TooLarge, UnsupportedInput
from ..model import Article, Segment
from ..stage import Stage
from .ids import content_id, given_id
from .pages import RawPage, page_article
from .records import iter_csv, iter_jsonl
from .text import split_header

__all__ = [
    "STAGE", "RawPage", "article_from_record", "iter_articles", "iter_items", "iter_paths", "make_article",
    "page_article",
]  # fmt: skip

ErrorSink = Callable[[NewsfuseError], None]
# no news page is this big; past it, extraction takes minutes and finds nothing useful
MAX_HTML_BYTES = 20 * 2**20

_TEXT = {".txt", ".text", ".md", ""}
_HTML = {".html", ".htm", ".xhtml"}
_FEED = {".xml", ".rss", ".atom"}
_JSONL = {".jsonl", ".ndjson", ".json"}


def make_article(
    text: str,
    *,
    id: str | None = None,
    title: str = "",
    published: str | None = None,
    source: str = "",
    url: str | None = None,
    authors: Iterable[str] = (),
    language: str | None = None,
    origin: str = "",
) -> Article:
    """An article from text as given; a leading `date YYYY-MM-DD` header is read and kept out of `text`.
    NUL characters and lone surrogates (which no store can hold, and no article means) become a space and
    "?": one character for one, so offsets hold."""
    text = _storable(text, " ")
    title, source, url, language, id = (_storable(x) for x in (title, source, url, language, id))
    authors = [_storable(a) for a in authors if isinstance(a, str)]
    head = split_header(text)
    body = text[head.body_start :].rstrip()
    if not body.strip():
        raise EmptyInput(f"{origin or 'input'}: no article text", path=origin or None)
    given = head.fields
    authors = [*authors] or ([given["author"]] if "author" in given else [])
    return Article(
        id=given_id(str(id)) if id not in (None, "") else content_id(body),
        text=body,
        original=text,
        title=(title or given.get("title", "")).strip(),
        published=_iso_date(published) or _real_date(head.published),
        source=(given.get("source") or source or "").strip(),
        url=url or given.get("url") or None,
        authors=tuple(a.strip() for a in authors if a and a.strip()),
        language=language or None,
        origin=origin,
        segments=(Segment(0, head.body_start, len(body)),),
    )


def _storable(value: Any, nul: str = "") -> Any:
    if not isinstance(value, str):
        return value
    value = value.replace("\x00", nul)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates (from JSON escapes such as "\ud800")
        value = value.encode("utf-8", "replace").decode("utf-8")
    return value


def _real_date(s: str | None) -> str | None:
    """`s` if it is a real calendar date YYYY-MM-DD ("2025-13-45" is not), else None."""
    try:
        return date.fromisoformat(s).isoformat() if s and len(s) == 10 else None
    except ValueError:
        return None


def _iso_date(value: Any) -> str | None:
    if not value:
        return None
    s = str(value).strip()[:200]  # a date, not a document: dateparser's time grows with the string
    if len(s) >= 10 and s[4] == "-" and s[7] == "-" and _real_date(s[:10]):
        return s[:10]
    import dateparser

    try:
        d = dateparser.parse(s, settings={"RETURN_AS_TIMEZONE_AWARE": False})
    except (ValueError, OverflowError, TypeError):  # dateparser on nonsense such as "10^400"
        return None
    return d.date().isoformat() if d else None


def article_from_record(record: Mapping[str, Any], origin: str) -> Article:
    authors = record.get("authors") or []
    if not isinstance(authors, list):  # "A. Writer", or a number or object from a sloppy export
        authors = [authors]
    return make_article(
        str(record["text"]),
        id=record.get("id"),
        title=str(record.get("title") or ""),
        published=record.get("published"),
        source=str(record.get("source") or ""),
        url=record.get("url"),
        authors=[str(a) for a in authors],
        language=record.get("language"),
        origin=origin,
    )


def iter_paths(inputs: Iterable[str]) -> Iterator[Path | str]:
    """Expand inputs into files (directories recursively, sorted); '-' stays as stdin."""
    for item in inputs:
        if item == "-":
            yield "-"
            continue
        p = Path(item)
        if p.is_dir():
            yield from sorted(f for f in p.rglob("*") if f.is_file() and not f.name.startswith("."))
        elif p.is_file():
            yield p
        else:
            raise InputNotFound(f"{item}: no such file or directory", path=item)


def _kind(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    last = suffixes[-1] if suffixes else ""
    if last == ".gz" and len(suffixes) == 2:
        last = suffixes[0]
    if last in {".warc", ".arc"}:
        return "warc"
    if last in _HTML:
        return "html"
    if last in _FEED:
        return "feed"
    if last in _JSONL:
        return "jsonl"
    if last == ".csv":
        return "csv"
    if last in _TEXT or path.suffix.lower() not in {".gz"}:
        return "text"
    return "unknown"


def _read_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    if path.suffix.lower() == ".gz":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as e:
            raise EmptyInput(f"{path}: truncated or corrupt gzip ({e})", path=str(path)) from e
    return data


def _decode(data: bytes, path: str) -> str:
    """Text bytes -> str: BOM, UTF-8, sniffed legacy charsets, mojibake repaired; CRLF -> LF."""
    from ._html_decode import _BOMS, repair_mojibake

    text = None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = data.decode(codec, errors="replace")
            break
    if text is None:
        if b"\x00" in data[:4096]:
            raise UnsupportedInput(f"{path}: looks like a binary file, not text", path=path)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:  # short texts sniff badly: the commonest legacy charset wins
            text = data.decode("cp1252", errors="replace")
    return repair_mojibake(text).lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _from_records(
    records: Iterable[dict[str, Any] | RawPage | NewsfuseError],
    name: str,
    on_error: ErrorSink,
    defer_pages: bool = False,
) -> Iterator[Article | RawPage]:
    for rec in records:
        if isinstance(rec, NewsfuseError):
            on_error(rec)
            continue
        if isinstance(rec, RawPage):
            if defer_pages:
                yield rec
                continue
            try:
                yield page_article(rec)
            except NewsfuseError as e:
                on_error(e)
            continue
        where = f"{name}#{rec.get('_line', '')}"
        try:
            yield article_from_record(rec, where)
        except NewsfuseError as e:
            on_error(e)
        except (ValueError, TypeError, KeyError) as e:  # one unusable record; the file's others are read
            on_error(BadRecord(f"{where}: unusable record ({type(e).__name__}: {e})", path=name))


def _read_one(
    path: Path, mapping: Mapping[str, str], on_error: ErrorSink, defer_pages: bool = False
) -> Iterator[Article | RawPage]:
    kind = _kind(path)
    name = str(path)
    if kind == "jsonl":
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8-sig") as f:
            yield from _from_records(iter_jsonl(f, name, mapping), name, on_error)
    elif kind == "csv":
        yield from _from_records(iter_csv(path, mapping), name, on_error)
    elif kind == "warc":
        from .warc import iter_warc

        yield from _from_records(iter_warc(path), name, on_error, defer_pages)
    elif kind == "feed":
        from .feed import iter_feed

        yield from _from_records(iter_feed(_read_bytes(path), name), name, on_error)
    elif kind == "html":
        if path.stat().st_size > MAX_HTML_BYTES:
            raise TooLarge(
                f"{path}: {path.stat().st_size / 2**20:.0f} MB of HTML, over the {MAX_HTML_BYTES // 2**20} MB limit",
                path=name,
            )
        page = RawPage(name, _read_bytes(path))
        yield page if defer_pages else page_article(page)
    elif kind == "text":
        text = _decode(_read_bytes(path), name)
        yield make_article(text, source=path.stem, origin=name)
    else:
        raise UnsupportedInput(f"{path}: unknown file type", path=name)


def iter_articles(
    inputs: Iterable[str],
    *,
    mapping: Mapping[str, str] | None = None,
    on_error: ErrorSink | None = None,
    stdin_text: str | None = None,
) -> Iterator[Article]:
    """Stream articles from every input; problems go to `on_error` (default: raise). `iter_items` has
    HTML pages come as `RawPage`s instead, to be extracted later (in parallel, by the pipeline)."""
    sink = on_error or _raise
    for item in iter_items(inputs, mapping=mapping, on_error=sink, stdin_text=stdin_text):
        if isinstance(item, Article):
            yield item
            continue
        try:
            yield page_article(item)
        except NewsfuseError as e:
            sink(e)


def _raise(e: NewsfuseError) -> None:
    raise e


def iter_items(
    inputs: Iterable[str],
    *,
    mapping: Mapping[str, str] | None = None,
    on_error: ErrorSink | None = None,
    stdin_text: str | None = None,
) -> Iterator[Article | RawPage]:
    """As `iter_articles`, but HTML pages (files and WARC records) come unextracted, as `RawPage`s."""
    sink = on_error or _raise
    fields = dict(mapping or {})
    for item in inputs:
        try:
            paths = list(iter_paths([item]))
        except NewsfuseError as e:
            sink(e)
            continue
        for path in paths:
            try:
                if path == "-":
                    text = stdin_text if stdin_text is not None else sys.stdin.read()
                    yield make_article(text, origin="<stdin>")
                else:
                    assert isinstance(path, Path)
                    yield from _read_one(path, fields, sink, defer_pages=True)
            except NewsfuseError as e:
                sink(e)
            except (OSError, ValueError, EOFError) as e:
                sink(EmptyInput(f"{path}: could not be read ({e})", path=str(path)))
            except Exception as e:  # noqa: BLE001 - a reader tripped on a malformed file: coded, reading goes on
                sink(UnsupportedInput(f"{path}: could not be read ({type(e).__name__}: {e})", path=str(path)))


STAGE = Stage(
    "ingest",
    requires=(),
    assigns=("original", "title", "published", "source", "url", "authors"),
    run=iter_articles,
)
