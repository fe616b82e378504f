"""The store's stories: members and why they joined, briefs with their summary counts, what still has
to be exported, and full-text search (SQLite FTS5, PostgreSQL tsvector + GIN)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, select, text, update
from sqlalchemy.engine import Connection

from ..errors import NotFound
from ..model import Assignment, Brief
from . import codec
from .records import FailedArticle, SearchHit, StoryRecord, StorySummary
from .schema import articles, brief_counts, stories, story_articles


def _assignment(raw: str) -> Assignment:
    d = json.loads(raw)
    d["shared_terms"] = tuple(d.get("shared_terms", ()))
    d["shared_entities"] = tuple(d.get("shared_entities", ()))
    d["parts"] = tuple((str(k), float(v)) for k, v in d.get("parts", ()))
    return Assignment(**d)


def _snippet(body: str, words: Sequence[str], width: int = 160) -> str:
    low = body.lower()
    at = min((i for i in (low.find(w.lower()) for w in words) if i >= 0), default=0)
    start = max(0, at - width // 3)
    return ("…" if start else "") + " ".join(body[start : start + width].split()) + "…"


class StoryQueries:
    dialect: str

    if TYPE_CHECKING:

        def _c(self, write: bool = False) -> AbstractContextManager[Connection]: ...

        def _index_outlets(self, c: Connection, story_id: str, brief: Brief) -> None: ...

        def _record_change(self, c: Connection, before: Brief, after: Brief, made: str) -> None: ...

    def add_assignments(self, items: Iterable[Assignment]) -> None:
        rows = [
            {"story_id": a.story_id, "article_id": a.article_id, "score": a.score, "explain": codec.dumps(a)}
            for a in items
        ]
        if rows:
            with self._c(write=True) as c:
                c.execute(story_articles.insert(), rows)

    def story_members(self, story_id: str) -> list[str]:
        return self.story_members_many([story_id])[story_id]

    def story_members_many(self, story_ids: Sequence[str]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {sid: [] for sid in story_ids}
        ids = list(out)
        sa = story_articles.c
        with self._c() as c:
            for i in range(0, len(ids), 500):
                q = select(sa.story_id, sa.article_id).where(sa.story_id.in_(ids[i : i + 500]))
                for sid, aid in c.execute(q):
                    out[sid].append(aid)
        return out

    def stories_of(self, article_id: str) -> list[str]:
        with self._c() as c:
            q = select(story_articles.c.story_id).where(story_articles.c.article_id == article_id)
            return list(c.execute(q).scalars())

    def save_brief(self, story_id: str, brief: Brief | None, n_articles: int, run: int | None = None) -> None:
        """The story's brief (naming `run`, the run that wrote it) and the counts lists show, written
        together, with what changed since the brief it replaces; the story waits for export."""
        made = datetime.now(UTC).isoformat(timespec="seconds")
        values: dict[str, Any] = {"n_articles": n_articles, "exported": 0, "stale": 0, "updated": made}
        if brief is not None and run is not None:
            brief = replace(brief, run=run)
        if brief is not None:
            values.update(title=brief.headline, brief=codec.dumps(brief), error=None, **brief_counts(brief))
        with self._c(write=True) as c:
            if brief is not None:
                raw = c.execute(select(stories.c.brief).where(stories.c.id == story_id)).scalar()
                if raw is not None:
                    self._record_change(c, codec.brief_from(json.loads(raw)), brief, made)
            c.execute(update(stories).where(stories.c.id == story_id).values(**values))
            if brief is not None:
                self._index_outlets(c, story_id, brief)

    def save_story(self, story: Any, brief: Brief | None) -> None:
        """A whole story at once (members, assignments, brief): for tests and imports; the pipeline
        assigns through the clusterer's state instead."""
        with self._c(write=True) as c:
            c.execute(delete(story_articles).where(story_articles.c.story_id == story.id))
            c.execute(delete(stories).where(stories.c.id == story.id))
            c.execute(stories.insert().values(id=story.id, title=story.title, first_seen=story.first_seen,
                                              last_seen=story.last_seen, n_articles=0))  # fmt: skip
            self.add_assignments(replace(x, story_id=story.id) for x in story.assignments)
            self.save_brief(story.id, brief, len(story.article_ids))

    def mark_brief_failed(self, story_id: str, error: dict[str, Any]) -> None:
        """The story's brief could not be built: it keeps its last one, and the error is listed by
        `failed()` until a later brief succeeds (`retry_failed_briefs` marks such stories stale again)."""
        with self._c(write=True) as c:
            c.execute(
                update(stories)
                .where(stories.c.id == story_id)
                .values(error=json.dumps(error, ensure_ascii=False), stale=0)
            )

    def retry_failed_briefs(self) -> int:
        with self._c(write=True) as c:
            res = c.execute(update(stories).where(stories.c.error.is_not(None)).values(stale=1))
            return int(res.rowcount or 0)

    def failed_briefs(self) -> list[FailedArticle]:
        q = select(stories.c.id, stories.c.error).where(stories.c.error.is_not(None)).order_by(stories.c.id)
        with self._c() as c:
            rows = c.execute(q).fetchall()
        return [
            FailedArticle(r.id, "brief", (e := json.loads(r.error)).get("code", ""), e.get("message", ""), "")
            for r in rows
        ]

    def mark_stale(self, ids: Iterable[str]) -> None:
        """These stories' members changed: their briefs are rebuilt at the end of the run (once, however
        many batches touched them), or by the next run if this one stops first."""
        ids = sorted(set(ids))
        with self._c(write=True) as c:
            for i in range(0, len(ids), 500):
                c.execute(update(stories).where(stories.c.id.in_(ids[i : i + 500])).values(stale=1))

    def stale(self, limit: int = 100, after: str | None = None) -> list[str]:
        q = select(stories.c.id).where(stories.c.stale == 1)
        if after is not None:
            q = q.where(stories.c.id > after)
        with self._c() as c:
            return list(c.execute(q.order_by(stories.c.id).limit(limit)).scalars())

    def unexported(self, limit: int = 1000) -> list[str]:
        with self._c() as c:
            q = select(stories.c.id).where(stories.c.exported == 0, stories.c.brief.is_not(None)).limit(limit)
            return list(c.execute(q).scalars())

    def mark_exported(self, ids: Sequence[str]) -> None:
        with self._c(write=True) as c:
            for i in range(0, len(ids), 500):
                c.execute(update(stories).where(stories.c.id.in_(ids[i : i + 500])).values(exported=1))

    def stories(self, limit: int | None = None, offset: int = 0) -> list[StoryRecord]:
        """Stories newest first, each with its members and why they joined."""
        s = stories.c
        q = select(s.id, s.title, s.first_seen, s.last_seen).where(s.n_articles > 0)
        q = q.order_by(s.last_seen.desc(), s.id).offset(offset)
        if limit is not None:
            q = q.limit(limit)
        with self._c() as c:
            rows = c.execute(q).fetchall()
            ids = [r.id for r in rows]
            members: dict[str, list[Any]] = {}
            for i in range(0, len(ids), 500):
                m = select(story_articles).where(story_articles.c.story_id.in_(ids[i : i + 500]))
                for r in c.execute(m):
                    members.setdefault(r.story_id, []).append(r)
        out = []
        for r in rows:
            why = sorted(
                ((m.article_id, _assignment(m.explain)) for m in members.get(r.id, [])),
                key=lambda p: (not p[1].new_story, p[0]),
            )  # each explanation parsed once
            out.append(StoryRecord(r.id, r.title, r.first_seen, r.last_seen, tuple(i for i, _ in why),
                                   tuple(x for _, x in why)))  # fmt: skip
        return out

    def story_summaries(self, limit: int | None = None, offset: int = 0) -> list[StorySummary]:
        s = stories.c
        q = select(s.id, s.title, s.first_seen, s.last_seen, s.n_articles, s.n_sources, s.n_facts,
                   s.n_conflicts, s.n_failed_checks, s.updated).where(s.n_articles > 0)  # fmt: skip
        q = q.order_by(s.last_seen.desc(), s.id).offset(offset)
        if limit is not None:
            q = q.limit(limit)
        with self._c() as c:
            return [
                StorySummary(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9]) for r in c.execute(q)
            ]

    def count_stories(self) -> int:
        with self._c() as c:
            return int(c.execute(select(func.count()).where(stories.c.n_articles > 0)).scalar() or 0)

    def brief(self, story_id: str) -> Brief:
        with self._c() as c:
            row = c.execute(select(stories.c.brief).where(stories.c.id == story_id)).scalar()
        if row is None:
            raise NotFound(f"no story {story_id!r} (or it has no brief yet)")
        return codec.brief_from(json.loads(row))

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Articles matching every word of the query, best first (FTS5 bm25 / PostgreSQL ts_rank)."""
        words = [w for w in query.split() if any(ch.isalnum() for ch in w)]
        if not words:
            return []
        a = articles.c
        with self._c() as c:
            if self.dialect == "sqlite":
                match = " ".join('"' + w.replace('"', '""') + '"' for w in words)
                rows = c.execute(
                    text(
                        "SELECT a.id, a.title, a.source, a.published, a.text, bm25(articles_fts) AS rank "
                        "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
                        "WHERE articles_fts MATCH :q ORDER BY rank LIMIT :n"
                    ),
                    {"q": match, "n": limit},
                ).fetchall()
                return [
                    SearchHit(r.id, r.title, r.source, r.published, _snippet(r.text, words), -float(r.rank))
                    for r in rows
                ]
            tsq = func.plainto_tsquery("english", " ".join(words))
            rank = func.ts_rank(text("articles.tsv"), tsq).label("rank")
            q = (
                select(a.id, a.title, a.source, a.published, a.text, rank)
                .where(text("articles.tsv @@ plainto_tsquery('english', :q)").bindparams(q=" ".join(words)))
                .order_by(rank.desc(), a.id)
                .limit(limit)
            )
            return [
                SearchHit(r.id, r.title, r.source, r.published, _snippet(r.text, words), float(r.rank))
                for r in c.execute(q)
            ]
