"""Train the learned decision for quotes no rule attributes (newsfuse/analyze/quotes/_unattributed.py).

Usage: python benchmarks/train_unattributed.py [--cache] [--out PATH] [--dry-run]

Data: PolNeAR train only (benchmarks/splits.py: the "tune" part; dev is never read here). For each
quoted span the rules leave without a speaker, every candidate speaker is one example: positive when
the candidate matches the source of the gold attribution whose content the span overlaps most (the
"speaker name" match of benchmarks/quotes.py), negative otherwise (and for all candidates of a span
no attribution covers: a scare quote, a title). Spans whose gold attribution already has a predicted
attribution from the rules give negatives only (a second prediction there is unpaired), except for
a candidate that is that prediction's speaker (it merges: left out).

Model: L2-regularised logistic regression fitted by Newton's method (numpy; deterministic). The
threshold maximises the direct-slice speaker-name F1 on train estimated from out-of-fold scores
(5 folds by article), counting each span's best candidate as one added prediction.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.quotes import (  # noqa: E402
    Attribution,
    Score,
    group,
    in_scope,
    load,
    name_words,
    overlap,
    parse,
    words,
)
from newsfuse.analyze.entities import find_entities  # noqa: E402
from newsfuse.analyze.quotes import UNATTRIBUTED_MODEL, find_quotes, unattributed_candidates  # noqa: E402

L2 = 1.0
FOLDS = 5
MIN_WORD = 8


Rows = list[tuple[dict[str, float], int, int]]  # features, label, span or article id


def examples(cache: bool) -> tuple[Rows, Rows, dict[str, int]]:
    """Span examples (label: a gold attribution no prediction covers overlaps it; id: article),
    candidate examples (label: the right speaker, -1 for the candidates of a span with no such
    attribution: scored, not trained on; id: span), and the rules' direct-slice counts on train."""
    docs = load("train")
    texts = [t for _, t, _ in docs]
    stamp = hashlib.sha1((ROOT / "newsfuse" / "analyze" / "nlp.py").read_bytes()).hexdigest()[:8]
    path = ROOT / "benchmarks" / ".cache" / f"polnear-train-{len(texts)}-{stamp}.spacy" if cache else None
    parsed = parse(texts, path)
    span_rows: Rows = []
    cand_rows: Rows = []
    score = Score()
    for k, ((_, text, gold), doc) in enumerate(zip(docs, parsed, strict=True)):
        ents = find_entities(doc)
        rules = group(find_quotes(doc, text, ents, model=None))
        score.add(text, rules, gold, "direct")
        direct = [g for g in gold if in_scope("direct", text, g)]
        for s, e, sf, rows in unattributed_candidates(doc, text, ents):
            g = max(direct, key=lambda g: overlap([(s, e)], g.content), default=None)
            if g is not None and overlap([(s, e)], g.content) <= 0:
                g = None
            if g is not None and any(
                p.kind != "indirect" and overlap(p.content, g.content) > 0 for p in rules
            ):
                g = None  # a second prediction on an attribution the rules found is unpaired
            if not rows:
                continue  # nobody to attribute it to: the model is not asked
            span_rows.append((sf, int(g is not None), k))
            sid = len(span_rows) - 1
            for span, name, f in rows:
                cand = Attribution([span], [(s, e)], meta={"speaker": name})
                good = g is not None and (
                    bool(words(text, [span]) & words(text, g.source))
                    or bool(name_words(cand, text) & name_words(g, text))
                )
                cand_rows.append((f, int(good) if g is not None else -1, sid))
    n = score.n
    return span_rows, cand_rows, {"tp": n["speaker_name"], "pred": n["pred"], "gold": n["gold"]}


def vocabulary(rows: Rows) -> list[str]:
    """Feature names: every numeric feature, and the word-class ones ("gov=call") seen on at least
    MIN_WORD rows (rarer words get no weight, like words never seen)."""
    seen = Counter(k for f, _, _ in rows for k in f)
    return sorted(k for k, n in seen.items() if "=" not in k or n >= MIN_WORD)


