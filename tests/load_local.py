"""A bounded local load test: `newsfuse serve` on 127.0.0.1 answers a fixed number of concurrent reads over
every read route while `newsfuse run` ingests new articles into the same store. Reports latency
percentiles and status counts; nothing may be a 5xx and every article sent must be stored.

    .venv/bin/python -m tests.load_local --requests 5000 --concurrency 16 --ingest 200
"""

from __future__ import annotations

import argparse
import json
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

from newsfuse.store import open_store

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "sample" / "corpus"
TOPICS = ["the port strike at Westhaven", "floods in the Tarrin Valley", "Corvane's quarterly results"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _newsfuse(*args: str) -> list[str]:
    return [sys.executable, "-m", "newsfuse", *args]


def _ingest_file(folder: Path, n: int) -> Path:
    rows = [
        {"id": f"load-{i}", "source": f"Load Outlet {i % 7}", "published": f"2025-04-{1 + i % 28:02d}",
         "title": f"Report {i} on {TOPICS[i % 3]}",
         "text": f"Report number {i} on {TOPICS[i % 3]}: {100 + i} people were affected on Monday, officials "
                 f"said, and {i % 9 + 1} districts asked for help. Talks continue, a spokesperson said ({i})."}
        for i in range(n)
    ]  # fmt: skip
    path = folder / "ingest.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def _wait_up(base: str, proc: subprocess.Popen[bytes], seconds: float = 60) -> None:
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        if proc.poll() is not None:
            raise RuntimeError("the server exited")
        try:
            if httpx.get(base + "/api/v1/stories", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError("the server did not come up")


def load(
    work: Path, requests: int, concurrency: int, ingest: int, max_seconds: float = 300
) -> dict[str, Any]:
    db = f"sqlite:///{work}/load.db"
    subprocess.run(_newsfuse("run", str(CORPUS), "--db", db, "--out", str(work / "o"), "--json", "--workers", "1"),
                   check=True, capture_output=True, timeout=600)  # fmt: skip
    with open_store(db) as store:
        stories = store.stories()
        before = len(store.articles(canonical_only=False))
    urls = ["/", "/api/v1/stories", "/api/v1/search?q=strike", "/api/v1/search?q=flood+damage"]
    for s in stories:
        urls += [f"/api/v1/stories/{s.id}", f"/stories/{s.id}"]
        urls += [f"/articles/{quote(a, safe='')}" for a in s.articles[:2]]
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(_newsfuse("serve", "--db", db, "--host", "127.0.0.1", "--port", str(port)),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    latencies: list[float] = []
    statuses: Counter[str] = Counter()
    lock = threading.Lock()
    todo = iter(range(requests))
    deadline = time.monotonic() + max_seconds

    def reader() -> None:
        with httpx.Client(base_url=base, timeout=30) as client:
            while time.monotonic() < deadline:
                with lock:
                    i = next(todo, None)
                if i is None:
                    return
                started = time.perf_counter()
                try:
                    code = str(client.get(urls[i % len(urls)]).status_code)
                except httpx.HTTPError as e:
                    code = type(e).__name__
                with lock:
                    latencies.append(time.perf_counter() - started)
                    statuses[code] += 1

    try:
        _wait_up(base, server)
        feed = _ingest_file(work, ingest)
        started = time.monotonic()
        writer = subprocess.Popen(_newsfuse("run", str(feed), "--db", db, "--out", str(work / "o"), "--json",
                                            "--workers", "1", "--batch-size", "8"),
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)  # fmt: skip
        with open_store(db) as watch:  # reads start once the ingest is writing: they overlap its batches
            while writer.poll() is None and watch.count_pending() == 0 and time.monotonic() < deadline:
                time.sleep(0.05)
        overlap = writer.poll() is None
        started = time.monotonic()
        threads = [threading.Thread(target=reader) for _ in range(concurrency)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        seconds = time.monotonic() - started
        out, _ = writer.communicate(timeout=600)
        ingest_rc = writer.returncode
        overlap = overlap and len(latencies) > 0
        summary = json.loads(out or b"{}")
    finally:
        server.terminate()
        server.wait(timeout=30)
    with open_store(db) as store:
        after = len(store.articles(canonical_only=False))
        pending = len(store.pending(10))
    ordered = sorted(latencies)

    def pct(p: float) -> float:
        return round(1000 * ordered[min(len(ordered) - 1, int(p * len(ordered)))], 1) if ordered else 0.0

    return {
        "requests": len(latencies), "concurrency": concurrency, "seconds": round(seconds, 1),
        "per_second": round(len(latencies) / seconds, 1) if seconds else 0.0,
        "p50_ms": pct(0.50), "p95_ms": pct(0.95), "p99_ms": pct(0.99), "max_ms": pct(1.0),
        "statuses": dict(statuses), "ingest_rc": ingest_rc, "sent": ingest,
        "stored_new": after - before, "ingest_new": summary.get("new"), "pending": pending,
        "reads_during_ingest": overlap,
    }  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--requests", type=int, default=5000)
    ap.add_argument("--concurrency", type=int, default=16)
    ap.add_argument("--ingest", type=int, default=200)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        print(json.dumps(load(Path(tmp), args.requests, args.concurrency, args.ingest), indent=1))


if __name__ == "__main__":
    main()
