"""Write endpoints (bearer token): POST /api/v1/articles, a JSON body or an uploaded file, through the
same Pipeline as `newsfuse run` (clean, dedup, analyse, cluster, reconcile, brief, store); corrections by
hand, POST /api/v1/stories/{id}/merge|split|move, as `newsfuse story merge|split|move` makes them (kept
in the store, the affected briefs rebuilt). Requests write one at a time."""

from __future__ import annotations

import logging
import pathlib
import tempfile
import threading
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from .. import ingest
from ..correct import apply_correction
from ..errors import BadOption, BadRequest, NewsfuseError, UnsupportedInput
from ..model import Article
from ..settings import Settings
from ..store import Store, open_store
from ..wire import CorrectionJSON

log = logging.getLogger("newsfuse.serve")

# what `newsfuse run` reads, longest first; the upload is saved as "upload" + the one its name ends with
UPLOAD_SUFFIXES = (".warc.gz", ".html.gz", ".htm.gz", ".html", ".htm", ".gz", ".xml", ".rss", ".atom",
                   ".warc", ".jsonl", ".csv", ".txt")  # fmt: skip


class ArticleIn(BaseModel):
    """One article as JSON: only `text` is required."""

    model_config = ConfigDict(extra="forbid")
    text: Annotated[str, Field(min_length=1)]
    title: str = ""
    source: str = ""
    published: date | None = None
    url: str | None = None
    authors: list[str] = []
    id: str | None = Field(default=None, max_length=200)


class ArticlesIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    articles: Annotated[list[ArticleIn], Field(min_length=1, max_length=1000)]


_BODY: TypeAdapter[ArticleIn | ArticlesIn] = TypeAdapter(ArticleIn | ArticlesIn)


StoryId = Annotated[str, Path(min_length=1, max_length=64, description="A story id (`GET /api/v1/stories`).")]
CORRECTION_HINT = "See the story's articles and why they were grouped at GET /api/v1/stories/{id}."


class MergeIn(BaseModel):
    """The story whose articles join the story of the path (which stays); it is left empty."""

    model_config = ConfigDict(extra="forbid")
    other: Annotated[str, Field(min_length=1, max_length=64)]


class SplitIn(BaseModel):
    """Articles of the story of the path that form a story of their own."""

    model_config = ConfigDict(extra="forbid")
    articles: Annotated[
        list[Annotated[str, Field(min_length=1, max_length=200)]], Field(min_length=1, max_length=1000)
    ]


class MoveIn(BaseModel):
    """An article (also a stored page judged not an article) that moves into the story of the path."""

    model_config = ConfigDict(extra="forbid")
    article: Annotated[str, Field(min_length=1, max_length=200)]


class RunOut(BaseModel):
    run: int
    read: int
    new: int
    duplicates: int
    already_stored: int
    failed: int
    stories: list[str]  # stories whose brief this request rebuilt
    errors: list[dict[str, Any]]  # problems with single articles (the others went through)


class Writer:
    """Runs the pipeline for requests, one at a time, on its own connection to the store."""

    def __init__(self, store: Store, settings: Settings):
        memory = store.url in ("sqlite://", "sqlite:///:memory:")
        self.store = store if memory else open_store(store.url)
        self.settings = settings.model_copy(
            update={"export": False, "workers": 1 if settings.engine == "local" else settings.workers}
        )
        self.lock = threading.Lock()

    def run(self, articles: list[Article], inputs: list[str], errors: list[NewsfuseError]) -> dict[str, Any]:
        from ..pipeline import Pipeline

        with self.lock:
            summary = Pipeline(self.settings, self.store, export=False).run(articles, inputs, errors)
        if not summary.read and errors:
            raise errors[0]
        rec = summary.record()
        return {"run": summary.run_id, **{k: rec[k] for k in ("read", "new", "duplicates", "already_stored",
                "failed", "errors")}, "stories": sorted(summary.changed)}  # fmt: skip

    def correct(self, kind: str, *args: Any) -> dict[str, Any]:
        """A correction, then the stale briefs rebuilt (not exported: the server writes no files). A
        request the correction refuses (a story merged with itself, an article not in the story...) is
        invalid (422), an unknown story or article is not found (404)."""
        with self.lock:
            try:
                done = apply_correction(self.store, self.settings, kind, args)
            except BadOption as e:
                raise BadRequest(e.message, hint=CORRECTION_HINT) from None
        for problem in done.errors:  # a brief not rebuilt is kept, marked, listed by `newsfuse errors`
            log.warning("correction %s: %s", done.correction, problem.message)
        return done.to_dict()


