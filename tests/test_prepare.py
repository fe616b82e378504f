"""Issue 15: HTML pages are read as raw pages and extracted where the analysis runs (worker processes,
Dask workers), in parallel; the articles, the errors and the stories are those of extracting them here."""

from __future__ import annotations

from pathlib import Path

from newsfuse.engine import DaskEngine, LocalEngine
from newsfuse.errors import NewsfuseError
from newsfuse.ingest import RawPage, iter_articles, iter_items
from newsfuse.pipeline import Pipeline
from newsfuse.prepare import prepare_chunk
from newsfuse.settings import Settings
from newsfuse.store import open_store

from .conftest import SAMPLE
from .test_ingest import _warc_response

CORPUS = SAMPLE / "corpus"
PAGE = (CORPUS / "html" / "harbour_times_rate_cut.html").read_bytes()


def _inputs(tmp_path: Path) -> list[str]:
    """Good pages, a WARC file with a good and a non-HTML record, a page with no article, a text file."""
    d = tmp_path / "in"
    d.mkdir()
    for p in (CORPUS / "html").iterdir():
        (d / p.name).write_bytes(p.read_bytes())
    (d / "empty.html").write_bytes(b"<html><body><nav>Home | Sport</nav></body></html>")
    (d / "x.warc.gz").write_bytes(
        _warc_response("https://example.org/a", "text/html; charset=utf-8", PAGE)
        + _warc_response("https://example.org/b.png", "image/png", b"\x89PNG....")
        + _warc_response("https://example.org/c", "text/html", b"<html><body></body></html>")
    )
    (d / "note.txt").write_text((CORPUS / "text" / "the_ledger_rate_cut.txt").read_text())
    return [str(d)]


def test_issue_15_raw_pages_come_unextracted_and_extract_to_the_same_articles(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path)
    errors_here: list[NewsfuseError] = []
    here = list(iter_articles(inputs, on_error=errors_here.append))
    errors_items: list[NewsfuseError] = []
    items = list(iter_items(inputs, on_error=errors_items.append))
    raw = [x for x in items if isinstance(x, RawPage)]
    assert len(raw) == 5 + 1 + 2, "every HTML file and HTML WARC record comes raw"
    assert len(errors_items) == 1 and "image/png" in errors_items[0].message, (
        "only the skip is found at reading"
    )
    ready = prepare_chunk(items)
    read = [r.read for r in ready if r.read is not None]
    failed = [r.cleaned for r in ready if r.read is None]
    assert read == here
    assert sorted(e.message for e in failed + errors_items) == sorted(e.message for e in errors_here)
    assert any("empty.html" in e.message and e.path and e.path.endswith("empty.html") for e in failed)
    assert any("record 3" in e.message for e in failed)


def _stories(tmp_path: Path, name: str, engine: object) -> tuple[object, list[str]]:
    s = Settings(db=f"sqlite:///{tmp_path}/{name}.db", out=str(tmp_path / name), workers=2)
    errors: list[NewsfuseError] = []
    with open_store(s.db) as store:
        items = iter_items(_inputs(tmp_path / name), on_error=errors.append)
        summary = Pipeline(s, store, engine=engine).run(items, errors=errors)  # type: ignore[arg-type]
        state = sorted(sorted(x.articles) for x in store.stories())
        return state, sorted(e.code for e in summary.errors)


def test_issue_15_pages_extracted_in_worker_processes_give_the_in_process_stories(tmp_path: Path) -> None:
    (tmp_path / "one").mkdir()
    (tmp_path / "pool").mkdir()
    (tmp_path / "dask").mkdir()
    one = _stories(tmp_path, "one", LocalEngine(1))
    pool_engine = LocalEngine(2, in_process_below=0)
    try:
        pool = _stories(tmp_path, "pool", pool_engine)
    finally:
        pool_engine.close()
    assert pool == one
    assert one[1] and len(one[0]) >= 3
    dask_engine = DaskEngine(None, 2)
    try:
        assert _stories(tmp_path, "dask", dask_engine) == one
    finally:
        dask_engine.close()
