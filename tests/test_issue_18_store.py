"""Issue 18: the store's browsing indexes (schema 3) and their migration from schema 2."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import text

from newsfuse.ingest import make_article
from newsfuse.model import Analysis, Assignment, Brief, BriefSentence, Citation, Entity, Story
from newsfuse.pipeline import run
from newsfuse.reconcile.outlets import METRICS as OUTLET_METRICS
from newsfuse.settings import Settings
from newsfuse.store import SCHEMA_VERSION, StoryFilter, open_store

from .test_store import pg_schema

TEXT = (
    "Harlow council approved a budget of $45 million on Monday, mayor Ann Lee said. "
    '"We will build the bridge," Lee said. Work starts in May.'
)


def test_issue_18_schema_2_store_gains_entity_and_outlet_indexes(tmp_path: Path) -> None:
    rows = [
        {"id": "h1", "title": "Harlow budget", "source": "Plain Post", "published": "2025-10-02", "text": TEXT},
        {"id": "h2", "title": "Harlow passes budget", "source": "Metro Daily", "published": "2025-10-03",
         "text": TEXT.replace("Monday", "Monday night") + " The vote was 7 to 2."},
    ]  # fmt: skip
    (tmp_path / "in.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    url = f"sqlite:///{tmp_path}/m.db"
    with open_store(url) as store:
        run(
            [str(tmp_path / "in.jsonl")],
            Settings(db=url, out=str(tmp_path / "o"), workers=1, export=False),
            store,
        )
        before = store.browse_stories(StoryFilter(entity="Ann Lee"), 10)
        assert len(before) == 1 and store.browse_stories(StoryFilter(outlet="Metro Daily"), 10) == before
        with store.engine.begin() as c:  # back to schema 2: no browsing tables
            for t in ("article_entities", "entity_stats", "story_outlets"):
                c.execute(text(f"DROP TABLE {t}"))
            c.execute(text("DROP INDEX stories_recent"))
            c.execute(text("UPDATE newsfuse_meta SET value = '2' WHERE key = 'schema_version'"))
    assert SCHEMA_VERSION >= 4  # 5: stories.error (issue 19)
    with open_store(url) as store:  # migrated on open
        assert store.browse_stories(StoryFilter(entity="Ann Lee"), 10) == before
        assert store.browse_stories(StoryFilter(outlet="Metro Daily"), 10) == before
        assert store.entity("Ann Lee").articles == 2
        assert {o.outlet for o in store.outlets()} == {"Plain Post", "Metro Daily"}
        with store.engine.connect() as c:
            ddl = c.execute(text("SELECT sql FROM sqlite_master WHERE name = 'stories_recent'")).scalar()
        assert "coalesce(last_seen, '')" in ddl  # the keyset order of story pages, recreated by the migration


def _browse(store) -> None:
    """Keyset pages and every filter, on any store (SQLite and PostgreSQL run the same queries)."""
    stories = []
    for i in range(7):
        a = make_article(f"Story {i}: the {'flood' if i % 2 else 'strike'} in Lindport on day {i}.",
                         source=f"Outlet {i % 3}", title=f"Story {i}", published=f"2025-01-{i + 1:02d}")  # fmt: skip
        store.add_articles([(a, None)])
        ents = (Entity("Ann Lee", "PERSON", 0, 3, "Ann Lee"),) if i in (2, 5) else ()
        store.save_analyses([Analysis(a.id, entities=ents)], "m")
        story = Story(f"s{i}", (a.id,), a.title, a.published, a.published if i != 6 else None,
                      (Assignment(a.id, f"s{i}", 1.0, new_story=True),))  # fmt: skip
        brief = Brief(
            story.id, a.title, (BriefSentence("x", (Citation(a.id, 0, 5, a.source),)),), sources=(a.source,)
        )
        store.save_story(story, brief)
        stories.append(story.id)
    seen, after = [], None
    while True:  # pages of 3: every story once, newest first, the undated one last
        rows = store.browse_stories(StoryFilter(), 3, after)
        seen += [r.id for r in rows]
        if len(rows) < 3:
            break
        after = (rows[-1].last_seen or "", rows[-1].id)
    assert seen == ["s5", "s4", "s3", "s2", "s1", "s0", "s6"]
    ids = lambda **kw: [r.id for r in store.browse_stories(StoryFilter(**kw), 50)]  # noqa: E731
    assert ids(q="flood") == ["s5", "s3", "s1"]
    assert ids(q="flood Lindport day") == ["s5", "s3", "s1"] and ids(q="nothing-like-it") == []
    assert ids(outlet="Outlet 1") == ["s4", "s1"]
    assert ids(entity="Ann Lee") == ["s5", "s2"]
    assert ids(since="2025-01-04", until="2025-01-05") == ["s4", "s3"]
    assert ids(q="strike", entity="Ann Lee") == ["s2"]
    assert store.entity("Ann Lee").articles == 2 and store.entities("ann")[0].name == "Ann Lee"
    assert {(o.outlet, o.stories) for o in store.outlets()} == {
        ("Outlet 0", 3),
        ("Outlet 1", 2),
        ("Outlet 2", 2),
    }
    assert store.outlet_counts("Outlet 1") == (
        2,
        dict.fromkeys(OUTLET_METRICS, 0),
    )  # these briefs state no figures
    assert list(store.story_record("s3").articles) == store.story_members("s3")


def test_issue_18_browse_sqlite(tmp_path: Path) -> None:
    with open_store(f"sqlite:///{tmp_path}/b.db") as store:
        _browse(store)


def test_issue_18_browse_postgres() -> None:
    with pg_schema() as url, open_store(url) as store:
        _browse(store)
