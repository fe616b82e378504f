"""Tables, schema versions and the migrations applied automatically when a store is opened.

Version 1 is the schema of newsfuse before the incremental pipeline (articles, analyses, stories,
story_articles, runs). Version 2 adds what a run needs to touch only what is new: article status
(stored / done / failed), the near-duplicate band index, the clusterer's story state and term
index, document frequencies, summary columns on stories, and full-text search. Version 3 adds the
corrections made by hand (`newsfuse story merge|split|move`) and the kind of each page (article, or an
archive notice, error page... kept out of stories). Version 4 adds what the server's filters need to
stay indexed: the entities each article names (and how many articles name each), the outlets of each
story's brief, and an index for newest-first keyset pages of stories.
Version 5 records a story whose brief failed (stories.error: the coded error as JSON; NULL once a
brief is built). Version 6 keeps the pipeline batch that stored each article (a stopped run resumes
batch by batch). Version 7 adds what makes runs reproducible and briefs comparable over time: the
SHA-256 of each input a run read (run_inputs), and what changed in a story's brief each time it was
rebuilt (story_changes: a bounded history of differences, not of whole briefs).
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
    func,
    inspect,
    literal_column,
    select,
    text,
    update,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.schema import CreateIndex

from ..reconcile.outlets import METRICS as OUTLET_METRICS

log = logging.getLogger("newsfuse.store")
SCHEMA_VERSION = 8

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
    Column("batch", BigInteger),  # the pipeline batch that stored it: a stopped run's rest resumes batch by batch
    Column("status", String(8), nullable=False, default="stored"),  # stored | done | failed
    Column("failed_stage", String(16)),
    Column("error", Text),  # the coded error as JSON
    Column("kind", String(16), nullable=False, default="article"),  # article | what else the page is
    Index("articles_status", "status"),
    Index("articles_kind", "kind"),
    Index("articles_duplicate_of", "duplicate_of"),
)  # fmt: skip
analyses = Table(
    "analyses", meta,
    Column("article_id", String(64), ForeignKey("articles.id"), primary_key=True),
    Column("model", Text, nullable=False),
    Column("data", Text, nullable=False),
)  # fmt: skip
dedup_bands = Table(  # keyed by week first: a batch reads and writes the weeks around its dates, so the
    "dedup_bands", meta,  # index pages it touches stay few and warm however many years the store holds
    Column("week", Integer, primary_key=True),  # dedup.week_of(the article's date); dedup.UNDATED without one
    Column("band", BigInteger, primary_key=True),  # hash of one MinHash band (number and rows)
    Column("article_id", String(64), primary_key=True),
    sqlite_with_rowid=False,  # the rows are the key: stored once, in key order
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
    Column("members", Text),  # the clusterer's memory of recent members (JSON), read only when needed
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
story_terms = Table(  # the postings of open stories only (closing a story deletes them)
    "story_terms", meta,
    Column("term", String(64), primary_key=True),
    Column("story_id", String(32), primary_key=True),
    Column("last_seen", String(10)),  # the story's, so candidates are found in the postings alone
    Index("story_terms_story", "story_id"),
    sqlite_with_rowid=False,  # the key and the date in one b-tree: a lookup by term reads nothing else
)  # fmt: skip
term_stats = Table(
    "term_stats", meta,
    Column("term", String(64), primary_key=True),
    Column("df", Integer, nullable=False),
)  # fmt: skip
corrections = Table(
    "corrections", meta,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("made", String(32), nullable=False),
    Column("kind", String(8), nullable=False),  # merge | split | move
    Column("story_id", String(32), nullable=False),  # the story kept (merge), split (split), moved to (move)
    Column("other", String(32)),  # the story merged in (merge), made (split), left (move)
    Column("articles", Text, nullable=False),  # JSON list of the article ids that changed story
)  # fmt: skip
# v4: browsing (newsfuse serve) ---------------------------------------------------------------------
RECENT = (func.coalesce(stories.c.last_seen, literal_column("''")), stories.c.id)  # keyset order key
STORIES_RECENT = Index("stories_recent", *RECENT)
# counts of stories read this index only: a scan of the table would read every brief stored in its rows
STORIES_COUNTED = Index("stories_n_articles", stories.c.n_articles)
article_entities = Table(
    "article_entities", meta,
    Column("article_id", String(64), primary_key=True),
    Column("name", String(200), primary_key=True),  # the entity's canonical name
    Column("label", String(16), nullable=False),
    Index("article_entities_name", "name", "article_id"),
)  # fmt: skip
entity_stats = Table(
    "entity_stats", meta,
    Column("name", String(200), primary_key=True),
    Column("label", String(16), nullable=False),
    Column("articles", Integer, nullable=False),
    Index("entity_stats_articles", "articles", "name"),
)  # fmt: skip
story_outlets = Table(  # per story and outlet, the outlet's track-record counts in that story's brief
    "story_outlets", meta,
    Column("story_id", String(32), primary_key=True),
    Column("outlet", String(200), primary_key=True),
    *(Column(m, Integer, nullable=False, default=0) for m in OUTLET_METRICS),
    Index("story_outlets_outlet", "outlet", "story_id"),
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
# v7: run records and what changed -----------------------------------------------------------------
run_inputs = Table(
    "run_inputs", meta,
    Column("run_id", Integer, primary_key=True),
    Column("seq", Integer, primary_key=True),  # the order the run read them in
    Column("name", Text, nullable=False),  # a file's absolute path, or "records"
    Column("kind", String(8), nullable=False),  # file | records
    Column("sha256", String(64), nullable=False),
    Column("size", BigInteger, nullable=False),  # bytes of a file, records of a record set
)  # fmt: skip
story_changes = Table(
    "story_changes", meta,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("story_id", String(32), nullable=False),
    Column("run_id", Integer),  # the run that rebuilt the brief
    Column("made", String(32), nullable=False),
    Column("data", Text, nullable=False),  # the change record (JSON, brief/changes.py)
    Index("story_changes_story", "story_id", "id"),
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
        ("members", "TEXT"),
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
    from ..dedup import signature_bands, week_of

    rows = c.execute(
        select(articles.c.id, articles.c.text, articles.c.published).where(articles.c.duplicate_of.is_(None))
    )
    for aid, body, day in rows.fetchall():
        bands = [{"week": week_of(day), "band": b, "article_id": aid} for b in signature_bands(body)]
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
    """Add the corrections table and the articles' kind (every stored page counts as an article)."""
    have = {col["name"] for col in inspect(c).get_columns("articles")}
    if "kind" not in have:
        c.execute(text("ALTER TABLE articles ADD COLUMN kind VARCHAR(16) NOT NULL DEFAULT 'article'"))
    c.execute(text("CREATE INDEX IF NOT EXISTS articles_kind ON articles (kind)"))
    meta.create_all(c)


