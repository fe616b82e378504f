"""Issue 15: the incremental pipeline. A run touches only what is new, in bounded batches, resumes after
a crash, gives the same stories whatever the engine, and two processes on one PostgreSQL database lose
and duplicate nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from newsfuse.engine import LocalEngine
from newsfuse.ingest import iter_articles
from newsfuse.pipeline import Pipeline, run
from newsfuse.settings import Settings
from newsfuse.store import open_store

from .conftest import ROOT, SAMPLE

CORPUS = SAMPLE / "corpus"
NEW_PORT = (
    "date 2025-03-14\nsource: Bay Courier\n\nThe Westhaven port strike ended on Friday after dock workers accepted "
    "a new pay offer for night shifts, the port authority said, and cranes began moving containers again."
)


def _groups(store: Any) -> set[frozenset[str]]:
    return {frozenset(s.articles) for s in store.stories()}


def _state(store: Any) -> dict[str, Any]:
    """What a run leaves in the store, independent of run ids and timestamps."""
    stories = store.stories()
    return {
        "articles": sorted(a.id for a in store.articles(canonical_only=False)),
        "duplicates": store.duplicates(),
        "analyses": sorted(store.analyses(a.id for a in store.articles())),
        "stories": sorted((s.id, tuple(sorted(s.articles))) for s in stories),
        "briefs": {
            s.id: replace(store.brief(s.id), run=None) for s in stories
        },  # apart from the run that wrote it
        "pending": [a.id for a in store.pending(1000)],
    }


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, Path]:
    tmp = tmp_path_factory.mktemp("inc")
    # the sample spans March to September; the new article is from March: keep every story open
    s = Settings(db=f"sqlite:///{tmp}/n.db", out=str(tmp / "out"), workers=1, cluster_close_days=3650)
    with open_store(s.db) as store:
        run([str(CORPUS)], s, store)
    return s, tmp


def test_issue_15_new_article_touches_only_its_story(sample_run: tuple[Settings, Path], monkeypatch) -> None:
    settings, tmp = sample_run
    extra = tmp / "new"
    extra.mkdir()
    (extra / "bay_courier.txt").write_text(NEW_PORT)
    with open_store(settings.db) as store:
        before = {s.id: s.articles for s in store.stories()}
        # nothing in a run may read the whole archive back
        for name in ("articles", "stories", "duplicates"):
            monkeypatch.setattr(type(store), name, lambda *a, **k: pytest.fail("the run read the archive"))
        summary = run([str(extra)], settings, store)
        monkeypatch.undo()
        after = {s.id: s.articles for s in store.stories()}
    assert summary.new == 1 and summary.analysed == 1
    [changed] = summary.changed
    assert len(after[changed]) == len(before[changed]) + 1  # it joined the stored port-strike story
    assert {k: v for k, v in after.items() if k != changed} == {
        k: v for k, v in before.items() if k != changed
    }
    index = (Path(settings.out) / "index.html").read_text()
    assert after and all(sid in index for sid in after)


def test_issue_15_batches_give_the_stories_one_batch_gives(tmp_path: Path) -> None:
    def grouping(batch_size: int) -> set[frozenset[str]]:
        s = Settings(db=f"sqlite:///{tmp_path}/b{batch_size}.db", out=str(tmp_path / f"o{batch_size}"),
                     batch_size=batch_size, workers=1)  # fmt: skip
        with open_store(s.db) as store:
            run([str(CORPUS)], s, store)
            return _groups(store)

    assert grouping(3) == grouping(64)


class _Crash(Exception):
    pass


class _CrashingEngine(LocalEngine):
    """Analyses the first `ok` submissions, then dies as a killed run would (mid-run, after some commits)."""

    def __init__(self, ok: int):
        super().__init__(1)
        self.ok = ok

    def submit(self, articles: Any, for_store: bool = False) -> Any:
        if self.ok == 0:
            raise _Crash("killed")
        self.ok -= 1
        return super().submit(articles, for_store)


def test_issue_15_a_stopped_run_resumes_to_the_clean_result(tmp_path: Path) -> None:
    clean = Settings(db=f"sqlite:///{tmp_path}/clean.db", out=str(tmp_path / "o1"), batch_size=4, workers=1)
    with open_store(clean.db) as store:
        run([str(CORPUS)], clean, store)
        want = _state(store)
    crashed = Settings(db=f"sqlite:///{tmp_path}/crash.db", out=str(tmp_path / "o2"), batch_size=4, workers=1)
    with open_store(crashed.db) as store:
        with pytest.raises(_Crash):
            Pipeline(crashed, store, engine=_CrashingEngine(ok=2)).run(iter_articles([str(CORPUS)]))
        assert store.pending(1000), "the crash left stored but unprocessed articles"
        summary = run([str(CORPUS)], crashed, store)
        assert summary.resumed > 0
        got = _state(store)
    assert got == want


def test_issue_15_dask_engine_gives_the_local_stories(tmp_path: Path) -> None:
    """`newsfuse run --engine dask` (the CLI: its LocalCluster starts while the pipeline loads) stores the
    stories the local engine does."""
    texts = CORPUS / "text"
    local = Settings(db=f"sqlite:///{tmp_path}/l.db", out=str(tmp_path / "l"), workers=1)
    with open_store(local.db) as store:
        run([str(texts)], local, store)
        want = _state(store)
    db = f"sqlite:///{tmp_path}/d.db"
    cmd = [sys.executable, "-m", "newsfuse", "run", str(texts), "--engine", "dask", "--workers", "2", "--db", db,
           "--out", str(tmp_path / "d"), "--json"]  # fmt: skip
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stderr[-3000:]
    assert json.loads(p.stdout)["new"] > 0
    # the cluster's INFO lines are not for the terminal
    assert "distributed" not in p.stderr, p.stderr[-3000:]
    with open_store(db) as store:
        assert _state(store) == want


def test_issue_15_dask_start_is_taken_by_the_engine_and_closed_once() -> None:
    """The connection the CLI begins is the one the engine uses; closing it twice (the engine, then the CLI's
    `finally`) is harmless, and a start no engine took is closed too."""
    from newsfuse.dask_start import DaskStart
    from newsfuse.engine import DaskEngine
    from newsfuse.ingest import make_article

    start = DaskStart(None, 1)
    eng = DaskEngine(None, 1, start=start)
    try:
        assert eng._client is start.client()
        assert (
            len(eng.submit([make_article("date 2025-01-02 Ships left the port on Monday.", id="a")]).result())
            == 1
        )
    finally:
        eng.close()
    start.close()
    assert start._client is None and start._cluster is None
    unused = DaskStart(None, 1)
    cluster = unused.client().cluster
    unused.close()
    assert cluster.status.name == "closed"


def test_issue_15_process_pool_gives_the_in_process_stories(tmp_path: Path) -> None:
    states = []
    for workers in (1, 2):
        s = Settings(
            db=f"sqlite:///{tmp_path}/{workers}.db", out=str(tmp_path / str(workers)), workers=workers
        )
        with open_store(s.db) as store:
            engine = LocalEngine(workers, in_process_below=0)  # the pool even for a small corpus
            Pipeline(s, store, engine=engine).run(iter_articles([str(CORPUS)]))
            states.append(_state(store))
    assert states[0] == states[1]


def _pg() -> str:
    from .test_store import pg_schema_url

    return pg_schema_url()


def test_issue_15_two_processes_on_one_postgres_lose_and_duplicate_nothing(tmp_path: Path) -> None:
    from sqlalchemy import create_engine, text

    url = _pg()
    schema = "nf_" + uuid.uuid4().hex[:8]
    admin = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with admin.begin() as c:
        c.execute(text(f"CREATE SCHEMA {schema}"))
    db = url + f"?options=-csearch_path%3D{schema}"
    try:
        # two runs at once: overlapping inputs (the text folder is in both), small batches to interleave
        env = {**os.environ, "NEWSFUSE_BATCH_SIZE": "2", "NEWSFUSE_WORKERS": "1"}
        cmd = [sys.executable, "-m", "newsfuse", "run", "--db", db, "--json"]
        procs = [
            subprocess.Popen([*cmd, "--out", str(tmp_path / "a"), str(CORPUS / "text"), str(CORPUS / "html")],
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT),
            subprocess.Popen([*cmd, "--out", str(tmp_path / "b"), str(CORPUS / "text"), str(CORPUS / "feeds"),
                              str(CORPUS / "dumps")], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT),
        ]  # fmt: skip
        outs = [p.communicate(timeout=600) for p in procs]
        assert all(p.returncode == 0 for p in procs), [o[1][-2000:] for o in outs]
        with open_store(db) as store:
            got = _state(store)
            memberships = [a for s in store.stories() for a in s.articles]
        assert got["pending"] == []
        assert len(memberships) == len(set(memberships))  # every article in one story, once
        assert set(memberships) == set(got["analyses"])  # every analysed canonical article has its story
        ref = Settings(db=f"sqlite:///{tmp_path}/ref.db", out=str(tmp_path / "r"), workers=1)
        with open_store(ref.db) as store:
            run([str(CORPUS)], ref, store)
            want = _state(store)
        assert got["articles"] == want["articles"]  # nothing lost, nothing stored twice
        # the same copies found; which of a pair is canonical depends on which process stored it first
        assert {frozenset(p) for p in got["duplicates"].items()} == {
            frozenset(p) for p in want["duplicates"].items()
        }
    finally:
        with admin.begin() as c:
            c.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def test_issue_15_watch_picks_up_new_files_and_refuses_the_network(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text(NEW_PORT)
    (inbox / "bad.txt").write_bytes(b"")
    db = f"sqlite:///{tmp_path}/w.db"
    cmd = [sys.executable, "-m", "newsfuse", "watch", str(inbox), "--db", db, "--out", str(tmp_path / "o"),
           "--every", "0s", "--rounds", "2", "--json"]  # fmt: skip
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert out.returncode == 0, out.stderr
    rounds = [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]
    assert [r["new"] for r in rounds] == [1, 0]  # the second round finds nothing new
    assert "NF103" in out.stderr  # the empty file is reported, and the watch went on
    net = subprocess.run([*cmd[:4], "http://127.0.0.1:9/feed.xml", *cmd[4:]], capture_output=True, text=True,
                         cwd=ROOT, timeout=120)  # fmt: skip
    assert net.returncode != 0 and "--allow-network" in net.stderr

    from newsfuse.errors import NewsfuseError
    from newsfuse.ingest.fetch import check_url

    for url in (
        "http://127.0.0.1/feed",
        "http://localhost/x",
        "http://10.0.0.1/",
        "file:///etc/passwd",
        "ftp://a/b",
    ):
        with pytest.raises(NewsfuseError):
            check_url(url)


def test_issue_15_watch_keeps_one_engine_for_every_round(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`newsfuse watch` starts its engine when the first new article arrives and gives the same one to the
    next rounds (its workers and their model stay up), then closes it when the watch ends."""
    from typer.testing import CliRunner

    import newsfuse.pipeline
    from newsfuse.cli import app
    from newsfuse.cli import runs as cli_runs

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text(NEW_PORT)
    made: list[Any] = []
    closed: list[Any] = []
    real = newsfuse.pipeline.make_engine

    def counting(*args: Any, **kwargs: Any) -> Any:
        eng = real(*args, **kwargs)
        made.append(eng)
        close = eng.close
        eng.close = lambda: (closed.append(eng), close())  # type: ignore[method-assign]
        return eng

    arrivals = iter([
        "date 2025-03-15\nsource: Harbour Times\n\nCranes at Westhaven moved 4,000 containers on Saturday, the "
        "first full day after the strike, the port authority said.",
        "date 2025-03-16\nsource: Coastal Wire\n\nShipping lines said on Sunday that Westhaven's backlog of "
        "vessels would clear within a week, after the strike ended on Friday.",
    ])  # fmt: skip

    def between_rounds(_seconds: float) -> None:  # a new report lands in the inbox between rounds
        text = next(arrivals, None)
        if text is not None:
            (inbox / f"{len(list(inbox.iterdir()))}.txt").write_text(text)

    monkeypatch.setattr(newsfuse.pipeline, "make_engine", counting)
    monkeypatch.setattr(cli_runs.time, "sleep", between_rounds)
    res = CliRunner().invoke(app, ["watch", str(inbox), "--db", f"sqlite:///{tmp_path}/w.db", "--out",
                                   str(tmp_path / "o"), "--every", "0s", "--rounds", "3", "--json"])  # fmt: skip
    assert res.exit_code == 0, res.output
    rounds = [json.loads(line) for line in res.stdout.splitlines() if line.startswith("{")]
    assert [r["new"] for r in rounds] == [1, 1, 1]
    assert len(made) == 1 and closed == made  # one engine, three rounds; closed once, at the end


