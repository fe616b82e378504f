"""The store's side of the incremental stages: the near-duplicate band index (dedup's `DedupIndex`)
and the clusterer's story state, term index and document frequencies (cluster's `StoryIndex`).
Each call reads only the rows it names: nothing here scans the archive."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, delete, func, select, update
from sqlalchemy.engine import Connection

from ..cluster.state import Query as StoryQuery
from ..cluster.state import StoryState, rank_candidates
from ..dedup import UNDATED, Band, Query
from .schema import articles, dedup_bands, info, stories, story_terms, term_stats

_CHUNK = 400


def _chunks(items: Sequence[Any], n: int = _CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), n):
        yield items[i : i + n]


class IndexQueries:
    dialect: str

    if TYPE_CHECKING:

        def _c(self, write: bool = False) -> AbstractContextManager[Connection]: ...

        def _insert(self, table: Any) -> Any: ...

    # DedupIndex -----------------------------------------------------------
    def canonical_by_hash(self, hashes: Sequence[str]) -> dict[str, tuple[str, str]]:
        out: dict[str, tuple[str, str]] = {}
        a = articles.c
        with self._c() as c:
            for part in _chunks(list(hashes)):
                q = select(a.content_hash, a.id, func.coalesce(a.duplicate_of, a.id))
                out.update({h: (i, head) for h, i, head in c.execute(q.where(a.content_hash.in_(part)))})
        return out

    def near_candidates(self, bands: Sequence[Band], weeks: Sequence[int] | None = None) -> set[str]:
        return self.near_candidates_many({"": (bands, weeks)})[""]

    def near_candidates_many(self, queries: Mapping[str, Query]) -> dict[str, set[str]]:
        """Rows are keyed (week, band, article): the lookup names its weeks, so it reads the index where
        they are (every week of the store for an undated article, a few hundred lookups a decade). The
        batch's articles are looked up together (the union of their weeks and bands), then each keeps the
        rows of its own bands and weeks."""
        b = dedup_bands.c
        out: dict[str, set[str]] = {i: set() for i in queries}
        wanted: dict[Band, list[tuple[str, frozenset[int] | None]]] = {}
        weeks: set[int] = set()
        every = False
        for i, (bands, near) in queries.items():
            ws = None if near is None else frozenset(near)
            every |= ws is None
            weeks |= ws or set()
            for band in bands:
                wanted.setdefault(band, []).append((i, ws))
        with self._c() as c:
            if every:
                lo, hi = c.execute(select(func.min(b.week), func.max(b.week)).where(b.week != UNDATED)).one()
                weeks |= {UNDATED, *(range(lo, hi + 1) if lo is not None else ())}
            for wpart in _chunks(sorted(weeks), 40):
                for bpart in _chunks(sorted(wanted), 800):
                    q = select(b.week, b.band, b.article_id).where(b.week.in_(wpart), b.band.in_(bpart))
                    for week, band, aid in c.execute(q):
                        for i, ws in wanted[band]:
                            if ws is None or week in ws:
                                out[i].add(aid)
        return out

    def texts(self, ids: Iterable[str]) -> dict[str, str]:
        ids = list(ids)
        out: dict[str, str] = {}
        with self._c() as c:
            for part in _chunks(ids):
                out.update(
                    {
                        i: t
                        for i, t in c.execute(
                            select(articles.c.id, articles.c.text).where(articles.c.id.in_(part))
                        )
                    }
                )
        return out

    def published(self, ids: Iterable[str]) -> dict[str, str | None]:
        out: dict[str, str | None] = {}
        q = select(articles.c.id, articles.c.published)
        with self._c() as c:
            for part in _chunks(list(ids)):
                out.update({i: day for i, day in c.execute(q.where(articles.c.id.in_(part)))})
        return out

    def add_bands(self, article_id: str, bands: Sequence[Band], week: int = UNDATED) -> None:
        self.add_bands_many([(article_id, bands, week)])

    def add_bands_many(self, rows: Sequence[tuple[str, Sequence[Band], int]]) -> None:
        values = [{"week": week, "band": b, "article_id": i} for i, bands, week in rows for b in bands]
        if values:
            with self._c(write=True) as c:
                c.execute(self._insert(dedup_bands).on_conflict_do_nothing(), values)

    # StoryIndex -----------------------------------------------------------
    def doc_freqs(self, terms: Iterable[str]) -> tuple[int, dict[str, int]]:
        terms = list(terms)
        df: dict[str, int] = {}
        with self._c() as c:
            docs = int(c.execute(select(info.c.value).where(info.c.key == "docs")).scalar() or 0)
            for part in _chunks(terms, 900):
                df.update(
                    {
                        t: n
                        for t, n in c.execute(
                            select(term_stats.c.term, term_stats.c.df).where(term_stats.c.term.in_(part))
                        )
                    }
                )
        return docs, df

    def add_docs(self, term_docs: Mapping[str, int], docs: int) -> None:
        rows = [{"term": t, "df": n} for t, n in sorted(term_docs.items())]
        with self._c(write=True) as c:
            if rows:
                stmt = self._insert(term_stats)
                stmt = stmt.on_conflict_do_update(
                    index_elements=["term"], set_={"df": term_stats.c.df + stmt.excluded.df}
                )
                c.execute(stmt, rows)
            total = c.execute(select(info.c.value).where(info.c.key == "docs")).scalar()
            if total is None:
                c.execute(info.insert().values(key="docs", value=str(docs)))
            else:
                c.execute(update(info).where(info.c.key == "docs").values(value=str(int(total) + docs)))

    def story_candidates(self, terms: Sequence[str], window: tuple[str, str] | None, limit: int) -> list[str]:
        return self.story_candidates_many([(terms, window)], limit)[0]

    def story_candidates_many(self, queries: Sequence[StoryQuery], limit: int) -> list[list[str]]:
        """Open stories (only they have postings) sharing the most of each query's terms, last seen in its
        window: the postings of the batch's terms read in one pass (they carry their story's date), ranked
        here."""
        t = story_terms.c
        postings: dict[str, list[tuple[str, str | None]]] = {}
        with self._c() as c:
            for part in _chunks(sorted({term for terms, _ in queries for term in terms}), 900):
                for term, sid, last in c.execute(
                    select(t.term, t.story_id, t.last_seen).where(t.term.in_(part))
                ):
                    postings.setdefault(term, []).append((sid, last))
        return rank_candidates(queries, postings, limit)

    def load_members(self, story_id: str) -> list[dict[str, float]]:
        with self._c() as c:
            raw = c.execute(select(stories.c.members).where(stories.c.id == story_id)).scalar()
        return list(json.loads(raw)) if raw else []

    def close_stories(self, quiet_days: float) -> int:
        """Stories whose last article is more than `quiet_days` before the newest story's are closed:
        their clusterer state and term postings go (no new article can join them), so the open state
        stays the size of the time window however large the archive grows."""
        with self._c(write=True) as c:
            newest = c.execute(select(func.max(stories.c.last_seen))).scalar()
            if not newest:
                return 0
            from datetime import date, timedelta

            cutoff = (date.fromisoformat(newest) - timedelta(days=int(quiet_days))).isoformat()
            old = select(stories.c.id).where(stories.c.state.is_not(None), stories.c.last_seen < cutoff)
            ids = list(c.execute(old).scalars())
            for part in _chunks(ids):
                c.execute(delete(story_terms).where(story_terms.c.story_id.in_(part)))
                c.execute(update(stories).where(stories.c.id.in_(part)).values(state=None, members=None))
            return len(ids)

    def load_stories(self, ids: Iterable[str]) -> dict[str, StoryState]:
        ids = list(ids)
        out: dict[str, StoryState] = {}
        with self._c() as c:
            for part in _chunks(ids):
                q = select(stories.c.id, stories.c.state).where(
                    stories.c.id.in_(part), stories.c.state.is_not(None)
                )
                out.update({i: StoryState.from_json(i, raw) for i, raw in c.execute(q)})
        return out

    def save_stories(self, states: Iterable[StoryState], index_terms: Mapping[str, Sequence[str]]) -> None:
        states = list(states)
        if not states:
            return
        ids = [s.id for s in states]
        with self._c(write=True) as c:
            have = set()
            for part in _chunks(ids):
                have |= set(c.execute(select(stories.c.id).where(stories.c.id.in_(part))).scalars())
            values = [
                {"sid": s.id, "state": s.to_json(), "members": s.members_json(), "first_seen": s.first,
                 "last_seen": s.last}
                for s in states
            ]  # fmt: skip
            old = [v for v in values if v["sid"] in have]
            if old:  # one statement for the batch's stories (executemany)
                c.execute(
                    update(stories)
                    .where(stories.c.id == bindparam("sid"))
                    .values(state=bindparam("state"), members=bindparam("members"),
                            first_seen=bindparam("first_seen"), last_seen=bindparam("last_seen")),
                    old,
                )  # fmt: skip
            new = [
                {
                    "id": s.id,
                    "title": s.title,
                    "n_articles": 0,
                    **{k: v for k, v in row.items() if k != "sid"},
                }
                for s, row in zip(states, values, strict=True)
                if s.id not in have
            ]
            if new:
                c.execute(stories.insert(), new)
            for part in _chunks(ids):
                c.execute(delete(story_terms).where(story_terms.c.story_id.in_(part)))
            last = {s.id: s.last for s in states}
            rows = [
                {"term": t, "story_id": sid, "last_seen": last[sid]}
                for sid in ids
                for t in dict.fromkeys(index_terms.get(sid, ()))
            ]
            if rows:
                c.execute(story_terms.insert(), rows)
