"""Tables, schema versions and the migrations applied automatically when a store is opened.

Version 1 is the schema of newsfuse before the incremental pipeline (articles, analyses, stories,
story_articles, runs). Version 2 adds what a run needs to touch only what is new: article status
(stored / done / failed), the near-duplicate band index, the clusterer's story state and term
index, document frequencies, summary columns on stories, and full-text search. Version 3 records a
story whose brief failed (stories.error: the coded error as JSON; NULL once a brief is built).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable

from sqlalchemy import (
    BigInteger,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    inspect,
    select,
    text,
    update,
)
from sqlalchemy.engine import Connection, Engine

log = logging.getLogger("newsfuse.store")
SCHEMA_VERSION = 3

meta = MetaData()
info = Table(
    "newsfuse_meta", meta,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)  # fmt: skip
articles = Table(
    "articles", meta,
    Column("id", String(64), primary_key=True),
    Column("content_hash", String(32), unique=True, nullable=False),
    Column("title", Text, nullable=False, default=""),
    Column("source", Text, nullable=False, default=""),
    Column("url", Text),
    Column("published", String(10)),
    Column("text", Text, nullable=False),
    Column("duplicate_of", String(64)),
    Column("data", Text, nullable=False),
    Column("run_id", Integer),
    Column("status", String(8), nullable=False, default="stored"),  # stored | done | failed
    Column("failed_stage", String(16)),
    Column("error", Text),  # the coded error as JSON
    Index("articles_status", "status"),
    Index("articles_duplicate_of", "duplicate_of"),
)  # fmt: skip
analyses = Table(
    "analyses", meta,
    Column("article_id", String(64), ForeignKey("articles.id"), primary_key=True),
    Column("model", Text, nullable=False),
    Column("data", Text, nullable=False),
)  # fmt: skip
dedup_bands = Table(
    "dedup_bands", meta,
    Column("band", BigInteger, primary_key=True),  # hash of one MinHash band (number and rows)
    Column("article_id", String(64), primary_key=True),
)  # fmt: skip
stories = Table(
    "stories", meta,
    Column("id", String(32), primary_key=True),
    Column("title", Text, nullable=False, default=""),
    Column("first_seen", String(10)),
    Column("last_seen", String(10)),
    Column("brief", Text),
    Column("n_articles", Integer, nullable=False, default=0),
    Column("n_sources", Integer, nullable=False, default=0),
    Column("n_facts", Integer, nullable=False, default=0),
    Column("n_conflicts", Integer, nullable=False, default=0),
    Column("n_failed_checks", Integer, nullable=False, default=0),
    Column("updated", String(32)),
    Column("exported", Integer, nullable=False, default=0),
    Column("stale", Integer, nullable=False, default=0),  # members changed since the brief was made
    Column("state", Text),  # the clusterer's state of the story (JSON); NULL: closed to new articles
    Column("error", Text),  # the coded error of its last failed brief (JSON); NULL: the brief is current
    Index("stories_last_seen", "last_seen"),
    Index("stories_stale", "stale"),
)  # fmt: skip
story_articles = Table(
    "story_articles", meta,
    Column("story_id", String(32), ForeignKey("stories.id"), primary_key=True),
    Column("article_id", String(64), ForeignKey("articles.id"), primary_key=True),
    Column("score", Float, nullable=False),
    Column("explain", Text, nullable=False),
    Index("story_articles_article", "article_id"),
)  # fmt: skip
story_terms = Table(
    "story_terms", meta,
    Column("term", String(64), primary_key=True),
    Column("story_id", String(32), primary_key=True),
    Index("story_terms_story", "story_id"),
)  # fmt: skip
term_stats = Table(
    "term_stats", meta,
    Column("term", String(64), primary_key=True),
    Column("df", Integer, nullable=False),
)  # fmt: skip
runs = Table(
    "runs", meta,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started", String(32), nullable=False),
    Column("finished", String(32)),
    Column("inputs", Text, nullable=False),
    Column("settings", Text, nullable=False),
    Column("versions", Text, nullable=False),
    Column("summary", Text),
)  # fmt: skip

_V2_COLUMNS = {
    "articles": [
        ("status", "VARCHAR(8) NOT NULL DEFAULT 'stored'"), ("failed_stage", "VARCHAR(16)"), ("error", "TEXT"),
    ],
    "stories": [
        ("n_articles", "INTEGER NOT NULL DEFAULT 0"), ("n_sources", "INTEGER NOT NULL DEFAULT 0"),
        ("n_facts", "INTEGER NOT NULL DEFAULT 0"), ("n_conflicts", "INTEGER NOT NULL DEFAULT 0"),
        ("n_failed_checks", "INTEGER NOT NULL DEFAULT 0"), ("updated", "VARCHAR(32)"),
        ("exported", "INTEGER NOT NULL DEFAULT 0"), ("stale", "INTEGER NOT NULL DEFAULT 0"), ("state", "TEXT"),
    ],
}  # fmt: skip


def _version(c: Connection) -> int:
    names = set(inspect(c).get_table_names())
    if "articles" not in names:
        return 0
    if "newsfuse_meta" not in names:
        return 1
    v = c.execute(select(info.c.value).where(info.c.key == "schema_version")).scalar()
    return int(v or 1)


def _v1_to_v2(c: Connection) -> None:
    """Add the v2 columns and tables; stories of v1 get their counts from their briefs and stay closed to new
    articles (their clusterer state was never stored); stored articles count as processed."""
    from . import codec

    have = {t: {col["name"] for col in inspect(c).get_columns(t)} for t in _V2_COLUMNS}
    for table, cols in _V2_COLUMNS.items():
        for name, ddl in cols:
            if name not in have[table]:
                c.execute(text(f"ALTER TABLE {table} ADD COLUMN {name} {ddl}"))
    meta.create_all(c)
    _full_text(c)
    if c.dialect.name == "sqlite":
        c.execute(
            text("INSERT INTO articles_fts(rowid, title, text) SELECT rowid, title, text FROM articles")
        )
    c.execute(update(articles).values(status="done"))
    from ..dedup import signature_bands

    rows = c.execute(select(articles.c.id, articles.c.text).where(articles.c.duplicate_of.is_(None)))
    for aid, body in rows.fetchall():
        bands = [{"band": b, "article_id": aid} for b in signature_bands(body)]
        c.execute(dedup_bands.insert(), bands)
    for sid, raw in c.execute(select(stories.c.id, stories.c.brief)).fetchall():
        counts = brief_counts(codec.brief_from(json.loads(raw))) if raw else {}
        n = c.execute(select(story_articles.c.article_id).where(story_articles.c.story_id == sid)).fetchall()
        c.execute(update(stories).where(stories.c.id == sid).values(n_articles=len(n), exported=1, **counts))


def brief_counts(brief: object) -> dict[str, int]:
    b = brief
    return {
        "n_sources": len(b.sources),  # type: ignore[attr-defined]
        "n_facts": len(b.facts),  # type: ignore[attr-defined]
        "n_conflicts": len(b.conflicts),  # type: ignore[attr-defined]
        "n_failed_checks": sum(x.status == "inconsistent" for x in b.checks),  # type: ignore[attr-defined]
    }


def _v2_to_v3(c: Connection) -> None:
    if "error" not in {col["name"] for col in inspect(c).get_columns("stories")}:
        c.execute(text("ALTER TABLE stories ADD COLUMN error TEXT"))


MIGRATIONS: dict[int, Callable[[Connection], None]] = {1: _v1_to_v2, 2: _v2_to_v3}


def _full_text(c: Connection) -> None:
    if c.dialect.name == "sqlite":
        c.execute(text("CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(title, text, content='')"))
    elif c.dialect.name == "postgresql":
        c.execute(
            text(
                "ALTER TABLE articles ADD COLUMN IF NOT EXISTS tsv tsvector GENERATED ALWAYS AS "
                "(to_tsvector('english', coalesce(title, '') || ' ' || text)) STORED"
            )
        )
        c.execute(text("CREATE INDEX IF NOT EXISTS articles_tsv ON articles USING GIN (tsv)"))


def migrate(engine: Engine, url: str) -> None:
    """Bring the store to SCHEMA_VERSION: create it when empty, else apply each migration in order, in
    one transaction (a failed migration leaves the store as it was)."""
    with engine.begin() as c:
        if c.dialect.name == "postgresql":
            c.execute(text("SELECT pg_advisory_xact_lock(7311)"))  # two processes opening one store
        version = _version(c)
        if version > SCHEMA_VERSION:
            from ..errors import StoreError

            raise StoreError(
                f"the store at {url} has schema {version}, newer than this newsfuse ({SCHEMA_VERSION})",
                hint="Upgrade newsfuse, or use another --db.",
            )
        if version == 0:
            meta.create_all(c)
        while 0 < version < SCHEMA_VERSION:
            log.warning("upgrading the store at %s from schema %d to %d", url, version, version + 1)
            MIGRATIONS[version](c)
            version += 1
        _full_text(c)
        c.execute(info.delete().where(info.c.key == "schema_version"))
        c.execute(info.insert().values(key="schema_version", value=str(SCHEMA_VERSION)))
