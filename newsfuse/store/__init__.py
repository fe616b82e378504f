"""Store: everything the pipeline derives, queryable; SQLite, PostgreSQL or in memory."""

from __future__ import annotations

from .sql import SqlStore

__all__ = ["SqlStore", "open_store"]


def open_store(url: str) -> SqlStore:
    """`sqlite:///path.db`, `postgresql://user@host/db`, or `sqlite://` (in memory)."""
    return SqlStore(url)
