"""`newsfuse export`: a store's stories as CSV files or as an evidence bundle (SQLite for datasette)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import BadOption
from .app import DbOpt, JsonFlag, _settings, app
from .output import emit

FORMATS = ("csv", "bundle")


@app.command()
def export(
    fmt: Annotated[
        str, typer.Option("--format", help="csv (one file per table) or bundle (evidence.db).")
    ] = "csv",
    out: Annotated[Path, typer.Option(help="Directory to write into (created if missing).")] = Path("export"),
    story: Annotated[
        list[str] | None, typer.Option(help="Only this story (repeat for more); default: every story.")
    ] = None,
    db: DbOpt = None,
    as_json: JsonFlag = False,
) -> None:
    """Stories, facts, checks, quotes and outlets' track records as CSV files, or as one SQLite evidence
    bundle that `datasette` opens (with metadata.json beside it). Reads the store story by story."""
    from ..store import open_store
    from ..tables import DB_NAME, FILES, write_bundle, write_csv

    if fmt not in FORMATS:
        raise BadOption(f"unknown format {fmt!r}", hint="Use --format csv or --format bundle.")
    with open_store(_settings(db=db).db) as store:
        if fmt == "csv":
            counts = write_csv(store, out, story or ())
            files = [out / f"{name}.csv" for name in FILES]
        else:
            counts = write_bundle(store, out, story or ())
            files = [out / f"{DB_NAME}.db", out / "metadata.json"]
    if as_json:
        emit({"format": fmt, "out": str(out), "files": [str(f) for f in files], "rows": counts})
        return
    for f in files:
        typer.echo(str(f))
    typer.echo(", ".join(f"{n} {name}" for name, n in counts.items()))
    if fmt == "bundle":
        typer.echo(f"browse it: datasette {out / (DB_NAME + '.db')} -m {out / 'metadata.json'}")
