"""Story similarity: how likely two articles report the same story, as a learned score in [0, 1].

The clusterer admits articles by TF-IDF cosine (its own rules, in __init__.py); this score is what its
explanations show a reader: a linear model over general similarity parts of two articles, fitted by
benchmarks/train_pairscore.py to human judgements of news-pair similarity (the train split of
SemEval-2022 task 8 only: its English pairs, and its same-language pairs in seven other languages for the
default coefficients). Shipped as data/pairscore.json: one coefficient set for the
default install and one that adds the sentence-embedding cosine (the `embeddings` extra).

The parts (`features`) come from the clusterer's own TF-IDF vectors (cluster.article_vectors: title, text
and canonical entities) and the newsfuse analyses: cosine of the whole vectors, of their words alone and
of their entities alone, cosine of the leads, the alignment of their sentences (each sentence's best
cosine with the other article's sentences), shared canonical people, organisations and places, shared
figures and dates, and the length ratio; each is a number in [0, 1] (the embedding cosine too, in
practice).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from scipy.sparse import csr_matrix

from ..model import Analysis, Article
from .embed import Embedder, embedding_text, load_embedder
from .vectors import Vector, dot, term_counts, tfidf, unit, words_of

MODEL_PATH = Path(__file__).resolve().parent / "data" / "pairscore.json"

LEAD_WORDS = 60  # the lead: the title and the text's first words
PEOPLE = frozenset({"PERSON"})
ORGS = frozenset({"ORG"})
PLACES = frozenset({"GPE", "LOC", "FAC"})
SENTENCES = 30  # sentence_alignment: the first sentences of each article
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
REACH = 50  # nearest_members: members compared either side of an article in story order


class DocFreqs(Protocol):
    def doc_freqs(self, terms: Iterable[str]) -> tuple[int, dict[str, int]]: ...


@dataclass(frozen=True)
class PairSide:
    """One article as the score sees it: its clusterer vector, its lead's vector and its analysed parts."""

    vector: Vector
    lead: Vector
    words: int
    people: frozenset[str] = frozenset()
    orgs: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()
    figures: frozenset[tuple[str, float]] = frozenset()
    days: frozenset[str] = frozenset()
    sentences: csr_matrix | None = field(
        default=None, compare=False
    )  # its first sentences' TF-IDF vectors, one a row


def _part(vec: Mapping[str, float], ents: bool) -> Vector:
    return unit({t: w for t, w in vec.items() if t.startswith("ent_") == ents})


