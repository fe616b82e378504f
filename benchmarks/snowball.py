"""Does a story snowball as the stream grows? The default clusterer on the generated stream, with entities.

The stream is benchmarks/streamgen.py's (stories of 1-10 reports: the largest true story is 10; seed 0 is
the part rules are tuned on, seed 1 held out). Each article's analysis is put together from analyses of
its sentences as benchmarks/stream.py does past `--real` (`stream.cached_chunk`: each base sentence
analysed once, alone, shifted into place), with the sentence analyses kept on disk (`--cache`) so a re-run
analyses nothing. The articles go in time order, in batches of `--batch`, through one in-memory state of
`clusterer_for(Settings())` (the pipeline's clusterer; pages judged not articles join no story, as in the
pipeline). At each checkpoint: B-cubed P/R/F1 of the articles so far, the largest story, and the
clusterer's articles/second (assignment time only). `--diagnose K`: the K largest stories at the last
checkpoint, with the true stories in them.

    python benchmarks/snowball.py [--seed 0] [--checkpoints 10000,30000] [--batch 64] [--diagnose 3]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import pickle
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import stream as sentence_cache  # noqa: E402
from cluster import bcubed, load_stream  # noqa: E402

from newsfuse.cluster import MemoryStoryIndex, clusterer_for  # noqa: E402
from newsfuse.model import Analysis, Article  # noqa: E402
from newsfuse.settings import Settings  # noqa: E402

# the sentence analyses kept between runs: this user's cache folder, not a shared temp path
CACHE = (
    Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newsfuse-bench" / "sentence-cache.pkl"
)
LARGEST_TRUE = 10


def analyses_for(articles: list[Article], cache: Path) -> dict[str, Analysis]:
    """The articles' analyses from their sentences' (stream.cached_chunk), sentence analyses kept in `cache`."""
    known = sentence_cache.sentence_analyses()
    if cache.exists():
        known.update(pickle.loads(cache.read_bytes()))
    before = len(known)
    out: dict[str, Analysis] = {}
    for i in range(0, len(articles), 500):
        out.update({x.article_id: x for x in sentence_cache.cached_chunk(articles[i : i + 500])})
    if len(known) > before:
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_bytes(pickle.dumps(known))
    return out


def run(
    seed: int,
    checkpoints: list[int],
    batch: int,
    cache: Path,
    diagnose: int = 0,
    settings: Settings | None = None,
    joins: list[dict[str, Any]] | None = None,
) -> list[dict[str, Any]]:
    """The table's rows, one per checkpoint. `joins`: filled with one row per article that joined a story
    (its similarity parts, the story's size, and whether the story already held a report of its true story)."""
    total = max(checkpoints)
    docs, articles = load_stream(seed, total)
    gold = {d.id: d.gold for d in docs}
    analyses = analyses_for(articles, cache)
    clusterer = clusterer_for(settings or Settings())
    index = MemoryStoryIndex()
    label: dict[str, str] = {}
    explained: dict[str, Any] = {}
    rows = []
    golds: dict[str, set[str]] = defaultdict(set)  # the true stories in each story so far
    seen: set[str] = set()
    seconds = 0.0
    done = 0
    for stop in sorted(checkpoints):
        while done < stop:
            chunk = articles[done : min(stop, done + batch)]
            done += len(chunk)
            label.update({a.id: f"page-{a.id}" for a in chunk if a.kind != "article"})
            todo = [a for a in chunk if a.kind == "article"]
            t0 = time.perf_counter()
            got, _ = clusterer.assign(todo, analyses, index)
            seconds += time.perf_counter() - t0
            label.update({x.article_id: x.story_id for x in got})
            explained.update({x.article_id: x for x in got})
            if joins is not None:
                by_id = {x.article_id: x for x in got}
                for a in sorted(todo, key=lambda a: a.published or ""):
                    x = by_id[a.id]
                    if not x.new_story:
                        joins.append({"article": a.id, "story": x.story_id, **dict(x.parts), "gap": x.gap_days,
                                      "right": gold[a.id] in golds[x.story_id], "seen": gold[a.id] in seen})  # fmt: skip
                    golds[x.story_id].add(gold[a.id])
                    seen.add(gold[a.id])
        ids = [a.id for a in articles[:done]]
        p, r, f = bcubed([gold[i] for i in ids], [label[i] for i in ids])
        sizes = Counter(label[i] for i in ids)
        row = {"seed": seed, "articles": done, "bcubed_p": round(p, 4), "bcubed_r": round(r, 4),
               "bcubed_f1": round(f, 4), "stories": len(sizes), "largest": max(sizes.values()),
               "over_2x": sum(n > 2 * LARGEST_TRUE for n in sizes.values()),
               "articles_per_s": round(done / seconds, 1)}  # fmt: skip
        rows.append(row)
        print(f"seed {seed} {done:>7} articles  B3 P {p:.4f} R {r:.4f} F1 {f:.4f}  stories {len(sizes)}  "
              f"largest {row['largest']} (>20: {row['over_2x']})  {row['articles_per_s']} art/s", flush=True)  # fmt: skip
    if diagnose:
        by_story: dict[str, list[str]] = defaultdict(list)
        for i in ids:
            by_story[label[i]].append(i)
        pos = {a.id: a for a in articles}
        for sid, members in sorted(by_story.items(), key=lambda kv: -len(kv[1]))[:diagnose]:
            print(
                f"\nstory {sid}: {len(members)} articles, true stories {Counter(gold[m] for m in members).most_common()}"
            )
            for m in members:
                x = explained[m]
                print(f"  {m:<40} {pos[m].published} score {x.score} new {x.new_story} ents {list(x.shared_entities)[:6]} "
                      f"terms {list(x.shared_terms)[:5]}")  # fmt: skip
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--checkpoints", default="10000,30000")
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--cache", type=Path, default=CACHE)
    ap.add_argument("--diagnose", type=int, default=0)
    ap.add_argument("--output", type=Path, default=None)
    ap.add_argument("--joins", type=Path, default=None, help="write each join's similarity parts (JSONL)")
    args = ap.parse_args(argv)
    logging.getLogger("newsfuse").setLevel(logging.ERROR)
    joins: list[dict[str, Any]] | None = [] if args.joins else None
    checkpoints = [int(x) for x in args.checkpoints.split(",")]
    rows = run(args.seed, checkpoints, args.batch, args.cache, args.diagnose, joins=joins)
    if args.joins and joins is not None:
        args.joins.write_text("".join(json.dumps(j) + "\n" for j in joins))
    if args.output:
        args.output.write_text(
            json.dumps({"benchmark": "snowball", "batch": args.batch, "rows": rows}, indent=1)
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
