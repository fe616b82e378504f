"""The store's side of corrections made by hand (`newsfuse story merge|split|move`): the log of them, and
moving members between stories. Rebuilding the stories' clusterer state is the cluster package's job
(cluster/corrections.py); the pages judged not articles are listed here too."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection

from ..model import Assignment
from . import codec
from ._stories import _assignment
from .records import CorrectionRecord, PageRecord
from .schema import articles, corrections, stories, story_articles, story_terms


class CorrectionQueries:
    if TYPE_CHECKING:

        def _c(self, write: bool = False) -> AbstractContextManager[Connection]: ...

    def add_correction(self, kind: str, story_id: str, other: str | None, article_ids: Sequence[str]) -> int:
        made = datetime.now(UTC).isoformat(timespec="microseconds")  # ordered against runs (rerun.py)
        row = {"made": made, "kind": kind, "story_id": story_id, "other": other,
               "articles": json.dumps(list(article_ids))}  # fmt: skip
        with self._c(write=True) as c:
            res = c.execute(insert(corrections).values(**row))
            return int(res.inserted_primary_key[0])  # type: ignore[index]

    def corrections(self, story_id: str | None = None) -> list[CorrectionRecord]:
        """Corrections oldest first; with `story_id`, those that named that story."""
        k = corrections.c
        q = select(k.id, k.made, k.kind, k.story_id, k.other, k.articles).order_by(k.id)
        if story_id is not None:
            q = q.where((k.story_id == story_id) | (k.other == story_id))
        with self._c() as c:
            return [
                CorrectionRecord(r[0], r[1], r[2], r[3], r[4], tuple(json.loads(r[5]))) for r in c.execute(q)
            ]

    def story_exists(self, story_id: str) -> bool:
        """A story with members (merged-away and emptied stories are kept as rows without them)."""
        with self._c() as c:
            q = select(story_articles.c.article_id).where(story_articles.c.story_id == story_id).limit(1)
            return c.execute(q).first() is not None

    def reassign(self, article_ids: Iterable[str], to_story: str, correction: int) -> None:
        """Put these articles in `to_story` (out of whatever story they were in), their explanation kept
        and marked with the correction that moved them."""
        ids = list(dict.fromkeys(article_ids))
        sa = story_articles.c
        with self._c(write=True) as c:
            old = {r.article_id: r for r in c.execute(select(story_articles).where(sa.article_id.in_(ids)))}
            c.execute(delete(story_articles).where(sa.article_id.in_(ids)))
            rows = []
            for aid in ids:
                r = old.get(aid)
                was = _assignment(r.explain) if r is not None else None
                asg = replace(was, story_id=to_story, new_story=False, correction=correction) if was else None
                if asg is None:  # a page judged not an article, put in a story by hand: it counts as one now
                    asg = Assignment(aid, to_story, 0.0, correction=correction)
                    self._make_article(c, aid)
                rows.append({"story_id": to_story, "article_id": aid, "score": asg.score,
                             "explain": codec.dumps(asg)})  # fmt: skip
            if rows:
                c.execute(story_articles.insert(), rows)

    @staticmethod
    def _make_article(c: Connection, article_id: str) -> None:
        raw = c.execute(select(articles.c.data).where(articles.c.id == article_id)).scalar()
        if raw is None:
            return
        d = {**json.loads(raw), "kind": "article", "kind_reason": ""}
        data = json.dumps(d, ensure_ascii=False, separators=(",", ":"))
        c.execute(update(articles).where(articles.c.id == article_id).values(kind="article", data=data))

    def empty_story(self, story_id: str) -> None:
        """A story left without members: closed to new articles, out of lists, its brief dropped."""
        with self._c(write=True) as c:
            c.execute(delete(story_terms).where(story_terms.c.story_id == story_id))
            c.execute(
                update(stories)
                .where(stories.c.id == story_id)
                .values(state=None, brief=None, n_articles=0, stale=0, exported=1)
            )

    def pages(self, limit: int | None = None) -> list[PageRecord]:
        """Stored pages judged not articles (archive notices, error pages...), kept out of stories."""
        a = articles.c
        q = select(a.id, a.kind, a.title, a.source, a.published, a.data).where(a.kind != "article")
        q = q.order_by(a.published, a.id)
        if limit is not None:
            q = q.limit(limit)
        with self._c() as c:
            return [
                PageRecord(
                    r.id, r.kind, json.loads(r.data).get("kind_reason", ""), r.title, r.source, r.published
                )
                for r in c.execute(q)
            ]