def matrix(rows: Rows, names: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    x = np.array([[f.get(k, 0.0) for k in names] for f, _, _ in rows])
    return x, np.array([y for _, y, _ in rows], dtype=float), np.array([i for _, _, i in rows])


def auc(p: np.ndarray, y: np.ndarray) -> float:
    """Area under the ROC curve (ties count half)."""
    pos, neg = p[y > 0], p[y <= 0]
    if not len(pos) or not len(neg):
        return 0.5
    return float(
        ((pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum())
        / (len(pos) * len(neg))
    )


def sigmoid(z: np.ndarray) -> np.ndarray:
    return np.asarray(1 / (1 + np.exp(-np.clip(z, -30, 30))))


def fit(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Weights (bias last) of an L2 logistic regression, by Newton's method."""
    xb = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(xb.shape[1])
    reg = np.full(xb.shape[1], L2)
    reg[-1] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-np.clip(xb @ w, -30, 30)))
        grad = xb.T @ (p - y) + reg * w
        hess = (xb * (p * (1 - p))[:, None]).T @ xb + np.diag(reg + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", action="store_true", help="parses from benchmarks/.cache (see quotes.py)")
    ap.add_argument("--out", type=Path, default=UNATTRIBUTED_MODEL)
    ap.add_argument("--dry-run", action="store_true")
    args = ap.parse_args()
    span_rows, cand_rows, base = examples(args.cache)
    snames = vocabulary(span_rows)
    cnames = vocabulary([r for r in cand_rows if r[1] >= 0])
    xs, ys, art = matrix(span_rows, snames)
    xc, yc, sid = matrix(cand_rows, cnames)
    train_c = yc >= 0
    print(f"{len(ys)} unattributed spans with candidates ({int(ys.sum())} attributed in gold), "
          f"{int(train_c.sum())} candidates of those ({int((yc > 0).sum())} right); rules: {base}")  # fmt: skip
    # out-of-fold P(attributed) x P(best candidate) per span, folds by article
    fold_s = art % FOLDS
    fold_c = art[sid] % FOLDS
    ps = np.zeros(len(ys))
    pc = np.zeros(len(yc))
    for k in range(FOLDS):
        w = fit(xs[fold_s != k], ys[fold_s != k])
        ps[fold_s == k] = sigmoid(xs[fold_s == k] @ w[:-1] + w[-1])
        w = fit(xc[(fold_c != k) & train_c], yc[(fold_c != k) & train_c])
        pc[fold_c == k] = sigmoid(xc[fold_c == k] @ w[:-1] + w[-1])
    best: dict[int, tuple[float, int]] = {}
    for p, good, s in zip(pc, yc, sid, strict=True):
        if s not in best or p > best[int(s)][0]:
            best[int(s)] = (float(p), int(good))
    joint = [(ps[i] * best[i][0], max(0, best[i][1])) for i in range(len(ys))]
    f1 = 2 * base["tp"] / (base["pred"] + base["gold"])
    threshold, top = 1.0, f1
    for t in np.arange(0.1, 0.951, 0.05):
        added = [good for p, good in joint if p >= t]
        score = 2 * (base["tp"] + sum(added)) / (base["pred"] + len(added) + base["gold"])
        print(
            f"  threshold {t:.2f}: +{len(added)} predictions, {sum(added)} right, train direct name F1 {score:.4f}"
        )
        if score > top + 1e-9:
            threshold, top = round(float(t), 2), score
    print(f"out-of-fold AUC: span {auc(ps, ys):.3f}, candidate {auc(pc[train_c], yc[train_c]):.3f}")
    print(f"rules alone {f1:.4f}; chosen threshold {threshold} (out-of-fold estimate {top:.4f})")
    model: dict[str, object] = {
        "about": "newsfuse/analyze/quotes/_unattributed.py: two logistic regressions, P(a quote no rule "
        "attributes is attributed) and P(a candidate is its speaker), trained on PolNeAR train only by "
        "benchmarks/train_unattributed.py; a quote is attributed when their product passes the threshold",
        "l2": L2,
        "threshold": threshold,
    }
    for key, x, y, names in (("span", xs, ys, snames), ("candidate", xc[train_c], yc[train_c], cnames)):
        w = fit(x, y)
        weights = {k: round(float(v), 6) for k, v in zip(names, w[:-1], strict=True)}
        model[key] = {
            "examples": len(y),
            "positives": int(y.sum()),
            "bias": round(float(w[-1]), 6),
            "weights": weights,
        }
        print(
            key,
            " ".join(f"{k}={v:+.2f}" for k, v in sorted(weights.items(), key=lambda kv: -abs(kv[1]))[:12]),
        )
    if not args.dry_run:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(model, indent=1, sort_keys=True) + "\n")
        print(f"wrote {args.out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
