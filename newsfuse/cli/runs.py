"""The product commands over a store: run, watch, stories, errors."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from ..errors import BadOption, NewsfuseError
from ..logs import redact_url
from .app import DbOpt, JsonFlag, _settings, _warn, app, err
from .output import emit, jsonable

STORY_CHANGES = 5  # changes per story in `stories --json`
WorkersOpt = Annotated[int | None, typer.Option(help="Analysis processes (default: one per core).")]


def _mapping(field: list[str] | None) -> dict[str, str]:
    mapping = {}
    for item in field or []:
        if "=" not in item:
            raise BadOption(f"--field {item!r} is not ours=theirs", hint="e.g. --field text=body")
        k, v = item.split("=", 1)
        mapping[k.strip()] = v.strip()
    return mapping


class _Bars:
    """Progress bars on stderr, one per stage, with counts."""

    def __init__(self, enabled: bool):
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.bar = Progress(TextColumn("{task.description:>8}"), BarColumn(), MofNCompleteColumn(),
                            TimeElapsedColumn(), console=err, disable=not enabled)  # fmt: skip
        self.tasks: dict[str, Any] = {}

    def __enter__(self) -> _Bars:
        self.bar.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.bar.__exit__(None, None, None)

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage not in self.tasks:
            self.tasks[stage] = self.bar.add_task(stage, total=total or None)
        self.bar.update(self.tasks[stage], completed=done, total=total or None)


def _print_summary(summary: Any, settings: Any, as_json: bool) -> None:
    for e in summary.errors:
        _warn(e)
    if as_json:
        emit({"run": summary.run_id, **summary.record(), "errors": len(summary.errors), "out": str(summary.out),
              "stories": [asdict(s) for s in summary.stories]})  # fmt: skip
        return
    table = Table(
        title=f"newsfuse run {summary.run_id}: {len(summary.changed)} stories changed (newest shown)"
    )
    table.add_column("story", no_wrap=True)
    table.add_column("title", overflow="ellipsis", no_wrap=True, max_width=34)
    for col in ("articles", "outlets", "facts", "conflicts", "failed checks"):
        table.add_column(col, justify="right", no_wrap=True)
    for s in summary.stories[:20]:
        table.add_row(
            s.id, s.title, *(str(x) for x in (s.articles, s.sources, s.facts, s.conflicts, s.failed_checks))
        )
    Console(width=max(110, Console().width)).print(table)
    typer.echo(
        f"read {summary.read} articles: {summary.new} new, {summary.duplicates} near-duplicates, "
        f"{summary.already_stored} already stored, {summary.failed} failed analysis, "
        f"{len(summary.errors)} problems (see stderr)"
        + (f"; {summary.resumed} left by an earlier run processed" if summary.resumed else "")
    )
    if summary.out is not None:
        typer.echo(
            f"briefs (Markdown and HTML): {Path(str(summary.out)).resolve()}/  index: {summary.out}/index.html"
        )
    typer.echo(f"database: {redact_url(settings.db)}")


@app.command()
def run(
    inputs: Annotated[
        list[str], typer.Argument(help="Files or directories (HTML, feeds, WARC, JSONL, CSV, text).")
    ],
    db: DbOpt = None,
    out: Annotated[str | None, typer.Option(help="Directory for briefs and the index page.")] = None,
    engine: Annotated[str | None, typer.Option(help="local or dask.")] = None,
    scheduler: Annotated[str | None, typer.Option(help="Dask scheduler address (tcp://host:8786).")] = None,
    workers: WorkersOpt = None,
    batch_size: Annotated[int | None, typer.Option(help="Articles per batch (one transaction each).")] = None,
    retry_failed: Annotated[
        bool, typer.Option("--retry-failed", help="Analyse failed articles again.")
    ] = False,
    field: Annotated[list[str] | None, typer.Option(help="Column mapping for JSONL/CSV: text=body.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """The whole pipeline on what is new: ingest, clean, dedup, analyze, cluster, reconcile, brief, store, export."""
    settings = _settings(db=db, out=out, engine=engine, scheduler=scheduler, workers=workers,
                         batch_size=batch_size, retry_failed=retry_failed or None)  # fmt: skip
    start = None
    if settings.engine == "dask":  # the cluster starts while the pipeline's libraries load
        from ..dask_start import DaskStart

        start = DaskStart(settings.scheduler, settings.workers)
    try:
        from ..pipeline import run as run_pipeline
        from ..store import open_store

        with open_store(settings.db) as store, _Bars(not as_json) as bars:
            summary = run_pipeline(inputs, settings, store, mapping=_mapping(field), progress=bars,
                                   dask_start=start)  # fmt: skip
    finally:
        if start is not None:
            start.close()  # if the run stopped before its engine took it
    _print_summary(summary, settings, as_json)


def _interval(every: str) -> float:
    units = {"s": 1, "m": 60, "h": 3600}
    try:
        return float(every[:-1]) * units[every[-1]] if every[-1] in units else float(every)
    except (ValueError, IndexError):
        raise BadOption(f"--every {every!r} is not a duration", hint="e.g. --every 30s, 5m or 1h") from None


def _new_files(paths: list[str], seen: dict[str, tuple[float, int]]) -> Iterator[str]:
    from ..ingest import iter_paths

    for item in paths:
        if item.startswith(("http://", "https://")):
            continue
        try:
            files = list(iter_paths([item]))
        except NewsfuseError as e:
            _warn(e)
            continue
        for f in files:
            if isinstance(f, Path):
                st = f.stat()
                key = (st.st_mtime, st.st_size)
                if seen.get(str(f)) != key:
                    seen[str(f)] = key
                    yield str(f)


@app.command()
def watch(
    paths: Annotated[
        list[str], typer.Argument(help="Folders or files to watch; feed URLs with --allow-network.")
    ],
    every: Annotated[str, typer.Option(help="How often to look: 30s, 5m, 1h.")] = "5m",
    rounds: Annotated[int, typer.Option(help="Stop after this many rounds (0: run until stopped).")] = 0,
    allow_network: Annotated[
        bool, typer.Option("--allow-network", help="Fetch feed URLs (http/https).")
    ] = False,
    db: DbOpt = None,
    out: Annotated[str | None, typer.Option(help="Directory for briefs and the index page.")] = None,
    engine: Annotated[str | None, typer.Option(help="local or dask.")] = None,
    scheduler: Annotated[str | None, typer.Option(help="Dask scheduler address (tcp://host:8786).")] = None,
    workers: WorkersOpt = None,
    as_json: JsonFlag = False,
) -> None:
    """Run the pipeline on what is new in folders (and feeds) every interval; bad input never stops it.
    One engine serves every round: its worker processes (or Dask cluster) and their model stay up."""
    import os

    from ..engine import LazyEngine
    from ..ingest.fetch import iter_feed_url
    from ..pipeline import Pipeline, engine_for
    from ..store import open_store

    pause = _interval(every)
    urls = [p for p in paths if p.startswith(("http://", "https://"))]
    if urls and not allow_network:
        raise BadOption(
            f"{urls[0]}: feed URLs are fetched only with --allow-network", hint="Add --allow-network."
        )
    allow_private = os.environ.get("NEWSFUSE_ALLOW_PRIVATE_NETWORK") == "1"
    settings = _settings(db=db, out=out, workers=workers, engine=engine, scheduler=scheduler)
    seen: dict[str, tuple[float, int]] = {}
    n = 0
    current: list[Pipeline] = []  # the round under way, whose progress bars the engine's ticks go to
    shared = LazyEngine(lambda: engine_for(settings, lambda k: current[-1].tick(k) if current else None))
    with open_store(settings.db) as store, contextlib.closing(shared):
        while True:
            n += 1
            from ..ingest import iter_items

            errors: list[NewsfuseError] = []
            files = list(_new_files(paths, seen))

            def stream(files: list[str], errors: list[NewsfuseError]) -> Iterator[Any]:
                yield from iter_items(files, on_error=errors.append)  # pages extracted by the engine
                for url in urls:
                    yield from iter_feed_url(url, errors.append, allow_private=allow_private)

            try:
                with _Bars(not as_json) as bars:
                    pipeline = Pipeline(settings, store, progress=bars, engine=shared)
                    current[:] = [pipeline]
                    summary = pipeline.run(stream(files, errors), files + urls, errors)
                _print_summary(summary, settings, as_json)
            except NewsfuseError as e:  # a round that fails is reported; the next one goes on
                _warn(e)
            if rounds and n >= rounds:
                return
            time.sleep(pause)


def _story_similarity(store: Any, rows: list[Any]) -> dict[str, tuple[float, str]]:
    """Each listed article's story similarity to the closest other member of its story (cluster.pairscore)."""
    from ..cluster import pairscore

    embedder = pairscore.explain_embedder()
    out: dict[str, tuple[float, str]] = {}
    for r in rows:
        out.update(pairscore.story_members(store, list(r.articles), embedder))
    return out


