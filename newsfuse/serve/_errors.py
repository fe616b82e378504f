"""One error shape for everything the server answers with an error: the CLI's object
`{"error": {"code", "message", "hint"}}` with the error's HTTP status, for newsfuse's own errors,
invalid parameters and bodies, unknown routes, wrong methods, oversized bodies and unexpected
exceptions alike. A browser asking for a page gets the same fields as an HTML page."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import BadRequest, MethodNotAllowed, NewsfuseError, NotFound, RequestTooLarge
from ._templates import env

log = logging.getLogger("newsfuse.serve")


def wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api/") and "text/html" in request.headers.get("accept", "")


def error_response(request: Request, err: NewsfuseError, headers: dict[str, str] | None = None) -> Response:
    if wants_html(request):
        page = env.get_template("serve_error.html").render(err=err.to_dict()["error"], status=err.status)
        return HTMLResponse(page, status_code=err.status, headers=headers)
    return JSONResponse(err.to_dict(), status_code=err.status, headers=headers)


def _where(loc: tuple[Any, ...]) -> str:
    kind = {"query": "query parameter", "path": "path parameter", "body": "body field", "header": "header"}
    head = kind.get(str(loc[0]), str(loc[0])) if loc else "request"
    rest = ".".join(str(x) for x in loc[1:])
    return f"{head} {rest!r}" if rest else head


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for e in exc.errors()[:5]:
        got = e.get("input")
        shown = f" (got {str(got)[:40]!r})" if isinstance(got, (str, int, float)) else ""
        parts.append(f"{_where(tuple(e.get('loc', ())))}: {e.get('msg', 'invalid')}{shown}")
    return "; ".join(parts) or "invalid request"


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(NewsfuseError)
    async def _own(request: Request, exc: NewsfuseError) -> Response:
        return error_response(request, exc)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        return error_response(request, BadRequest(_validation_message(exc)))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        where = f"{request.method} {request.url.path}"
        err: NewsfuseError
        if exc.status_code == 404:
            err = NotFound(
                f"no such route: {where}", hint="See /openapi.json for the API's routes; pages: /."
            )
        elif exc.status_code == 405:
            err = MethodNotAllowed(f"{request.method} is not allowed on {request.url.path}")
        else:
            err = NewsfuseError(f"{where}: {exc.detail}", hint="See /openapi.json.")
            err.status = exc.status_code
            err.code = f"NF{exc.status_code}"
        return error_response(request, err, dict(exc.headers or {}))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(
            request, NewsfuseError(f"unexpected error ({type(exc).__name__}) on {request.url.path}")
        )


class BodyLimit:
    """Refuses a request body larger than `max_body` bytes (declared or streamed) with NF504 (413)."""

    def __init__(self, app: ASGIApp, max_body: int):
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        too_big = RequestTooLarge(f"the request body is larger than {self.max_body} bytes")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body:
            await error_response(Request(scope), too_big)(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:  # a streamed body: the route's error handler answers NF504
            nonlocal seen
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > self.max_body:
                    raise too_big
            return msg

        await self.app(scope, counted, send)


PAGE_CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)


class SecurityHeaders:
    """Content-Security-Policy (no inline script, nothing from other hosts) and nosniff on every response."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(msg: Message) -> None:
            if msg["type"] == "http.response.start":
                headers = list(msg.get("headers") or [])
                headers += [
                    (b"content-security-policy", PAGE_CSP.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                ]
                msg = {**msg, "headers": headers}
            await send(msg)

        await self.app(scope, receive, with_headers)