def _browse_indexes(c: Connection) -> None:
    """The browsing indexes, filled from what is stored: entities from the analyses, outlets from briefs.
    Idempotent (fills only empty tables), so it can sit at any version of the migration chain."""
    meta.create_all(c)  # the new tables; an index on an old table is made by itself:
    for index in (STORIES_RECENT, STORIES_COUNTED):  # IF NOT EXISTS: reflection cannot read the first
        c.execute(CreateIndex(index, if_not_exists=True))
    if c.execute(select(article_entities.c.name).limit(1)).first() is None:
        _fill_entities(c)
    if c.execute(select(story_outlets.c.outlet).limit(1)).first() is None:
        _fill_outlets(c)


def _fill_entities(c: Connection) -> None:
    from . import codec
    from ._browse import entity_rows

    ents: list[dict[str, str]] = []
    for raw in c.execute(select(analyses.c.data)).scalars():
        ents += entity_rows(codec.analysis_from(json.loads(raw)))
    stats: dict[str, dict[str, object]] = {}
    for e in ents:
        st = stats.setdefault(e["name"], {"name": e["name"], "label": e["label"], "articles": 0})
        st["articles"] = int(str(st["articles"])) + 1
    for i in range(0, len(ents), 500):
        c.execute(article_entities.insert(), ents[i : i + 500])
    if stats:
        c.execute(entity_stats.insert(), list(stats.values()))


def _fill_outlets(c: Connection) -> None:
    from . import codec
    from ._browse import outlet_rows

    for sid, raw in c.execute(
        select(stories.c.id, stories.c.brief).where(stories.c.brief.is_not(None))
    ).fetchall():
        rows = outlet_rows(sid, codec.brief_from(json.loads(raw)))
        if rows:
            c.execute(story_outlets.insert(), rows)


def _v4_to_v5(c: Connection) -> None:
    if "error" not in {col["name"] for col in inspect(c).get_columns("stories")}:
        c.execute(text("ALTER TABLE stories ADD COLUMN error TEXT"))


def _v5_to_v6(c: Connection) -> None:
    if "batch" not in {col["name"] for col in inspect(c).get_columns("articles")}:
        c.execute(text("ALTER TABLE articles ADD COLUMN batch BIGINT"))


