"""The `newsfuse` command line: the JSON contract commands and the product commands.

Errors are printed to stderr as one JSON object {"error": {"code", "message", "hint"}}
and the exit code is non-zero.
"""

from __future__ import annotations

import json
import logging
import os
import sys

from ..errors import NewsfuseError
from . import corrections as _corrections  # noqa: F401 - registers story merge|split|move|log, pages
from . import runs as _runs  # noqa: F401 - registers run, watch, stories, errors
from .app import app

__all__ = ["app", "main"]


def main() -> None:
    # per-item diagnostics (an unbalanced quote mark...) are for debugging; set NEWSFUSE_LOG_LEVEL=WARNING to see them
    logging.basicConfig(format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("newsfuse").setLevel(os.environ.get("NEWSFUSE_LOG_LEVEL", "ERROR").upper())
    try:
        app(standalone_mode=False)
    except NewsfuseError as e:
        sys.stderr.write(json.dumps(e.to_dict(), ensure_ascii=False) + "\n")
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as e:  # click's usage errors
        import click

        if isinstance(e, click.exceptions.Exit):
            sys.exit(e.exit_code)
        if isinstance(e, click.ClickException):
            err = {"code": "NF100", "message": e.format_message(), "hint": "See `newsfuse --help`."}
            sys.stderr.write(json.dumps({"error": err}) + "\n")
            sys.exit(e.exit_code or 2)
        if isinstance(e, click.exceptions.Abort):
            sys.exit(1)
        if os.environ.get("NEWSFUSE_DEBUG"):
            raise
        bug = NewsfuseError(f"unexpected {type(e).__name__}: {e}")
        sys.stderr.write(json.dumps(bug.to_dict(), ensure_ascii=False) + "\n")
        sys.exit(1)
