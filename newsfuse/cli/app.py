"""Typer application: every command of the CLI."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from ..brief import brief_to_dict, brief_to_html, brief_to_markdown
from ..errors import BadOption, BadRecord, InputNotFound, NewsfuseError
from ..settings import Settings
from .output import analysis_dict, emit, to_original

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="newsfuse: many outlets' reports -> one cited account.",
)
err = Console(stderr=True)

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON (the machine-readable contract).")]
DbOpt = Annotated[
    str | None, typer.Option("--db", help="sqlite:///path.db (default ./newsfuse.db) or postgresql://...")
]


def _settings(**flags: Any) -> Settings:
    return Settings(**{k: v for k, v in flags.items() if v is not None})


def _warn(e: NewsfuseError) -> None:
    sys.stderr.write(json.dumps(e.to_dict(), ensure_ascii=False) + "\n")


@app.command()
def extract(
    file: Path,
    url: Annotated[str | None, typer.Option(help="The page's URL, if known (nothing is fetched).")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Main text and metadata of an HTML page (or .html.gz)."""
    from ..ingest import _read_bytes
    from ..ingest.html import extract_html

    if not file.is_file():
        raise InputNotFound(f"{file}: no such file", path=str(file))
    page = extract_html(_read_bytes(file), url=url)
    out = {
        "title": page.title, "text": page.text, "published": page.published, "authors": list(page.authors),
        "language": page.language, "url": page.url, "sitename": page.sitename,
    }  # fmt: skip
    if as_json:
        emit(out)
    else:
        typer.echo(f"{page.title}\n{page.published or ''} {', '.join(page.authors)}\n\n{page.text}")


def _read_input_text(file: str) -> tuple[str, str]:
    if file == "-":
        return sys.stdin.read(), "<stdin>"
    p = Path(file)
    if not p.is_file():
        raise InputNotFound(f"{file}: no such file", path=file)
    if p.suffix.lower() in {".html", ".htm", ".gz"}:
        from ..ingest import _read_bytes
        from ..ingest.html import extract_html

        return extract_html(_read_bytes(p)).text, file
    from ..ingest import _decode

    return _decode(p.read_bytes(), file), file


