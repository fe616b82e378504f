"""Dedup: exact (content hash) and near duplicates (MinHash LSH over word shingles), batch by batch.

Each batch is checked against an index of what came before (`DedupIndex`: the store's band table, or
memory) and against itself. Candidates come from LSH bands at a loose threshold and are confirmed by
exact Jaccard on the shingles, so only the few candidates' texts are read, never the archive.
Within a batch the canonical article of a group is the earliest published (then the longest); an
article already indexed stays canonical; its copies are listed on it with their outlets so coverage
still credits them.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Protocol

from .ingest.ids import content_id
from .model import Article
from .settings import DEFAULT_DEDUP_WINDOW_DAYS, DEFAULT_NEAR_DUPLICATE
from .stage import Stage

if TYPE_CHECKING:
    from datasketch import MinHash

_WORD = re.compile(r"\w+")
SHINGLE = 5
NUM_PERM = 128
# LSH banding for candidates at Jaccard ~0.5 (datasketch's optimum for 128 permutations at 0.5:
# 25 bands of 5 rows); candidates are confirmed at the near-duplicate threshold (settings, 0.7)
BANDS, ROWS = 25, 5

Band = int  # 63-bit hash of one band: its number and its rows
UNDATED = -1_000_000  # the week of an article with no (readable) date
Query = tuple[
    Sequence[Band], Sequence[int] | None
]  # an article's bands, and the weeks to look in (None: all)
_EPOCH = date(1970, 1, 1)


def _day(day: str | None) -> int | None:
    """Days since 1970-01-01 of a date (YYYY-MM-DD...); None without a readable one."""
    try:
        return (date.fromisoformat(day[:10]) - _EPOCH).days if day else None
    except ValueError:
        return None


def week_of(day: str | None) -> int:
    """The week (7-day block since 1970-01-01, floor) an article's date falls in; UNDATED without one.
    The store keeps bands by week, so a new article's bands are looked up, and inserted, among the
    weeks around its date: its own part of the index, not the whole archive's."""
    d = _day(day)
    return UNDATED if d is None else d // 7


