from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from newsfuse.errors import NotFound
from newsfuse.ingest import make_article
from newsfuse.model import Analysis, Assignment, Brief, BriefSentence, Citation, Figure, Sentence, Story
from newsfuse.store import SearchHit, open_store


def _roundtrip(url: str) -> None:
    with open_store(url) as store:
        _check(store)


def _check(store) -> None:
    a = make_article(
        " date 2025-01-02 Body text with 5 figures.", source="Outlet", title="T'; DROP TABLE articles;--"
    )
    assert store.add_article(a, None)
    assert not store.add_article(a, None)  # idempotent
    assert store.get_article(a.id) == a
    an = Analysis(a.id, (Sentence(0, 10),), figures=(Figure("5", 15, 16, (4.0, 6.0), "count"),))
    store.save_analyses([an], "m")
    assert store.analyses([a.id])[a.id] == an
    story = Story("s" + uuid.uuid4().hex[:8], (a.id,), "t", "2025-01-02", "2025-01-02",
                  (Assignment(a.id, "s1", 1.0, new_story=True),))  # fmt: skip
    b = Brief(story.id, "Headline", (BriefSentence("Body text.", (Citation(a.id, 16, 26, "Outlet"),)),))
    store.save_story(story, b)
    assert store.brief(story.id) == b
    assert any(s.id == story.id and s.articles == (a.id,) for s in store.stories())
    assert store.story_members_many([story.id, "s-none"]) == {story.id: [a.id], "s-none": []}
    [summary] = [s for s in store.story_summaries() if s.id == story.id]
    assert (summary.articles, summary.sources, summary.facts) == (1, 0, 0)
    hit = store.search("figures")[0]
    assert isinstance(hit, SearchHit) and hit.id == a.id and "figures" in hit.snippet
    assert store.search("DROP TABLE") == [] or store.search("DROP TABLE")[0].id == a.id  # words, not SQL
    assert store.search('"unbalanced') == [] and store.search("") == []
    with pytest.raises(NotFound):
        store.brief("nope")
    # failures are marked, listed and not pending; pending articles are the unprocessed canonical ones
    assert [x.id for x in store.pending(10)] == [a.id]
    store.mark_done([a.id])
    b = make_article("Another body with no story yet.", id="b2")
    assert store.add_articles([(b, None)]) == {"b2"}
    assert [x.id for x in store.pending(10)] == ["b2"]
    store.mark_failed("b2", "analyze", {"code": "NF401", "message": "boom"})
    assert store.pending(10) == [] and [f.id for f in store.failed()] == ["b2"]
    assert [x.id for x in store.pending(10, retry_failed=True)] == ["b2"]


def test_sqlite_memory_roundtrip() -> None:
    _roundtrip("sqlite://")


def test_sqlite_file_roundtrip(tmp_path) -> None:
    _roundtrip(f"sqlite:///{tmp_path}/x.db")


