"""Does adding articles cost the same into a big store as into an empty one?

Takes a store written by benchmarks/stream.py (e.g. 100,000 articles) and the next N articles of the
same generated stream (new ids, new texts, dates continuing), and times `Pipeline.run` on them into
(A) a copy of the big store and (B) a new empty store, in turn A B A B ..., so a drift of the machine's
speed hits both. The analyses come from one warmed sentence cache (as stream.py past its real part),
so both sides do the same analysis work and the difference is what the archive costs: dedup lookups,
candidate retrieval, story state, briefs, the store's indexes. Copies are made outside the timing.

    python benchmarks/addcost.py --store sqlite:////path/stream.db --stored 100000 [--add 1000] [--pairs 3]

Prints each pair and the median ratio A/B, and writes benchmarks/results/addcost.json. With `--sql`, the
time spent in SQL statements on each side, by statement (its first words and table), is printed and
stored too: where the archive's extra cost goes.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from stream import cached_chunk  # noqa: E402
from streamgen import stream  # noqa: E402

from newsfuse.engine import LocalEngine  # noqa: E402
from newsfuse.ingest import article_from_record  # noqa: E402
from newsfuse.pipeline import Pipeline  # noqa: E402
from newsfuse.settings import Settings  # noqa: E402
from newsfuse.store import open_store  # noqa: E402

OUTPUT = ROOT / "benchmarks" / "results" / "addcost.json"
logging.getLogger("newsfuse").setLevel(logging.ERROR)


def _statement(sql: str) -> str:
    """A statement's kind: its verb and first table ('INSERT dedup_bands', 'SELECT stories')."""
    words = re.sub(r"\s+", " ", sql).strip()
    verb = words.split(" ", 1)[0].upper()
    m = re.search(r"\b(?:FROM|INTO|UPDATE)\s+\"?(\w+)", words, re.I)
    return f"{verb} {m.group(1) if m else ''}".strip()


def _time(
    url: str, arts: list[Any], engine: LocalEngine, out: str, sql: dict[str, float] | None = None
) -> float:
    s = Settings(db=url, out=out, export=False)
    with open_store(url) as store:
        if sql is not None:
            from sqlalchemy import event

            started: list[float] = []

            @event.listens_for(store.engine, "before_cursor_execute")
            def _before(*_: Any) -> None:
                started.append(time.perf_counter())

            @event.listens_for(store.engine, "after_cursor_execute")
            def _after(conn: Any, cursor: Any, statement: str, *_: Any) -> None:
                kind = _statement(statement)
                sql[kind] = sql.get(kind, 0.0) + time.perf_counter() - started.pop()

        t0 = time.perf_counter()
        Pipeline(s, store, engine=engine).run(arts, ["addcost"])
        return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--store", required=True, help="sqlite:///path of the big store (stream.py's)")
    ap.add_argument("--stored", type=int, required=True, help="articles of the stream already in it")
    ap.add_argument("--add", type=int, default=1000)
    ap.add_argument("--pairs", type=int, default=3)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--sql", action="store_true", help="time SQL statements by kind on both sides")
    ap.add_argument("--output", type=Path, default=OUTPUT)
    args = ap.parse_args(argv)
    sql_big: dict[str, float] | None = {} if args.sql else None
    sql_empty: dict[str, float] | None = {} if args.sql else None
    big = Path(args.store[len("sqlite:///") :])
    # the stream continued past what is stored (200 more skipped: the stored run's last stories were cut
    # short at its end), under fresh ids
    rows = list(stream(args.stored + 200 + args.add))[args.stored + 200 :]
    arts = [article_from_record({**r, "id": f"add-{r['id']}"}, f"stream#{r['id']}") for r in rows]
    engine = LocalEngine(args.workers, in_process_below=0, task=cached_chunk)
    tmp = Path(tempfile.mkdtemp(prefix="nf-add-"))
    # warm the sentence cache (and the model) once, outside the timing, so both sides analyse alike
    _time(f"sqlite:///{tmp}/warm.db", arts, engine, str(tmp / "o"))
    pairs = []
    print(
        f"adding {len(arts)} articles: A = into a copy of {big.name} ({args.stored} stored), B = into an empty store"
    )
    for k in range(args.pairs):
        copy = tmp / f"big{k}.db"
        shutil.copyfile(big, copy)
        for ext in ("-wal", "-shm"):
            if Path(str(big) + ext).exists():
                shutil.copyfile(str(big) + ext, str(copy) + ext)
        # the copy's gigabytes are written back to disk before the timing: else the store's first
        # checkpoint (an fsync of the file) waits for all of them, which no real store has to do
        for f in tmp.glob(copy.name + "*"):
            with f.open("rb+") as fh:
                os.fsync(fh.fileno())
        a = _time(f"sqlite:///{copy}", arts, engine, str(tmp / "oa"), sql_big)
        b = _time(f"sqlite:///{tmp}/empty{k}.db", arts, engine, str(tmp / "ob"), sql_empty)
        pairs.append({"big_s": round(a, 2), "empty_s": round(b, 2), "ratio": round(a / b, 3)})
        print(f"pair {k + 1}: into big {a:7.1f} s   into empty {b:7.1f} s   ratio {a / b:.3f}", flush=True)
        copy.unlink()
    engine.close()
    ratio = statistics.median(p["ratio"] for p in pairs)
    print(f"median ratio (big / empty): {ratio:.3f}")
    report: dict[str, Any] = {"benchmark": "addcost", "stored": args.stored, "added": len(arts),
                              "pairs": pairs, "median_ratio": ratio}  # fmt: skip
    if sql_big is not None and sql_empty is not None:
        n = len(pairs)
        kinds = sorted(set(sql_big) | set(sql_empty), key=lambda k: sql_empty.get(k, 0) - sql_big.get(k, 0))
        print(f"\nSQL seconds per pair, by statement: {'big':>7} {'empty':>7} {'extra':>7}")
        rows = []
        for kind in kinds:
            b, e = sql_big.get(kind, 0.0) / n, sql_empty.get(kind, 0.0) / n
            rows.append({"statement": kind, "big_s": round(b, 3), "empty_s": round(e, 3)})
            if max(b, e) >= 0.01:
                print(f"  {kind:36} {b:7.2f} {e:7.2f} {b - e:+7.2f}")
        tb, te = sum(sql_big.values()) / n, sum(sql_empty.values()) / n
        print(f"  {'all SQL':36} {tb:7.2f} {te:7.2f} {tb - te:+7.2f}")
        report["sql"] = rows
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
