"""Browsing the store (what `newsfuse serve` lists): stories newest first in keyset pages, filtered by
full-text search, date range, outlet, entity and conflicts; entities and outlets with their counts.

Every query is parameterised and bounded by its page size; each filter is answered by an index
(stories_recent, story_outlets, article_entities, the full-text index), so a page costs the same at
10k stories as at 100. Pages are keyset pages on (last_seen, id), never OFFSET over the archive.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, column, delete, func, select, text, tuple_
from sqlalchemy.engine import Connection

from ..errors import NotFound
from ..model import Analysis, Brief
from ..reconcile.outlets import track_records
from ._stories import _assignment
from .records import EntityCount, OutletCount, StoryFilter, StoryRecord, StorySummary
from .schema import (
    OUTLET_METRICS,
    RECENT,
    article_entities,
    articles,
    entity_stats,
    stories,
    story_articles,
    story_outlets,
)

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"})
_SUMMARY = (
    stories.c.id, stories.c.title, stories.c.first_seen, stories.c.last_seen, stories.c.n_articles,
    stories.c.n_sources, stories.c.n_facts, stories.c.n_conflicts, stories.c.n_failed_checks, stories.c.updated,
)  # fmt: skip


def entity_rows(analysis: Analysis) -> list[dict[str, str]]:
    """One row per named entity (canonical name) of an article, first label seen."""
    seen: dict[str, str] = {}
    for e in analysis.entities:
        name = (e.canonical or e.text).strip()[:200]
        if e.label in ENTITY_LABELS and name and name not in seen:
            seen[name] = e.label
    return [{"article_id": analysis.article_id, "name": n, "label": lab} for n, lab in seen.items()]


def outlet_rows(story_id: str, brief: Brief) -> list[dict[str, Any]]:
    """One row per outlet of the brief with its track-record counts in this story (so an outlet's record
    over the archive is a sum over an index, not a parse of every brief)."""
    counts = {r.outlet: r.counts for r in track_records([brief])}
    return [
        {"story_id": story_id, "outlet": o[:200], **{m: counts.get(o, {}).get(m, 0) for m in OUTLET_METRICS}}
        for o in dict.fromkeys([*brief.sources, *counts])
        if o
    ]


def _summary(r: Any) -> StorySummary:
    return StorySummary(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9])


class BrowseQueries:
    dialect: str

    if TYPE_CHECKING:

        def _c(self, write: bool = False) -> AbstractContextManager[Connection]: ...

        def _insert(self, table: Any) -> Any: ...

    # kept up to date by the writes ----------------------------------------------------------------
    def _index_entities(self, c: Connection, items: Sequence[Analysis]) -> None:
        """Entities of newly analysed articles (an article analysed again adds only names it lacked)."""
        rows = [r for a in items for r in entity_rows(a)]
        if not rows:
            return
        ids = list({r["article_id"] for r in rows})
        have: set[tuple[str, str]] = set()
        ae = article_entities.c
        for i in range(0, len(ids), 400):
            q = select(ae.article_id, ae.name).where(ae.article_id.in_(ids[i : i + 400]))
            have |= {(a, n) for a, n in c.execute(q)}
        new = [r for r in rows if (r["article_id"], r["name"]) not in have]
        if not new:
            return
        c.execute(article_entities.insert(), new)
        counts: dict[str, dict[str, Any]] = {}
        for r in new:
            counts.setdefault(r["name"], {"name": r["name"], "label": r["label"], "articles": 0})[
                "articles"
            ] += 1
        stmt = self._insert(entity_stats)
        stmt = stmt.on_conflict_do_update(
            index_elements=["name"], set_={"articles": entity_stats.c.articles + stmt.excluded.articles}
        )
        c.execute(stmt, sorted(counts.values(), key=lambda d: d["name"]))

    def _index_outlets(self, c: Connection, story_id: str, brief: Brief) -> None:
        c.execute(delete(story_outlets).where(story_outlets.c.story_id == story_id))
        rows = outlet_rows(story_id, brief)
        if rows:
            c.execute(story_outlets.insert(), rows)

    # stories ----------------------------------------------------------------------------------------
    def _fts_story_ids(self, query: str) -> Any:
        """Stories with an article matching every word of `query` (a subquery), or None: no words."""
        words = [w for w in query.split() if any(ch.isalnum() for ch in w)]
        if not words:
            return None
        sa = story_articles.c
        if self.dialect == "sqlite":
            match = " ".join('"' + w.replace('"', '""') + '"' for w in words)
            arts = text(
                "SELECT a.id FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
                "WHERE articles_fts MATCH :fts"
            ).bindparams(fts=match)
            return select(sa.story_id).where(sa.article_id.in_(arts.columns(column("id"))))
        cond = text("articles.tsv @@ plainto_tsquery('english', :fts)").bindparams(fts=" ".join(words))
        return select(sa.story_id).join(articles, articles.c.id == sa.article_id).where(cond)

    def _filtered(self, f: StoryFilter) -> Select[Any]:
        s = stories.c
        q = select(*_SUMMARY).where(s.n_articles > 0)
        if f.since:
            q = q.where(s.last_seen >= f.since)
        if f.until:
            q = q.where(s.first_seen <= f.until)
        if f.conflicts is not None:
            q = q.where(s.n_conflicts > 0) if f.conflicts else q.where(s.n_conflicts == 0)
        if f.outlet:
            so = story_outlets.c
            q = q.where(s.id.in_(select(so.story_id).where(so.outlet == f.outlet)))
        if f.entity:
            sa, ae = story_articles.c, article_entities.c
            named = select(ae.article_id).where(ae.name == f.entity)
            q = q.where(s.id.in_(select(sa.story_id).where(sa.article_id.in_(named))))
        if f.q:
            ids = self._fts_story_ids(f.q)
            if ids is not None:
                q = q.where(s.id.in_(ids))
        return q

    def browse_stories(
        self, f: StoryFilter, limit: int, after: tuple[str, str] | None = None
    ) -> list[StorySummary]:
        """Up to `limit` stories matching `f`, newest first (last_seen, then id, descending), starting
        after the keyset `after` = (last_seen or "", id) of the previous page's last story."""
        q = self._filtered(f)
        if after is not None:
            q = q.where(tuple_(*RECENT) < tuple_(*after))
        q = q.order_by(RECENT[0].desc(), RECENT[1].desc()).limit(limit)
        with self._c() as c:
            return [_summary(r) for r in c.execute(q)]

    def story_summary(self, story_id: str) -> StorySummary:
        with self._c() as c:
            r = c.execute(select(*_SUMMARY).where(stories.c.id == story_id)).first()
        if r is None:
            raise NotFound(f"no story {story_id!r}")
        return _summary(r)

    def story_record(self, story_id: str) -> StoryRecord:
        """One story with its members and why each joined (the grouping explanation)."""
        r = self.story_summary(story_id)
        with self._c() as c:
            rows = c.execute(select(story_articles).where(story_articles.c.story_id == story_id)).fetchall()
        expl = sorted((_assignment(m.explain) for m in rows), key=lambda a: (not a.new_story, a.article_id))
        return StoryRecord(
            r.id, r.title, r.first_seen, r.last_seen, tuple(a.article_id for a in expl), tuple(expl)
        )

    def summaries_of(self, ids: Iterable[str]) -> list[StorySummary]:
        ids = list(dict.fromkeys(ids))
        out: list[StorySummary] = []
        with self._c() as c:
            for i in range(0, len(ids), 400):
                out += [
                    _summary(r)
                    for r in c.execute(select(*_SUMMARY).where(stories.c.id.in_(ids[i : i + 400])))
                ]
        return sorted(out, key=lambda s: (s.last_seen or "", s.id), reverse=True)

    # entities and outlets ---------------------------------------------------------------------------
    def entities(self, prefix: str = "", limit: int = 50) -> list[EntityCount]:
        """Entities by the number of articles naming them (most first); `prefix` filters by name."""
        es = entity_stats.c
        q = select(es.name, es.label, es.articles)
        if prefix:
            pat = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            q = q.where(func.lower(es.name).like(pat.lower(), escape="\\"))
        q = q.order_by(es.articles.desc(), es.name.desc()).limit(limit)  # one backward walk of the index
        with self._c() as c:
            return [EntityCount(n, lab, k) for n, lab, k in c.execute(q)]

    def entity(self, name: str) -> EntityCount:
        es = entity_stats.c
        with self._c() as c:
            r = c.execute(select(es.name, es.label, es.articles).where(es.name == name)).first()
        if r is None:
            raise NotFound(f"no entity {name!r}", hint="List entities at /api/v1/entities?q=PREFIX.")
        return EntityCount(r[0], r[1], r[2])

    def outlets(self, limit: int = 500) -> list[OutletCount]:
        so = story_outlets.c
        n = func.count().label("n")
        q = select(so.outlet, n).group_by(so.outlet).order_by(n.desc(), so.outlet).limit(limit)
        with self._c() as c:
            return [OutletCount(o, k) for o, k in c.execute(q)]

    def outlet_counts(self, outlet: str) -> tuple[int, dict[str, int]]:
        """The number of stories citing `outlet` and its track-record counts summed over all of them."""
        so = story_outlets.c
        q = select(func.count(), *(func.coalesce(func.sum(so[m]), 0) for m in OUTLET_METRICS))
        with self._c() as c:
            row = c.execute(q.where(so.outlet == outlet)).one()
        if not row[0]:
            raise NotFound(f"no outlet {outlet!r}", hint="List outlets at /api/v1/outlets.")
        return int(row[0]), {m: int(v) for m, v in zip(OUTLET_METRICS, row[1:], strict=True)}
