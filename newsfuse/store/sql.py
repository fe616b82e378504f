"""The SQL store (SQLAlchemy Core): SQLite by default, PostgreSQL for teams, `sqlite://` in memory for tests.

All statements are parameterised. Articles are keyed by id and by content hash, so ingesting the same
input twice adds nothing. Writes of one pipeline batch share one transaction (`transaction()`): a
killed run leaves whole batches only. SQLite runs in WAL mode with `BEGIN IMMEDIATE` for writers;
on PostgreSQL writers of different processes take turns through an advisory lock while they hold a
batch's dedup and cluster state, so two runs on one database lose and duplicate nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, create_engine, event, func, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import StaticPool

from ..errors import NotFound, StoreError
from ..ingest.ids import content_id
from ..logs import redact_url
from ..model import Analysis, Article
from . import codec
from ._browse import BrowseQueries
from ._changes import ChangeQueries
from ._corrections import CorrectionQueries
from ._indexes import IndexQueries
from ._runs import RunQueries
from ._stories import StoryQueries
from .records import ArticleInfo, FailedArticle
from .schema import analyses, articles, migrate

WRITE_LOCK = 7312  # PostgreSQL advisory lock id held by a writing batch


def _hide(message: str, url: str) -> str:
    """A driver's message may quote the URL it was given: never with its password."""
    return message.replace(url, redact_url(url))


