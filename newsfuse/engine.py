"""Where the analyze stage runs: in this process, in a pool of processes (both cores by default), or on a
Dask cluster (`--engine dask`, a LocalCluster when no `--scheduler` address is given).

Each worker loads the language model once. Work is sent in small chunks and comes back in input order;
an article whose analysis fails comes back as its coded error (the pipeline marks it and goes on),
never as an exception that stops the batch.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Protocol

from .analyze import Analyzer
from .errors import BadOption, NewsfuseError, StageFailed, TooLarge
from .model import Analysis, Article

log = logging.getLogger("newsfuse.engine")
CHUNK = 8  # articles per task: small enough to balance two cores, large enough for nlp.pipe
MAX_ANALYZE_CHARS = 1_000_000  # spaCy's own limit; longer texts are refused with a coded error
IN_PROCESS_BELOW = 24  # a first batch this small is analysed here: starting workers costs more

Outcome = Analysis | NewsfuseError
_analyzer: Analyzer | None = None


def analyze_chunk(articles: Sequence[Article]) -> list[Outcome]:
    """Analyse articles in this process (the model loads once per process); failures are returned."""
    global _analyzer
    if _analyzer is None:
        _analyzer = Analyzer()
    out: list[Outcome | None] = [None] * len(articles)
    ok = []
    for i, a in enumerate(articles):
        if len(a.text) > MAX_ANALYZE_CHARS:
            out[i] = TooLarge(
                f"{a.origin or a.id}: {len(a.text):,} characters of text, more than the analyzer takes "
                f"({MAX_ANALYZE_CHARS:,})",
                path=a.origin or None,
            )
        else:
            ok.append(i)
    try:
        for i, result in zip(ok, _analyzer.analyze([articles[i] for i in ok]), strict=True):
            out[i] = result
    except Exception:  # noqa: BLE001 - one bad text must not fail its chunk: retry one by one
        for i in ok:
            out[i] = _one(articles[i])
    return [o if o is not None else StageFailed(f"{articles[i].id}: no analysis") for i, o in enumerate(out)]


def _one(a: Article) -> Outcome:
    assert _analyzer is not None
    try:
        return next(_analyzer.analyze([a]))
    except NewsfuseError as e:
        return e
    except Exception as e:  # noqa: BLE001 - recorded on the article with its code, the run goes on
        log.debug("analysis of %s failed", a.id, exc_info=True)
        return StageFailed(
            f"{a.origin or a.id}: analysis failed ({type(e).__name__}: {e})", path=a.origin or None
        )


class Pending(Protocol):
    def result(self) -> list[Outcome]: ...


class _Done:
    def __init__(self, value: list[Outcome]):
        self.value = value

    def result(self) -> list[Outcome]:
        return self.value


class _Gather:
    def __init__(self, futures: list[Any], progress: Callable[[int], None] | None):
        self.futures = futures
        self.progress = progress

    def result(self) -> list[Outcome]:
        out: list[Outcome] = []
        for f in self.futures:
            part = f.result()
            out.extend(part)
            if self.progress:
                self.progress(len(part))
        return out


def _chunks(articles: Sequence[Article], size: int) -> list[list[Article]]:
    return [list(articles[i : i + size]) for i in range(0, len(articles), size)]


class LocalEngine:
    """In this process when `workers` is 1 (or the work is small), else a pool of `workers` processes."""

    def __init__(
        self,
        workers: int = 1,
        progress: Callable[[int], None] | None = None,
        in_process_below: int = IN_PROCESS_BELOW,
        task: Callable[[Sequence[Article]], list[Outcome]] = analyze_chunk,
    ):
        self.task = task  # a module-level function: it is sent to the worker processes
        self.workers = max(1, workers)
        self.progress = progress
        self.in_process_below = in_process_below
        self._pool: ProcessPoolExecutor | None = None

    def submit(self, articles: Sequence[Article]) -> Pending:
        if not articles:
            return _Done([])
        if self.workers == 1 or (self._pool is None and len(articles) < self.in_process_below):
            out = self.task(articles)
            if self.progress:
                self.progress(len(out))
            return _Done(out)
        if self._pool is None:
            # fork: workers start in a blink and callers need no `if __name__ == "__main__"` guard
            # (logging re-creates its locks after a fork); spawn where there is no fork
            methods = multiprocessing.get_all_start_methods()
            ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
            self._pool = ProcessPoolExecutor(self.workers, mp_context=ctx)
        size = max(1, min(CHUNK, -(-len(articles) // self.workers)))
        futures: list[Future[list[Outcome]]] = [
            self._pool.submit(self.task, c) for c in _chunks(articles, size)
        ]
        return _Gather(futures, self.progress)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None


class DaskEngine:
    """Chunks of articles as tasks on a Dask cluster; each worker process loads the model once."""

    def __init__(
        self, scheduler: str | None, workers: int = 2, progress: Callable[[int], None] | None = None
    ):
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError as e:
            raise BadOption(
                "the dask engine needs the 'dask' extra", hint="pip install 'newsfuse[dask]'"
            ) from e
        self.progress = progress
        self._cluster = None
        if scheduler:
            self._client = Client(scheduler)
        else:
            self._cluster = LocalCluster(
                n_workers=max(1, workers), threads_per_worker=1, processes=True, host="127.0.0.1",
                dashboard_address=None,
            )  # fmt: skip
            self._client = Client(self._cluster)

    def submit(self, articles: Sequence[Article]) -> Pending:
        if not articles:
            return _Done([])
        futures = self._client.map(analyze_chunk, _chunks(articles, CHUNK), pure=False)
        return _Gather(list(futures), self.progress)

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


class Engine(Protocol):
    def submit(self, articles: Sequence[Article]) -> Pending: ...

    def close(self) -> None: ...


def make_engine(
    engine: str,
    *,
    workers: int = 1,
    scheduler: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> Engine:
    if engine == "local":
        return LocalEngine(workers, progress)
    if engine == "dask":
        return DaskEngine(scheduler, workers, progress)
    raise BadOption(f"unknown engine {engine!r}", hint="Use --engine local or --engine dask.")


def analyze_articles(
    articles: Sequence[Article],
    *,
    engine: str = "local",
    scheduler: str | None = None,
    workers: int = 1,
    progress: Callable[[int], None] | None = None,
) -> list[Analysis]:
    """Analyses of `articles` in input order; raises the first failure (the pipeline marks them instead)."""
    eng = make_engine(engine, workers=workers, scheduler=scheduler, progress=progress)
    try:
        out = eng.submit(articles).result()
    finally:
        eng.close()
    for o in out:
        if isinstance(o, NewsfuseError):
            raise o
    return [o for o in out if isinstance(o, Analysis)]