def test_issue_17_outlets_command_reports_track_records(sample_run: tuple[Settings, Path]) -> None:
    settings, _ = sample_run
    cmd = [sys.executable, "-m", "newsfuse", "outlets", "--db", settings.db, "--json"]
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert out.returncode == 0, out.stderr
    records = {r["outlet"]: r for r in json.loads(out.stdout)}
    assert {"Coastal Wire", "Northern Post", "Harbour Times"} <= set(records)


def test_issue_15_quiet_stories_close_and_article_json_stays_small(tmp_path: Path) -> None:
    s = Settings(db=f"sqlite:///{tmp_path}/q.db", out=str(tmp_path / "o"), workers=1, cluster_close_days=14)
    first = tmp_path / "a.jsonl"
    first.write_text(
        json.dumps({"id": "old", "text": NEW_PORT.split("\n\n")[1], "published": "2025-01-01"}) + "\n"
    )
    later = tmp_path / "b.jsonl"
    later.write_text(json.dumps({"id": "new", "text": "Botanists catalogued a rare orchid on volcanic cliffs.",
                                 "published": "2025-03-01"}) + "\n")  # fmt: skip
    with open_store(s.db) as store:
        run([str(first)], s, store)
        [old] = store.stories()
        assert store.load_stories([old.id])  # open
        summary = run([str(later)], s, store)
        assert summary.closed == 1 and store.load_stories([old.id]) == {}  # quiet for 59 days: closed
        assert store.story_candidates(["westhaven", "port", "strike"], None, 10) == []
        assert store.get_article("old").text.startswith(
            "The Westhaven port strike"
        )  # text rebuilt from its column
        from sqlalchemy import select

        from newsfuse.store.schema import articles

        with store.engine.connect() as c:
            raw = c.execute(select(articles.c.data).where(articles.c.id == "old")).scalar()
        assert "Westhaven" not in raw  # the JSON does not repeat the text
