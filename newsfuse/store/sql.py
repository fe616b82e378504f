"""The SQL store (SQLAlchemy Core): SQLite by default, PostgreSQL for teams, `sqlite://` in memory for tests.

All statements are parameterised. Articles are keyed by id and by content hash,
so ingesting the same input twice adds nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import StaticPool

from ..errors import NotFound, StoreError
from ..ingest.ids import content_id
from ..model import Analysis, Article, Brief, Story
from . import codec

meta = MetaData()
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
)  # fmt: skip
analyses = Table(
    "analyses", meta,
    Column("article_id", String(64), ForeignKey("articles.id"), primary_key=True),
    Column("model", Text, nullable=False),
    Column("data", Text, nullable=False),
)  # fmt: skip
stories = Table(
    "stories", meta,
    Column("id", String(32), primary_key=True),
    Column("title", Text, nullable=False, default=""),
    Column("first_seen", String(10)),
    Column("last_seen", String(10)),
    Column("brief", Text),
)  # fmt: skip
story_articles = Table(
    "story_articles", meta,
    Column("story_id", String(32), ForeignKey("stories.id"), primary_key=True),
    Column("article_id", String(64), ForeignKey("articles.id"), primary_key=True),
    Column("score", Float, nullable=False),
    Column("explain", Text, nullable=False),
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


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class SqlStore:
    def __init__(self, url: str):
        self.url = url
        try:
            kw: dict[str, Any] = {}
            if url in ("sqlite://", "sqlite:///:memory:"):
                kw = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
            elif url.startswith("sqlite:///"):
                Path(url[len("sqlite:///") :]).parent.mkdir(parents=True, exist_ok=True)
            elif url.startswith("postgresql://"):
                url = url.replace("postgresql://", "postgresql+psycopg://", 1)
            self.engine: Engine = create_engine(url, **kw)
            meta.create_all(self.engine)
        except (SQLAlchemyError, ImportError) as e:
            raise StoreError(f"cannot open the store at {self.url}: {e}") from e

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> SqlStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # runs ---------------------------------------------------------------
    def start_run(self, inputs: Sequence[str], settings: dict[str, Any], versions: dict[str, str]) -> int:
        with self.engine.begin() as c:
            res = c.execute(
                insert(runs).values(
                    started=_now(),
                    inputs=json.dumps(list(inputs)),
                    settings=json.dumps(settings),
                    versions=json.dumps(versions),
                )
            )
            return int(res.inserted_primary_key[0])  # type: ignore[index]

    def finish_run(self, run_id: int, summary: dict[str, Any]) -> None:
        with self.engine.begin() as c:
            c.execute(
                update(runs).where(runs.c.id == run_id).values(finished=_now(), summary=json.dumps(summary))
            )

    def list_runs(self) -> list[dict[str, Any]]:
        with self.engine.connect() as c:
            return [dict(r._mapping) for r in c.execute(select(runs).order_by(runs.c.id))]

    # articles -----------------------------------------------------------
    def has_content(self, text: str) -> str | None:
        with self.engine.connect() as c:
            return c.execute(
                select(articles.c.id).where(articles.c.content_hash == content_id(text))
            ).scalar()

    def add_article(self, a: Article, run_id: int | None = None, duplicate_of: str | None = None) -> bool:
        """Store an article; False (and nothing changed) if it or its exact text is already stored."""
        h = content_id(a.text)
        with self.engine.begin() as c:
            exists = c.execute(
                select(articles.c.id).where((articles.c.id == a.id) | (articles.c.content_hash == h))
            ).first()
            if exists:
                return False
            c.execute(
                insert(articles).values(
                    id=a.id,
                    content_hash=h,
                    title=a.title,
                    source=a.source,
                    url=a.url,
                    published=a.published,
                    text=a.text,
                    duplicate_of=duplicate_of,
                    data=codec.dumps(a),
                    run_id=run_id,
                )
            )
        return True

    def update_article(self, a: Article) -> None:
        with self.engine.begin() as c:
            c.execute(update(articles).where(articles.c.id == a.id).values(data=codec.dumps(a)))

    def get_article(self, article_id: str) -> Article:
        with self.engine.connect() as c:
            row = c.execute(select(articles.c.data).where(articles.c.id == article_id)).scalar()
        if row is None:
            raise NotFound(f"no article {article_id!r}", hint="List stories with `newsfuse stories --json`.")
        return codec.article_from(json.loads(row))

    def articles(self, *, canonical_only: bool = True) -> list[Article]:
        q = select(articles.c.data).order_by(articles.c.published, articles.c.id)
        if canonical_only:
            q = q.where(articles.c.duplicate_of.is_(None))
        with self.engine.connect() as c:
            return [codec.article_from(json.loads(r)) for r in c.execute(q).scalars()]

    def duplicates(self) -> dict[str, str]:
        with self.engine.connect() as c:
            rows = c.execute(
                select(articles.c.id, articles.c.duplicate_of).where(articles.c.duplicate_of.is_not(None))
            )
            return {r[0]: r[1] for r in rows}

    # analyses -----------------------------------------------------------
    def save_analyses(self, items: Iterable[Analysis], model: str) -> None:
        with self.engine.begin() as c:
            for a in items:
                c.execute(delete(analyses).where(analyses.c.article_id == a.article_id))
                c.execute(insert(analyses).values(article_id=a.article_id, model=model, data=codec.dumps(a)))

    def analyses(self, ids: Iterable[str] | None = None) -> dict[str, Analysis]:
        q = select(analyses.c.data)
        if ids is not None:
            q = q.where(analyses.c.article_id.in_(list(ids)))
        with self.engine.connect() as c:
            out = [codec.analysis_from(json.loads(r)) for r in c.execute(q).scalars()]
        return {a.article_id: a for a in out}

    # stories ------------------------------------------------------------
    def assignments(self) -> dict[str, str]:
        with self.engine.connect() as c:
            return {
                r[0]: r[1] for r in c.execute(select(story_articles.c.article_id, story_articles.c.story_id))
            }

    def save_story(self, story: Story, brief: Brief | None) -> None:
        with self.engine.begin() as c:
            c.execute(delete(story_articles).where(story_articles.c.story_id == story.id))
            c.execute(delete(stories).where(stories.c.id == story.id))
            c.execute(
                insert(stories).values(
                    id=story.id,
                    title=(brief.headline if brief else story.title),
                    first_seen=story.first_seen,
                    last_seen=story.last_seen,
                    brief=codec.dumps(brief) if brief else None,
                )
            )
            for asg in story.assignments:
                c.execute(
                    insert(story_articles).values(
                        story_id=story.id,
                        article_id=asg.article_id,
                        score=asg.score,
                        explain=codec.dumps(asg),
                    )
                )

    def stories(self) -> list[dict[str, Any]]:
        with self.engine.connect() as c:
            rows = c.execute(select(stories).order_by(stories.c.last_seen.desc(), stories.c.id)).fetchall()
            members = c.execute(select(story_articles).order_by(story_articles.c.story_id)).fetchall()
        by_story: dict[str, list[Any]] = {}
        for m in members:
            by_story.setdefault(m.story_id, []).append(m)
        out = []
        for r in rows:
            ms = by_story.get(r.id, [])
            out.append(
                {
                    "id": r.id, "title": r.title, "articles": [m.article_id for m in ms],
                    "first_seen": r.first_seen, "last_seen": r.last_seen,
                    "explain": [json.loads(m.explain) for m in ms],
                }
            )  # fmt: skip
        return out

    def brief(self, story_id: str) -> Brief:
        with self.engine.connect() as c:
            row = c.execute(select(stories.c.brief).where(stories.c.id == story_id)).scalar()
        if row is None:
            raise NotFound(f"no story {story_id!r} (or it has no brief yet)")
        return codec.brief_from(json.loads(row))

    def story_summaries(self) -> list[dict[str, Any]]:
        """One row per story: counts of articles, outlets, facts, conflicts and failed checks."""
        rows = []
        for s in self.stories():
            brief = self.brief(s["id"])
            rows.append(
                {
                    "id": s["id"], "title": s["title"], "articles": len(s["articles"]),
                    "sources": len(brief.sources), "facts": len(brief.facts), "conflicts": len(brief.conflicts),
                    "failed_checks": sum(c.status == "inconsistent" for c in brief.checks),
                }
            )  # fmt: skip
        return rows

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Articles whose title or text contains every word of the query (case-insensitive)."""
        q = select(articles.c.id, articles.c.title, articles.c.source, articles.c.published)
        for word in query.split():
            like = f"%{word.lower()}%"
            q = q.where((articles.c.text.ilike(like)) | (articles.c.title.ilike(like)))
        with self.engine.connect() as c:
            return [dict(r._mapping) for r in c.execute(q.limit(limit))]
