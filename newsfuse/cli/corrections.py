"""`newsfuse story merge|split|move|log`: corrections by hand, kept in the store; `newsfuse pages`: the
stored pages judged not articles."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

import typer

from .app import DbOpt, JsonFlag, _settings, _warn, app
from .output import emit

story_app = typer.Typer(
    no_args_is_help=True, help="Correct stories by hand: merge, split, move (kept in the store)."
)
app.add_typer(story_app, name="story")

OutOpt = Annotated[str | None, typer.Option(help="Directory of the exported briefs (as for `run`).")]
ExportOpt = Annotated[
    bool, typer.Option("--export/--no-export", help="Rebuild and export the changed briefs now (default).")
]


def _apply(
    kind: str, args: tuple[Any, ...], db: str | None, out: str | None, export: bool, as_json: bool
) -> None:
    from ..correct import apply_correction
    from ..store import open_store

    settings = _settings(db=db, out=out)
    with open_store(settings.db) as store:  # without --export the next run rebuilds them (marked stale)
        done = apply_correction(store, settings, kind, args, rebuild=export)
    for e in done.errors:
        _warn(e)
    if as_json:
        emit(done.to_dict())
        return
    typer.echo(f"correction {done.correction} ({kind}): articles now in {done.story}")
    for r in done.stories:
        typer.echo(f"  {r.id}  {len(r.articles):3} articles  {r.title}")
    for sid in done.emptied:
        typer.echo(f"  {sid}  no articles left")
    if not export:
        typer.echo("briefs are rebuilt by the next `newsfuse run`")


@story_app.command()
def merge(
    keep: Annotated[str, typer.Argument(help="The story that stays.")],
    other: Annotated[str, typer.Argument(help="The story whose articles join it.")],
    db: DbOpt = None,
    out: OutOpt = None,
    export: ExportOpt = True,
    as_json: JsonFlag = False,
) -> None:
    """Merge story OTHER into story KEEP; new articles close to either join KEEP."""
    _apply("merge", (keep, other), db, out, export, as_json)


@story_app.command()
def split(
    story: Annotated[str, typer.Argument(help="The story to split.")],
    articles: Annotated[list[str], typer.Argument(help="Its articles that form a story of their own.")],
    db: DbOpt = None,
    out: OutOpt = None,
    export: ExportOpt = True,
    as_json: JsonFlag = False,
) -> None:
    """Split ARTICLES off STORY into a new story; new articles close to them join the new one."""
    _apply("split", (story, articles), db, out, export, as_json)


@story_app.command()
def move(
    article: Annotated[str, typer.Argument(help="The article to move.")],
    story: Annotated[str, typer.Argument(help="The story it belongs to.")],
    db: DbOpt = None,
    out: OutOpt = None,
    export: ExportOpt = True,
    as_json: JsonFlag = False,
) -> None:
    """Move ARTICLE into STORY (also a stored page judged not an article)."""
    _apply("move", (article, story), db, out, export, as_json)


@story_app.command("log")
def log(
    story: Annotated[str | None, typer.Option(help="Only corrections naming this story.")] = None,
    db: DbOpt = None,
    as_json: JsonFlag = False,
) -> None:
    """Corrections made so far, oldest first."""
    from ..store import open_store

    with open_store(_settings(db=db).db) as store:
        rows = store.corrections(story)
    if as_json:
        emit([asdict(r) for r in rows])
        return
    for r in rows:
        what = {"merge": f"merged {r.other} into {r.story_id}",
                "split": f"split {len(r.articles)} articles off {r.story_id} into {r.other}",
                "move": f"moved {r.articles[0]} from {r.other or '(no story)'} to {r.story_id}"}[r.kind]  # fmt: skip
        typer.echo(f"{r.id:4}  {r.made}  {what}")


@app.command()
def pages(
    db: DbOpt = None,
    limit: Annotated[int | None, typer.Option(help="At most N pages.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Stored pages judged not articles (archive notices, error pages, consent walls...): kept out of stories.
    `newsfuse story move PAGE STORY` puts one in a story if it was misjudged."""
    from ..store import open_store

    with open_store(_settings(db=db).db) as store:
        rows = store.pages(limit)
    if as_json:
        emit([asdict(r) for r in rows])
        return
    for r in rows:
        typer.echo(f"{r.id}  {r.kind:16}  {r.reason[:60]:60}  {r.title[:40]}")
    typer.echo(f"{len(rows)} pages kept out of stories")
