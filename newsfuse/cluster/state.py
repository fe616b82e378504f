"""The clusterer's persistent state: one `StoryState` per story (its centroid, dates, size), the term
index that retrieves candidate stories without scanning them all, and document frequencies.

`StoryIndex` is what the clusterer needs; the store implements it (state kept across runs) and
`MemoryStoryIndex` does for the contract commands and tests.
"""

from __future__ import annotations

import heapq
import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Protocol

import numpy as np

from .embed import pack, unpack
from .vectors import Vector, dot, top_terms, unit

INDEX_TERMS = 16  # terms of a story's centroid kept in the term index
MEMBER_TERMS = 128  # a member is remembered by its strongest terms (scaled back to unit length)...
MEMBERS = 24  # ...and a story by its most recent members
EMBEDDING_KEY = "~e"  # a member's sentence embedding (base64 float16) in the stored members, if it has one
NEAREST_KEY = "~n"  # a member's similarity to its nearest other member, in the stored members


@dataclass
class StoryState:
    id: str
    title: str = ""
    first: str | None = None
    last: str | None = None
    size: int = 0
    centroid: dict[str, float] = field(default_factory=dict)  # sum of the members' unit vectors
    norm2: float = 0.0  # |centroid|^2, kept exact as members join
    # recent members' strongest terms; None: not loaded yet (the store keeps them apart from the centroid,
    # read only for the few candidate stories whose centroid is close enough)
    members: list[dict[str, float]] | None = field(default_factory=list)
    # with the `embeddings` extra (embed.py): the sum of the members' unit sentence embeddings, how many
    # members were embedded, and the recent members' embeddings (parallel to `members`; None: not embedded).
    # They ride in the same stored JSON (float16, base64): no schema of their own.
    embedding: np.ndarray | None = None
    embedded: int = 0
    member_embeddings: list[np.ndarray | None] = field(default_factory=list)
    # each recent member's similarity to its nearest other member (parallel to `members`; 0 for a story of
    # one): what "close to the story's members" means for this story, however many sub-events it holds
    member_nearest: list[float] = field(default_factory=list)

    def nearest_cohesion(self) -> float:
        """The median of the recent members' similarities to their nearest other member (0 for a story of
        one): how close a member of this story is to its closest fellow member."""
        got = self.member_nearest[-len(self.members or []) :] if self.size > 1 else []
        return float(np.median(got)) if got else 0.0

    def to_json(self) -> str:
        d: dict[str, Any] = {"t": self.title, "f": self.first, "l": self.last, "n": self.size, "q": self.norm2,
                             "c": {k: round(v, 6) for k, v in self.centroid.items()}}  # fmt: skip
        if self.embedding is not None:
            d["e"], d["en"] = pack(self.embedding), self.embedded
        return json.dumps(d, ensure_ascii=False, separators=(",", ":"))

    def members_json(self) -> str:
        out = []
        for i, m in enumerate(self.members or []):
            row: dict[str, Any] = {k: round(v, 5) for k, v in m.items()}
            e = self.member_embeddings[i] if i < len(self.member_embeddings) else None
            if e is not None:
                row[EMBEDDING_KEY] = pack(e)
            if i < len(self.member_nearest):
                row[NEAREST_KEY] = round(self.member_nearest[i], 5)
            out.append(row)
        return json.dumps(out, separators=(",", ":"))

    def set_members(self, raw: list[dict[str, Any]]) -> None:
        """Members as stored (`members_json`, parsed): their terms, and their embeddings apart."""
        self.member_embeddings = [unpack(m[EMBEDDING_KEY]) if EMBEDDING_KEY in m else None for m in raw]
        self.member_nearest = [float(m.get(NEAREST_KEY, 0.0)) for m in raw]
        self.members = [
            unit({k: v for k, v in m.items() if k not in (EMBEDDING_KEY, NEAREST_KEY)}) for m in raw
        ]

    @classmethod
    def from_json(cls, story_id: str, raw: str, members: str | None = None) -> StoryState:
        d: dict[str, Any] = json.loads(raw)
        st = cls(story_id, d["t"], d["f"], d["l"], d["n"], d["c"], d["q"], None,
                 unpack(d["e"]) if "e" in d else None, d.get("en", 0))  # fmt: skip
        if members:
            st.set_members(json.loads(members))
        return st


