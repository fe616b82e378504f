"""Cluster: group articles into stories as they arrive, without re-clustering the archive.

Articles are taken in arrival order (publication date, then input order). Each is compared with the
open stories that share its strongest terms (retrieved from a term index, never a scan of every
story) and whose last article is within the time window; it joins the most similar one (TF-IDF cosine
to the story's centroid, named entities as extra features) when the score passes the threshold and
the article is close to a member about as its members are to their nearest fellow (so a story that
holds loosely joined reports does not go on admitting loosely related ones: no snowball; a story of one
needs a closer article, since a pair is a story's weakest evidence), else it starts a new story. The state
(centroids, dates, term index, document frequencies) lives in a `StoryIndex`: the store's, kept across
runs, or one in memory. Every assignment explains itself:
score, shared terms and entities, time gap, the runner-up story and its score.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

import numpy as np

from ..errors import BadOption
from ..model import Analysis, Article, Assignment, Story
from ..settings import (
    DEFAULT_COHESION,
    DEFAULT_EMBED_OFFSET,
    DEFAULT_EMBED_WEIGHT,
    DEFAULT_FLOOR_FROM,
    DEFAULT_MEAN_FLOOR,
    DEFAULT_MEMBER_THRESHOLD,
    DEFAULT_NEAREST_SHARE,
    DEFAULT_NEAREST_SHARE_BIG,
    DEFAULT_PAIR_THRESHOLD,
    DEFAULT_THRESHOLD,
    DEFAULT_WINDOW_DAYS,
    Settings,
)
from ..stage import Stage
from . import embed, pairscore
from .embed import Embedder, embedding_text, load_embedder
from .state import INDEX_TERMS, MemoryStoryIndex, StoryIndex, StoryState, add_member, date_window
from .vectors import Vector, dot, term_counts, tfidf, top_terms

__all__ = [
    "MemoryStoryIndex",
    "article_vectors",
    "dot",
    "embed",
    "embedder_for",
    "pairscore",
    "StoryClusterer",
    "StoryIndex",
    "StoryState",
    "clusterer_for",
    "story_id",
    "STAGE",
]

# retrieval is lossless against scoring every story on both benchmarks/cluster.py sets (wikiref220 and
# multinews-dev give the same B-cubed with 64/16 as with a full scan; 24/24 lost 0.04 F1 on wikiref220)
QUERY_TERMS = 64  # an article's strongest terms used to retrieve candidate stories
CANDIDATES = 64  # stories scored per article at most


def clusterer_for(settings: Settings) -> StoryClusterer:
    """The clusterer the settings describe; "topic" granularity groups by subject, without the checks
    that keep a story to one event."""
    topic = settings.cluster_granularity == "topic"
    return StoryClusterer(
        settings.cluster_threshold,
        settings.cluster_window_days,
        0.0 if topic else settings.cluster_member_threshold,
        0.0 if topic else settings.cluster_cohesion,
        nearest_share=0.0 if topic else settings.cluster_nearest_share,
        nearest_share_big=0.0 if topic else settings.cluster_nearest_share_big,
        pair_threshold=0.0 if topic else settings.cluster_pair_threshold,
        mean_floor=0.0 if topic else settings.cluster_mean_floor,
        floor_from=settings.cluster_floor_from,
        max_span_days=0.0 if topic else settings.cluster_max_span_days,
        embedder=embedder_for(settings),
        embed_weight=settings.cluster_embed_weight,
        embed_offset=settings.cluster_embed_offset,
    )


def embedder_for(settings: Settings) -> Embedder | None:
    """The sentence embedder the settings ask for: None when off, when the weight is 0, or (auto) when the
    `embeddings` extra is not installed."""
    if settings.embeddings == "off" or not settings.cluster_embed_weight:
        return None
    got = load_embedder()
    if got is None and settings.embeddings == "on":
        raise BadOption(
            "NEWSFUSE_EMBEDDINGS=on but the `embeddings` extra is not installed",
            hint="Install it (`make venv` does), or set NEWSFUSE_EMBEDDINGS=auto or off.",
        )
    return got


def story_id(first_article: str) -> str:
    return "s" + hashlib.sha1(first_article.encode()).hexdigest()[:10]


def article_vectors(
    articles: Sequence[Article],
    analyses: Mapping[str, Analysis],
    index: StoryIndex,
    terms: Mapping[str, Counter[str]] | None = None,
) -> list[Vector]:
    """The articles as the clusterer compares them: unit TF-IDF vectors over title, text and canonical
    entities, with document frequencies from `index` (to which these articles are first added). The dot
    product of two is the clusterer's article-to-article similarity. `terms`: articles' term counts
    already computed (`term_counts`, by the worker that analysed them)."""
    given = terms or {}
    counts = [given[a.id] if a.id in given else term_counts(a, analyses.get(a.id)) for a in articles]
    term_docs: Counter[str] = Counter()
    for c in counts:
        term_docs.update(c.keys())
    index.add_docs(term_docs, len(articles))
    docs, df = index.doc_freqs(term_docs.keys())
    return [tfidf(c, docs, df) for c in counts]


def _days(a: str | None, b: str | None) -> float | None:
    if not a or not b:
        return None
    return float(abs((date.fromisoformat(a) - date.fromisoformat(b)).days))


class _Admission(NamedTuple):
    """What a story makes of an article (StoryClusterer._admit)."""

    score: float  # (whole + near) / 2 when admitted, else 0
    whole: float  # similarity to the story as a whole
    parts: dict[str, float]  # the parts the decision was made on (recorded in the assignment)
    sims: list[float] | None  # similarity to each recent member, when they were compared


@dataclass(frozen=True)
class StoryClusterer:
    threshold: float = DEFAULT_THRESHOLD
    window_days: float = DEFAULT_WINDOW_DAYS
    member_threshold: float = DEFAULT_MEMBER_THRESHOLD
    cohesion: float = DEFAULT_COHESION
    # a story of `floor_from` members or more admits an article only at this mean similarity to its members,
    # however diverse they are: a big story stays about one event (see settings)
    mean_floor: float = DEFAULT_MEAN_FLOOR
    floor_from: int = DEFAULT_FLOOR_FROM
    max_span_days: float = 0.0  # a story takes no article this many days after its first (0: no limit)
    # an article's similarity to its nearest member must reach this share of the story's nearest-member
    # cohesion (the median of its members' similarities to their nearest fellow member; see settings)
    nearest_share: float = DEFAULT_NEAREST_SHARE
    nearest_share_big: float = DEFAULT_NEAREST_SHARE_BIG  # the share from `floor_from` members on, if higher
    # a story of one admits an article this close to its member
    pair_threshold: float = DEFAULT_PAIR_THRESHOLD
    # optional sentence embeddings (embed.py): an article's similarity to a story is then its TF-IDF cosine
    # plus embed_weight x (embedding cosine - embed_offset); None: TF-IDF alone, exactly as without the extra
    embedder: Embedder | None = field(default=None, compare=False)
    embed_weight: float = DEFAULT_EMBED_WEIGHT
    embed_offset: float = DEFAULT_EMBED_OFFSET

    def embed(self, articles: Sequence[Article]) -> list[np.ndarray | None]:
        """The articles' unit sentence embeddings, or Nones without an embedder."""
        if self.embedder is None or not self.embed_weight:
            return [None] * len(articles)
        return list(self.embedder.embed([embedding_text(a) for a in articles]))

    def assign(
        self,
        articles: Sequence[Article],
        analyses: Mapping[str, Analysis],
        index: StoryIndex,
        terms: Mapping[str, Counter[str]] | None = None,
    ) -> tuple[list[Assignment], dict[str, StoryState]]:
        """Assign a batch of new articles to stories in `index`; returns the assignments (input order)
        and the states of the stories they touched, already saved to `index`. `terms`: as article_vectors."""
        vectors = article_vectors(articles, analyses, index, terms)
        embeddings = self.embed(articles)
        live: dict[str, StoryState] = {}  # stories loaded in this batch, newest state
        touched: set[str] = set()  # stories an article joined or started
        postings: dict[str, set[str]] = {}  # their strongest terms, so later articles of the batch find them
        out: dict[str, Assignment] = {}
        order = sorted(range(len(articles)), key=lambda i: (articles[i].published or "", i))
        # the stored index answers for the whole batch at once (it changes only when the batch is saved); the
        # stories the batch itself starts or grows are found in `postings`
        queries = [(top_terms(vectors[i], QUERY_TERMS), date_window(articles[i].published, self.window_days))
                   for i in order]  # fmt: skip
        stored = index.story_candidates_many(queries, CANDIDATES)
        live.update(index.load_stories(dict.fromkeys(s for found in stored for s in found)))
        for i, (query, _window), found in zip(order, queries, stored, strict=True):
            a, x, e = articles[i], vectors[i], embeddings[i]
            local = {s for t in query for s in postings.get(t, ())}
            scored = []
            for sid in dict.fromkeys([*found, *sorted(local)]):
                st = live.get(sid)
                if st is None or not self._in_window(a.published, st):
                    continue
                scored.append((self._admit(x, e, st, index), sid))
            scored.sort(key=lambda p: (-p[0].score, -p[0].whole, p[1]))
            best = (
                (scored[0][0].score, scored[0][1])
                if scored and scored[0][0].score > 0
                else (max((p[0].whole for p in scored), default=0.0), None)
            )
            runner = ((scored[1][0].score, scored[1][1]) if len(scored) > 1 and scored[1][0].score > 0
                      else (None, None))  # fmt: skip
            sims = None
            if best[1] is not None:
                st = live[best[1]]
                out[a.id] = self._explain(a, x, st, best[0], runner, len(scored), scored[0][0].parts)
                sims = scored[0][0].sims  # its similarity to each member, as compared
            else:
                st = StoryState(story_id(a.id), title=a.title)
                live[st.id] = st
                out[a.id] = Assignment(
                    a.id, st.id, round(best[0], 4), new_story=True,
                    runner_up=best[1], runner_up_score=round(best[0], 4) if best[1] else None, candidates=len(scored),
                )  # fmt: skip
            if sims is None:
                sims = [self.similarity(x, e, m, me) for m, me in self._members(st, index)]
            add_member(st, x, a.published, e, sims)
            touched.add(st.id)
            for t in top_terms(st.centroid, INDEX_TERMS):
                postings.setdefault(t, set()).add(st.id)
        changed = {sid: live[sid] for sid in sorted(touched)}
        index.save_stories(
            changed.values(), {s.id: top_terms(s.centroid, INDEX_TERMS) for s in changed.values()}
        )
        return [out[a.id] for a in articles], changed

    def _admit(self, x: Vector, e: np.ndarray | None, st: StoryState, index: StoryIndex) -> _Admission:
        """Whether story `st` admits the article (unit TF-IDF vector `x`, embedding `e` or None)."""
        xdot = dot(x, st.centroid)
        whole = xdot / (st.norm2**0.5 or 1.0)
        n = st.size
        cohesion = (st.norm2 - n) / (n * (n - 1)) if n > 1 else 0.0  # mean similarity of two members
        mean = xdot / n if n else 0.0  # the article's mean similarity to the members
        if e is not None and st.embedding is not None:
            # the combined similarity: TF-IDF cosine + weight x (embedding cosine - offset), in each part
            w, c0 = self.embed_weight, self.embed_offset
            esum = float(e @ st.embedding)
            whole += w * (esum / (float(np.linalg.norm(st.embedding)) or 1.0) - c0)
            if st.embedded == n:
                e2 = float(st.embedding @ st.embedding)
                cohesion += w * (((e2 - n) / (n * (n - 1)) if n > 1 else 0.0) - c0)
                mean += w * (esum / n - c0)
        near = whole
        near_bar = self.member_threshold
        sims = None
        if self.member_threshold and whole >= self.threshold:
            # a story of one is its member: its centroid holds all of the member's terms, so `whole` is the
            # exact similarity that the member's strongest terms only estimate
            members = self._members(st, index)
            sims = [whole] if n == len(members) == 1 else [self.similarity(x, e, m, me) for m, me in members]
            near = max(sims, default=whole)
            share = self.nearest_share
            if self.floor_from and n >= self.floor_from:
                share = max(share, self.nearest_share_big)
            near_bar = max(near_bar, share * st.nearest_cohesion())
            if n == 1:  # a pair is a story's weakest evidence: a story of one needs more than the member bar
                near_bar = max(near_bar, self.pair_threshold)
        bar = self._mean_bar(n, cohesion)
        # close to the story as a whole, to one of its members about as close as its members are to their
        # nearest fellow member, and on average to its members about as close as they are to each other: a big
        # story's centroid drifts to the generic and would otherwise attract everything on the same broad
        # topic; and once a story holds reports loosely joined, their mean similarity falls, so the mean bar
        # does, while each report's nearest fellow stays close: the nearest-member bar does not fall with it
        ok = whole >= self.threshold and near >= near_bar and mean >= bar
        parts = {"whole": whole, "near": near, "near_bar": near_bar, "mean": mean, "mean_bar": bar,
                 "size": float(n)}  # fmt: skip
        return _Admission((whole + near) / 2 if ok else 0.0, whole, parts, sims)

    def _mean_bar(self, n: int, cohesion: float) -> float:
        """The mean similarity to its `n` members (whose mean similarity to each other is `cohesion`) an
        article needs to join a story: a share of the members' own cohesion and, in a big story, never below
        the floor. Without the floor, a story seeded by loosely related reports (each the first of a story of
        its own, joining while the story is small) has a low cohesion, so a low bar, and keeps admitting the
        next loosely related report: it grows into a topic."""
        bar = self.cohesion * cohesion if n >= 2 else 0.0
        return max(bar, self.mean_floor) if self.floor_from and n >= self.floor_from else bar

    def similarity(self, x: Vector, e: np.ndarray | None, m: Vector, me: np.ndarray | None) -> float:
        """Two articles' similarity (TF-IDF vectors, embeddings or None): TF-IDF cosine, plus
        embed_weight x (embedding cosine - embed_offset) when both have an embedding."""
        sim = dot(x, m)
        if e is not None and me is not None:
            sim += self.embed_weight * (float(e @ me) - self.embed_offset)
        return sim

    @staticmethod
    def _members(st: StoryState, index: StoryIndex) -> list[tuple[Vector, np.ndarray | None]]:
        if st.members is None:
            st.set_members(index.load_members(st.id))
        members = st.members or []
        embs = st.member_embeddings
        return [(m, embs[i] if i < len(embs) else None) for i, m in enumerate(members)]

    def _in_window(self, day: str | None, st: StoryState) -> bool:
        gap = _days(day, st.last)
        span = _days(day, st.first)
        return (gap is None or gap <= self.window_days) and (
            span is None or not self.max_span_days or span <= self.max_span_days
        )

    @staticmethod
    def _explain(
        a: Article,
        x: Vector,
        st: StoryState,
        score: float,
        runner: tuple[float | None, str | None],
        n: int,
        parts: Mapping[str, float],
    ) -> Assignment:
        weights = sorted(((w * st.centroid.get(t, 0.0), t) for t, w in x.items()), reverse=True)
        top = [t for w, t in weights[:10] if w > 0]
        return Assignment(
            a.id,
            st.id,
            round(score, 4),
            tuple(t for t in top if not t.startswith("ent_"))[:8],
            tuple(t[4:].replace("_", " ") for t in top if t.startswith("ent_")),
            _days(a.published, st.last),
            runner_up=runner[1],
            runner_up_score=round(runner[0], 4) if runner[0] is not None else None,
            candidates=n,
            parts=tuple((k, round(v, 4)) for k, v in parts.items()),
        )

    def cluster(
        self, articles: Sequence[Article], analyses: Mapping[str, Analysis] | None = None
    ) -> list[Story]:
        """All of `articles` as one batch into a fresh in-memory index: the stories they form."""
        assignments, _ = self.assign(articles, analyses or {}, MemoryStoryIndex())
        return stories_from(articles, assignments)


def stories_from(articles: Sequence[Article], assignments: Sequence[Assignment]) -> list[Story]:
    """Stories (in order of their first article) from a batch's assignments."""
    pos = {a.id: i for i, a in enumerate(articles)}
    by_story: dict[str, list[tuple[Article, Assignment]]] = {}
    for a, asg in zip(articles, assignments, strict=True):
        by_story.setdefault(asg.story_id, []).append((a, asg))
    out = []
    for sid, members in by_story.items():
        members.sort(key=lambda m: (m[0].published or "", pos[m[0].id]))
        days = [m[0].published for m in members if m[0].published]
        out.append(
            Story(sid, tuple(m[0].id for m in members), members[0][0].title,
                  min(days) if days else None, max(days) if days else None, tuple(m[1] for m in members))
        )  # fmt: skip
    return out


STAGE = Stage(
    "cluster",
    requires=("text", "title", "published", "kind", "entities", "duplicates"),
    assigns=("stories",),
    run=StoryClusterer.assign,
)
