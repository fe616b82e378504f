"""Store: everything the pipeline derives, queryable; SQLite, PostgreSQL or in memory (`sqlite://`)."""

from __future__ import annotations

from .base import Store
from .records import (
    ArticleInfo,
    CorrectionRecord,
    EntityCount,
    FailedArticle,
    InputHash,
    OutletCount,
    PageRecord,
    RunRecord,
    SearchHit,
    StoryFilter,
    StoryRecord,
    StorySummary,
)
from .schema import SCHEMA_VERSION
from .sql import SqlStore

__all__ = [
    "SCHEMA_VERSION",
    "ArticleInfo",
    "CorrectionRecord",
    "EntityCount",
    "FailedArticle",
    "InputHash",
    "OutletCount",
    "PageRecord",
    "RunRecord",
    "SearchHit",
    "SqlStore",
    "Store",
    "StoryFilter",
    "StoryRecord",
    "StorySummary",
    "open_store",
]


def open_store(url: str) -> SqlStore:
    """`sqlite:///path.db`, `postgresql://user@host/db`, or `sqlite://` (in memory); migrated on open."""
    return SqlStore(url)