def _sqlite_setup(engine: Engine, memory: bool) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi: Any, _: Any) -> None:
        dbapi.isolation_level = None  # transactions are begun below, so writers can BEGIN IMMEDIATE
        cur = dbapi.cursor()
        if not memory:
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            # a big archive's indexes (dedup bands, content hashes) are read at random: a 64 MB page cache
            # and reads through mmap instead of a syscall per page (adding 1k articles to a 100k store)
            cur.execute("PRAGMA cache_size=-65536")
            cur.execute("PRAGMA mmap_size=268435456")
            # checkpoints (the WAL copied into the database file, with an fsync) every 40 MB instead of 4 MB:
            # a batch rewrites the same hot pages (story state, term counts), copied once instead of ten times
            cur.execute("PRAGMA wal_autocheckpoint=10000")
        cur.execute("PRAGMA busy_timeout=60000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("nf_write") else "BEGIN")


class SqlStore(RunQueries, ChangeQueries, IndexQueries, StoryQueries, CorrectionQueries, BrowseQueries):
    def __init__(self, url: str):
        self.url = url
        self._conn: Connection | None = None
        try:
            kw: dict[str, Any] = {}
            memory = url in ("sqlite://", "sqlite:///:memory:")
            if memory:
                kw = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
            elif url.startswith("sqlite:///"):
                Path(url[len("sqlite:///") :]).parent.mkdir(parents=True, exist_ok=True)
                kw = {"connect_args": {"timeout": 60}}
            elif url.startswith("postgresql://"):
                url = url.replace("postgresql://", "postgresql+psycopg://", 1)
            self.engine: Engine = create_engine(url, **kw)
            self.dialect = self.engine.dialect.name
            if self.dialect == "sqlite":
                _sqlite_setup(self.engine, memory)
            migrate(self.engine, redact_url(self.url))
        except (SQLAlchemyError, ImportError) as e:
            shown = redact_url(self.url)
            raise StoreError(f"cannot open the store at {shown}: {_hide(str(e), self.url)}") from e

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> SqlStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # connections --------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Everything the store does inside this block commits together, or not at all."""
        if self._conn is not None:
            yield
            return
        with self.engine.connect() as c:
            c.execution_options(nf_write=True)
            with c.begin():
                if self.dialect == "postgresql":
                    c.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": WRITE_LOCK})
                self._conn = c
                try:
                    yield
                finally:
                    self._conn = None

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """Inside a transaction: what the block writes is undone if it raises, the rest is kept."""
        if self._conn is None:
            with self.transaction():
                yield
            return
        with self._conn.begin_nested():
            yield

    @contextmanager
    def _c(self, write: bool = False) -> Iterator[Connection]:
        if self._conn is not None:
            yield self._conn
        elif write:
            with self.transaction():
                assert self._conn is not None
                yield self._conn
        else:
            with self.engine.connect() as c:
                yield c

    def _insert(self, table: Any) -> Any:
        return (sqlite_insert if self.dialect == "sqlite" else pg_insert)(table)

    # articles -----------------------------------------------------------
    def has_content(self, text: str) -> str | None:
        with self._c() as c:
            return c.execute(
                select(articles.c.id).where(articles.c.content_hash == content_id(text))
            ).scalar()

    def add_articles(
        self, items: Sequence[tuple[Article, str | None]], run_id: int | None = None, batch: int | None = None
    ) -> set[str]:
        """Store (article, duplicate_of) pairs in one statement; returns the ids that were new (an id or exact
        text already stored adds nothing). Canonical articles wait with status 'stored' until processed."""
        if not items:
            return set()
        rows = [
            {"id": a.id, "content_hash": content_id(a.text), "title": a.title, "source": a.source, "url": a.url,
             "published": a.published, "text": a.text, "duplicate_of": dup, "data": codec.dumps_article(a),
             "run_id": run_id, "status": "done" if dup else "stored", "failed_stage": None, "error": None,
             "kind": a.kind, "batch": batch}
            for a, dup in items
        ]  # fmt: skip
        stmt = self._insert(articles).on_conflict_do_nothing().returning(articles.c.id)
        with self._c(write=True) as c:
            new = {r[0] for r in c.execute(stmt, rows)}
            if new and self.dialect == "sqlite":
                c.execute(
                    text(
                        "INSERT INTO articles_fts(rowid, title, text) SELECT rowid, title, text FROM articles "
                        "WHERE id IN :ids"
                    ).bindparams(bindparam("ids", expanding=True)),
                    {"ids": sorted(new)},
                )
        return new

    def add_article(self, a: Article, run_id: int | None = None, duplicate_of: str | None = None) -> bool:
        """Store one article; False (and nothing changed) if it or its exact text is already stored."""
        return bool(self.add_articles([(a, duplicate_of)], run_id))

    def update_article(self, a: Article) -> None:
        """The stored article's fields (its copies, or its cleaned text when cleaning is retried); its
        content hash stays that of the text first stored."""
        with self._c(write=True) as c:
            c.execute(
                update(articles).where(articles.c.id == a.id).values(data=codec.dumps_article(a), text=a.text)
            )

    def get_article(self, article_id: str) -> Article:
        found = self.get_articles([article_id])
        if article_id not in found:
            raise NotFound(f"no article {article_id!r}", hint="List stories with `newsfuse stories --json`.")
        return found[article_id]

    def get_articles(self, ids: Iterable[str]) -> dict[str, Article]:
        ids = list(dict.fromkeys(ids))
        out: dict[str, Article] = {}
        with self._c() as c:
            for i in range(0, len(ids), 500):
                q = select(articles.c.data, articles.c.text).where(articles.c.id.in_(ids[i : i + 500]))
                for raw, body in c.execute(q):
                    a = codec.article_from(json.loads(raw), body)
                    out[a.id] = a
        return out

    def articles(self, *, canonical_only: bool = True) -> list[Article]:
        """Every stored article: for tests and exports of small stores; the pipeline never calls it."""
        q = select(articles.c.data, articles.c.text).order_by(articles.c.published, articles.c.id)
        if canonical_only:
            q = q.where(articles.c.duplicate_of.is_(None))
        with self._c() as c:
            return [codec.article_from(json.loads(r), body) for r, body in c.execute(q)]

    def duplicates(self) -> dict[str, str]:
        """Stored near copies -> their canonical article (exact copies are not stored, only credited)."""
        q = select(articles.c.id, articles.c.duplicate_of).where(articles.c.duplicate_of.is_not(None))
        with self._c() as c:
            return {r[0]: r[1] for r in c.execute(q)}

    def article_info(self, ids: Iterable[str]) -> dict[str, ArticleInfo]:
        ids = list(dict.fromkeys(ids))
        a = articles.c
        out = {}
        with self._c() as c:
            for i in range(0, len(ids), 500):
                q = select(a.id, a.title, a.source, a.published, a.url, a.duplicate_of, a.status)
                for r in c.execute(q.where(a.id.in_(ids[i : i + 500]))):
                    out[r.id] = ArticleInfo(*r)
        return out

    def pending(self, limit: int, *, retry_failed: bool = False) -> list[Article]:
        """Canonical articles stored but not yet processed (a run stopped half-way), oldest first."""
        states = ["stored", "failed"] if retry_failed else ["stored"]
        waiting = (articles.c.status.in_(states), articles.c.duplicate_of.is_(None))
        q = select(articles.c.data, articles.c.text).where(*waiting)
        with self._c() as c:
            # the batch they were stored in, oldest first: processed as that batch would have been
            first = c.execute(select(func.min(articles.c.batch)).where(*waiting)).scalar()
            if first is not None:
                q = q.where(articles.c.batch == first)
            q = q.order_by(articles.c.published, articles.c.id).limit(limit)
            return [codec.article_from(json.loads(r), body) for r, body in c.execute(q)]

    def count_pending(self, *, retry_failed: bool = False) -> int:
        states = ["stored", "failed"] if retry_failed else ["stored"]
        q = select(func.count()).where(articles.c.status.in_(states), articles.c.duplicate_of.is_(None))
        with self._c() as c:
            return int(c.execute(q).scalar() or 0)

    def mark_done(self, ids: Iterable[str]) -> None:
        ids = list(ids)
        with self._c(write=True) as c:
            for i in range(0, len(ids), 500):
                c.execute(
                    update(articles)
                    .where(articles.c.id.in_(ids[i : i + 500]))
                    .values(status="done", failed_stage=None, error=None)
                )

    def mark_failed(self, article_id: str, stage: str, error: dict[str, Any]) -> None:
        with self._c(write=True) as c:
            c.execute(
                update(articles)
                .where(articles.c.id == article_id)
                .values(status="failed", failed_stage=stage, error=json.dumps(error, ensure_ascii=False))
            )

    def failed(self) -> list[FailedArticle]:
        """Articles a stage marked failed, then stories whose brief failed (stage 'brief')."""
        a = articles.c
        q = select(a.id, a.failed_stage, a.error, a.data).where(a.status == "failed").order_by(a.id)
        out = []
        with self._c() as c:
            for r in c.execute(q):
                err = json.loads(r.error or "{}")
                origin = json.loads(r.data).get("origin", "")
                out.append(
                    FailedArticle(
                        r.id, r.failed_stage or "", err.get("code", ""), err.get("message", ""), origin
                    )
                )
        return out + self.failed_briefs()

    # analyses -----------------------------------------------------------
    def save_analyses(
        self, items: Iterable[Analysis], model: str, data: Mapping[str, str] | None = None
    ) -> None:
        items = list(items)
        given = data or {}
        rows = [
            {"article_id": a.article_id, "model": model, "data": given.get(a.article_id) or codec.dumps(a)}
            for a in items
        ]
        if not rows:
            return
        stmt = self._insert(analyses)
        stmt = stmt.on_conflict_do_update(
            index_elements=["article_id"], set_={"model": stmt.excluded.model, "data": stmt.excluded.data}
        )
        with self._c(write=True) as c:
            c.execute(stmt, rows)
            self._index_entities(c, items)

    def analyses(self, ids: Iterable[str]) -> dict[str, Analysis]:
        return {i: codec.analysis_from(json.loads(raw)) for i, raw in self.analyses_data(ids).items()}

    def analyses_data(self, ids: Iterable[str]) -> dict[str, str]:
        ids = list(dict.fromkeys(ids))
        out: dict[str, str] = {}
        a = analyses.c
        with self._c() as c:
            for i in range(0, len(ids), 500):
                out.update(
                    c.execute(select(a.article_id, a.data).where(a.article_id.in_(ids[i : i + 500]))).all()
                )
        return out