def _analyze_texts(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    from ..analyze import Analyzer
    from ..clean import clean
    from ..ingest import make_article

    articles = [
        clean(make_article(r["text"], published=r.get("date"), origin=r.get("origin", ""))) for r in rows
    ]
    analyses = Analyzer().analyze(articles)
    return [analysis_dict(to_original(a, an)) for a, an in zip(articles, analyses, strict=True)]


@app.command()
def analyze(
    file: Annotated[str, typer.Argument(help="A text file, an HTML file, or - for standard input.")],
    date: Annotated[
        str | None, typer.Option(help="The article's date (YYYY-MM-DD) for relative dates.")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Sentences, entities, dates, figures and quotes of one text (offsets into the input as given)."""
    text, origin = _read_input_text(file)
    out = _analyze_texts([{"text": text, "date": date, "origin": origin}])[0]
    if as_json:
        emit(out)
        return
    for kind in ("entities", "dates", "figures", "quotes"):
        err.print(f"[bold]{kind}[/bold]: {len(out[kind])}")
        for item in out[kind][:50]:
            typer.echo("  " + json.dumps(item, ensure_ascii=False))


@app.command("analyze-batch")
def analyze_batch(file: Path) -> None:
    """JSONL in ({"id","text","date"} per line) -> JSONL out, one analysis per line; the model loads once."""
    from ..ingest.records import iter_jsonl

    if not file.is_file():
        raise InputNotFound(f"{file}: no such file", path=str(file))
    with file.open(encoding="utf-8-sig") as f:
        rows = list(iter_jsonl(f, str(file), {}))
    good = [r for r in rows if not isinstance(r, BadRecord)]
    results = iter(_analyze_texts(good))
    for r in rows:
        if isinstance(r, BadRecord):
            _warn(r)
            emit({"id": None, "error": r.to_dict()["error"]})
            continue
        emit({"id": r.get("id"), **next(results)})


def _load(inputs: list[str]) -> list[Any]:
    from ..ingest import iter_articles

    articles = list(iter_articles(inputs, on_error=_warn))
    if not articles:
        raise InputNotFound(f"no readable articles in {', '.join(inputs)}")
    return articles


@app.command()
def cluster(
    input: Annotated[list[str], typer.Argument(help="A directory of files, JSONL, or files.")],
    threshold: Annotated[float | None, typer.Option(help="Similarity needed to join a story.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Group articles into stories; each assignment explains itself."""
    from ..pipeline import fuse

    canonical, _, stories, copies = fuse(
        _load(input), threshold=_settings(cluster_threshold=threshold).cluster_threshold
    )
    out: list[dict[str, Any]] = []
    for s in stories:
        ids = [a for x in s.article_ids for a in [x, *[d for d, c in copies.items() if c == x]]]
        out.append({"story": s.id, "articles": ids, "title": s.title, "first_seen": s.first_seen,
                    "last_seen": s.last_seen, "explain": [vars(x) for x in s.assignments]})  # fmt: skip
    if as_json:
        emit(out)
    else:
        for row in out:
            typer.echo(f"{row['story']}  {len(row['articles'])} articles  {row['title']}")


def _render(brief: Any, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(brief_to_dict(brief), ensure_ascii=False)
    if fmt == "html":
        return brief_to_html(brief)
    if fmt == "md":
        return brief_to_markdown(brief)
    raise BadOption(f"unknown format {fmt!r}", hint="Use --format md, html or json.")


@app.command()
def brief(
    input: Annotated[
        str, typer.Argument(help="A story id from the store, or files/a directory to brief as one story.")
    ],
    max_words: Annotated[int, typer.Option(help="Word budget for the summary sentences.")] = 200,
    fmt: Annotated[str, typer.Option("--format", help="md, html or json.")] = "md",
    db: DbOpt = None,
    as_json: JsonFlag = False,
) -> None:
    """One story's cited brief."""
    from ..pipeline import brief_for, fuse
    from ..store import open_store

    if Path(input).exists() or input == "-":
        canonical, analyses, stories, _ = fuse(_load([input]), one_story=True)
        b = brief_for(canonical, analyses, stories[0].id, max_words)
    else:
        b = open_store(_settings(db=db).db).brief(input)
    typer.echo(_render(b, "json" if as_json else fmt))


@app.command("brief-batch")
def brief_batch(
    file: Path,
    max_words: Annotated[int, typer.Option(help="Word budget per brief.")] = 200,
) -> None:
    """JSONL in ({"id","documents":[...]} per line) -> JSONL out ({"id","brief"}), one story per line."""
    from ..ingest import article_from_record
    from ..pipeline import brief_for, fuse

    if not file.is_file():
        raise InputNotFound(f"{file}: no such file", path=str(file))
    with file.open(encoding="utf-8-sig") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                docs = row.get("documents") or []
                articles = [
                    article_from_record({**d, "id": d.get("id", str(j))}, f"{file}:{lineno}#{j}")
                    for j, d in enumerate(docs)
                    if str(d.get("text", "")).strip()
                ]
                if not articles:
                    raise BadRecord(f"{file}:{lineno}: no documents with text", path=str(file))
                canonical, analyses, stories, _ = fuse(articles, one_story=True)
                b = brief_for(canonical, analyses, stories[0].id, max_words)
                emit({"id": row.get("id"), "brief": brief_to_dict(b)})
            except (json.JSONDecodeError, AttributeError) as e:
                bad = BadRecord(f"{file}:{lineno}: not a JSON object with 'documents' ({e})", path=str(file))
                _warn(bad)
                emit({"id": None, "error": bad.to_dict()["error"]})
            except NewsfuseError as e:
                _warn(e)
                emit({"id": row.get("id"), "error": e.to_dict()["error"]})


@app.command()
def run(
    inputs: Annotated[
        list[str], typer.Argument(help="Files or directories (HTML, feeds, WARC, JSONL, CSV, text).")
    ],
    db: DbOpt = None,
    out: Annotated[str | None, typer.Option(help="Directory for briefs and the index page.")] = None,
    engine: Annotated[str | None, typer.Option(help="local or dask.")] = None,
    scheduler: Annotated[str | None, typer.Option(help="Dask scheduler address (tcp://host:8786).")] = None,
    field: Annotated[list[str] | None, typer.Option(help="Column mapping for JSONL/CSV: text=body.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """The whole pipeline: ingest, clean, dedup, analyze, cluster, reconcile, brief, store, export."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from ..pipeline import run as run_pipeline
    from ..store import open_store

    mapping = {}
    for item in field or []:
        if "=" not in item:
            raise BadOption(f"--field {item!r} is not ours=theirs", hint="e.g. --field text=body")
        k, v = item.split("=", 1)
        mapping[k.strip()] = v.strip()
    settings = _settings(db=db, out=out, engine=engine, scheduler=scheduler)
    store = open_store(settings.db)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=err,
                  disable=as_json) as bar:  # fmt: skip
        tasks: dict[str, Any] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total or None)
            bar.update(tasks[stage], completed=done, total=total or None)

        summary = run_pipeline(inputs, settings, store, mapping=mapping, progress=progress)
    for e in summary.errors:
        _warn(e)
    if as_json:
        emit({"run": summary.run_id, "read": summary.read, "new": summary.new, "duplicates": summary.duplicates,
              "already_stored": summary.already_stored, "errors": len(summary.errors),
              "out": str(summary.out), "stories": summary.stories})  # fmt: skip
        return
    table = Table(title=f"newsfuse run {summary.run_id}: {len(summary.stories)} stories")
    table.add_column("story", no_wrap=True)
    table.add_column("title", overflow="ellipsis", no_wrap=True, max_width=34)
    for col in ("articles", "outlets", "facts", "conflicts", "failed checks"):
        table.add_column(col, justify="right", no_wrap=True)
    for s in summary.stories:
        table.add_row(
            *(
                str(s[k])
                for k in ("id", "title", "articles", "sources", "facts", "conflicts", "failed_checks")
            )
        )
    Console(width=max(110, Console().width)).print(table)
    typer.echo(
        f"read {summary.read} articles: {summary.new} new, {summary.duplicates} near-duplicates, "
        f"{summary.already_stored} already stored, {len(summary.errors)} problems (see stderr)"
    )
    typer.echo(
        f"briefs (Markdown and HTML): {Path(str(summary.out)).resolve()}/  index: {summary.out}/index.html"
    )
    typer.echo(f"database: {settings.db}")


@app.command()
def stories(
    db: DbOpt = None,
    explain: Annotated[bool, typer.Option("--explain", help="Why each article joined its story.")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Stories in the store, newest first."""
    from ..store import open_store

    rows = open_store(_settings(db=db).db).stories()
    if not explain:
        for r in rows:
            r.pop("explain")
    if as_json:
        emit(rows)
        return
    for r in rows:
        typer.echo(f"{r['id']}  {r['last_seen'] or '':10}  {len(r['articles']):3} articles  {r['title']}")
        for x in r.get("explain", []):
            why = (
                "started the story"
                if x["new_story"]
                else f"score {x['score']}: {', '.join(x['shared_terms'][:5])}"
            )
            typer.echo(f"    {x['article_id']}  {why}")


@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
) -> None:
    """REST API under /api/v1 and web pages."""
    import uvicorn

    from ..serve import create_app
    from ..store import open_store

    uvicorn.run(create_app(open_store(_settings(db=db).db)), host=host, port=port)
