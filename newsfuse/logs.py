"""newsfuse's logging: one place that decides what reaches the terminal.

Libraries newsfuse calls log on their own (trafilatura, htmldate, readability, justext, ...): an ordinary
bad page makes trafilatura print ERROR lines. Their records are routed through newsfuse's logger tree
(`newsfuse.lib.<library>`, at most at WARNING), so they obey the same level as newsfuse's own messages (NEWSFUSE_LOG_LEVEL,
ERROR by default on the CLI, where every problem with an input is already reported as a coded error).

Secrets are never logged nor stored: `redact_url` hides the password of a database URL wherever one is
shown (summaries, error messages, the runs table).
"""

from __future__ import annotations

import logging
import os

LIBRARIES = (
    "trafilatura", "htmldate", "readability", "justext", "courlan", "charset_normalizer", "warcio",
    "feedparser", "dateparser", "tzlocal", "urllib3",
    "distributed",  # a LocalCluster's scheduler and nannies run in the CLI's process: ~15 INFO lines a run
)  # fmt: skip


class _Route(logging.Handler):
    """Hands a library's record to `newsfuse.lib.<library>` (its level and handlers decide)."""

    def emit(self, record: logging.LogRecord) -> None:
        target = logging.getLogger(f"newsfuse.lib.{record.name}")
        level = min(record.levelno, logging.WARNING)  # a library's "ERROR" about one page is not ours
        if target.isEnabledFor(level):
            routed = logging.makeLogRecord(record.__dict__)
            routed.name, routed.levelno, routed.levelname = target.name, level, logging.getLevelName(level)
            target.handle(routed)


def route_libraries() -> None:
    """Send the libraries' records through newsfuse's loggers instead of the root logger (idempotent)."""
    for name in LIBRARIES:
        lib = logging.getLogger(name)
        if not any(isinstance(h, _Route) for h in lib.handlers):
            lib.addHandler(_Route())
        lib.propagate = False


def configure(level: str | None = None) -> None:
    """The CLI's logging: messages as `LEVEL logger: message` on stderr, newsfuse's and the libraries'
    at `level` (default NEWSFUSE_LOG_LEVEL, else ERROR)."""
    logging.basicConfig(format="%(levelname)s %(name)s: %(message)s")
    chosen = (level or os.environ.get("NEWSFUSE_LOG_LEVEL") or "ERROR").upper()
    if chosen not in logging.getLevelNamesMapping():
        chosen = "ERROR"
    logging.getLogger("newsfuse").setLevel(chosen)
    route_libraries()


def redact_url(url: str) -> str:
    """A database URL with its password replaced by ***; other strings unchanged."""
    if "@" not in url or "://" not in url:
        return url
    try:
        from sqlalchemy.engine import make_url

        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - not a URL SQLAlchemy reads: hide everything before the host
        scheme, rest = url.split("://", 1)
        return f"{scheme}://***@{rest.rsplit('@', 1)[1]}"