def _from_json(raw: bytes) -> list[Article]:
    try:
        body = _BODY.validate_json(raw)
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(x) for x in first.get("loc", ()))
        raise BadRequest(f"body field {where!r}: {first.get('msg', 'invalid')}" if where else
                         f"body: {first.get('msg', 'invalid')}",
                         hint='Send {"text": ..., "title", "source", "published", "url", "authors"} '
                              'or {"articles": [...]}.') from None  # fmt: skip
    items = body.articles if isinstance(body, ArticlesIn) else [body]
    out = []
    for i, a in enumerate(items):
        rec = a.model_dump(exclude_none=True)
        if a.published:
            rec["published"] = a.published.isoformat()
        out.append(ingest.article_from_record(rec, f"api:articles[{i}]"))
    return out


async def _from_upload(request: Request, writer: Writer) -> dict[str, Any]:
    async with request.form() as form:  # closes the spooled upload however this ends
        upload = form.get("file")
        if upload is None or isinstance(upload, str):
            raise BadRequest(
                "body field 'file': missing", hint="Send the file as multipart/form-data field 'file'."
            )
        name = upload.filename or "upload"
        suffix = next((x for x in UPLOAD_SUFFIXES if name.lower().endswith(x)), None)
        if suffix is None:
            raise UnsupportedInput(f"{name[:100]}: not a kind of file newsfuse reads", path=name[:100])
        data = await upload.read()
    with tempfile.TemporaryDirectory(prefix="newsfuse-upload-") as tmp:
        path = pathlib.Path(tmp) / ("upload" + suffix)
        path.write_bytes(data)
        errors: list[NewsfuseError] = []

        def go() -> dict[str, Any]:
            stream = ingest.STAGE.run([str(path)], on_error=errors.append)
            return writer.run(list(stream), [f"upload:{name[:100]}"], errors)

        return await run_in_threadpool(go)


def write_router(store: Store, settings: Settings, write_deps: list[Any]) -> APIRouter:
    r = APIRouter(prefix="/api/v1", dependencies=write_deps, tags=["write"])
    writer = Writer(store, settings)
    body_doc = {
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": _BODY.json_schema()},
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {"file": {"type": "string", "format": "binary"}},
                        "required": ["file"],
                    }  # fmt: skip
                },
            },
        }
    }

    @r.post("/articles", status_code=201, response_model=RunOut, openapi_extra=body_doc)
    async def post_articles(request: Request) -> dict[str, Any]:
        """Add articles, as JSON (one, or {"articles": [...]}) or an uploaded file (any format `newsfuse run`
        reads), through the whole pipeline; returns the run and the stories whose brief changed."""
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind == "multipart/form-data":
            return await _from_upload(request, writer)
        if kind != "application/json":
            raise UnsupportedInput(f"content type {kind or 'none'!r} is not accepted here",
                                   hint="Send application/json or multipart/form-data with a 'file'.")  # fmt: skip
        articles = _from_json(await request.body())
        return await run_in_threadpool(writer.run, articles, ["api:articles"], [])

    @r.post("/stories/{story_id}/merge", response_model=CorrectionJSON)
    async def merge_stories(story_id: StoryId, body: MergeIn) -> dict[str, Any]:
        """Merge story `other` into this one (`newsfuse story merge`); new articles close to either join it."""
        return await run_in_threadpool(writer.correct, "merge", story_id, body.other)

    @r.post("/stories/{story_id}/split", response_model=CorrectionJSON)
    async def split_story(story_id: StoryId, body: SplitIn) -> dict[str, Any]:
        """Split `articles` off this story into a new story (`newsfuse story split`)."""
        return await run_in_threadpool(writer.correct, "split", story_id, body.articles)

    @r.post("/stories/{story_id}/move", response_model=CorrectionJSON)
    async def move_article(story_id: StoryId, body: MoveIn) -> dict[str, Any]:
        """Move `article` into this story (`newsfuse story move`), out of the story it was in."""
        return await run_in_threadpool(writer.correct, "move", body.article, story_id)

    return r
