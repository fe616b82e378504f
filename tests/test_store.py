from __future__ import annotations

import os
import uuid

import pytest

from newsfuse.errors import NotFound
from newsfuse.ingest import make_article
from newsfuse.model import Analysis, Assignment, Brief, BriefSentence, Citation, Figure, Sentence, Story
from newsfuse.store import open_store


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
    assert any(s["id"] == story.id and s["articles"] == [a.id] for s in store.stories())
    assert store.search("figures")[0]["id"] == a.id
    with pytest.raises(NotFound):
        store.brief("nope")


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


@pytest.mark.skipif(_pg_url() is None, reason="no PostgreSQL server reachable at 127.0.0.1:5432")
def test_postgres_roundtrip() -> None:
    url = _pg_url()
    assert url
    from sqlalchemy import create_engine, text

    schema = "nf_" + uuid.uuid4().hex[:8]
    eng = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with eng.begin() as c:
        c.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        _roundtrip(url + f"?options=-csearch_path%3D{schema}")
    finally:
        with eng.begin() as c:
            c.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        eng.dispose()
