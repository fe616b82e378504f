"""`newsfuse runs [show ID | rerun ID]`: run records (inputs and their SHA-256, settings, versions, what each
run did) and their replay; `newsfuse story changes ID`: what changed in a story's brief, run by run."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from .app import DbOpt, JsonFlag, _settings
from .corrections import story_app
from .output import emit, jsonable

if TYPE_CHECKING:
    from ..store import RunRecord

runs_app = typer.Typer(help="Run records: inputs with their SHA-256, settings, versions; replay them.")


def _register() -> None:
    from .app import app

    app.add_typer(runs_app, name="runs")


def _line(r: RunRecord) -> str:
    s = r.summary or {}
    if s.get("kind") == "refresh":
        what = "rebuilt the briefs of corrected stories"
    elif r.finished is None:
        what = "stopped (or still running)"
    else:
        what = (
            f"read {s.get('read', 0)}, {s.get('new', 0)} new, {s.get('changed_stories', 0)} stories changed"
        )
    inputs = ", ".join(r.inputs) or (
        "(corrections)" if s.get("kind") == "refresh" else "(records given directly)"
    )
    return f"{r.id:5}  {r.started}  {what:48}  {inputs[:60]}"


@runs_app.callback(invoke_without_command=True)
def runs(
    ctx: typer.Context,
    db: DbOpt = None,
    limit: Annotated[int | None, typer.Option(help="Newest N runs only.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Runs, newest first: what each read, with which settings and versions, and what it did."""
    if ctx.invoked_subcommand is not None:
        return
    from ..store import open_store

    with open_store(_settings(db=db).db) as store:
        rows = store.list_runs(limit, newest_first=True)
    if as_json:
        emit(jsonable(rows))
        return
    for r in rows:
        typer.echo(_line(r))
    typer.echo(f"{len(rows)} runs; `newsfuse runs show ID` for one")


@runs_app.command()
def show(
    run_id: Annotated[int, typer.Argument(help="The run's number (`newsfuse runs`).")],
    db: DbOpt = None,
    as_json: JsonFlag = False,
) -> None:
    """One run record: inputs and their SHA-256, settings, versions, what it did; whether it can be re-run here."""
    from ..rerun import chain, problems
    from ..store import open_store

    with open_store(_settings(db=db).db) as store:
        r = store.get_run(run_id)
        why = problems(store, chain(store, run_id))
    if as_json:
        emit({**jsonable(r), "reproducible": not why, "problems": why})
        return
    typer.echo(_line(r))
    typer.echo(f"started {r.started}, finished {r.finished or '-'}")
    typer.echo("inputs:")
    for h in r.hashes:
        size = f"{h.size} bytes" if h.kind == "file" else f"{h.size} records"
        typer.echo(f"  {h.sha256}  {size:>14}  {h.name}")
    typer.echo("versions: " + ", ".join(f"{k} {v}" for k, v in r.versions.items()))
    typer.echo("settings: " + ", ".join(f"{k}={v}" for k, v in r.settings.items()))
    if why:
        typer.echo("cannot be re-run here as recorded:\n  " + "\n  ".join(why))
    else:
        typer.echo(f"can be re-run here: `newsfuse runs rerun {r.id} --into sqlite:///rerun.db`")


@runs_app.command()
def rerun(
    run_id: Annotated[int, typer.Argument(help="The run to reproduce (with the runs before it).")],
    into: Annotated[str, typer.Option(help="A new, empty store to replay into (sqlite:///path.db).")],
    db: DbOpt = None,
    out: Annotated[str | None, typer.Option(help="Also export the replayed briefs here.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replay even if versions or inputs differ.")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Replay a run record (and the runs before it: the store is the state) on the recorded input files with
    the recorded settings into a new store, and compare the briefs with the ones this store holds."""
    from ..rerun import replay
    from ..store import open_store

    with open_store(_settings(db=db).db) as source, open_store(into) as target:
        result = replay(source, run_id, target, out=out, force=force)
    d: dict[str, Any] = {"run": run_id, "replayed": result.runs, "compared": result.compared,
                         "same": result.same, "different": result.different, "missing": result.missing,
                         "problems": result.problems}  # fmt: skip
    if as_json:
        emit(d)
    else:
        for p in result.problems:
            typer.echo(f"warning: {p}")
        verdict = "the same" if not (result.different or result.missing) else "NOT the same"
        typer.echo(f"replayed runs {', '.join(map(str, result.runs))}: {result.compared} briefs compared, "
                   f"{verdict} ({len(result.different)} differ, {len(result.missing)} missing)")  # fmt: skip
    if not result.same:
        raise typer.Exit(1)


@story_app.command()
def changes(
    story: Annotated[str, typer.Argument(help="The story's id (`newsfuse stories`).")],
    db: DbOpt = None,
    limit: Annotated[int, typer.Option(help="Newest N changes.")] = 50,
    as_json: JsonFlag = False,
) -> None:
    """What changed in a story's brief each time it was rebuilt, newest first."""
    from ..brief.changes import change_lines
    from ..store import open_store

    with open_store(_settings(db=db).db) as store:
        store.story_summary(story)  # NotFound for an unknown story
        rows = store.story_changes(story, limit)
    if as_json:
        emit(jsonable(rows))
        return
    for ch in rows:
        typer.echo(f"run {ch.run} ({ch.made}), against run {ch.previous_run}:")
        for line in change_lines(ch):
            typer.echo(f"  {line}")
    if not rows:
        typer.echo("no changes recorded: the brief has not been rebuilt since it was first made")


_register()
