"""Throughput of newsfuse, stage by stage, next to trafilatura on the same inputs, in one run.

Inputs (the same for every row):
  * pages: the 181 real news pages of ../shared/eval/article-extraction (HTML, gzipped);
  * stream: N articles of the generated stream (benchmarks/streamgen.py, JSONL, known stories).
Rows, each in a fresh process (so start-up, model loading and peak RSS are its own):
  1. trafilatura extraction alone (pages only: the peer, what a newsroom would run at minimum);
  2. newsfuse ingest + clean, in one process;
  3. + analyze (local engine, 1 and 2 processes; pages extracted, articles cleaned and analysed on it);
  4. the whole pipeline to briefs: `newsfuse run` itself (its command line, from the process's start:
     imports, a Dask cluster started while they load, pages extracted on the engine; new SQLite store,
     export on),
     local engine with 1 and 2 processes, Dask LocalCluster with 1 and 2 workers.
Columns: items, seconds (wall, including start-up), items/second, the ratio to trafilatura on the
pages, peak RSS of the main process and of the largest worker process.

    python benchmarks/throughput.py [--stream 1000] [--skip-dask] [--output FILE]

Prints a table and writes benchmarks/results/throughput.json.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT.parent / "shared" / "eval" / "article-extraction" / "html"
OUTPUT = ROOT / "benchmarks" / "results" / "throughput.json"


def _child(mode: str, source: str, workers: int, engine: str) -> dict[str, Any]:
    """Runs inside the measured process."""
    import logging
    import resource

    logging.disable(logging.WARNING)  # trafilatura logs every page it discards
    sys.path.insert(0, str(ROOT))
    t0 = time.perf_counter()
    n = 0
    if mode == "trafilatura":
        import gzip

        import trafilatura

        for p in sorted(Path(source).glob("*.html.gz")):
            trafilatura.extract(gzip.decompress(p.read_bytes()).decode("utf-8", errors="replace"))
            n += 1
    elif mode == "pipeline":  # `newsfuse run`, as a user runs it: its command line, in this process
        from newsfuse.cli import main as cli

        tmp = tempfile.mkdtemp(prefix="nf-tp-")
        sys.argv = ["newsfuse", "run", source, "--engine", engine, "--workers", str(workers),
                    "--db", f"sqlite:///{tmp}/n.db", "--out", f"{tmp}/out", "--json"]  # fmt: skip
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            try:
                cli()
            except SystemExit as e:
                if e.code:
                    raise
        n = json.loads(out.getvalue())["read"]
    else:
        from newsfuse.clean import clean
        from newsfuse.engine import make_engine
        from newsfuse.ingest import iter_articles, iter_items

        if mode == "ingest+clean":  # here, in this one process
            n = sum(1 for _ in (clean(a) for a in iter_articles([source], on_error=lambda e: None)))
        elif mode == "+analyze":  # pages extracted and articles cleaned, then analysed, on the engine
            eng = make_engine(engine, workers=workers)

            def analyse(batch: list[Any]) -> int:
                ready = eng.prepare(batch).result()
                arts = [r.cleaned for r in ready if not isinstance(r.cleaned, Exception)]
                return len(eng.submit(arts).result())

            batch: list[Any] = []
            for item in iter_items([source], on_error=lambda e: None):
                batch.append(item)
                if len(batch) == 64:
                    n += analyse(batch)
                    batch = []
            n += analyse(batch)
            eng.close()
    secs = time.perf_counter() - t0
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "n": n,
        "seconds": round(secs, 2),
        "main_cpu_seconds": round(me.ru_utime + me.ru_stime, 2),  # this process, all its threads
        "workers_cpu_seconds": round(kids.ru_utime + kids.ru_stime, 2),  # finished child processes
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "worker_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
    }


def _measure(mode: str, source: str, workers: int = 1, engine: str = "local") -> dict[str, Any]:
    t0 = time.perf_counter()
    cmd = [
        sys.executable,
        __file__,
        "--child",
        mode,
        "--source",
        source,
        "--workers",
        str(workers),
        "--engine",
        engine,
    ]
    out = subprocess.run(cmd, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t0
    if out.returncode != 0:
        return {"mode": mode, "error": out.stderr[-2000:]}
    res: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    res.update(mode=mode, workers=workers, engine=engine, wall_seconds=round(wall, 2),
               per_second=round(res["n"] / wall, 2) if wall else None)  # fmt: skip
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--child")
    ap.add_argument("--source")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--engine", default="local")
    ap.add_argument(
        "--stream", type=int, default=1000, help="articles of the generated stream (0: pages only)"
    )
    ap.add_argument("--skip-dask", action="store_true")
    ap.add_argument("--output", type=Path, default=OUTPUT)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(_child(args.child, args.source, args.workers, args.engine)))
        return 0
    inputs = {"pages": str(PAGES)}
    if args.stream:
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from streamgen import stream

        path = Path(tempfile.mkdtemp(prefix="nf-tp-")) / "stream.jsonl"
        with path.open("w") as f:
            for row in stream(args.stream):
                f.write(json.dumps(row) + "\n")
        inputs["stream"] = str(path)
    plan: list[tuple[str, int, str]] = [("ingest+clean", 1, "local"), ("+analyze", 1, "local"), ("+analyze", 2, "local"),
                                        ("pipeline", 1, "local"), ("pipeline", 2, "local")]  # fmt: skip
    if not args.skip_dask:
        plan += [("pipeline", 1, "dask"), ("pipeline", 2, "dask")]
    rows = []
    print(f"{'input':7} {'row':14} {'engine':6} {'procs':>5} {'items':>6} {'seconds':>8} {'items/s':>8} "
          f"{'x trafilatura':>13} {'RSS MB':>7} {'worker MB':>9}")  # fmt: skip
    for name, source in inputs.items():
        runs = ([("trafilatura", 1, "local")] if name == "pages" else []) + plan
        base = None
        for mode, workers, engine in runs:
            r = _measure(mode, source, workers, engine)
            r["input"] = name
            if "error" in r:
                print(f"{name:7} {mode:14} {engine:6} {workers:5} failed: {r['error'][-300:]}")
                rows.append(r)
                continue
            if mode == "trafilatura":
                base = r["wall_seconds"]
            r["x_trafilatura"] = round(r["wall_seconds"] / base, 2) if base else None
            rows.append(r)
            x = f"{r['x_trafilatura']:13.2f}" if r["x_trafilatura"] else f"{'':13}"
            print(f"{name:7} {mode:14} {engine:6} {workers:5} {r['n']:6d} {r['wall_seconds']:8.1f} {r['per_second']:8.2f} "
                  f"{x} {r['peak_rss_mb']:7d} {r['worker_peak_rss_mb']:9d}", flush=True)  # fmt: skip
    report = {"benchmark": "throughput", "cores": os.cpu_count(), "rows": rows}
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
