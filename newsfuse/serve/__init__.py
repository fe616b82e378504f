"""`newsfuse serve`: a REST API under /api/v1 (OpenAPI at /openapi.json) and web pages, one app over a store.

Every error, whatever its cause, is the CLI's error object with its HTTP status (_errors.py). Reads are
open unless settings say otherwise; writes need the bearer token from settings (NEWSFUSE_API_TOKEN).
Pages are rendered on the server, need nothing from other hosts, and escape all article text.
"""

from __future__ import annotations

from typing import Any

from fastapi import Depends, FastAPI

from ..settings import Settings
from ..store import Store
from ._api import api_router, token_check
from ._errors import BodyLimit, SecurityHeaders, install_error_handlers
from ._limits import WriteRate
from ._pages import page_router
from ._write import write_router

__all__ = ["WriteRate", "create_app"]


def create_app(store: Store, settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    app = FastAPI(
        title="newsfuse",
        version="0.1.0",
        description="Stories, cited briefs, articles, entities, outlets and runs of a newsfuse store.",
        docs_url=None,  # the interactive docs load scripts from a CDN: the server works offline
        redoc_url=None,
    )
    install_error_handlers(app)
    app.add_middleware(BodyLimit, max_body=settings.api_max_body)
    app.add_middleware(SecurityHeaders)
    auth = [Depends(token_check(settings))]
    reads: list[Any] = [] if settings.api_open_reads else auth
    app.include_router(api_router(store, reads))
    app.include_router(write_router(store, settings, [*auth, Depends(WriteRate())]))  # token, then rate
    app.include_router(page_router(store, reads))
    return app
