"""Dedup: exact (normalised content hash) and near duplicates (MinHash LSH over word shingles).

The canonical article of a group is the earliest published (then the longest);
its copies are listed on it with their outlets so coverage still credits them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from datasketch import MinHash, MinHashLSH

from .ingest.ids import content_id
from .model import Article

_WORD = re.compile(r"\w+")
SHINGLE = 5
NUM_PERM = 128


def _shingles(text: str) -> set[str]:
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE:
        return {" ".join(words)}
    return {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def minhash(text: str) -> MinHash:
    m = MinHash(num_perm=NUM_PERM, seed=7)
    m.update_batch([s.encode("utf-8") for s in _shingles(text)])
    return m


def jaccard(a: str, b: str) -> float:
    sa, sb = _shingles(a), _shingles(b)
    return len(sa & sb) / max(1, len(sa | sb))


@dataclass(frozen=True)
class DedupResult:
    canonical: tuple[Article, ...]  # input order, copies folded in
    copies: dict[str, str]  # duplicate id -> canonical id
    similarity: dict[str, float]  # duplicate id -> Jaccard with its canonical


def deduplicate(
    articles: Sequence[Article], threshold: float = 0.7, keep: frozenset[str] = frozenset()
) -> DedupResult:
    """Group exact and near-duplicate articles; keep one canonical article per group.

    Articles in `keep` (already stored as canonical) stay canonical whenever they are in a group.
    """

    def _order(a: Article) -> tuple[bool, str, int]:
        return (a.id not in keep, a.published or "9999", -len(a.text))

    # candidates from LSH at a looser threshold, confirmed by exact Jaccard on the shingles
    lsh = MinHashLSH(threshold=max(0.3, threshold - 0.2), num_perm=NUM_PERM)
    hashes: dict[str, str] = {}
    parent: dict[str, str] = {}
    sim: dict[str, float] = {}
    by_id = {a.id: a for a in articles}
    for a in articles:
        h = content_id(a.text)
        if h in hashes and hashes[h] != a.id:
            parent[a.id] = hashes[h]
            sim[a.id] = 1.0
            continue
        hashes[h] = a.id
        mh = minhash(a.text)
        best, best_sim = None, 0.0
        for other in lsh.query(mh):
            s = jaccard(a.text, by_id[other].text)
            if s >= threshold and s > best_sim:
                best, best_sim = other, s
        if best is not None:
            parent[a.id] = best
            sim[a.id] = best_sim
        lsh.insert(a.id, mh)
    groups: dict[str, list[Article]] = {}
    for a in articles:
        root = a.id
        while root in parent:
            root = parent[root]
        groups.setdefault(root, []).append(a)
    canonical: list[Article] = []
    copies: dict[str, str] = {}
    for members in groups.values():
        members.sort(key=_order)
        head, rest = members[0], members[1:]
        for r in rest:
            copies[r.id] = head.id
            if r.id not in sim:  # the old root became a copy: measure against the new head
                sim[r.id] = jaccard(head.text, r.text)
        canonical.append(
            replace(
                head,
                duplicates=head.duplicates + tuple(r.id for r in rest),
                duplicate_sources=head.duplicate_sources + tuple(r.source for r in rest if r.source),
            )
        )
    order = {a.id: i for i, a in enumerate(articles)}
    canonical.sort(key=lambda a: order[a.id])
    return DedupResult(tuple(canonical), copies, {k: v for k, v in sim.items() if k in copies})
