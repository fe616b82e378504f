"""The `newsfuse` command line: the JSON contract commands and the product commands.

Errors are printed to stderr as one JSON object {"error": {"code", "message", "hint"}} (the object the
API returns) and the exit code is non-zero: 2 for a usage error or a coded error, 1 for a bug.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any

import typer

from ..errors import NewsfuseError, UsageError
from ..logs import configure
from . import corrections as _corrections  # noqa: F401 - registers story merge|split|move|log, pages
from . import exports as _exports  # noqa: F401 - registers export
from . import records as _records  # noqa: F401 - registers runs [show|rerun], story changes
from . import runs as _runs  # noqa: F401 - registers run, watch, stories, errors
from .app import app

__all__ = ["app", "main", "usage_error"]


def _fail(e: NewsfuseError, status: int) -> None:
    sys.stderr.write(json.dumps(e.to_dict(), ensure_ascii=False) + "\n")
    sys.exit(status)


def usage_error(e: Any) -> UsageError:
    """A command-line parsing error (typer/click): NF100 with the command's usage line in the hint."""
    ctx = getattr(e, "ctx", None)
    usage = ctx.get_usage().strip() if ctx is not None else "Usage: newsfuse [OPTIONS] COMMAND [ARGS]..."
    command = ctx.command_path if ctx is not None else "newsfuse"
    return UsageError(e.format_message(), hint=f"{usage}  (see `{command} --help`)")


def main() -> None:
    # per-item diagnostics (an unbalanced quote mark...) and libraries' log lines are for debugging:
    # NEWSFUSE_LOG_LEVEL=WARNING shows them; problems with inputs are reported as coded errors anyway
    configure()
    try:
        app(prog_name="newsfuse", standalone_mode=False)
    except NewsfuseError as e:
        _fail(e, 2)
    except KeyboardInterrupt:
        sys.exit(130)
    except typer.Exit as e:
        sys.exit(e.exit_code)
    except typer.Abort:
        sys.exit(1)
    except typer.exceptions.TyperException as e:  # click's usage errors (typer vendors click)
        if type(e).__name__ == "NoArgsIsHelpError":  # `newsfuse` alone: the help was printed
            sys.exit(2)
        if hasattr(e, "format_message"):
            _fail(usage_error(e), getattr(e, "exit_code", 2) or 2)
        raise
    except Exception as e:
        if os.environ.get("NEWSFUSE_DEBUG"):
            raise
        _fail(NewsfuseError(f"unexpected {type(e).__name__}: {e}"), 1)
