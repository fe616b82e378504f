"""Fuzzing newsfuse with nasty files: ingest and clean every file alone, analyse every article read, then run
the whole pipeline (cluster, reconcile, brief, store, export) over all of them. Every input must give a
coded error naming its file, or a result: never another exception, a hang, or a half-processed store.

CI runs a bounded sample (tests/test_fuzz.py); the nightly-size run is

    .venv/bin/python -m tests.fuzz_nightly --count 10000 [--seed 19]

which prints a table of inputs per kind and what became of them, and exits non-zero on a failure.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, text

from newsfuse import clean
from newsfuse.engine import analyze_chunk
from newsfuse.errors import NewsfuseError
from newsfuse.ingest import iter_articles
from newsfuse.logs import configure
from newsfuse.model import Analysis, Article
from newsfuse.pipeline import run
from newsfuse.settings import Settings
from newsfuse.store import open_store

from .fuzzcases import write_files


@dataclass
class Tally:
    files: dict[str, int] = field(default_factory=dict)
    articles: int = 0
    coded_errors: int = 0
    analysed: int = 0
    analysis_errors: int = 0
    crashes: list[str] = field(default_factory=list)  # anything that was not a result or a coded error

    @property
    def inputs(self) -> int:
        return sum(self.files.values()) + self.articles  # files, then each article through the stages


def ingest_and_clean(folder: Path, tally: Tally) -> list[Article]:
    out = []
    for path in sorted(folder.iterdir()):
        errors: list[NewsfuseError] = []
        try:
            for a in iter_articles([str(path)], on_error=errors.append):
                out.append(clean.STAGE.run(a))
        except Exception:  # noqa: BLE001 - the point: anything but a coded error is a finding
            tally.crashes.append(f"{path.name}: {traceback.format_exc(limit=3)}")
        for e in errors:
            if not (e.code.startswith("NF") and e.hint and path.name in (e.message + str(e.path))):
                tally.crashes.append(f"{path.name}: error without code or file name: {e.to_dict()}")
        tally.coded_errors += len(errors)
    tally.articles += len(out)
    return out


def analyse(articles: list[Article], tally: Tally, batch: int = 32) -> None:
    for i in range(0, len(articles), batch):
        part = articles[i : i + batch]
        try:
            outcomes = analyze_chunk(part)
        except Exception:  # noqa: BLE001
            tally.crashes.append(f"analysis batch {i}: {traceback.format_exc(limit=3)}")
            continue
        for a, o in zip(part, outcomes, strict=True):
            if isinstance(o, Analysis):
                tally.analysed += 1
                for kind in ("sentences", "entities", "dates", "figures", "quotes"):
                    for x in getattr(o, kind):
                        if not 0 <= x.start <= x.end <= len(a.text):
                            tally.crashes.append(f"{a.origin}: {kind} span {x.start}-{x.end} out of the text")
            elif isinstance(o, NewsfuseError):
                tally.analysis_errors += 1
            else:
                tally.crashes.append(f"{a.origin}: analysis gave {type(o).__name__}")


def pipeline(folder: Path, work: Path, tally: Tally, db: str | None = None) -> dict[str, int]:
    db = db or f"sqlite:///{work}/fuzz.db"
    s = Settings(db=db, out=str(work / "out"), workers=1, batch_size=16)
    try:
        with open_store(s.db) as store:
            summary = run([str(folder)], s, store)
            stories = store.stories()
            for st in stories:
                store.brief(st.id)  # every story has its brief (or the error is marked on it)
            pending = store.pending(10)
    except Exception:  # noqa: BLE001
        tally.crashes.append(f"pipeline: {traceback.format_exc(limit=5)}")
        return {}
    eng = create_engine(s.db.replace("postgresql://", "postgresql+psycopg://", 1))
    with eng.connect() as c:
        statuses = dict(c.execute(text("SELECT status, count(*) FROM articles GROUP BY status")).fetchall())
        if eng.dialect.name == "sqlite" and c.execute(text("PRAGMA integrity_check")).scalar() != "ok":
            tally.crashes.append("pipeline: integrity_check failed")
    eng.dispose()
    if pending:
        tally.crashes.append(f"pipeline: {len(pending)} articles left half-processed")
    return {"stories": len(stories), "analysed": summary.analysed, "failed": summary.failed,
            "problems": len(summary.errors), **{f"status {k}": v for k, v in statuses.items()}}  # fmt: skip


def fuzz(count: int, seed: int, work: Path, db: str | None = None) -> tuple[Tally, dict[str, int], float]:
    """`count` nasty files through every stage; `db`: the store of the pipeline run (default SQLite)."""
    started = time.monotonic()
    folder = work / "files"
    tally = Tally(files=write_files(folder, seed, count))
    articles = ingest_and_clean(folder, tally)
    analyse(articles, tally)
    stored = pipeline(folder, work, tally, db)
    return tally, stored, time.monotonic() - started


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=19)
    ap.add_argument("--db", help="the pipeline run's store (default: SQLite in a temporary directory)")
    args = ap.parse_args()
    configure()
    with tempfile.TemporaryDirectory() as tmp:
        tally, stored, seconds = fuzz(args.count, args.seed, Path(tmp), args.db)
    print("| kind | files |\n|---|---|")
    for kind, n in sorted(tally.files.items()):
        print(f"| {kind} | {n} |")
    print(f"\narticles read: {tally.articles}; coded ingest errors: {tally.coded_errors}; analysed: "
          f"{tally.analysed}; analysis errors (coded): {tally.analysis_errors}")  # fmt: skip
    print(f"pipeline over all files: {json.dumps(stored)}")
    print(f"inputs through the stages: {tally.inputs}; crashes: {len(tally.crashes)}; {seconds:.0f} s")
    for c in tally.crashes[:20]:
        print("CRASH", c)
    sys.exit(1 if tally.crashes else 0)


if __name__ == "__main__":
    main()
