"""A newsroom's stream into one store: does the cost of new articles stay flat as the archive grows?

A stream with known story membership is generated from the eval texts (benchmarks/streamgen.py:
stories of 1-10 reports, dates advancing, ~60 new stories a day) and fed step by step into ONE store
through `newsfuse.pipeline.Pipeline` (the code `newsfuse run` uses). At each step the table shows
the seconds per 1,000 new articles, the process's peak RSS so far, the store's size on disk, and the
clustering quality so far (B-cubed P/R/F1 of the stored stories against the known membership).

Analysis: articles up to `--real` (default 10,000) are analysed for real (the local engine, both
cores). Past that, running spaCy on 100k articles does not fit in a session, so the analysis of an
article is put together from analyses of its real sentences (each base sentence analysed once, alone,
then shifted to its place): a real analysis of real text, reused under a fresh article id. Every
other stage (dedup, clustering, reconcile, brief, store; export is off past `--real` too) runs for
real on every article; the `analysis` column says which rows did what.

    python benchmarks/stream.py [--total 100000] [--step 1000] [--real 10000] [--db URL] [--output FILE]

Prints a table and writes benchmarks/results/stream.json.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import resource
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from streamgen import stream  # noqa: E402

logging.getLogger("newsfuse").setLevel(logging.ERROR)

from newsfuse.analyze import Analyzer  # noqa: E402
from newsfuse.engine import LocalEngine, Outcome  # noqa: E402
from newsfuse.ingest import article_from_record  # noqa: E402
from newsfuse.model import Analysis, Article  # noqa: E402
from newsfuse.pipeline import Pipeline  # noqa: E402
from newsfuse.settings import Settings  # noqa: E402
from newsfuse.store import open_store  # noqa: E402

OUTPUT = ROOT / "benchmarks" / "results" / "stream.json"


def _shift(obj: Any, by: int) -> Any:
    changes = {"start": obj.start + by, "end": obj.end + by}
    if getattr(obj, "speaker_start", None) is not None:
        changes.update(speaker_start=obj.speaker_start + by, speaker_end=obj.speaker_end + by)
    return replace(obj, **changes)


_CACHE: dict[str, Analysis] = {}  # per worker process: paragraph -> its analysis
_ANALYZER: Analyzer | None = None


def sentence_analyses() -> dict[str, Analysis]:
    """This process's paragraph analyses (`cached_chunk`'s cache): to keep them on disk between runs
    (benchmarks/snowball.py), add to it with `.update` before `cached_chunk` runs."""
    return _CACHE


def cached_chunk(articles: Sequence[Article]) -> list[Outcome]:
    """Analyses put together from analyses of each article's paragraphs (the generated text's sentences),
    each analysed once for real (alone) and cached in the worker; for the rows past `--real`."""
    global _ANALYZER
    if _ANALYZER is None:
        _ANALYZER = Analyzer()
    from newsfuse.ingest import make_article

    todo = sorted({p for a in articles for p in a.text.split("\n\n") if p.strip() and p not in _CACHE})
    for p, an in zip(
        todo, _ANALYZER.analyze([make_article(p, id=str(i)) for i, p in enumerate(todo)]), strict=True
    ):
        _CACHE[p] = an
    out: list[Outcome] = []
    for a in articles:
        parts: dict[str, list[Any]] = defaultdict(list)
        at = 0
        for p in a.text.split("\n\n"):
            an = _CACHE.get(p)
            if an is not None:
                for kind in ("sentences", "entities", "dates", "figures", "quotes"):
                    parts[kind] += [_shift(x, at) for x in getattr(an, kind)]
            at += len(p) + 2
        out.append(Analysis(a.id, **{k: tuple(v) for k, v in parts.items()}))
    return out


def bcubed(story_of: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    by_story: dict[str, set[str]] = defaultdict(set)
    by_gold: dict[str, set[str]] = defaultdict(set)
    for a, s in story_of.items():
        by_story[s].add(a)
        by_gold[gold[a]].add(a)
    p = r = 0.0
    for a, s in story_of.items():
        same = by_story[s] & by_gold[gold[a]]
        p += len(same) / len(by_story[s])
        r += len(same) / len(by_gold[gold[a]])
    n = len(story_of) or 1
    p, r = p / n, r / n
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _size(url: str) -> int:
    if not url.startswith("sqlite:///"):
        return 0
    path = Path(url[len("sqlite:///") :])
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*") if p.exists())


def _membership(store: Any) -> dict[str, str]:
    from sqlalchemy import select

    from newsfuse.store.schema import articles, story_articles

    with store.engine.connect() as c:
        out = {a: s for s, a in c.execute(select(story_articles.c.story_id, story_articles.c.article_id))}
        for copy, head in c.execute(
            select(articles.c.id, articles.c.duplicate_of).where(articles.c.duplicate_of.is_not(None))
        ):
            if head in out:
                out[copy] = out[head]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--total", type=int, default=100_000)
    ap.add_argument("--step", type=int, default=1000)
    ap.add_argument(
        "--real", type=int, default=10_000, help="articles analysed for real (the rest: sentence cache)"
    )
    ap.add_argument("--db", default=None, help="store URL (default: a new SQLite file in a temp dir)")
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument(
        "--quality-every", type=int, default=5, help="B-cubed every N steps (it reads the membership)"
    )
    ap.add_argument("--output", type=Path, default=OUTPUT)
    args = ap.parse_args(argv)
    tmp = tempfile.mkdtemp(prefix="nf-stream-")
    url = args.db or f"sqlite:///{tmp}/stream.db"
    settings = Settings(db=url, out=f"{tmp}/out", **({"workers": args.workers} if args.workers else {}))
    gold: dict[str, str] = {}
    rows: list[dict[str, Any]] = []
    cache_engine: LocalEngine | None = None
    source = stream(args.total)
    print(f"store: {url}  step: {args.step}  real analysis up to: {args.real}", flush=True)
    head = f"{'stored':>8} {'s/1k new':>9} {'art/s':>7} {'peak RSS MB':>11} {'store MB':>9} {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6} {'largest':>7}  analysis"
    print(head, flush=True)
    with open_store(url) as store:
        done = 0
        step_no = 0
        while done < args.total:
            batch_rows = [next(source) for _ in range(min(args.step, args.total - done))]
            arts = [article_from_record(r, f"stream#{r['id']}") for r in batch_rows]
            gold.update({str(r["id"]): str(r["story"]) for r in batch_rows})
            real = done + len(arts) <= args.real
            if not real and cache_engine is None:
                cache_engine = LocalEngine(settings.workers, in_process_below=0, task=cached_chunk)
            s = settings if real else settings.model_copy(update={"export": False})
            t0 = time.perf_counter()
            Pipeline(s, store, engine=None if real else cache_engine).run(arts, [f"stream step {step_no}"])
            dt = time.perf_counter() - t0
            done += len(arts)
            step_no += 1
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            row: dict[str, Any] = {"stored": done, "seconds": round(dt, 2), "s_per_1k": round(dt * 1000 / len(arts), 1),
                                   "articles_per_s": round(len(arts) / dt, 2), "peak_rss_mb": round(rss),
                                   "worker_peak_rss_mb": round(kids), "store_mb": round(_size(url) / 2**20, 1),
                                   "analysis": "real" if real else "sentence cache"}  # fmt: skip
            if step_no % args.quality_every == 0 or done >= args.total:
                member = _membership(store)
                p, r, f = bcubed(member, {a: gold[a] for a in member})
                sizes: dict[str, int] = defaultdict(int)
                for sid in member.values():
                    sizes[sid] += 1
                row.update(
                    bcubed_p=round(p, 3),
                    bcubed_r=round(r, 3),
                    bcubed_f1=round(f, 3),
                    largest_story=max(sizes.values()),
                )
            rows.append(row)
            q = (f"{row['bcubed_p']:6.3f} {row['bcubed_r']:6.3f} {row['bcubed_f1']:6.3f} {row['largest_story']:7d}"
                 if "bcubed_p" in row else f"{'':6} {'':6} {'':6} {'':7}")  # fmt: skip
            print(f"{done:8d} {row['s_per_1k']:9.1f} {row['articles_per_s']:7.2f} {row['peak_rss_mb']:11d} "
                  f"{row['store_mb']:9.1f} {q}  {row['analysis']}", flush=True)  # fmt: skip
            args.output.parent.mkdir(parents=True, exist_ok=True)
            args.output.write_text(json.dumps({"benchmark": "stream", "store": url.split("://")[0], "cores": os.cpu_count(),
                                               "step": args.step, "real_until": args.real, "rows": rows}, indent=1))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
