"""newsfuse: many outlets' reports of the same events -> one verified, cited account."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import NewsfuseError
from .model import Analysis, Article, Brief, Citation, Fact, Figure, Quote, Story

__all__ = [
    "Analysis",
    "Article",
    "Brief",
    "Citation",
    "Fact",
    "Figure",
    "NewsfuseError",
    "Quote",
    "Story",
    "analyze_text",
    "open_store",
]
__version__ = "0.1.0"

if TYPE_CHECKING:
    from .analyze import analyze_text
    from .store import open_store


def __getattr__(name: str) -> Any:  # heavy stages load on first use
    if name == "analyze_text":
        from .analyze import analyze_text

        return analyze_text
    if name == "open_store":
        from .store import open_store

        return open_store
    raise AttributeError(name)