def _jaccard(a: frozenset[Any], b: frozenset[Any]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _figure_key(value: Any, unit: str | None) -> tuple[str, float] | None:
    v = value[0] if isinstance(value, tuple) else value
    if not isinstance(v, int | float) or not math.isfinite(v) or v == 0:
        return None
    # three significant digits: 68.7 billion and 68.70 billion are one figure
    return (unit or "", float(f"{v:.3g}"))


def sides(articles: Sequence[Article], analyses: Mapping[str, Analysis], index: DocFreqs) -> list[PairSide]:
    """The articles' sides, with the document frequencies of `index` (the clusterer's: a StoryIndex or the
    store), which it only reads: each side's vector is the one cluster.article_vectors gives. Sides are
    compared only with sides made in the same call (their sentence matrices share one vocabulary)."""
    counts = [term_counts(a, analyses.get(a.id)) for a in articles]
    leads = [words_of(lead_text(a)) for a in articles]
    sents = [[words_of(t) for t in _sentences(a, analyses.get(a.id))] for a in articles]
    docs, df = index.doc_freqs(sorted(set().union(*counts, *leads, *(t for ss in sents for t in ss))))
    vocab: dict[str, int] = {}
    rows = []
    for ss in sents:
        vecs = [tfidf(t, docs, df) for t in ss]
        rows.append([{vocab.setdefault(t, len(vocab)): w for t, w in v.items()} for v in vecs if v])
    return [
        side(a, analyses.get(a.id), tfidf(c, docs, df), tfidf(lead, docs, df), _matrix(r, len(vocab)))
        for a, c, lead, r in zip(articles, counts, leads, rows, strict=True)
    ]


def _sentences(article: Article, analysis: Analysis | None) -> list[str]:
    """The article's first SENTENCES sentences: the analysis's, or without one split after . ! ?"""
    if analysis is not None and analysis.sentences:
        return [article.text[x.start : x.end] for x in analysis.sentences[:SENTENCES]]
    return _SENTENCE_END.split(article.text, maxsplit=SENTENCES)[:SENTENCES]


def _matrix(rows: list[dict[int, float]], width: int) -> csr_matrix:
    data = [w for r in rows for w in r.values()]
    cols = [j for r in rows for j in r]
    ptr = np.cumsum([0, *(len(r) for r in rows)])
    return csr_matrix((data, cols, ptr), shape=(len(rows), width))


def _alignment(a: csr_matrix | None, b: csr_matrix | None) -> float:
    """Mean over both articles' sentences of each one's best TF-IDF cosine with the other's sentences."""
    if a is None or b is None or not a.shape[0] or not b.shape[0]:
        return 0.0
    m = (a @ b.T).toarray()
    return float((m.max(axis=1).mean() + m.max(axis=0).mean()) / 2)


def side(
    article: Article,
    analysis: Analysis | None,
    vector: Vector,
    lead: Vector,
    sentences: csr_matrix | None = None,
) -> PairSide:
    """An article's side of a pair: `vector` is its clusterer vector, `lead` the TF-IDF vector of its lead
    (lead_text), `sentences` its first sentences' unit TF-IDF vectors (rows), all with the clusterer's
    document frequencies."""
    words = len(article.text.split())
    if analysis is None:
        return PairSide(vector, lead, words, sentences=sentences)

    def names(labels: frozenset[str]) -> frozenset[str]:
        return frozenset(e.canonical.lower() for e in analysis.entities if e.label in labels)

    figs = (_figure_key(f.value, f.unit) for f in analysis.figures)
    days = (d.value for d in analysis.dates if d.granularity == "day")
    return PairSide(
        vector, lead, words, names(PEOPLE), names(ORGS), names(PLACES),
        frozenset(f for f in figs if f is not None), frozenset(days), sentences,
    )  # fmt: skip


def features(a: PairSide, b: PairSide, embedding_cosine: float | None = None) -> dict[str, float]:
    """The pair's similarity parts, by name (`embedding` only when given)."""
    out = {
        "cosine": dot(a.vector, b.vector),
        "word_cosine": dot(_part(a.vector, False), _part(b.vector, False)),
        "entity_cosine": dot(_part(a.vector, True), _part(b.vector, True)),
        "lead_cosine": dot(a.lead, b.lead),
        "people": _jaccard(a.people, b.people),
        "orgs": _jaccard(a.orgs, b.orgs),
        "places": _jaccard(a.places, b.places),
        "figures": _jaccard(a.figures, b.figures),
        "days": _jaccard(a.days, b.days),
        "length_ratio": min(a.words, b.words) / (max(a.words, b.words) or 1),
        "sentence_alignment": _alignment(a.sentences, b.sentences),
    }
    if embedding_cosine is not None:
        out["embedding"] = embedding_cosine
    return out


@dataclass(frozen=True)
class PairModel:
    """A linear score over transformed features, squashed to [0, 1]."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float

    def score(self, feats: Mapping[str, float]) -> float:
        x = expand(feats)
        z = self.intercept + sum(
            c * (x[f] - m) / s
            for f, m, s, c in zip(self.features, self.mean, self.scale, self.coef, strict=True)
        )
        return min(1.0, max(0.0, z))


def expand(feats: Mapping[str, float]) -> dict[str, float]:
    """The features and their square roots (`sqrt_` names): similarity parts rise fastest near 0."""
    return {**feats, **{f"sqrt_{k}": math.sqrt(max(0.0, v)) for k, v in feats.items()}}


@cache
def load(with_embeddings: bool = False) -> PairModel:
    """The shipped model: the default coefficients, or those that use the embedding cosine."""
    raw = json.loads(MODEL_PATH.read_text(encoding="utf8"))["models"][
        "embeddings" if with_embeddings else "default"
    ]
    return PairModel(
        tuple(raw["features"]),
        tuple(raw["mean"]),
        tuple(raw["scale"]),
        tuple(raw["coef"]),
        float(raw["intercept"]),
    )


def story_similarity(a: PairSide, b: PairSide, embedding_cosine: float | None = None) -> float:
    """How likely `a` and `b` report the same story, 0..1 (the shipped model)."""
    model = load(embedding_cosine is not None)
    return round(model.score(features(a, b, embedding_cosine)), 4)


def lead_text(article: Article, words: int = LEAD_WORDS) -> str:
    """The title and the text's first `words` words."""
    return " ".join([article.title, *article.text.split()[:words]])


def lead_vector(article: Article, docs: int, df: Mapping[str, int]) -> Vector:
    """The lead's TF-IDF vector with the clusterer's document frequencies (`docs` documents, `df`)."""
    return tfidf(words_of(lead_text(article)), docs, df)


def nearest_members(
    articles: Sequence[Article],
    analyses: Mapping[str, Analysis],
    index: DocFreqs,
    embeddings: Sequence[Any] | None = None,
    reach: int = REACH,
) -> dict[str, tuple[float, str]]:
    """A story's members (`articles`, in story order): each one's story similarity to its closest other
    member, and that member's id (none for a story of one). `embeddings` (unit vectors, one per article)
    select the coefficients that use them. Each article is compared with the `reach` members either side
    of it in story order, so a big story costs linear time."""
    sd = sides(articles, analyses, index)
    model = load(embeddings is not None)
    best: dict[str, tuple[float, str]] = {}
    for i in range(len(articles)):
        for j in range(i + 1, min(len(articles), i + 1 + reach)):
            cos = float(embeddings[i] @ embeddings[j]) if embeddings is not None else None
            s = round(model.score(features(sd[i], sd[j], cos)), 4)
            for k, other in ((i, j), (j, i)):
                aid = articles[k].id
                if aid not in best or s > best[aid][0]:
                    best[aid] = (s, articles[other].id)
    return best


class StoredArticles(DocFreqs, Protocol):
    """What story_members needs of a store."""

    def get_articles(self, ids: Iterable[str]) -> dict[str, Article]: ...

    def analyses(self, ids: Iterable[str]) -> dict[str, Analysis]: ...


def story_members(
    store: StoredArticles, article_ids: Sequence[str], embedder: Embedder | None = None
) -> dict[str, tuple[float, str]]:
    """nearest_members for a stored story's articles (in story order), with the store's analyses and
    document frequencies; with `embedder` (the `embeddings` extra), the coefficients that use it."""
    got = store.get_articles(article_ids)
    arts = [got[i] for i in article_ids if i in got]
    if len(arts) < 2:
        return {}
    embs = list(embedder.embed([embedding_text(a) for a in arts])) if embedder is not None else None
    return nearest_members(arts, store.analyses(a.id for a in arts), store, embs)


def explain_embedder() -> Embedder | None:
    """The embedder the explanations use: the `embeddings` extra when installed, unless
    NEWSFUSE_EMBEDDINGS=off (the clusterer's weight does not matter here: the score has its own
    coefficients for it)."""
    from ..settings import Settings

    return load_embedder() if Settings().embeddings != "off" else None


def explain_fields(got: tuple[float, str] | None) -> dict[str, Any]:
    """An explanation's story-similarity fields: the score (0..1, how likely the two report the same story)
    and the closest other member it was measured against (None for a story of one)."""
    return {"story_similarity": got[0] if got else None, "nearest_member": got[1] if got else None}
