"""Re-running a run record: the runs up to it, replayed in order on their recorded input files with their
recorded settings into a new store, and the briefs compared with the ones the record's store holds.

The store is the state: the briefs a run writes depend on the runs before it, so a record is replayed
with every run before it. A replay is refused (NotReproducible, each reason named) when this machine
has other versions of newsfuse or of a library or model that shapes output, when an input file is
missing or its SHA-256 differs, when a run read records that were not files (posted, piped, fetched),
was stopped before it finished, or when corrections made by hand came before the record's end."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .errors import NotFound, NotReproducible
from .provenance import file_hash, versions
from .settings import Settings
from .store import RunRecord, Store
from .store import codec as _codec

NOT_SETTINGS = ("db", "out", "export", "fields")  # where a run writes, not what it writes


@dataclass
class Replay:
    runs: list[int]  # the runs replayed, in order
    compared: int = 0  # briefs of the source store written by those runs
    different: list[str] = field(default_factory=list)  # stories whose replayed brief differs
    missing: list[str] = field(default_factory=list)  # stories the replay did not brief
    problems: list[str] = field(default_factory=list)  # what made the replay differ from the record

    @property
    def same(self) -> bool:
        return not (self.different or self.missing or self.problems)


def chain(store: Store, run_id: int) -> list[RunRecord]:
    """The record and every run before it."""
    store.get_run(run_id)  # NotFound if there is no such run
    return [r for r in store.list_runs() if r.id <= run_id]


def _refresh(r: RunRecord) -> bool:
    """A run that read nothing: it rebuilt the briefs of stories corrected by hand."""
    return (r.summary or {}).get("kind") == "refresh"


def version_problems(recorded: dict[str, str], here: dict[str, str] | None = None) -> list[str]:
    here = here if here is not None else versions()
    return [
        f"{pkg} {was} recorded, {here.get(pkg, 'not installed')} here"
        for pkg, was in recorded.items()
        if here.get(pkg, "not installed") != was
    ]


def problems(store: Store, runs: list[RunRecord], here: dict[str, str] | None = None) -> list[str]:
    """Why these runs cannot be replayed as recorded ([] when they can)."""
    out: list[str] = []
    if not [r for r in runs if not _refresh(r)]:
        return ["no run read any inputs"]
    last = runs[-1]
    for r in runs:
        if _refresh(r):
            continue  # the corrections before it are found below
        files = [h for h in r.hashes if h.kind == "file"]
        records = next((h for h in r.hashes if h.kind == "records"), None)
        if r.finished is None:
            out.append(f"run {r.id} was stopped before it finished")
        if not r.hashes:
            out.append(f"run {r.id} was recorded without its inputs' hashes (before newsfuse kept them)")
        elif not files and records is not None and records.size:
            out.append(
                f"run {r.id} read {records.size} records that were not files (posted, piped or fetched)"
            )
        elif any(i == "-" or i.startswith(("http://", "https://")) for i in r.inputs):
            out.append(f"run {r.id} also read stdin or a URL: {', '.join(r.inputs)}")
        for h in files:
            p = Path(h.name)
            if not p.is_file():
                out.append(f"run {r.id}: input {h.name} is missing")
            elif file_hash(p).sha256 != h.sha256:
                out.append(f"run {r.id}: input {h.name} changed (SHA-256 {h.sha256[:12]}... recorded)")
        out += [f"run {r.id}: {p}" for p in version_problems(r.versions, here)]
    if last.finished is not None:
        end = datetime.fromisoformat(last.finished)
        made = [c for c in store.corrections() if datetime.fromisoformat(c.made) <= end]
        if made:
            out.append(
                f"{len(made)} corrections by hand (`newsfuse story log`) came before run {last.id} ended"
            )
    return list(dict.fromkeys(out))


def settings_of(r: RunRecord, db: str, out: str | None) -> Settings:
    known = {k: v for k, v in r.settings.items() if k in Settings.model_fields and k not in NOT_SETTINGS}
    return Settings(**known, db=db, out=out or "newsfuse-out", export=out is not None)


def comparable(brief: object) -> str:
    """A brief's JSON without the run that wrote it."""
    d = _codec.plain(brief)
    d.pop("run", None)
    return json.dumps(d, ensure_ascii=False, sort_keys=True)


def replay(
    source: Store,
    run_id: int,
    target: Store,
    *,
    out: str | None = None,
    force: bool = False,
    progress: Callable[[str, int, int], None] | None = None,
) -> Replay:
    """Replay runs 1..run_id of `source` into the empty store `target` and compare the briefs."""
    from .pipeline import run

    runs = chain(source, run_id)
    found = problems(source, runs)
    if found and not force:
        raise NotReproducible(f"run {run_id} cannot be re-run as recorded: " + "; ".join(found))
    if target.count_stories() or target.list_runs():
        raise NotReproducible(f"the store at {target.url} is not empty", hint="Re-run into a new store.")
    runs = [r for r in runs if not _refresh(r)]
    result = Replay([r.id for r in runs], problems=found)
    for r in runs:
        files = [h.name for h in r.hashes if h.kind == "file"]
        summary = run(files, settings_of(r, target.url, out), target, mapping=r.settings.get("fields") or {},
                      progress=progress)  # fmt: skip
        was = next((h for h in r.hashes if h.kind == "records"), None)
        now = next((h for h in target.get_run(summary.run_id).hashes if h.kind == "records"), None)
        if was is not None and now is not None and (was.sha256, was.size) != (now.sha256, now.size):
            result.problems.append(f"run {r.id}: the records read here differ from the recorded ones")
    for s in source.story_summaries():
        b = source.brief(s.id)
        if b.run is None or b.run > run_id:
            continue  # rebuilt by a later run: not the state the record left
        result.compared += 1
        try:
            again = target.brief(s.id)
        except NotFound:  # the replay made no such story
            result.missing.append(s.id)
            continue
        if comparable(again) != comparable(b):
            result.different.append(s.id)
    return result
