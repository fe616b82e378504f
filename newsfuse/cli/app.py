"""Typer application: every command of the CLI."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from ..errors import BadOption, BadRecord, InputNotFound, NewsfuseError, NotFound
from ..logs import redact_url
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
    from ..cluster import story_id
    from ..pipeline import fuse

    canonical, _, stories, copies, _ = fuse(_load(input), settings=_settings(cluster_threshold=threshold))
    out: list[dict[str, Any]] = []
    for s in stories:
        ids = [a for x in s.article_ids for a in [x, *[d for d, c in copies.items() if c == x]]]
        out.append({"story": s.id, "articles": ids, "title": s.title, "first_seen": s.first_seen,
                    "last_seen": s.last_seen, "explain": [asdict(x) for x in s.assignments]})  # fmt: skip
    # pages judged not articles join no story: each is listed alone (under the id a story of its own would
    # have), with what it is, so every input id appears once
    for a in canonical:
        if a.kind != "article":
            ids = [a.id, *[d for d, c in copies.items() if c == a.id]]
            out.append({"story": story_id(a.id), "articles": ids, "title": a.title, "first_seen": a.published,
                        "last_seen": a.published, "explain": [], "kind": a.kind, "reason": a.kind_reason})  # fmt: skip
    if as_json:
        emit(out)
    else:
        for row in out:
            typer.echo(f"{row['story']}  {len(row['articles'])} articles  {row['title']}")


def _render(brief: Any, fmt: str) -> str:
    from ..brief import brief_to_dict, brief_to_html, brief_to_markdown

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
    max_words: Annotated[int | None, typer.Option(help="Word budget for the summary sentences.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="md, html or json.")] = "md",
    db: DbOpt = None,
    as_json: JsonFlag = False,
) -> None:
    """One story's cited brief."""
    from ..pipeline import fuse
    from ..store import open_store

    if Path(input).exists() or input == "-":
        _, _, stories, _, briefs = fuse(_load([input]), one_story=True, briefs=True,
                                        settings=_settings(max_words=max_words))  # fmt: skip
        if not stories:
            raise InputNotFound(f"no article of {input} could be analysed", path=input)
        b = briefs[stories[0].id]
    elif any(c in input for c in "/\\.") or input.startswith("~"):  # story ids have none of these
        raise InputNotFound(f"{input}: no such file or directory", path=input)
    else:
        with open_store(_settings(db=db).db) as store:
            try:
                b = store.brief(input)
            except NotFound as e:
                raise NotFound(
                    f"no story {input!r} in {redact_url(store.url)}, and no file or directory {input!r}",
                    hint="List stories with `newsfuse stories`, or give a file or directory to brief.",
                ) from e
    typer.echo(_render(b, "json" if as_json else fmt))


@app.command("brief-batch")
def brief_batch(
    file: Path,
    max_words: Annotated[int | None, typer.Option(help="Word budget per brief.")] = None,
) -> None:
    """JSONL in ({"id","documents":[...]} per line) -> JSONL out ({"id","brief"}), one story per line."""
    from ..brief import brief_to_dict
    from ..ingest import article_from_record
    from ..pipeline import fuse

    if not file.is_file():
        raise InputNotFound(f"{file}: no such file", path=str(file))
    settings = _settings(max_words=max_words, workers=1)
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
                _, _, stories, _, briefs = fuse(articles, one_story=True, briefs=True, settings=settings)
                if not stories:
                    raise BadRecord(f"{file}:{lineno}: no document could be analysed", path=str(file))
                emit({"id": row.get("id"), "brief": brief_to_dict(briefs[stories[0].id])})
            except (json.JSONDecodeError, AttributeError) as e:
                bad = BadRecord(f"{file}:{lineno}: not a JSON object with 'documents' ({e})", path=str(file))
                _warn(bad)
                emit({"id": None, "error": bad.to_dict()["error"]})
            except NewsfuseError as e:
                _warn(e)
                emit({"id": row.get("id"), "error": e.to_dict()["error"]})


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

    settings = _settings(db=db)  # NEWSFUSE_API_TOKEN, NEWSFUSE_API_OPEN_READS, NEWSFUSE_API_MAX_BODY
    uvicorn.run(create_app(open_store(settings.db), settings), host=host, port=port, log_config=None)