def _v6_to_v7(c: Connection) -> None:
    """The input hashes of runs and the stories' change history: new tables, empty (runs made before
    kept their inputs' names only; a story's history starts with its next rebuilt brief)."""
    meta.create_all(c, tables=[run_inputs, story_changes])


def _v7_to_v8(c: Connection) -> None:
    """Schema 8: near-duplicate bands keyed by week first, story postings dated (_dated_postings)."""
    _weekly_bands(c)
    _dated_postings(c)


def _weekly_bands(c: Connection) -> None:
    """Near-duplicate bands keyed by week (the article's date) first: the rows are copied over with the
    week of their article, the old table dropped. About a minute per million rows."""
    from ..dedup import week_of

    if "week" in {col["name"] for col in inspect(c).get_columns("dedup_bands")}:
        return  # made by this version already (a store created at v1 and migrated through v2)
    c.execute(text("ALTER TABLE dedup_bands RENAME TO dedup_bands_v7"))
    if c.dialect.name == "postgresql":  # the old primary key's name would clash with the new one's
        c.execute(text("ALTER TABLE dedup_bands_v7 DROP CONSTRAINT IF EXISTS dedup_bands_pkey"))
    meta.create_all(c, tables=[dedup_bands])
    old = text(
        "SELECT b.band, b.article_id, a.published FROM dedup_bands_v7 b JOIN articles a ON a.id = b.article_id"
    )
    rows = c.execute(old.execution_options(stream_results=True))
    while part := rows.fetchmany(20_000):
        c.execute(
            dedup_bands.insert(), [{"week": week_of(d), "band": b, "article_id": i} for b, i, d in part]
        )
    c.execute(text("DROP TABLE dedup_bands_v7"))


def _dated_postings(c: Connection) -> None:
    """Story term postings carry their story's last date (schema 8): the table is rebuilt with it."""
    if "last_seen" in {col["name"] for col in inspect(c).get_columns("story_terms")}:
        return
    c.execute(text("ALTER TABLE story_terms RENAME TO story_terms_v7"))
    if c.dialect.name == "postgresql":
        c.execute(text("ALTER TABLE story_terms_v7 DROP CONSTRAINT IF EXISTS story_terms_pkey"))
    c.execute(text("DROP INDEX IF EXISTS story_terms_story"))
    meta.create_all(c, tables=[story_terms])
    c.execute(
        text(
            "INSERT INTO story_terms (term, story_id, last_seen) SELECT t.term, t.story_id, s.last_seen "
            "FROM story_terms_v7 t JOIN stories s ON s.id = t.story_id"
        )
    )
    c.execute(text("DROP TABLE story_terms_v7"))


MIGRATIONS: dict[int, Callable[[Connection], None]] = {
    1: _v1_to_v2, 2: _v2_to_v3, 3: _browse_indexes, 4: _v4_to_v5, 5: _v5_to_v6, 6: _v6_to_v7, 7: _v7_to_v8,
}  # fmt: skip


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
    one transaction (a failed migration leaves the store as it was). A store already at SCHEMA_VERSION is
    only read: opening it never waits for, nor fails beside, a run that is writing to it (`newsfuse stories`
    or `serve` beside a `watch`: the old unconditional rewrite of the version could fail at once with
    "database is locked" when a writer committed during the open)."""
    with engine.connect() as c:
        current = _checked_version(c, url) == SCHEMA_VERSION
    if current:
        return
    # SQLite: BEGIN IMMEDIATE (store/sql.py), so a second process creating the same store waits its turn
    with engine.connect() as conn, conn.execution_options(nf_write=True).begin():
        _migrate(conn, url)


def _checked_version(c: Connection, url: str) -> int:
    version = _version(c)
    if version > SCHEMA_VERSION:
        from ..errors import StoreError

        raise StoreError(
            f"the store at {url} has schema {version}, newer than this newsfuse ({SCHEMA_VERSION})",
            hint="Upgrade newsfuse, or use another --db.",
        )
    return version


def _migrate(c: Connection, url: str) -> None:
    if c.dialect.name == "postgresql":
        c.execute(text("SELECT pg_advisory_xact_lock(7311)"))  # two processes opening one store
    version = _checked_version(c, url)  # again, under the lock: another process may have done it
    if version == 0:
        meta.create_all(c)
    while 0 < version < SCHEMA_VERSION:
        log.warning("upgrading the store at %s from schema %d to %d", url, version, version + 1)
        MIGRATIONS[version](c)
        version += 1
    _full_text(c)
    c.execute(info.delete().where(info.c.key == "schema_version"))
    c.execute(info.insert().values(key="schema_version", value=str(SCHEMA_VERSION)))