def add_member(
    st: StoryState,
    x: Vector,
    day: str | None,
    embedding: np.ndarray | None = None,
    sims: Sequence[float] | None = None,
) -> None:
    """Add an article (its unit TF-IDF vector `x`, its date, its unit sentence embedding if it has one)
    to a story's state (its members loaded). `sims`: its similarity to each recent member, in their order
    (default: TF-IDF cosine), from which each member's nearest-member similarity is kept."""
    members = st.members or []
    if sims is None:
        sims = [dot(x, m) for m in members]
    near = [*st.member_nearest[: len(members)], *[0.0] * (len(members) - len(st.member_nearest))]
    near = [max(n, s) for n, s in zip(near, sims, strict=True)]
    st.member_nearest = [*near[-(MEMBERS - 1) :], max(sims, default=0.0)]
    if embedding is not None:
        e = embedding.astype(np.float32)
        st.embedding = e if st.embedding is None else st.embedding + e
        st.embedded += 1
    keep = st.member_embeddings[: len(st.members or [])]
    keep += [None] * (len(st.members or []) - len(keep))
    st.member_embeddings = [*keep[-(MEMBERS - 1) :], embedding]
    st.norm2 += 2 * dot(x, st.centroid) + dot(x, x)
    for t, w in x.items():
        st.centroid[t] = st.centroid.get(t, 0.0) + w
    # a member as the story remembers it: its strongest terms, scaled back to unit length, so the dot product
    # with a new article's full vector estimates their cosine. Unscaled, a long article's 128 strongest terms
    # hold only part of its mass and the estimate falls well under the cosine (a 1,500-word report: 0.14 for
    # a cosine of 0.24): the bars on members were stricter the longer the reports (see DEFAULT_PAIR_THRESHOLD)
    st.members = [*(st.members or [])[-(MEMBERS - 1) :], unit({t: x[t] for t in top_terms(x, MEMBER_TERMS)})]
    st.size += 1
    if day:
        st.first = min(filter(None, [st.first, day]))
        st.last = max(filter(None, [st.last, day]))


def date_window(day: str | None, window_days: float) -> tuple[str, str] | None:
    """The dates a story's last article may have for an article of `day` to join it."""
    if not day:
        return None
    d = date.fromisoformat(day)
    w = timedelta(days=int(window_days))
    return (d - w).isoformat(), (d + w).isoformat()


Query = tuple[Sequence[str], tuple[str, str] | None]  # an article's strongest terms, and its date window


def rank_candidates(
    queries: Sequence[Query], postings: Mapping[str, Sequence[tuple[str, str | None]]], limit: int
) -> list[list[str]]:
    """Each query's stories (from `postings`: term -> (story, its last date)) in its window, ranked by the
    number of its terms they share, then by id; at most `limit`."""
    out = []
    for terms, window in queries:
        hits: Counter[str] = Counter()
        for t in dict.fromkeys(terms):
            hits.update(sid for sid, last in postings.get(t, ())
                        if window is None or last is None or window[0] <= last <= window[1])  # fmt: skip
        out.append([sid for sid, _ in heapq.nsmallest(limit, hits.items(), key=lambda kv: (-kv[1], kv[0]))])
    return out


class StoryIndex(Protocol):
    def doc_freqs(self, terms: Iterable[str]) -> tuple[int, dict[str, int]]:
        """(documents seen, document frequency of each term)."""
        ...

    def add_docs(self, term_docs: Mapping[str, int], docs: int) -> None: ...

    def story_candidates_many(self, queries: Sequence[Query], limit: int) -> list[list[str]]:
        """For each (terms, window): ids of stories sharing indexed terms, most shared first (then by id),
        whose last article falls in `window`; at most `limit`. One call per batch."""
        ...

    def load_stories(self, ids: Iterable[str]) -> dict[str, StoryState]:
        """States without their members (`members` None)."""
        ...

    def load_members(self, story_id: str) -> list[dict[str, float]]: ...

    def save_stories(
        self, states: Iterable[StoryState], index_terms: Mapping[str, Sequence[str]]
    ) -> None: ...


@dataclass
class MemoryStoryIndex:
    docs: int = 0
    df: Counter[str] = field(default_factory=Counter)
    states: dict[str, StoryState] = field(default_factory=dict)
    postings: dict[str, set[str]] = field(default_factory=dict)
    terms_of: dict[str, list[str]] = field(default_factory=dict)

    def doc_freqs(self, terms: Iterable[str]) -> tuple[int, dict[str, int]]:
        return self.docs, {t: self.df[t] for t in terms if t in self.df}

    def add_docs(self, term_docs: Mapping[str, int], docs: int) -> None:
        self.df.update(term_docs)
        self.docs += docs

    def story_candidates_many(self, queries: Sequence[Query], limit: int) -> list[list[str]]:
        postings = {t: [(sid, self.states[sid].last) for sid in self.postings.get(t, ())]
                    for t in {t for terms, _ in queries for t in terms}}  # fmt: skip
        return rank_candidates(queries, postings, limit)

    def load_stories(self, ids: Iterable[str]) -> dict[str, StoryState]:
        return {i: StoryState.from_json(i, self.states[i].to_json()) for i in ids if i in self.states}

    def load_members(self, story_id: str) -> list[dict[str, float]]:
        st = self.states.get(story_id)
        return json.loads(st.members_json()) if st else []

    def save_stories(self, states: Iterable[StoryState], index_terms: Mapping[str, Sequence[str]]) -> None:
        for st in states:
            self.states[st.id] = StoryState.from_json(st.id, st.to_json(), st.members_json())
            for t in self.terms_of.get(st.id, []):
                self.postings.get(t, set()).discard(st.id)
            self.terms_of[st.id] = list(index_terms.get(st.id, []))
            for t in self.terms_of[st.id]:
                self.postings.setdefault(t, set()).add(st.id)