@app.command()
def stories(
    db: DbOpt = None,
    explain: Annotated[bool, typer.Option("--explain", help="Why each article joined its story.")] = False,
    limit: Annotated[int | None, typer.Option(help="Newest N stories only.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Stories in the store, newest first."""
    from ..cluster import pairscore
    from ..store import open_store

    with open_store(_settings(db=db).db) as store:
        rows = store.stories(limit=limit)
        info = store.article_info(a for r in rows for a in r.articles) if explain else {}
        near = _story_similarity(store, rows) if explain else {}
        changes = store.changes_of((r.id for r in rows), STORY_CHANGES) if as_json else {}
    out = []
    for r in rows:
        d: dict[str, Any] = {"id": r.id, "title": r.title, "articles": list(r.articles),
                             "first_seen": r.first_seen, "last_seen": r.last_seen}  # fmt: skip
        if as_json:  # what changed in its brief, newest first (`newsfuse story changes ID` for all)
            d["changes"] = jsonable(changes.get(r.id, []))
        if explain:
            d["explain"] = [{**asdict(x), **{k: getattr(info.get(x.article_id), k, None)
                                             for k in ("title", "source", "published")},
                             **pairscore.explain_fields(near.get(x.article_id))} for x in r.explain]  # fmt: skip
        out.append(d)
    if as_json:
        emit(out)
        return
    for d in out:
        typer.echo(f"{d['id']}  {d['last_seen'] or '':10}  {len(d['articles']):3} articles  {d['title']}")
        for x in d.get("explain", []):
            why = ("started the story" if x["new_story"] else
                   f"score {x['score']}: {', '.join([*x['shared_entities'][:3], *x['shared_terms'][:5]])}")  # fmt: skip
            parts = dict(x.get("parts") or ())
            if not x["new_story"] and "near_bar" in parts:  # the similarity parts it was admitted on
                why += (f"; nearest member {parts['near']:.2f} (needs {parts['near_bar']:.2f}), mean "
                        f"{parts['mean']:.2f} (needs {parts['mean_bar']:.2f})")  # fmt: skip
            if x.get("runner_up"):
                why += f" (next: {x['runner_up']} {x['runner_up_score']})"
            if x.get("story_similarity") is not None:
                why += f"; story similarity {x['story_similarity']:.2f} to {x['nearest_member']}"
            if x.get("correction"):
                why += f" [put here by correction {x['correction']}: `newsfuse story log`]"
            typer.echo(
                f"    {x['published'] or '':10}  {x['source'][:18]:18}  {(x['title'] or x['article_id'])[:60]}"
            )
            typer.echo(f"        {why}")


@app.command()
def errors(db: DbOpt = None, as_json: JsonFlag = False) -> None:
    """Articles a stage could not process: kept in the store, skipped by later runs (--retry-failed)."""
    from ..store import open_store

    with open_store(_settings(db=db).db) as store:
        rows = store.failed()
    if as_json:
        emit([asdict(r) for r in rows])
        return
    for r in rows:
        typer.echo(f"{r.id}  {r.stage}  {r.code}  {r.message}")
    typer.echo(f"{len(rows)} failed articles; `newsfuse run --retry-failed ...` tries them again")


@app.command()
def outlets(
    db: DbOpt = None,
    stories: Annotated[int, typer.Option(help="Over the newest N stories (their stored briefs).")] = 2000,
    fmt: Annotated[str, typer.Option("--format", help="md or html.")] = "md",
    as_json: JsonFlag = False,
) -> None:
    """Outlets' track records: figures agreed, against the consensus, single-source; checks failed; quotes."""
    from ..brief import outlets_to_dict, outlets_to_html, outlets_to_markdown
    from ..reconcile import track_records
    from ..store import open_store

    with open_store(_settings(db=db).db) as store:
        records = track_records(store.brief(s.id) for s in store.story_summaries(limit=stories))
    if as_json:
        emit(outlets_to_dict(records))
    elif fmt == "html":
        typer.echo(outlets_to_html(records))
    elif fmt == "md":
        typer.echo(outlets_to_markdown(records))
    else:
        raise BadOption(f"unknown format {fmt!r}", hint="Use --format md or html, or --json.")