def weeks_near(day: str | None, window_days: float) -> tuple[int, ...] | None:
    """The weeks that hold every date within `window_days` of `day`, and the undated (an undated article
    can be anyone's copy); None (every week) for an undated article or no window."""
    d = _day(day)
    if not window_days or d is None:
        return None
    w = int(window_days)
    return (UNDATED, *range((d - w) // 7, (d + w) // 7 + 1))


def _shingles(text: str) -> set[str]:
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE:
        return {" ".join(words)}
    return {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def minhash(text: str) -> MinHash:
    # imported here: datasketch imports scipy, which the commands that only read a store need not load
    from datasketch import MinHash

    m = MinHash(num_perm=NUM_PERM, seed=7)
    m.update_batch([s.encode("utf-8") for s in _shingles(text)])
    return m


def signature_bands(text: str) -> list[Band]:
    hv = minhash(text).hashvalues
    out = []
    for b in range(BANDS):
        digest = hashlib.blake2b(
            hv[b * ROWS : (b + 1) * ROWS].tobytes(), digest_size=8, salt=bytes([b])
        ).digest()
        out.append(int.from_bytes(digest, "big") >> 1)  # fits a signed BIGINT
    return out


def jaccard(a: str, b: str) -> float:
    sa, sb = _shingles(a), _shingles(b)
    return len(sa & sb) / max(1, len(sa | sb))


class DedupIndex(Protocol):
    """What dedup needs from earlier batches: exact hashes, LSH bands and the texts of candidates."""

    def canonical_by_hash(self, hashes: Sequence[str]) -> Mapping[str, tuple[str, str]]:
        """content hash -> (id of the stored article with that exact text, id of its canonical article)."""
        ...

    def near_candidates_many(self, queries: Mapping[str, Query]) -> dict[str, set[str]]:
        """For each article (id -> its bands and weeks): the stored articles with one of its bands, among
        those of its weeks (week_of; None: every week). A superset of the candidates within the window (the
        dates are checked after). One call per batch: the store answers it in one pass over the index."""
        ...

    def texts(self, ids: Iterable[str]) -> Mapping[str, str]: ...

    def published(self, ids: Iterable[str]) -> Mapping[str, str | None]:
        """Publication dates (YYYY-MM-DD) of stored articles."""
        ...

    def add_bands_many(self, rows: Sequence[tuple[str, Sequence[Band], int]]) -> None:
        """(article id, its bands, its week) of new canonical articles: one insert per batch."""
        ...


@dataclass
class MemoryDedupIndex:
    """The in-memory index (contract commands, tests); the store has the persistent one."""

    by_hash: dict[str, tuple[str, str]] = field(default_factory=dict)
    bands: dict[Band, set[str]] = field(default_factory=dict)
    text: dict[str, str] = field(default_factory=dict)
    dates: dict[str, str | None] = field(default_factory=dict)

    def canonical_by_hash(self, hashes: Sequence[str]) -> Mapping[str, tuple[str, str]]:
        return {h: self.by_hash[h] for h in hashes if h in self.by_hash}

    def near_candidates_many(self, queries: Mapping[str, Query]) -> dict[str, set[str]]:
        # every week: the dates are checked after
        return {
            i: set().union(*(self.bands.get(b, set()) for b in bands)) for i, (bands, _w) in queries.items()
        }

    def texts(self, ids: Iterable[str]) -> Mapping[str, str]:
        return {i: self.text[i] for i in ids if i in self.text}

    def published(self, ids: Iterable[str]) -> Mapping[str, str | None]:
        return {i: self.dates.get(i) for i in ids if i in self.text}

    def add_bands(self, article_id: str, bands: Sequence[Band], week: int = UNDATED) -> None:
        for b in bands:
            self.bands.setdefault(b, set()).add(article_id)

    def add_bands_many(self, rows: Sequence[tuple[str, Sequence[Band], int]]) -> None:
        for article_id, bands, week in rows:
            self.add_bands(article_id, bands, week)

    def remember(self, articles: Iterable[Article]) -> None:
        for a in articles:
            self.by_hash.setdefault(content_id(a.text), (a.id, a.id))
            self.text[a.id] = a.text
            self.dates[a.id] = a.published


@dataclass(frozen=True)
class DedupResult:
    canonical: tuple[Article, ...]  # new canonical articles, input order, copies folded in
    copies: dict[str, str]  # duplicate id -> canonical id (new or stored)
    similarity: dict[str, float]  # duplicate id -> Jaccard with its canonical
    stored: tuple[str, ...] = ()  # exact copies of stored articles with the same id: nothing new
    gained: dict[str, tuple[Article, ...]] = field(default_factory=dict)  # stored canonical -> new copies
    exact: frozenset[str] = frozenset()  # copies whose text is exactly their canonical's (not stored again)
    bands: dict[str, list[Band]] = field(default_factory=dict)  # new canonical id -> its LSH bands


def _order(a: Article) -> tuple[str, int]:
    return (a.published or "9999", -len(a.text))


def _days_apart(a: str | None, b: str | None) -> float:
    if not a or not b:
        return 0.0  # an undated article can be anyone's copy
    try:
        return float(abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days))
    except ValueError:
        return 0.0


def deduplicate_batch(
    articles: Sequence[Article],
    index: DedupIndex,
    threshold: float = DEFAULT_NEAR_DUPLICATE,
    window_days: float = DEFAULT_DEDUP_WINDOW_DAYS,
    bands: Mapping[str, Sequence[Band]] | None = None,
) -> DedupResult:
    """Fold the batch's exact and near copies into canonical articles, against `index` and each other.
    A near copy must be published within `window_days` of its original (0: any time). New canonical
    articles' bands are added to the index as they are found. `bands`: articles' LSH bands already
    computed (by id, of the text given: prepare.py computes them on the workers); the others' are
    computed here. An id given twice in a batch (a dump that reuses ids) keeps its first article:
    results are keyed by id."""
    given = bands or {}
    firsts: dict[str, Article] = {}
    for a in articles:
        firsts.setdefault(a.id, a)
    articles = list(firsts.values())
    hashes = {a.id: content_id(a.text) for a in articles}
    known = index.canonical_by_hash(list(set(hashes.values())))
    batch_text = {a.id: a.text for a in articles}
    batch_date = {a.id: a.published for a in articles}
    parent: dict[str, str] = {}
    sim: dict[str, float] = {}
    stored: list[str] = []
    exact: set[str] = set()
    seen_hash: dict[str, str] = {}
    bands_of: dict[str, list[Band]] = {}
    # the stored candidates of the whole batch in one lookup; the batch's own new articles are matched here
    # (`added`: band -> (week, id)), as the index would match them had each been added before the next
    queries = {
        a.id: (
            list(given[a.id]) if a.id in given else signature_bands(a.text),
            weeks_near(a.published, window_days),
        )
        for a in articles
        if hashes[a.id] not in known
    }
    from_store = index.near_candidates_many(queries) if queries else {}
    added: dict[Band, list[tuple[int, str]]] = {}
    for a in sorted(articles, key=_order):
        h = hashes[a.id]
        row, head = known.get(h) or (seen_hash.get(h), seen_hash.get(h))
        if row is not None and head is not None:
            if a.id in (row, head):  # this id is stored (a copy of its text too): the stored one stands
                stored.append(a.id)
            else:
                parent[a.id], sim[a.id] = head, 1.0
                exact.add(a.id)
            continue
        seen_hash[h] = a.id
        mine, weeks = queries[a.id]
        near = set(weeks) if weeks is not None else None
        cands = from_store.get(a.id, set()) | {
            i for b in mine for w, i in added.get(b, ()) if near is None or w in near
        }
        cands.discard(a.id)
        if window_days and cands:
            stored = [c for c in cands if c not in batch_text]
            when = {
                **(index.published(stored) if stored else {}),
                **{c: batch_date[c] for c in cands if c in batch_date},
            }
            cands = {c for c in cands if _days_apart(a.published, when.get(c)) <= window_days}
        texts = {
            **index.texts(c for c in cands if c not in batch_text),
            **{c: batch_text[c] for c in cands if c in batch_text},
        }
        best, best_sim = None, 0.0
        for other in sorted(cands):
            s = jaccard(a.text, texts.get(other, ""))
            if s >= threshold and s > best_sim:
                best, best_sim = other, s
        if best is not None:
            parent[a.id], sim[a.id] = best, best_sim
            continue
        week = week_of(a.published)
        for b in mine:
            added.setdefault(b, []).append((week, a.id))
        bands_of[a.id] = mine
    index.add_bands_many([(i, bands, week_of(firsts[i].published)) for i, bands in bands_of.items()])
    root: dict[str, str] = {}
    for aid in parent:
        r, path = aid, {aid}
        while r in parent and parent[r] not in path:  # ids given by inputs may repeat: never loop
            r = parent[r]
            path.add(r)
        root[aid] = parent.get(r, r)
    copies_of: dict[str, list[Article]] = {}
    for a in articles:
        if a.id in root:
            copies_of.setdefault(root[a.id], []).append(a)
    gone = set(stored)
    canonical = tuple(
        replace(
            a,
            duplicates=a.duplicates + tuple(c.id for c in copies_of.get(a.id, [])),
            duplicate_sources=a.duplicate_sources
            + tuple(c.source for c in copies_of.get(a.id, []) if c.source),
        )
        for a in articles
        if a.id not in root and a.id not in gone
    )
    new_ids = {a.id for a in canonical}
    gained = {k: tuple(v) for k, v in copies_of.items() if k not in new_ids}
    return DedupResult(canonical, root, sim, tuple(stored), gained, frozenset(exact), bands_of)


def with_copies(canonical: Article, copies: Sequence[Article]) -> Article:
    """A stored canonical article with new copies credited (each copy once)."""
    fresh = [c for c in copies if c.id not in canonical.duplicates and c.id != canonical.id]
    return replace(
        canonical,
        duplicates=canonical.duplicates + tuple(c.id for c in fresh),
        duplicate_sources=canonical.duplicate_sources + tuple(c.source for c in fresh if c.source),
    )


def deduplicate(
    articles: Sequence[Article], threshold: float = DEFAULT_NEAR_DUPLICATE, keep: frozenset[str] = frozenset()
) -> DedupResult:
    """One batch against an empty index; articles in `keep` are indexed first and stay canonical."""
    index = MemoryDedupIndex()
    kept = [a for a in articles if a.id in keep]
    index.remember(kept)
    for a in kept:
        index.add_bands(a.id, signature_bands(a.text))
    res = deduplicate_batch([a for a in articles if a.id not in keep], index, threshold)
    merged = {
        **{a.id: with_copies(a, res.gained.get(a.id, ())) for a in kept},
        **{a.id: a for a in res.canonical},
    }
    order = {a.id: i for i, a in enumerate(articles)}
    canonical = tuple(sorted(merged.values(), key=lambda a: order[a.id]))
    return DedupResult(canonical, res.copies, res.similarity, res.stored, {}, res.exact, res.bands)


STAGE = Stage("dedup", requires=("text", "published"), assigns=("duplicates",), run=deduplicate_batch)
