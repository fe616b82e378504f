"""REST API (/api/v1, OpenAPI at /openapi.json) and web pages over a store.

API errors use the CLI's error object; pages escape all article text. Reads are open; write routes
depend on the write guard (guard.py: bearer token, rate limit, request size limit).
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse

from .brief import brief_to_dict, brief_to_html
from .brief.render import article_to_html, index_to_html
from .errors import NewsfuseError, RequestTooLarge
from .guard import MAX_REQUEST_BYTES, WriteGuard
from .logs import route_libraries
from .store import Store


def create_app(
    store: Store, *, token: str | None = None, max_request_bytes: int = MAX_REQUEST_BYTES
) -> FastAPI:
    """The app over `store`. Write routes (none yet) depend on `app.state.write_guard` (guard.py):
    the bearer `token`, a rate limit and `max_request_bytes`; no request body past that is read."""
    route_libraries()
    api = FastAPI(title="newsfuse", version="0.1.0")
    api.state.write_guard = WriteGuard(token, max_request_bytes)

    @api.middleware("http")
    async def _size(request: Request, call_next: Any) -> Any:
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > max_request_bytes:
            e = RequestTooLarge(f"request body of {int(declared):,} bytes, over {max_request_bytes:,}")
            return JSONResponse(e.to_dict(), status_code=e.status)
        return await call_next(request)

    @api.exception_handler(NewsfuseError)
    async def _err(_: Request, e: NewsfuseError) -> JSONResponse:
        return JSONResponse(e.to_dict(), status_code=e.status)

    @api.get("/api/v1/stories")
    def list_stories() -> list[dict[str, Any]]:
        return [asdict(s) for s in store.stories()]

    @api.get("/api/v1/stories/{story_id}")
    def get_story(story_id: str) -> dict[str, Any]:
        return brief_to_dict(store.brief(story_id))

    @api.get("/api/v1/articles/{article_id:path}")  # ids from dumps may hold "/"
    def get_article(article_id: str) -> dict[str, Any]:
        a = store.get_article(article_id)
        return {
            "id": a.id, "title": a.title, "source": a.source, "url": a.url, "published": a.published,
            "authors": list(a.authors), "text": a.text, "original": a.original,
            "duplicates": list(a.duplicates), "cleaning": [vars(c) for c in a.cleaning],
        }  # fmt: skip

    @api.get("/api/v1/search")
    def search(q: str, limit: int = 20) -> list[dict[str, Any]]:
        return [asdict(h) for h in store.search(q, limit)]

    @api.get("/", response_class=HTMLResponse)
    def index() -> str:
        return index_to_html([asdict(s) for s in store.story_summaries()], link_prefix="/stories/")

    @api.get("/stories/{story_id}", response_class=HTMLResponse)
    def story_page(story_id: str) -> str:
        return brief_to_html(store.brief(story_id))

    @api.get("/articles/{article_id:path}", response_class=HTMLResponse)
    def article_page(article_id: str) -> str:
        article = store.get_article(article_id)
        briefs = [store.brief(s) for s in store.stories_of(article_id)]
        return article_to_html(article, briefs)

    return api
