"""Issue 19: no input can stop the pipeline. Texts past the model's limit are analysed in chunks with their
offsets kept, or refused with a coded error; a document that fails or hangs in any stage is marked in the
store with its stage and code, the batch and later runs go on, and `--retry-failed` tries it again."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse import budget, engine, pipeline, story_briefs
from newsfuse.chunks import split
from newsfuse.engine import LocalEngine, analyze_chunk
from newsfuse.errors import TimedOut
from newsfuse.ingest import iter_articles, make_article
from newsfuse.model import Article
from newsfuse.pipeline import Pipeline, run
from newsfuse.settings import Settings
from newsfuse.stage import Stage
from newsfuse.store import open_store

from .conftest import ROOT, SAMPLE

GOOD = (SAMPLE / "corpus" / "text" / "harbour_times_port_strike.txt").read_text()
NEW = (
    "date 2025-03-20\nsource: Lindport Post\n\nFlood waters rose over the old bridge in Lindport on Monday, "
    "and 1,200 residents were moved to schools, the mayor said."
)
PARAS = [p for p in GOOD.split("\n\n")[1:] if len(p) > 80]
OTHER = [
    p
    for f in ("metro_daily_corvane_jobs.txt", "metro_daily_marathon.txt")
    for p in (SAMPLE / "corpus" / "text" / f).read_text().split("\n\n")[1:]
    if len(p) > 80
]


def _settings(tmp: Path, name: str = "n", **kw: object) -> Settings:
    return Settings(db=f"sqlite:///{tmp}/{name}.db", out=str(tmp / f"out-{name}"), workers=1, **kw)  # type: ignore[arg-type]


@given(st.text(alphabet=st.sampled_from("ab .\n!?\"'"), max_size=600), st.integers(1, 80))
@settings(max_examples=300, deadline=None)
def test_issue_19_chunks_cover_the_text_within_the_limit(text: str, limit: int) -> None:
    spans = split(text, limit)
    assert "".join(text[s:e] for s, e in spans) == text
    assert all(0 < e - s <= limit for s, e in spans)
    assert all(spans[i][1] == spans[i + 1][0] for i in range(len(spans) - 1))


def test_issue_19_chunks_end_at_paragraphs_when_they_can() -> None:
    text = "\n\n".join(PARAS * 4)
    for _, e in split(text, 700)[:-1]:
        assert text[:e].endswith("\n\n")


def test_issue_19_long_text_is_analysed_in_chunks_with_offsets_kept(monkeypatch) -> None:
    text = "\n\n".join(PARAS * 6)
    a = make_article(text, published="2025-03-14", origin="long.txt")
    [whole] = analyze_chunk([a])
    monkeypatch.setattr(engine, "MODEL_CHARS", 1000)  # past this, chunks of CHUNK_CHARS
    monkeypatch.setattr(engine, "CHUNK_CHARS", 900)
    [chunked] = analyze_chunk([a])
    assert len(split(text, 900)) > 5
    for kind in ("entities", "dates", "figures", "quotes"):
        items = getattr(chunked, kind)
        assert items, kind
        for x in items:
            assert text[x.start : x.end] == x.text
    # chunks cut at paragraphs, which analysis treats as sentence starts anyway: the same findings
    assert [(f.start, f.value) for f in chunked.figures] == [(f.start, f.value) for f in whole.figures]
    assert {(e.start, e.end) for e in chunked.entities} == {(e.start, e.end) for e in whole.entities}
    assert chunked.sentences[-1].end == whole.sentences[-1].end


def test_issue_19_big_file_does_not_poison_the_store(tmp_path: Path) -> None:
    """The issue's case: an 8.6 MB text beside a good article. The first run writes the good article's
    story and marks the big one failed (NF106, stage analyze); later runs skip it and go on."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD)
    body = "\n\n".join(OTHER) + "\n\n"
    (folder / "big.txt").write_text("date 2025-03-14\n\n" + body * (8_600_000 // len(body) + 1))
    assert (folder / "big.txt").stat().st_size > 8_600_000
    s = _settings(tmp_path)
    with open_store(s.db) as store:
        first = run([str(folder)], s, store)
        assert first.new == 2 and first.analysed == 1 and first.failed == 1
        [failed] = store.failed()
        assert (failed.stage, failed.code) == ("analyze", "NF106") and "big.txt" in failed.origin
        assert len(store.stories()) == 1 and store.brief(store.stories()[0].id).sentences
        assert (Path(s.out) / "index.html").is_file()
        more = tmp_path / "more"
        more.mkdir()
        (more / "new.txt").write_text(NEW)
        second = run([str(more)], s, store)
        assert (second.resumed, second.new, second.analysed, second.failed) == (0, 1, 1, 0)
        assert len(store.stories()) == 2


def test_issue_19_a_hung_document_times_out_and_the_batch_goes_on(tmp_path: Path, monkeypatch) -> None:
    from newsfuse.analyze import Analyzer

    real = Analyzer.analyze

    def slow(self, articles):  # one document never finishes: a pathological input
        items = list(articles)
        for a in items:
            while "HANG" in a.text:
                time.sleep(0.01)
        return real(self, items)

    monkeypatch.setattr(Analyzer, "analyze", slow)
    monkeypatch.setattr(budget, "BASE_SECONDS", 1.0)
    monkeypatch.setattr(budget, "CHARS_PER_SECOND", 10**9)
    monkeypatch.setattr(budget, "seconds_for", lambda chars, base=None: 1.0)
    monkeypatch.setattr(engine, "seconds_for", lambda chars, base=None: 1.0)
    arts = [make_article(NEW, origin="ok.txt"), make_article(GOOD + " HANG", origin="hang.txt")]
    started = time.monotonic()
    out = analyze_chunk(arts)
    assert time.monotonic() - started < 10
    assert out[0].article_id == arts[0].id
    assert isinstance(out[1], TimedOut) and out[1].code == "NF402" and "hang.txt" in out[1].message


def _pool_task(articles: list[Article]) -> list[object]:
    """A worker task for the pool tests: 'CRASH' kills the worker, 'STUCK' hangs it where no budget can
    interrupt it (SIGALRM blocked)."""
    for a in articles:
        if "CRASH" in a.text:
            os._exit(3)
        if "STUCK" in a.text:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            while True:
                time.sleep(0.05)
    return [f"ok:{a.id}" for a in articles]


def test_issue_19_pool_survives_workers_that_die_or_hang(monkeypatch) -> None:
    monkeypatch.setattr(engine, "hard_seconds", lambda articles: 3.0)
    arts = [make_article(f"Article number {i} about the harbour strike.", id=f"a{i}") for i in range(6)]
    arts[1] = make_article("This one CRASHES its worker.", id="crash")
    arts[4] = make_article("This one gets STUCK for ever.", id="stuck")
    eng = LocalEngine(2, in_process_below=0, task=_pool_task)  # type: ignore[arg-type]
    try:
        out = eng.submit(arts).result()
        again = eng.submit(arts[:1]).result()  # the engine is usable afterwards
    finally:
        eng.close()
    assert [o if isinstance(o, str) else o.code for o in out] == [
        "ok:a0", "NF401", "ok:a2", "ok:a3", "NF402", "ok:a5",
    ]  # fmt: skip
    assert "died" in out[1].message and again == ["ok:a0"]


def test_issue_19_clean_cluster_and_brief_failures_are_marked_and_retried(
    tmp_path: Path, monkeypatch
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD)
    (folder / "badclean.txt").write_text(NEW.replace("Monday", "Monday BADCLEAN"))
    (folder / "badcluster.txt").write_text(
        "date 2025-03-21\n\nA wildfire in the Redwood valley forced 3,000 residents to flee BADCLUSTER."
    )
    s = _settings(tmp_path)
    real_clean = pipeline.clean.STAGE
    real_assign = Pipeline._assign
    real_brief = story_briefs.brief_for

    def bad_clean(a: Article) -> Article:
        if "BADCLEAN" in a.text:
            raise RuntimeError("cleaning rule blew up")
        return real_clean.run(a)

    def bad_assign(self, good, analyses, terms):
        if any("BADCLUSTER" in a.text for a in good):
            raise ZeroDivisionError("clusterer blew up")
        return real_assign(self, good, analyses, terms)

    def bad_brief(articles, analyses, story, max_words):
        if any("Harbour" in a.source for a in articles):
            raise KeyError("brief blew up")
        return real_brief(articles, analyses, story, max_words)

    with open_store(s.db) as store:
        with monkeypatch.context() as m:
            m.setattr(pipeline, "STAGES", tuple(Stage("clean", x.requires, x.assigns, bad_clean)
                                                if x.name == "clean" else x for x in pipeline.STAGES))  # fmt: skip
            m.setattr(Pipeline, "_assign", bad_assign)
            m.setattr(story_briefs, "brief_for", bad_brief)
            first = run([str(folder)], s, store)
            stages = {f.stage: f for f in store.failed()}
            assert set(stages) == {"clean", "cluster", "brief"}, stages
            assert stages and all(f.code == "NF401" for f in stages.values())
            assert "blew up" in stages["brief"].message and "badclean.txt" in stages["clean"].origin
            assert first.failed == 2 and store.pending(10) == []
            again = run([str(folder)], s, store)  # nothing retried automatically
            assert (again.resumed, again.failed, again.changed) == (0, 0, set())
        cli = subprocess.run(
            [sys.executable, "-m", "newsfuse", "errors", "--db", s.db, "--json"],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert {r["stage"] for r in json.loads(cli.stdout)} == {"clean", "cluster", "brief"}
        retried = run([str(folder)], s.model_copy(update={"retry_failed": True}), store)
        assert retried.resumed == 2 and retried.failed == 0
        assert store.failed() == [] and store.pending(10) == []
        assert len(store.stories()) == 3 and all(store.brief(x.id) for x in store.stories())
        cleaned = store.get_article(stages["clean"].id)
        assert cleaned.text.startswith("Flood waters")  # cleaned on retry: the header is not in the text


def test_issue_19_impossible_dates_are_dropped_not_fatal(tmp_path: Path) -> None:
    f = tmp_path / "d.jsonl"
    rows = [
        {"text": "Talks resumed at the port on Monday after the strike.", "published": "2025-13-45"},
        {"text": "The river rose 2 metres at Lindport overnight.", "published": "10^400"},
    ]
    f.write_text("".join(json.dumps(r) + "\n" for r in rows))
    (tmp_path / "h.txt").write_text("date 2025-02-30\n\nA strike closed the port of Westhaven on Monday.")
    arts = list(iter_articles([str(f), str(tmp_path / "h.txt")]))
    assert [a.published for a in arts] == [None, None, None]
    s = _settings(tmp_path)
    with open_store(s.db) as store:
        summary = run([str(f), str(tmp_path / "h.txt")], s, store)
    assert summary.analysed == 3 and summary.failed == 0


def test_issue_19_library_log_lines_do_not_reach_the_terminal(tmp_path: Path) -> None:
    (tmp_path / "empty.html").write_text("<html><head></head><body><div></div></body></html>")
    (tmp_path / "junk.html").write_bytes(b"<html><body>" + b"<div>" * 3000 + b"\xff\xfe garbage")
    (tmp_path / "good.txt").write_text(GOOD)
    p = subprocess.run(
        [sys.executable, "-m", "newsfuse", "run", str(tmp_path), "--db", f"sqlite:///{tmp_path}/n.db",
         "--out", str(tmp_path / "o"), "--json", "--workers", "1"],
        capture_output=True, text=True, timeout=300, cwd=ROOT,
    )  # fmt: skip
    assert p.returncode == 0, p.stderr
    lines = [x for x in p.stderr.splitlines() if x.strip()]
    assert lines, "the bad pages are reported"
    for line in lines:  # every line is a coded error object, no raw library log line
        assert json.loads(line)["error"]["code"].startswith("NF"), line
    shown = subprocess.run(
        [sys.executable, "-m", "newsfuse", "run", str(tmp_path / "empty.html"), "--db",
         f"sqlite:///{tmp_path}/m.db", "--out", str(tmp_path / "o2"), "--json", "--workers", "1"],
        capture_output=True, text=True, timeout=300, cwd=ROOT, env={**os.environ, "NEWSFUSE_LOG_LEVEL": "DEBUG"},
    )  # fmt: skip
    assert "WARNING newsfuse.lib.trafilatura" in shown.stderr  # at a debug level, routed and named


@pytest.mark.parametrize(
    ("args", "needle"),
    [(["outlet"], "No such command"), (["run"], "Missing argument"), (["stories", "--limit"], "requires")],
)
def test_issue_19_usage_errors_give_the_usage_line(args: list[str], needle: str) -> None:
    p = subprocess.run([sys.executable, "-m", "newsfuse", *args], capture_output=True, text=True, timeout=120)
    err = json.loads(p.stderr.strip().splitlines()[-1])["error"]
    assert p.returncode == 2 and err["code"] == "NF100" and needle in err["message"]
    assert err["hint"].startswith("Usage: newsfuse")


def test_issue_19_brief_of_a_missing_path_says_so(tmp_path: Path) -> None:
    p = subprocess.run(
        [sys.executable, "-m", "newsfuse", "brief", "/no/such/path", "--db", f"sqlite:///{tmp_path}/x.db"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    err = json.loads(p.stderr.strip().splitlines()[-1])["error"]
    assert err["code"] == "NF101" and "no such file or directory" in err["message"]


def test_issue_19_repeated_ids_never_hang_dedup(tmp_path: Path) -> None:
    """Found by the nightly fuzz run: dumps that reuse an id for other texts sent dedup into an endless
    loop (an article "copied" from itself). Each case must finish, under a budget, with one row per id."""
    base = GOOD.split("\n\n", 1)[1]
    longer = base + "\n\nThe union said it would meet again on Friday."
    cases = [
        [{"id": "x", "text": longer}, {"id": "y", "text": base}, {"id": "x", "text": base}],  # in one batch
        [
            {"id": "p", "text": longer.replace("Westhaven", "Easthaven")},
            {"id": "c", "text": longer.replace("Westhaven", "Eastport")},
        ],
        [{"id": "p", "text": longer.replace("Westhaven", "Eastport")}],  # a stored copy's text, its head's id
    ]
    s = _settings(tmp_path, batch_size=8)
    with open_store(s.db) as store:
        for n, rows in enumerate(cases):
            f = tmp_path / f"{n}.jsonl"
            f.write_text("".join(json.dumps({**r, "published": "2025-03-11"}) + "\n" for r in rows))
            with budget.deadline(60, f"dedup case {n}"):
                run([str(f)], s, store)
        ids = sorted(a.id for a in store.articles(canonical_only=False))
        assert ids == sorted(set(ids)) and store.pending(10) == []
        assert {"x", "y", "p"} <= set(ids)  # nothing lost either


def test_issue_19_extraction_and_cleaning_have_time_budgets(tmp_path: Path, monkeypatch) -> None:
    import newsfuse.ingest.html as html_mod
    import newsfuse.ingest.pages as pages_mod
    import newsfuse.prepare as prepare_mod

    real_extract = html_mod.extract_html

    def stuck_extract(data, url=None):
        while b"STUCK" in data:
            time.sleep(0.01)
        return real_extract(data, url)

    real_clean = pipeline.clean.STAGE

    def stuck_clean(a: Article) -> Article:
        while "STUCKCLEAN" in a.text:
            time.sleep(0.01)
        return real_clean.run(a)

    monkeypatch.setattr(html_mod, "extract_html", stuck_extract)
    monkeypatch.setattr(pages_mod, "seconds_for", lambda chars, base=None: 1.0)
    monkeypatch.setattr(story_briefs, "seconds_for", lambda chars, base=None: 1.0)
    monkeypatch.setattr(prepare_mod, "seconds_for", lambda chars, base=None: 1.0)
    monkeypatch.setattr(pipeline, "STAGES", tuple(Stage("clean", x.requires, x.assigns, stuck_clean)
                                                  if x.name == "clean" else x for x in pipeline.STAGES))  # fmt: skip
    page = (SAMPLE / "corpus" / "html" / "harbour_times_rate_cut.html").read_bytes()
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "stuck.html").write_bytes(page.replace(b"</body>", b"<!-- STUCK --></body>"))
    (tmp_path / "in" / "good.txt").write_text(GOOD)
    (tmp_path / "in" / "stuckclean.txt").write_text(NEW + " STUCKCLEAN")
    s = _settings(tmp_path)
    started = time.monotonic()
    with open_store(s.db) as store:
        summary = run([str(tmp_path / "in")], s, store)
        codes = {e.code for e in summary.errors}
        assert "NF402" in codes and any("stuck.html" in e.message for e in summary.errors)
        [failed] = store.failed()
        assert (failed.stage, failed.code) == ("clean", "NF402")
        assert summary.analysed == 1 and len(store.stories()) == 1
    assert time.monotonic() - started < 60


def test_issue_19_nul_surrogates_and_long_ids_store_on_postgres(tmp_path: Path) -> None:
    """Found by fuzzing on PostgreSQL: a NUL character or an id over 64 characters in one record crashed
    every run given the file (SQLite takes both); a lone surrogate lost the rest of its file."""
    from .test_store import pg_schema as _schema
    from .test_store import pg_schema_url

    rows = [
        {
            "id": "n" * 300,
            "title": "Port\u0000 strike",
            "source": "Harbour\u0000 Times",
            "text": NEW + "\u0000",
        },
        {"id": "s1", "title": "Surrogate \ud800", "text": GOOD.split("\n\n", 1)[1] + " \udc00"},
        {"id": "ok", "text": "A wildfire in the Redwood valley forced 3,000 residents to flee on Monday."},
    ]
    f = tmp_path / "bad.jsonl"
    f.write_text("".join(json.dumps(r) + "\n" for r in rows))
    with _schema(pg_schema_url()) as db:
        s = Settings(db=db, out=str(tmp_path / "o"), workers=1)
        with open_store(db) as store:
            summary = run([str(f)], s, store)
            assert (summary.new, summary.analysed, summary.errors) == (3, 3, [])
            arts = {a.id: a for a in store.articles()}
            [long_id] = [i for i in arts if i.startswith("h")]
            assert len(long_id) <= 64 and arts[long_id].title == "Port strike"
            assert arts["s1"].title == "Surrogate ?" and "\x00" not in arts[long_id].text


def test_issue_19_dask_engine_marks_only_the_item_that_kills_its_worker() -> None:
    """On a Dask cluster a chunk whose task kills its workers fails as a whole (KilledWorker); its items are
    re-run one task each, so the others in the chunk come back analysed."""
    import cloudpickle
    import dask
    import distributed  # noqa: F401 - its config defaults, before the setting below (restored on exit)

    from newsfuse.engine import DaskEngine

    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the workers cannot import this test module
    arts = [make_article(f"Article number {i} about the harbour strike.", id=f"a{i}") for i in range(4)]
    arts[2] = make_article("This one CRASHES its worker.", id="crash")
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):  # one death is enough to give up
        eng = DaskEngine(None, 2, task=_pool_task)  # type: ignore[arg-type]
    try:
        out = eng.submit(arts).result()
    finally:
        eng.close()
        cloudpickle.unregister_pickle_by_value(sys.modules[__name__])
    assert [o if isinstance(o, str) else o.code for o in out] == ["ok:a0", "ok:a1", "NF401", "ok:a3"]
    assert "KilledWorker" in out[2].message
