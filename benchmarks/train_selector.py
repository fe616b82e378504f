"""Fit the brief's learned sentence scorer (newsfuse/brief/selector.py) on the tune halves only.

For every tune cluster of the brief benchmark (benchmarks/brief.py: Multi-News clusters 0-49,
NeuS 0-152; the held-out halves are never read here) the story is fused and briefed as the
benchmark does it, and the brief's candidate sentences and their features are computed
(brief.compose.candidate_pool). Two targets per candidate: the greedy ROUGE-1 oracle (sentences
added one at a time, the one that raises ROUGE-1 F against the reference most, within the data
set's word budget, until none does; its sentences are 1, the rest 0), and the sentence's own
ROUGE-1 precision against the reference. The model is a pairwise ranker: a logistic regression
(scikit-learn, lbfgs, no intercept) on differences of two candidates' standardised features
(selector.expand: raw and z-scored within the story), pairs drawn within a story with a fixed seed,
each story weighing the same. Target, regularisation C and the blend weight with the hand-set
score are chosen by 5-fold cross-validation over the tune stories, each fold scored as ROUGE-1 F
of the briefs the brief's own selection (redundancy, facts once, budget) makes from the scores.
The word model (selector.WORD_FEATURES; a logistic regression, C=1, of "the reference uses the word",
stemmed as ROUGE does, each story weighing the same) is fitted with each ranker, on the same stories,
and the cross-validated selection uses it (compose.NOVELTY).

Tried on the tune halves (5-fold CV, Multi-News / NeuS R1; 44.23 / 41.17 without the word model) and
dropped: more candidate features (best cosine with each other article, the story's most widely named
entities, facts stated, content-bigram spread) 43.98 / 41.09; the word model's estimated precision as a
feature 44.06 / 41.19; filling the budget by swapping chosen sentences (NeuS briefs leave 9 of 75 words:
no shorter candidate fits) 43.78 / 41.34 down to 43.65 / 40.67; MMR over TF-IDF cosine, or other
redundancy thresholds, within +-0.2; gradient boosting instead of the linear ranker 44.27 / 40.71; one
model per data set, more pairs, pairs weighted by their target gap: within noise.

    python benchmarks/train_selector.py [--output newsfuse/brief/data/selector.json] [--cache FILE]

Prints the cross-validated ROUGE-1 of each setting beside the hand-set rules and writes the model.
Deterministic: the same tune data gives the same file.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import pickle
import statistics
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.brief import BUDGET, LOADERS, Cluster  # noqa: E402
from newsfuse import reconcile  # noqa: E402
from newsfuse.brief import selector  # noqa: E402
from newsfuse.brief.compose import Pool, candidate_pool, choose  # noqa: E402
from newsfuse.ingest import make_article  # noqa: E402
from newsfuse.pipeline import fuse  # noqa: E402

SEED = 0
FOLDS = 5
PAIRS = 200  # candidate pairs drawn per story
TARGETS = ("oracle", "precision")
C_GRID = (0.01, 0.1, 1.0)
BLENDS = (0.5, 1.0, 1.5, 2.0)
OUTPUT = ROOT / "newsfuse" / "brief" / "data" / "selector.json"


@dataclass
class Story:
    dataset: str
    pool: Pool
    reference: Counter[str]
    tokens: list[list[str]]  # each candidate's ROUGE tokens
    labels: np.ndarray  # the greedy oracle's choice
    precision: np.ndarray  # each candidate's own ROUGE-1 precision against the reference
    in_reference: np.ndarray  # per word of the pool's word table: the reference uses it (stemmed)

    def target(self, name: str) -> np.ndarray:
        return self.labels if name == "oracle" else self.precision


def _tokenizer() -> Any:
    from rouge_score import rouge_scorer

    return rouge_scorer.RougeScorer(["rouge1"], use_stemmer=True)._tokenizer


def rouge1(summary: Counter[str], reference: Counter[str]) -> float:
    """ROUGE-1 F as rouge-score computes it, from token counts."""
    overlap = sum((summary & reference).values())
    if not overlap:
        return 0.0
    p, r = overlap / sum(summary.values()), overlap / sum(reference.values())
    return 2 * p * r / (p + r)


def oracle(tokens: list[list[str]], words: list[int], reference: Counter[str], budget: int) -> set[int]:
    chosen: set[int] = set()
    summary: Counter[str] = Counter()
    used, best = 0, 0.0
    while True:
        pick, pick_f = -1, best
        for i, toks in enumerate(tokens):
            if i in chosen or used + words[i] > budget:
                continue
            f = rouge1(summary + Counter(toks), reference)
            if f > pick_f:
                pick, pick_f = i, f
        if pick < 0:
            return chosen
        chosen.add(pick)
        summary += Counter(tokens[pick])
        used += words[pick]
        best = pick_f


def load_story(dataset: str, cluster: Cluster, tok: Any) -> Story | None:
    articles = [
        make_article(d.text, id=f"{cluster.id}-{k}", title=d.title) for k, d in enumerate(cluster.docs)
    ]
    canonical, analyses, *_ = fuse(articles, one_story=True)  # briefed as benchmarks/brief.py does
    pool = candidate_pool(canonical, analyses, reconcile.STAGE.run(canonical, analyses), features=True)
    if pool is None:
        return None
    reference = Counter(tok.tokenize(cluster.reference))
    tokens = [tok.tokenize(c.text) for c in pool.cands]
    words = [len(c.text.split()) for c in pool.cands]
    best = oracle(tokens, words, reference, BUDGET[dataset])
    labels = np.array([i in best for i in range(len(tokens))], dtype=float)
    precision = np.array([sum((Counter(t) & reference).values()) / max(1, len(t)) for t in tokens])
    assert pool.words is not None
    in_reference = np.array([any(t in reference for t in tok.tokenize(w)) for w in pool.words.vocab], float)
    return Story(dataset, pool, reference, tokens, labels, precision, in_reference)


def brief_rouge1(story: Story, scores: np.ndarray, model: selector.Selector | None = None) -> float:
    chosen, _ = choose(story.pool, scores, BUDGET[story.dataset], model)
    summary: Counter[str] = Counter()
    for i in chosen:
        summary += Counter(story.tokens[i])
    return rouge1(summary, story.reference)


def fit_words(stories: list[Story]) -> dict[str, Any]:
    """The word model: a logistic regression (C=1) of "the reference uses the word" on the word table's
    features, each story weighing the same."""
    from sklearn.linear_model import LogisticRegression

    tables = [s.pool.words for s in stories if s.pool.words is not None and len(s.in_reference)]
    x = np.vstack([t.x for t in tables])
    y = np.concatenate([s.in_reference for s in stories if len(s.in_reference)])
    w = np.concatenate(
        [np.full(len(s.in_reference), 1 / len(s.in_reference)) for s in stories if len(s.in_reference)]
    )
    model = LogisticRegression(C=1.0, max_iter=5000, random_state=SEED)
    model.fit(x, y, sample_weight=w * len(tables))
    return {
        "features": list(selector.WORD_FEATURES),
        "coef": [round(float(v), 6) for v in model.coef_[0]],
        "intercept": round(float(model.intercept_[0]), 6),
    }


def fit(stories: list[Story], target: str, c: float, blend: float) -> dict[str, Any]:
    from sklearn.linear_model import LogisticRegression

    rows = [selector.expand(s.pool.features) for s in stories]
    x = np.vstack(rows)
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    rng = np.random.default_rng(SEED)
    diffs, wins, weights = [], [], []
    for s, raw in zip(stories, rows, strict=True):
        xs, t = (raw - mean) / scale, s.target(target)
        i, j = rng.integers(0, len(t), 2 * PAIRS), rng.integers(0, len(t), 2 * PAIRS)
        keep = t[i] != t[j]
        i, j = i[keep][:PAIRS], j[keep][:PAIRS]
        if len(i):
            diffs.append(xs[i] - xs[j])
            wins.append((t[i] > t[j]).astype(int))
            weights.append(np.full(len(i), 1 / len(i)))
    d, y, w = np.vstack(diffs), np.concatenate(wins), np.concatenate(weights)
    d, y, w = np.vstack([d, -d]), np.concatenate([y, 1 - y]), np.concatenate([w, w])  # symmetric
    model = LogisticRegression(C=c, fit_intercept=False, max_iter=5000, random_state=SEED)
    model.fit(d, y, sample_weight=w * len(stories))
    return {
        "features": list(selector.FEATURES),
        "target": target,
        "C": c,
        "blend": blend,
        "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale],
        "coef": [round(float(v), 6) for v in model.coef_[0]],
        "words": fit_words(stories),
    }


def cross_validate(stories: list[Story], target: str, c: float) -> dict[float, dict[str, float]]:
    """Per blend weight, mean ROUGE-1 (x100) per data set over the held-in-fold stories."""
    folds = np.random.default_rng(SEED).permutation(len(stories)) % FOLDS
    got: dict[float, dict[str, list[float]]] = {b: {} for b in BLENDS}
    for k in range(FOLDS):
        model = selector.from_dict(
            fit([s for s, f in zip(stories, folds, strict=True) if f != k], target, c, 1)
        )
        for s, f in zip(stories, folds, strict=True):
            if f == k:
                for b in BLENDS:
                    scores = dataclasses.replace(model, blend=b).score(s.pool.features, s.pool.rules)
                    got[b].setdefault(s.dataset, []).append(brief_rouge1(s, scores, model))
    return {b: {d: 100 * statistics.fmean(v) for d, v in r.items()} for b, r in got.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--cache", type=Path, help="pickle of the fused tune stories (reused if present)")
    args = parser.parse_args(argv)
    logging.getLogger("newsfuse").setLevel(logging.ERROR)
    if args.cache and args.cache.exists():
        stories = pickle.loads(args.cache.read_bytes())
    else:
        tok = _tokenizer()
        stories = []
        for dataset in ("multinews-dev", "neus-dev"):
            for cluster in LOADERS[dataset]():
                if cluster.part == "tune":  # the held-out half is never read here
                    story = load_story(dataset, cluster, tok)
                    if story is not None:
                        stories.append(story)
        if args.cache:
            args.cache.write_bytes(pickle.dumps(stories))
    for d in ("multinews-dev", "neus-dev"):
        mine = [s for s in stories if s.dataset == d]
        rules = 100 * statistics.fmean(brief_rouge1(s, s.pool.rules) for s in mine)
        ceiling = 100 * statistics.fmean(brief_rouge1(s, s.labels) for s in mine)
        print(f"{d}: {len(mine)} tune stories, rules R1 {rules:.2f}, oracle labels as scores {ceiling:.2f}")
    results = {}
    for target in TARGETS:
        for c in C_GRID:
            for b, r in cross_validate(stories, target, c).items():
                results[target, c, b] = r
                print(f"{target:<10} C={c:<5} blend={b:<4} cross-validated R1 "
                      + ", ".join(f"{d} {v:.2f}" for d, v in r.items()), flush=True)  # fmt: skip
    best = max(results, key=lambda k: statistics.fmean(results[k].values()))
    target, c, blend = best
    model = {
        "about": "brief sentence scorer (newsfuse/brief/selector.py), written by benchmarks/train_selector.py "
        "from the brief benchmark's tune halves only (Multi-News 0-49, NeuS 0-152)",
        "cross_validated_rouge1_tune": {d: round(v, 2) for d, v in results[best].items()},
        **fit(stories, target, c, blend),
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(model, indent=2) + "\n", encoding="utf8")
    print(f"{target}, C={c}, blend {blend}: wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
