"""The server's Jinja environment: autoescaped HTML (article text, titles and outlet names are untrusted)
and the helpers the pages share."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape

from ..brief.render import _fact_label, fact_values


def safe_url(url: str | None) -> str | None:
    """An article's own URL as a link target only when it is http(s): never javascript:, data: and the like."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def path_part(value: str) -> str:
    return quote(value, safe="")


def query(**params: Any) -> str:
    """A query string of the non-empty parameters (each value URL-encoded)."""
    parts = [f"{k}={quote(str(v), safe='')}" for k, v in params.items() if v not in (None, "", False)]
    return ("?" + "&".join(parts)) if parts else ""


def filter_query(f: Any, limit: int = 50, cursor: str | None = None) -> str:
    """The story list's query string for filter `f` (a StoryFilter), page size and cursor."""
    conflicts = {True: "true", False: "false"}.get(f.conflicts, "")
    return query(q=f.q, since=f.since, until=f.until, outlet=f.outlet, entity=f.entity, conflicts=conflicts,
                 limit=limit if limit != 50 else "", cursor=cursor)  # fmt: skip


env = Environment(
    loader=PackageLoader("newsfuse", "templates"),
    autoescape=select_autoescape(["html", "svg"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
env.filters["fact_label"] = _fact_label
env.filters["fact_values"] = fact_values
env.filters["p"] = path_part
env.globals["safe_url"] = safe_url
env.globals["query"] = query
env.globals["filter_query"] = filter_query
