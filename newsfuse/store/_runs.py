"""The store's run records: each run's inputs and their SHA-256, settings (the database URL without its
password; the API token is never recorded), versions, and what it did."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection, Row

from ..errors import NotFound
from ..logs import redact_url
from .records import InputHash, RunRecord
from .schema import run_inputs, runs


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")  # ordered against corrections (rerun.py)


class RunQueries:
    if TYPE_CHECKING:

        def _c(self, write: bool = False) -> AbstractContextManager[Connection]: ...

    def start_run(self, inputs: Sequence[str], settings: dict[str, Any], versions: dict[str, str]) -> int:
        with self._c(write=True) as c:
            res = c.execute(
                insert(runs).values(
                    started=_now(),
                    inputs=json.dumps(list(inputs)),
                    settings=json.dumps({**settings, "db": redact_url(str(settings.get("db", "")))}),
                    versions=json.dumps(versions),
                )  # fmt: skip
            )
            return int(res.inserted_primary_key[0])  # type: ignore[index]

    def add_run_inputs(self, run_id: int, hashes: Iterable[InputHash]) -> None:
        """The run's inputs, hashed (replacing any recorded before: a run records them when it ends)."""
        with self._c(write=True) as c:
            c.execute(delete(run_inputs).where(run_inputs.c.run_id == run_id))
            rows = [{"run_id": run_id, "seq": i, "name": h.name, "kind": h.kind, "sha256": h.sha256,
                     "size": h.size} for i, h in enumerate(hashes)]  # fmt: skip
            if rows:
                c.execute(run_inputs.insert(), rows)

    def finish_run(self, run_id: int, summary: dict[str, Any]) -> None:
        with self._c(write=True) as c:
            c.execute(
                update(runs).where(runs.c.id == run_id).values(finished=_now(), summary=json.dumps(summary))
            )

    def _records(self, c: Connection, rows: Sequence[Row[Any]]) -> list[RunRecord]:
        ids = [r.id for r in rows]
        hashes: dict[int, list[InputHash]] = {}
        for i in range(0, len(ids), 500):
            q = select(run_inputs).where(run_inputs.c.run_id.in_(ids[i : i + 500]))
            for h in c.execute(q.order_by(run_inputs.c.run_id, run_inputs.c.seq)):
                hashes.setdefault(h.run_id, []).append(InputHash(h.name, h.kind, h.sha256, h.size))
        return [
            RunRecord(r.id, r.started, r.finished, tuple(json.loads(r.inputs)), json.loads(r.settings),
                      json.loads(r.versions), json.loads(r.summary) if r.summary else None,
                      tuple(hashes.get(r.id, ())))
            for r in rows
        ]  # fmt: skip

    def list_runs(self, limit: int | None = None, *, newest_first: bool = False) -> list[RunRecord]:
        """Runs oldest first (or newest first), with their input hashes."""
        q = select(runs).order_by(runs.c.id.desc() if newest_first else runs.c.id)
        if limit is not None:
            q = q.limit(limit)
        with self._c() as c:
            return self._records(c, c.execute(q).fetchall())

    def get_run(self, run_id: int) -> RunRecord:
        with self._c() as c:
            found = self._records(c, c.execute(select(runs).where(runs.c.id == run_id)).fetchall())
        if not found:
            raise NotFound(f"no run {run_id}", hint="List the runs with `newsfuse runs`.")
        return found[0]
