"""A learned sentence scorer for the brief's summary: how well a candidate sentence would summarise
its story, from general features of the sentence and of its story.

The model is linear (scikit-learn at training time; here only its weights). It is fitted by
benchmarks/train_selector.py on the tune halves of the brief benchmark only (Multi-News clusters
0-49, NeuS 0-152) as a pairwise ranker: within a story, which of two candidates has the higher
target (the greedy ROUGE-1 oracle's choice, or a sentence's own ROUGE-1 precision against the
reference; the script picks by cross-validation on the tune stories). Each feature is given raw and
as a z-score within its story. The brief's score is the hand-set score and the learned one, each
z-scored within the story, added with the model's `blend` weight (squashed to 0-1 so that a
sentence's support, outlets first, still ranks sections). Everything else is the brief's own rules:
redundancy, facts stated once, the word budget and citations. Shipped as data/selector.json.

A second, smaller model weighs the story's words: a logistic regression over general features of each
distinct word (WORD_FEATURES: how often and by how many articles it is used, in leads and titles,
capitalised, a stop word...) fitted to "the reference summary uses it". The selection uses it for
redundancy: once the brief holds a few sentences, a candidate whose likely-summary words the brief
already holds is worth less (compose.NOVELTY).
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

MODEL_PATH = Path(__file__).resolve().parent / "data" / "selector.json"

# the features, in the order of the model's coefficients (compose.py computes them per candidate)
FEATURES = (
    "first",  # the article's first sentence
    "lead",  # 1 / (1 + sentence index in the article)
    "relpos",  # sentence index / sentences in the article (0 first, 1 last)
    "words",  # words / 40
    "centrality",  # TF-IDF cosine with the story's centroid
    "mean_sim",  # mean TF-IDF cosine with the story's other candidates
    "outlets",  # share of the story's other outlets with a similar sentence
    "agreed",  # agreed figures in the sentence (at most 3) / 3
    "numbers",  # states a number
    "quote",  # holds a quotation mark
    "dangling",  # leans on what came before ("He also ...", "However, ...")
    "minority",  # states a value most outlets contradict
    "title_sim",  # TF-IDF cosine with the story's titles (0 when they have none)
    "names",  # named entities in the sentence (at most 5) / 5
    "first_person",  # speaks in the first or second person (a quote's voice)
    "article_share",  # share of the story's candidates that come from this sentence's article
    "rules",  # the hand-set score (compose.py)
    "lexrank",  # LexRank centrality over the candidates' TF-IDF cosine graph (x number of candidates)
    "log_lexrank",  # log(1 + lexrank)
    "word_freq",  # mean log count in the story's candidates of the sentence's words
    "content_freq",  # the same over its content words (no stop words)
    "content_spread",  # mean share of the story's articles that use each of its content words
    "stop_share",  # share of its words that are stop words
)
_WORD = re.compile(r"[a-z0-9]+")
_CASED_WORD = re.compile(r"[A-Za-z0-9]+")
# a word's features (one row per distinct lower-cased word of the story's candidates), in the order of
# the word model's coefficients: how likely a summary of the story is to use the word
WORD_FEATURES = (
    "log_count",  # log of its count in the story's candidates
    "spread",  # share of the story's articles using it
    "spread_multi",  # the same, 0 for a story of one article
    "stop",  # a stop word
    "digits",  # a number
    "lead",  # share of the articles using it that use it in their first 3 sentences
    "capitalised",  # share of its uses capitalised inside a sentence (a name)
    "title",  # in an article's title (0 when the story has no titles)
    "first_position",  # where it first comes, relative to the length of its article (0 first, 1 last)
    "length",  # letters (at most 12) / 12
    "log_rate",  # log of its share of the story's words (per 1,000)
)


def lexrank(sims: np.ndarray, threshold: float = 0.1, damping: float = 0.85, rounds: int = 50) -> np.ndarray:
    """LexRank (Erkan and Radev 2004) over a cosine similarity matrix, times its size (mean 1)."""
    n = len(sims)
    graph = (sims >= threshold).astype(float)
    np.fill_diagonal(graph, 0.0)
    degree = graph.sum(axis=1, keepdims=True)
    walk = graph / np.where(degree > 0, degree, 1.0)
    rank = np.full(n, 1.0 / n)
    for _ in range(rounds):
        rank = (1 - damping) / n + damping * (walk.T @ rank)
    return np.asarray(rank * n, dtype=float)


def _word_counts(
    texts: Sequence[str], articles: Sequence[str]
) -> tuple[list[list[str]], Counter[str], dict[str, set[str]], Counter[str]]:
    """Each text's words, every word's count, each article's words, and how many articles use each."""
    words = [_WORD.findall(t.lower()) for t in texts]
    count = Counter(w for ws in words for w in ws)
    used: dict[str, set[str]] = {}
    for a, ws in zip(articles, words, strict=True):
        used.setdefault(a, set()).update(ws)
    spread = Counter(w for ws in used.values() for w in ws)
    return words, count, used, spread


def word_features(texts: Sequence[str], articles: Sequence[str]) -> np.ndarray:
    """Per text: word_freq, content_freq, content_spread, stop_share (see FEATURES)."""
    words, count, used, spread = _word_counts(texts, articles)
    out = np.zeros((len(texts), 4))
    for i, ws in enumerate(words):
        content = [w for w in ws if w not in ENGLISH_STOP_WORDS]
        out[i] = (
            float(np.mean([math.log(count[w]) for w in ws])) if ws else 0.0,
            float(np.mean([math.log(count[w]) for w in content])) if content else 0.0,
            float(np.mean([spread[w] / len(used) for w in content])) if content else 0.0,
            1 - len(content) / len(ws) if ws else 0.0,
        )
    return out


