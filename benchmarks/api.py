"""Latency and requests/second of `newsfuse serve` over a store of many stories (generated).

The store: the sample corpus run through the pipeline once (real briefs, analyses and articles), then
copied into N stories (default 10,000) of 2 articles each with their own ids, dates, outlets and
entities, through the store's own writes (articles with full-text search, entity index, briefs with
their summary columns and outlet index). The server runs in this process (uvicorn, 127.0.0.1); the
load generator sends each request kind `--requests` times one after another (bounded also by
`--seconds` per kind) and reports p50/p99 latency and requests/second. Target: p99 < 100 ms each.

    python benchmarks/api.py [--stories 10000] [--requests 300] [--seconds 60]

Prints a table and writes benchmarks/results/api.json.
"""

from __future__ import annotations

import argparse
import json
import random
import socket
import statistics
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path

import httpx
import uvicorn

from newsfuse.model import Analysis, Entity, Story
from newsfuse.pipeline import run
from newsfuse.serve import create_app
from newsfuse.settings import Settings
from newsfuse.store import open_store

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "benchmarks" / "results" / "api.json"
WORDS = [
    "harbour",
    "budget",
    "flood",
    "election",
    "merger",
    "strike",
    "drought",
    "tariff",
    "vaccine",
    "bridge",
]


def build(url: str, n: int, tmp: Path) -> list[str]:
    """A store of `n` stories copied from the sample corpus's; returns the story ids."""
    rng = random.Random(7)
    settings = Settings(db=url, out=str(tmp / "out"), workers=1, export=False)
    ids: list[str] = []
    with open_store(url) as store:
        run([str(ROOT / "sample" / "corpus")], settings, store)
        seeds = [(store.brief(r.id), store.get_articles(r.articles)) for r in store.stories()]
        for i in range(n):
            brief, arts = seeds[i % len(seeds)]
            sid = f"g{i:06d}"
            day = f"2024-{1 + i % 12:02d}-{1 + (i * 7) % 28:02d}"
            members = []
            word = WORDS[i % len(WORDS)]
            for j, a in enumerate(list(arts.values())[:2]):
                aid = f"{sid}-{j}"
                text = a.text + f" Topic {word} {sid}."
                members.append(replace(a, id=aid, text=text, original=text, segments=(), published=day,
                                       source=f"Outlet {rng.randrange(60)}"))  # fmt: skip
            with store.transaction():
                store.add_articles([(m, None) for m in members])
                ents = (Entity(f"Person {i % 500}", "PERSON", 0, 5, f"Person {i % 500}"),
                        Entity(f"Place {i % 50}", "GPE", 0, 5, f"Place {i % 50}"))  # fmt: skip
                store.save_analyses([Analysis(m.id, entities=ents) for m in members], "bench")
                b = replace(brief, story_id=sid, sources=tuple(m.source for m in members),
                            articles=tuple(m.id for m in members))  # fmt: skip
                story = Story(sid, tuple(m.id for m in members), brief.headline, day, day)
                store.save_story(story, b)
            ids.append(sid)
    return ids


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def measure(base: str, paths: list[str], requests: int, seconds: float) -> dict[str, float]:
    lat: list[float] = []
    with httpx.Client(base_url=base, timeout=30) as c:
        c.get(paths[0])  # warm-up
        start = time.perf_counter()
        for k in range(requests):
            t = time.perf_counter()
            r = c.get(paths[k % len(paths)])
            lat.append((time.perf_counter() - t) * 1000)
            assert r.status_code == 200, (paths[k % len(paths)], r.status_code, r.text[:200])
            if time.perf_counter() - start > seconds:
                break
        wall = time.perf_counter() - start
    q = statistics.quantiles(lat, n=100, method="inclusive")
    return {"requests": len(lat), "rps": round(len(lat) / wall, 1), "p50_ms": round(statistics.median(lat), 1),
            "p99_ms": round(q[98], 1), "max_ms": round(max(lat), 1)}  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--stories", type=int, default=10_000)
    ap.add_argument("--requests", type=int, default=300)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--output", default=str(OUTPUT))
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        t = time.perf_counter()
        ids = build(url, args.stories, Path(tmp))
        built = time.perf_counter() - t
        with open_store(url) as store:
            port = _free_port()
            server = uvicorn.Server(
                uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning")
            )
            thread = threading.Thread(target=server.run, daemon=True)
            thread.start()
            while not server.started:
                time.sleep(0.05)
            base = f"http://127.0.0.1:{port}"
            rng = random.Random(3)
            with httpx.Client(base_url=base) as c:
                cursor = c.get("/api/v1/stories", params={"limit": 50}).json()["next"]
            kinds = {
                "story list page (/)": ["/"],
                "story list API, 2nd page": [f"/api/v1/stories?limit=50&cursor={cursor}"],
                "search API (q=flood)": ["/api/v1/stories?q=flood&limit=50"],
                "search page, rare word": [f"/?q={ids[rng.randrange(len(ids))]}" for _ in range(50)],
                "filters: outlet + entity": ["/api/v1/stories?outlet=Outlet%207&entity=Person%2042"],
                "story page": [f"/stories/{ids[rng.randrange(len(ids))]}" for _ in range(50)],
                "story API": [f"/api/v1/stories/{ids[rng.randrange(len(ids))]}" for _ in range(50)],
                "entity page": [f"/entities/Person%20{rng.randrange(500)}" for _ in range(50)],
                "outlet page (evidence: 20 briefs)": [
                    f"/outlets/Outlet%20{rng.randrange(60)}" for _ in range(20)
                ],
            }
            slow = {"outlet page (evidence: 20 briefs)": kinds.pop("outlet page (evidence: 20 briefs)")}
            rows = {k: measure(base, paths, args.requests, args.seconds) for k, paths in kinds.items()}
            rows |= {k: measure(base, paths, 20, args.seconds) for k, paths in slow.items()}  # 20 requests
            server.should_exit = True
            thread.join(10)
    print(
        f"store: {args.stories} stories, {2 * args.stories} articles (built in {built:.0f} s); one client, sequential"
    )
    print(f"{'request':32} {'n':>5} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'max ms':>7}")
    for k, r in rows.items():
        print(f"{k:32} {r['requests']:>5} {r['rps']:>7} {r['p50_ms']:>7} {r['p99_ms']:>7} {r['max_ms']:>7}")
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    Path(args.output).write_text(json.dumps({"stories": args.stories, "build_seconds": round(built, 1),
                                             "target_p99_ms": 100, "rows": rows}, indent=2) + "\n")  # fmt: skip


if __name__ == "__main__":
    main()
