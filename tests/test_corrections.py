"""Issue 16: corrections by hand (`newsfuse story merge|split|move`) are kept in the store, survive re-runs
and new arrivals (the corrected stories' clusterer state is rebuilt, so new articles follow the
correction), and the affected briefs are rebuilt."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsfuse.cli import app
from newsfuse.cluster import corrections
from newsfuse.errors import BadOption, NotFound
from newsfuse.pipeline import Pipeline, run
from newsfuse.settings import Settings
from newsfuse.store import SCHEMA_VERSION, open_store

runner = CliRunner()
STRIKE = [
    "Dock workers at Harbourside port walked out on Monday, leaving containers stranded at the terminal as the "
    "union demanded higher pay for night shifts.",
    "The dock workers strike at Harbourside port entered its second day; the union refused the port authority's "
    "pay offer and containers piled up.",
    "Union leaders at Harbourside port said the dock workers strike over night-shift pay would go on until the "
    "port authority raised its offer.",
]
FIRE = [
    "A fire broke out in a warehouse at Harbourside port on Wednesday; firefighters fought the blaze among "
    "stacked containers for six hours.",
    "Firefighters put out the warehouse blaze at Harbourside port after six hours; investigators are looking for "
    "the cause of the fire among the containers.",
]
LATE_FIRE = (
    "Investigators said the Harbourside port warehouse fire was started by a faulty forklift charger; "
    "firefighters had fought the blaze for six hours."
)


def _write(folder: Path, name: str, day: str, body: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.txt").write_text(f"date {day}\nsource: Outlet {name}\ntitle: {body[:40]}\n\n{body}\n")


def _corpus(tmp: Path) -> Path:
    d = tmp / "in"
    for i, t in enumerate(STRIKE):
        _write(d, f"strike{i}", f"2025-03-0{i + 1}", t)
    for i, t in enumerate(FIRE):
        _write(d, f"fire{i}", f"2025-03-0{i + 4}", t)
    return d


def _settings(tmp: Path, name: str, **kw: object) -> Settings:
    return Settings(db=f"sqlite:///{tmp}/{name}.db", out=str(tmp / f"out-{name}"), workers=1, **kw)  # type: ignore[arg-type]


def _late(tmp: Path) -> Path:
    d = tmp / "late"
    _write(d, "late", "2025-03-07", LATE_FIRE)
    return d


def _story_of(store) -> dict[str, str]:
    """The story of each article, by its file name ("strike0", "fire1", "late")."""
    info = {}
    for s in store.stories():
        for a in store.get_articles(s.articles).values():
            info[a.source.split()[-1]] = s.id
    return info


def test_issue_16_split_off_story_attracts_its_followers(tmp_path: Path) -> None:
    """Topic granularity at a low threshold puts the port strike and the port fire in one story; after the
    fire reports are split off, a new report on the fire joins the split-off story, not the strike's, and
    re-running the same inputs changes nothing."""
    inputs = _corpus(tmp_path)
    loose = {"cluster_granularity": "topic", "cluster_threshold": 0.1}
    control, fixed = _settings(tmp_path, "control", **loose), _settings(tmp_path, "fixed", **loose)
    for s in (control, fixed):
        with open_store(s.db) as store:
            run([str(inputs)], s, store)
            assert len(store.stories()) == 1  # one snowballed story: what the correction is for
    with open_store(fixed.db) as store:
        [whole] = store.stories()
        fire_ids = [
            a.id for a in store.get_articles(whole.articles).values() if a.source.startswith("Outlet fire")
        ]
        done = corrections.split(store, whole.id, fire_ids)
        assert done.story != whole.id and set(done.changed) == {whole.id, done.story}
        assert set(store.stale()) == {whole.id, done.story}  # both briefs wait to be rebuilt
        Pipeline(fixed, store).refresh()
        assert store.stale() == []
        assert set(store.brief(done.story).articles) == set(fire_ids)
        assert not set(store.brief(whole.id).articles) & set(fire_ids)
        run([str(inputs)], fixed, store)  # a re-run of the same inputs leaves the correction alone
        assert _story_of(store)["fire0"] == done.story
        run([str(_late(tmp_path))], fixed, store)
        got = _story_of(store)
        why = {x.article_id: x for s in store.stories() for x in s.explain}
    assert got["late"] == done.story and got["strike0"] == whole.id
    assert why[fire_ids[0]].correction == done.correction
    with open_store(control.db) as store:
        run([str(_late(tmp_path))], control, store)
        assert _story_of(store)["late"] == _story_of(store)["strike0"]  # without the correction


def test_issue_16_merge_and_move_through_the_cli(tmp_path: Path) -> None:
    s = _settings(tmp_path, "cli")
    with open_store(s.db) as store:
        run([str(_corpus(tmp_path))], s, store)
        story = _story_of(store)
    strike, fire = story["strike0"], story["fire0"]
    assert strike != fire  # story granularity keeps the two events apart
    db = ["--db", s.db, "--out", s.out]
    res = runner.invoke(app, ["story", "merge", strike, fire, *db, "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert out["kind"] == "merge" and out["emptied"] == [fire] and out["changed"] == [strike]
    assert len(out["stories"][0]["articles"]) == 5
    assert (Path(s.out) / f"{strike}.html").is_file() and not (Path(s.out) / f"{fire}.html").exists()
    with open_store(s.db) as store:
        assert len(store.brief(strike).articles) == 5
        with pytest.raises(NotFound):
            store.brief(fire)
        run([str(_late(tmp_path))], s, store)  # close to the merged-in fire reports: joins the kept story
        assert _story_of(store)["late"] == strike
        late = next(a.id for a in store.articles() if a.source == "Outlet late")
    # merging the emptied story again says where it went
    res = runner.invoke(app, ["story", "merge", strike, fire, *db, "--json"])
    assert res.exit_code != 0 and f"merged into {strike}" in str(res.exception.hint)  # type: ignore[union-attr]
    # split the fire reports back off, then move the late one by hand into the strike story
    with open_store(s.db) as store:
        fires = [a.id for a in store.articles() if a.source.startswith("Outlet fire")]
    res = runner.invoke(app, ["story", "split", strike, *fires, *db, "--json"])
    assert res.exit_code == 0, res.output
    new = json.loads(res.stdout)["story"]
    res = runner.invoke(app, ["story", "move", late, new, *db, "--json"])
    assert res.exit_code == 0, res.output
    assert sorted(json.loads(res.stdout)["changed"]) == sorted([strike, new])
    res = runner.invoke(app, ["story", "log", "--db", s.db, "--json"])
    log = json.loads(res.stdout)
    assert [c["kind"] for c in log] == ["merge", "split", "move"]
    assert log[2]["articles"] == [late] and log[2]["other"] == strike and log[2]["story_id"] == new
    res = runner.invoke(app, ["stories", "--db", s.db, "--explain"])
    assert "put here by correction 3" in res.stdout
    assert (
        "nearest member" in res.stdout
    )  # the similarity parts a report was admitted on (strike1 joined strike0)
    res = runner.invoke(app, ["stories", "--db", s.db, "--explain", "--json"])
    joined = [
        x
        for st in json.loads(res.stdout)
        for x in st["explain"]
        if not x["new_story"] and not x["correction"]
    ]
    assert joined and all(dict(x["parts"])["near"] >= dict(x["parts"])["near_bar"] for x in joined)
    with open_store(s.db) as store:
        assert set(store.brief(new).articles) == {*fires, late}


def test_issue_16_corrections_refuse_what_makes_no_sense(tmp_path: Path) -> None:
    s = _settings(tmp_path, "bad")
    with open_store(s.db) as store:
        run([str(_corpus(tmp_path))], s, store)
        story = _story_of(store)
        members = store.story_members(story["fire0"])
        with pytest.raises(BadOption):
            corrections.merge(store, story["fire0"], story["fire0"])
        with pytest.raises(BadOption):
            corrections.split(store, story["fire0"], members)  # nothing would be left
        with pytest.raises(BadOption):
            corrections.split(store, story["fire0"], store.story_members(story["strike0"])[:1])
        with pytest.raises(NotFound):
            corrections.move(store, "nope", story["fire0"])
        with pytest.raises(BadOption):
            corrections.move(store, members[0], story["fire0"])
        assert store.corrections() == []  # nothing half-done was logged


def test_issue_16_v2_store_gains_corrections_on_open(tmp_path: Path) -> None:
    """A store of schema 2 (before corrections and page kinds) is upgraded when opened."""
    db = tmp_path / "v2.db"
    s = Settings(db=f"sqlite:///{db}", out=str(tmp_path / "o"), workers=1)
    with open_store(s.db) as store:
        run([str(_corpus(tmp_path))], s, store)
        before = {x.id: x.articles for x in store.stories()}
    con = sqlite3.connect(db)
    con.executescript(
        "DROP TABLE corrections; DROP INDEX articles_kind; ALTER TABLE articles DROP COLUMN kind;"
        "UPDATE newsfuse_meta SET value = '2' WHERE key = 'schema_version';"
    )
    con.close()
    with open_store(s.db) as store:
        assert {x.id: x.articles for x in store.stories()} == before
        assert store.pages() == [] and store.corrections() == []
        a, b = sorted(before)
        corrections.merge(store, a, b)
        assert len(store.corrections()) == 1
    con = sqlite3.connect(db)
    assert con.execute("SELECT value FROM newsfuse_meta WHERE key='schema_version'").fetchone() == (
        str(SCHEMA_VERSION),
    )
    con.close()