@dataclass(frozen=True)
class WordTable:
    """A story's distinct words with their features (rows of `x`, in WORD_FEATURES order), and the
    distinct words of each candidate as indices into `vocab`."""

    vocab: tuple[str, ...]
    x: np.ndarray
    words: tuple[frozenset[int], ...]


def word_table(
    texts: Sequence[str],
    articles: Sequence[str],
    positions: Sequence[float],
    indexes: Sequence[int],
    titles: Sequence[str],
) -> WordTable:
    """The story's word table from its candidates: their texts, articles, relative positions in their
    articles (0 first, 1 last) and sentence numbers there (0 first), and the story's titles."""
    toks, count, used, spread = _word_counts(texts, articles)
    lead = Counter(w for ws, first in zip(toks, indexes, strict=True) if first < 3 for w in set(ws))
    capitalised = Counter(
        w.lower() for t in texts for k, w in enumerate(_CASED_WORD.findall(t)) if k and w[0].isupper()
    )
    in_titles = {w for t in titles for w in _WORD.findall(t.lower())}
    first: dict[str, float] = {}
    for ws, rel in zip(toks, positions, strict=True):
        for w in ws:
            first[w] = min(first.get(w, 1.0), rel)
    vocab = tuple(sorted(count))
    total, n_articles = max(1, sum(count.values())), max(1, len(used))
    x = np.array(
        [
            (
                math.log(count[w]),
                spread[w] / n_articles,
                spread[w] / n_articles if n_articles > 1 else 0.0,
                w in ENGLISH_STOP_WORDS,
                w.isdigit(),
                min(1.0, lead[w] / spread[w]),
                capitalised[w] / count[w],
                w in in_titles,
                first[w],
                min(len(w), 12) / 12,
                math.log(1000 * count[w] / total),
            )
            for w in vocab
        ],
        dtype=float,
    ).reshape(len(vocab), len(WORD_FEATURES))
    index = {w: k for k, w in enumerate(vocab)}
    return WordTable(vocab, x, tuple(frozenset(index[w] for w in ws) for ws in toks))


def _z(x: np.ndarray) -> np.ndarray:
    """z-scores along the first axis (within a story); a constant column scores 0."""
    sd = x.std(axis=0)
    return np.asarray((x - x.mean(axis=0)) / np.where(sd > 0, sd, 1.0), dtype=float)


def expand(raw: np.ndarray) -> np.ndarray:
    """The model's inputs: the raw features, then each as a z-score within the story."""
    return np.column_stack([raw, _z(raw)])


@dataclass(frozen=True)
class Selector:
    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    blend: float
    word_coef: np.ndarray  # the word model (a logistic regression over WORD_FEATURES)
    word_intercept: float

    def word_weights(self, table: WordTable) -> np.ndarray:
        """Per word of the table, the model's probability that a summary of the story uses it."""
        z = table.x @ self.word_coef + self.word_intercept
        return np.asarray(1.0 / (1.0 + np.exp(-z)), dtype=float)

    def learned(self, raw: np.ndarray) -> np.ndarray:
        """The model's own score for one story's candidates (rows of `raw`, in FEATURES order)."""
        return np.asarray(((expand(raw) - self.mean) / self.scale) @ self.coef, dtype=float)

    def score(self, raw: np.ndarray, rules: np.ndarray) -> np.ndarray:
        """The brief's scores (0-1) for one story's candidates: hand-set and learned, blended."""
        z = _z(rules) + self.blend * _z(self.learned(raw))
        return np.asarray(1.0 / (1.0 + np.exp(-z)), dtype=float)


def from_dict(d: dict[str, object]) -> Selector:
    features = tuple(str(f) for f in d["features"])  # type: ignore[attr-defined]
    if features != FEATURES:
        raise ValueError(f"selector model features {features} differ from this code's {FEATURES}")
    arr = {k: np.asarray(d[k], dtype=float) for k in ("mean", "scale", "coef")}
    if any(a.shape != (2 * len(FEATURES),) for a in arr.values()):
        raise ValueError("selector model: mean, scale and coef need two numbers per feature (raw, z-score)")
    blend = float(d["blend"])  # type: ignore[arg-type]
    if not all(math.isfinite(v) for a in arr.values() for v in a) or not math.isfinite(blend):
        raise ValueError("selector model: non-finite weights")
    scale = np.where(arr["scale"] > 0, arr["scale"], 1.0)
    words: dict[str, Any] = d["words"]  # type: ignore[assignment]
    if tuple(words["features"]) != WORD_FEATURES:
        raise ValueError(f"selector word model features {words['features']} differ from {WORD_FEATURES}")
    word_coef = np.asarray(words["coef"], dtype=float)
    word_intercept = float(words["intercept"])
    if word_coef.shape != (len(WORD_FEATURES),) or not np.all(np.isfinite(word_coef)):
        raise ValueError("selector word model: one finite number per word feature")
    if not math.isfinite(word_intercept):
        raise ValueError("selector word model: non-finite intercept")
    return Selector(features, arr["mean"], scale, arr["coef"], blend, word_coef, word_intercept)


@cache
def load(path: Path = MODEL_PATH) -> Selector:
    return from_dict(json.loads(path.read_text(encoding="utf8")))