def _pg_url() -> str | None:
    url = os.environ.get("NEWSFUSE_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
    try:
        import psycopg

        with psycopg.connect(url.replace("postgresql+psycopg", "postgresql"), connect_timeout=3):
            return url
    except Exception:
        return None


def pg_schema_url() -> str:
    """A fresh schema on the PostgreSQL server CI runs at 127.0.0.1:5432 (NEWSFUSE_TEST_PG overrides);
    the test fails, rather than skips, when the server is not there."""
    url = _pg_url()
    assert url, "PostgreSQL is expected at 127.0.0.1:5432 (set NEWSFUSE_TEST_PG to another URL)"
    return url


@contextmanager
def pg_schema(url: str | None = None) -> Iterator[str]:
    """A store URL on a new schema of the PostgreSQL server (`pg_schema_url()` unless given), dropped
    afterwards: each test has a database of its own."""
    from sqlalchemy import create_engine, text

    url = url or pg_schema_url()
    name = "nf_" + uuid.uuid4().hex[:8]
    admin = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with admin.begin() as c:
        c.execute(text(f"CREATE SCHEMA {name}"))
    try:
        yield url + f"?options=-csearch_path%3D{name}"
    finally:
        with admin.begin() as c:
            c.execute(text(f"DROP SCHEMA {name} CASCADE"))
        admin.dispose()


def test_postgres_roundtrip() -> None:
    with pg_schema() as url:
        _roundtrip(url)


def test_v1_store_is_migrated_on_open(tmp_path) -> None:
    """A store written by newsfuse before schema 2 opens, upgrades itself, and keeps every row."""
    import sqlite3

    db = tmp_path / "v1.db"
    con = sqlite3.connect(db)
    con.executescript(
        """
        CREATE TABLE articles (id VARCHAR(64) PRIMARY KEY, content_hash VARCHAR(32) NOT NULL UNIQUE,
          title TEXT NOT NULL, source TEXT NOT NULL, url TEXT, published VARCHAR(10), text TEXT NOT NULL,
          duplicate_of VARCHAR(64), data TEXT NOT NULL, run_id INTEGER);
        CREATE TABLE analyses (article_id VARCHAR(64) PRIMARY KEY, model TEXT NOT NULL, data TEXT NOT NULL);
        CREATE TABLE stories (id VARCHAR(32) PRIMARY KEY, title TEXT NOT NULL, first_seen VARCHAR(10),
          last_seen VARCHAR(10), brief TEXT);
        CREATE TABLE story_articles (story_id VARCHAR(32), article_id VARCHAR(64), score FLOAT NOT NULL,
          explain TEXT NOT NULL, PRIMARY KEY (story_id, article_id));
        CREATE TABLE runs (id INTEGER PRIMARY KEY, started VARCHAR(32) NOT NULL, finished VARCHAR(32),
          inputs TEXT NOT NULL, settings TEXT NOT NULL, versions TEXT NOT NULL, summary TEXT);
        """
    )
    from newsfuse.store import codec

    a = make_article("Flood waters rose over the old bridge in Lindport on Monday.", id="old1", source="X")
    b = Brief("s1", "Floods", (BriefSentence("Flood waters rose.", (Citation("old1", 0, 10, "X"),)),))
    con.execute("INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?)",
                (a.id, "h1", "", "X", None, None, a.text, None, codec.dumps(a), 1))  # fmt: skip
    con.execute("INSERT INTO stories VALUES ('s1', 'Floods', NULL, NULL, ?)", (codec.dumps(b),))
    con.execute("INSERT INTO story_articles VALUES ('s1', 'old1', 1.0, '{}')")
    con.commit()
    con.close()
    with open_store(f"sqlite:///{db}") as store:
        [summary] = store.story_summaries()
        assert (summary.id, summary.articles, summary.sources) == ("s1", 1, 0)
        assert store.get_article("old1") == a and store.pending(10) == []
        assert store.search("bridge")[0].id == "old1"  # the old article is in the full-text index
        assert store.near_candidates(__import__("newsfuse.dedup", fromlist=["x"]).signature_bands(a.text))
    with open_store(f"sqlite:///{db}") as store:  # opening again changes nothing
        assert len(store.story_summaries()) == 1


def _as_v7(url: str) -> None:
    """Put a store's band table and story postings back in their schema-7 form (no week, no date)."""
    from sqlalchemy import text

    from newsfuse.store.schema import stories

    with open_store(url) as store, store.engine.begin() as c:
        rows = c.execute(text("SELECT band, article_id FROM dedup_bands")).all()
        c.execute(text("DROP TABLE dedup_bands"))
        c.execute(
            text(
                "CREATE TABLE dedup_bands (band BIGINT, article_id VARCHAR(64), PRIMARY KEY (band, article_id))"
            )
        )
        for band, aid in rows:
            c.execute(text("INSERT INTO dedup_bands VALUES (:b, :a)"), {"b": band, "a": aid})
        c.execute(text("DROP TABLE story_terms"))
        c.execute(
            text(
                "CREATE TABLE story_terms (term VARCHAR(64), story_id VARCHAR(32), PRIMARY KEY (term, story_id))"
            )
        )
        c.execute(stories.insert().values(id="s1", title="T", last_seen="2025-03-02", state="{}"))
        c.execute(text("INSERT INTO story_terms VALUES ('port', 's1')"))
        c.execute(text("UPDATE newsfuse_meta SET value = '7' WHERE key = 'schema_version'"))


def _check_v8(url: str) -> None:
    """Schema 7 -> 8: band rows are keyed by the week of their article's date; dedup finds near copies
    against the migrated rows (in the week window, and undated against every week)."""
    from sqlalchemy import text

    from newsfuse.dedup import UNDATED, deduplicate_batch, signature_bands, week_of

    base = (
        "The port authority said on Tuesday that 1,200 containers were stuck at the terminal after workers "
        "walked out. Union leaders demanded a 9 per cent pay rise and safer night shifts. Shipping lines "
        "rerouted vessels to two nearby harbours while talks continued late into the evening."
    )
    dated = make_article(base, id="dated", published="2025-03-01")
    undated = make_article(base.replace("Tuesday", "Monday"), id="undated")
    with open_store(url) as store:
        store.add_articles([(dated, None), (undated, None)], 0, 1)
        store.add_bands("dated", signature_bands(dated.text), week_of(dated.published))
        store.add_bands("undated", signature_bands(undated.text), UNDATED)
    _as_v7(url)
    with open_store(url) as store:
        with store.engine.connect() as c:
            weeks = dict(
                c.execute(text("SELECT article_id, MIN(week) FROM dedup_bands GROUP BY article_id")).all()
            )
            version = c.execute(text("SELECT value FROM newsfuse_meta WHERE key = 'schema_version'")).scalar()
            postings = c.execute(text("SELECT term, story_id, last_seen FROM story_terms")).all()
        assert version == "8" and weeks == {"dated": week_of("2025-03-01"), "undated": UNDATED}
        assert [tuple(p) for p in postings] == [("port", "s1", "2025-03-02")], (
            "postings carry their story's date"
        )
        assert store.story_candidates(["port"], ("2025-03-01", "2025-03-05"), 5) == ["s1"]
        assert store.story_candidates(["port"], ("2025-04-01", "2025-04-05"), 5) == []
        near = base.replace("late into the evening", "until midnight")
        soon = make_article(near, id="soon", published="2025-03-05")
        assert deduplicate_batch([soon], store).copies == {"soon": "dated"}
        later = make_article(undated.text + " Talks resume.", id="later", published="2025-06-05")
        assert deduplicate_batch([later], store).copies == {"later": "undated"}, "undated: anyone's copy"
        assert store.near_candidates(signature_bands(near), [week_of("2025-06-05")]) == set()


def test_schema_7_bands_are_migrated_to_weeks_sqlite(tmp_path) -> None:
    _check_v8(f"sqlite:///{tmp_path}/v7.db")


def test_schema_7_bands_are_migrated_to_weeks_postgres() -> None:
    with pg_schema() as url:
        _check_v8(url)


def test_opening_a_current_store_does_not_wait_for_a_writer(tmp_path) -> None:
    """`newsfuse stories` or `serve` beside a running `watch`: a store already at this schema is opened by
    reading only. The open used to rewrite the schema version, so it waited for the writer (up to the
    60 s busy timeout) or failed at once with "database is locked"."""
    import sqlite3
    import threading
    import time

    db = tmp_path / "w.db"
    with open_store(f"sqlite:///{db}"):
        pass
    writer = sqlite3.connect(db, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # a run's batch transaction, under way
    writer.execute("INSERT INTO newsfuse_meta (key, value) VALUES ('busy', '1')")
    got: list[object] = []

    def reader() -> None:
        try:
            with open_store(f"sqlite:///{db}") as store:
                got.append(store.stories())
        except Exception as e:  # noqa: BLE001 - reported by the assertion below
            got.append(e)

    t0 = time.monotonic()
    t = threading.Thread(target=reader, daemon=True)
    t.start()
    t.join(10)
    waited = time.monotonic() - t0
    writer.execute("ROLLBACK")
    writer.close()
    t.join(70)
    assert got == [[]] and waited < 10, (got, waited)
