"""Where a run's work is done: raw pages extracted and articles cleaned (`prepare`), then analysed
(`submit`); in this process, in a pool of processes (both cores by default), or on a Dask cluster
(`--engine dask`, a LocalCluster when no `--scheduler` address is given).

Each worker loads the language model once. Work is sent in small chunks and comes back in input order;
an item whose work fails comes back as its coded error (the pipeline marks it and goes on), never as
an exception that stops the batch.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from functools import partial
from typing import Any, NamedTuple, Protocol

from . import clean as clean_stage
from .analyze import Analyzer
from .budget import deadline, seconds_for
from .chunks import analyze_in_chunks
from .cluster.vectors import term_counts
from .collect import run_with_fewer_collections
from .dask_start import DaskStart
from .errors import BadOption, EngineUnavailable, NewsfuseError, StageFailed, TimedOut, TooLarge
from .model import Analysis, Article
from .prepare import Cleaner, Item, chars, lost, origin, prepare_chunk
from .store import codec
from .story_briefs import BriefJob, compose_chunk
from .story_briefs import lost as brief_lost

log = logging.getLogger("newsfuse.engine")
CHUNK = 8  # articles per task: small enough to balance two cores, large enough for nlp.pipe
DASK_CHUNK = 16  # a Dask task costs the scheduler (in this process) more than a pool task: fewer, larger
MODEL_CHARS = 1_000_000  # spaCy's own limit: longer texts are analysed in chunks (chunks.py)
CHUNK_CHARS = 100_000  # the size of those chunks (the analyzer's time per character grows past this)
MAX_ANALYZE_CHARS = 2_000_000  # default Settings.max_analyze_chars: longer texts are refused (TooLarge)
LARGE_BATCH = "2GB"  # a batch of items sent to a Dask cluster this large is worth a warning
IN_PROCESS_BELOW = 24  # a first batch this small is analysed here: starting workers costs more

Outcome = Analysis | NewsfuseError
_analyzer: Analyzer | None = None


class Analysed(NamedTuple):
    """An analysis with what the pipeline's process would otherwise compute from it, computed where the
    analysis ran (a worker): its stored form (JSON) and the clusterer's term counts. The pipeline's own
    process is the part of a run that more workers do not speed up."""

    analysis: Analysis
    data: str  # store.codec.dumps(analysis)
    terms: Counter[str]  # cluster.term_counts(article, analysis)


def analyze_chunk(articles: Sequence[Article], max_chars: int = MAX_ANALYZE_CHARS) -> list[Outcome]:
    """Analyse articles in this process (the model loads once per process); failures are returned.

    Each text runs under a time budget (budget.py); texts past the model's limit are analysed in chunks,
    texts past `max_chars` are refused."""
    global _analyzer
    if _analyzer is None:
        _analyzer = Analyzer()
    out: list[Outcome | None] = [None] * len(articles)
    ok = []
    for i, a in enumerate(articles):
        if len(a.text) > max_chars:
            out[i] = TooLarge(
                f"{origin(a)}: {len(a.text):,} characters of text, more than the analyzer takes "
                f"({max_chars:,}); it is kept in the store, marked failed",
                hint="Split the file (is it really one article?), or raise NEWSFUSE_MAX_ANALYZE_CHARS and "
                "run with --retry-failed.",
                path=a.origin or None,
            )
        elif len(a.text) > MODEL_CHARS:
            out[i] = _one(a)
        else:
            ok.append(i)
    try:  # together (nlp.pipe is faster); the budget of the whole group
        with deadline(seconds_for(sum(len(articles[i].text) for i in ok)), f"analysis of {len(ok)} articles"):
            results = list(_analyzer.analyze([articles[i] for i in ok]))
        for i, result in zip(ok, results, strict=True):
            out[i] = result
    except Exception:  # noqa: BLE001 - one bad or slow text must not fail its chunk: one by one
        for i in ok:
            out[i] = _one(articles[i])
    return [o if o is not None else StageFailed(f"{articles[i].id}: no analysis") for i, o in enumerate(out)]


def _one(a: Article) -> Outcome:
    assert _analyzer is not None
    analyzer = _analyzer
    try:
        with deadline(seconds_for(len(a.text)), f"{origin(a)}: analysis", a.origin or None):
            if len(a.text) > MODEL_CHARS:
                # one chunk at a time: a batch of parsed 100k-character docs held together took 3.5 GB
                return analyze_in_chunks(a, CHUNK_CHARS, lambda xs: [next(analyzer.analyze([x])) for x in xs])
            return next(analyzer.analyze([a]))
    except NewsfuseError as e:
        return e
    except Exception as e:  # noqa: BLE001 - recorded on the article with its code, the run goes on
        log.debug("analysis of %s failed", a.id, exc_info=True)
        return StageFailed(f"{origin(a)}: analysis failed ({type(e).__name__}: {e})", path=a.origin or None)


def analyze_for_store(
    articles: Sequence[Article], task: Callable[[Sequence[Article]], list[Outcome]] = analyze_chunk
) -> list[Analysed | NewsfuseError]:
    """`task`'s outcomes (`analyze_chunk`), each analysis with its stored form and term counts."""
    return [
        Analysed(o, codec.dumps(o), term_counts(a, o)) if isinstance(o, Analysis) else o
        for a, o in zip(articles, task(articles), strict=True)
    ]


class Pending(Protocol):
    """Outcomes, in input order: `Outcome`s of `submit`, `prepare.Ready` pairs of `prepare`."""

    def result(self) -> list[Any]: ...


class _Done:
    def __init__(self, value: list[Any]):
        self.value = value

    def result(self) -> list[Any]:
        return self.value


def hard_seconds(items: Sequence[Unit]) -> float:
    """How long the pool waits for a chunk before it kills the worker: past the chunk's own budget
    (which the worker enforces itself, budget.py), for work the budget cannot interrupt."""
    return 2 * seconds_for(sum(_size(a) for a in items)) + 60


@dataclass(frozen=True)
class _Work:
    """What a pool or cluster runs over chunks of items, and what an item gets when its worker is lost."""

    task: Callable[[Sequence[Any]], list[Any]]
    what: str  # "analysis", "extraction and cleaning"
    lost: Callable[[Any, NewsfuseError], Any]
    progress: Callable[[int], None] | None = None

    @property
    def run(self) -> Callable[[Sequence[Any]], list[Any]]:
        """`task` as sent to run, wherever it runs: with fewer garbage collections (collect.py)."""
        return partial(run_with_fewer_collections, self.task)

    def lost_all(self, items: Sequence[Any], why: str) -> list[Any]:
        return [self.lost(x, StageFailed(f"{_name(x)}: {self.what} failed ({why})", path=_path(x)))
                for x in items]  # fmt: skip


Unit = Item | BriefJob  # what the engine's work is done on


def _size(x: Unit) -> int:
    """The size time budgets count a unit of work as."""
    return sum(len(a.text) for a in x.articles) if isinstance(x, BriefJob) else chars(x)


def _name(x: Unit) -> str:
    return f"story {x.story}" if isinstance(x, BriefJob) else origin(x)


def _path(x: Unit) -> str | None:
    return None if isinstance(x, BriefJob) else x.origin or None


def _analysis(
    task: Callable[[Sequence[Article]], list[Any]], progress: Callable[[int], None] | None
) -> _Work:
    return _Work(task, "analysis", lambda _a, e: e, progress)


def _preparation(clean: Cleaner) -> _Work:
    task = prepare_chunk if clean is clean_stage.clean else partial(prepare_chunk, clean=clean)
    return _Work(task, "extraction and cleaning", lost)


class _Gather:
    """Futures of chunks, collected in order. A chunk that fails as a whole (a Dask task that killed its
    workers, a pool worker that died or did not come back in time) is not an exception that stops the
    batch: `rescue` gives its items' outcomes (the pool re-runs them one by one, see LocalEngine)."""

    def __init__(
        self,
        chunks: list[list[Any]],
        futures: list[Any],
        work: _Work,
        rescue: Callable[[list[Any], BaseException], list[Any]] | None = None,
        timeout: Callable[[Sequence[Any]], float | None] = lambda _: None,
    ):
        self.chunks = chunks
        self.futures = futures
        self.work = work
        self.rescue = rescue or (lambda c, e: work.lost_all(c, f"{type(e).__name__}: {e}"))
        self.timeout = timeout

    def result(self) -> list[Any]:
        out: list[Any] = []
        for chunk, f in zip(self.chunks, self.futures, strict=True):
            try:
                part: list[Any] = f.result(timeout=self.timeout(chunk))
            except Exception as e:  # noqa: BLE001 - the chunk's items get coded outcomes, the batch goes on
                log.warning("a chunk of %d items failed as a whole (%s): rescuing", len(chunk), e)
                part = self.rescue(chunk, e)
            out.extend(part)
            if self.work.progress:
                self.work.progress(len(part))
        return out


def _chunks(articles: Sequence[Any], size: int) -> list[list[Any]]:
    return [list(articles[i : i + size]) for i in range(0, len(articles), size)]


class _Engine:
    """What every engine offers; each maps a unit of work over chunks of items its own way (`_map`)."""

    task: Callable[[Sequence[Article]], list[Outcome]]
    progress: Callable[[int], None] | None

    def submit(self, articles: Sequence[Article], for_store: bool = False) -> Pending:
        """Analyses of `articles`, in order (`Outcome`s; with `for_store`, `Analysed` or errors)."""
        task = partial(analyze_for_store, task=self.task) if for_store else self.task
        return self._map(_analysis(task, self.progress), articles)

    def prepare(self, items: Sequence[Item], clean: Cleaner = clean_stage.clean) -> Pending:
        """Raw pages extracted and articles cleaned: `prepare.Ready` outcomes, in order."""
        return self._map(_preparation(clean), items)

    def compose(self, jobs: Sequence[BriefJob]) -> Pending:
        """Briefs of stories (`story_briefs.BriefOutcome`s), in order."""
        return self._map(_briefing(), jobs)

    def _map(self, work: _Work, items: Sequence[Any]) -> Pending:
        raise NotImplementedError


class LocalEngine(_Engine):
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

    def _map(self, work: _Work, items: Sequence[Any]) -> Pending:
        if not items:
            return _Done([])
        if self.workers == 1 or (self._pool is None and len(items) < self.in_process_below):
            out = work.run(items)
            if work.progress:
                work.progress(len(out))
            return _Done(out)
        pool = self._start()
        size = max(1, min(CHUNK, -(-len(items) // self.workers)))
        chunks = _chunks(items, size)
        futures: list[Future[list[Any]]] = [pool.submit(work.run, c) for c in chunks]
        return _Gather(chunks, futures, work, partial(self._rescue, work), hard_seconds)

    def _start(self, workers: int | None = None) -> ProcessPoolExecutor:
        if self._pool is None:
            # fork: workers start in a blink and callers need no `if __name__ == "__main__"` guard
            # (logging re-creates its locks after a fork); spawn where there is no fork
            methods = multiprocessing.get_all_start_methods()
            ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
            self._pool = ProcessPoolExecutor(workers or self.workers, mp_context=ctx)
        return self._pool

    def _kill(self) -> None:
        """Stop the pool at once, its workers included (a hung worker never finishes its task)."""
        if self._pool is not None:
            for proc in list(getattr(self._pool, "_processes", {}).values()):
                proc.kill()
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _rescue(self, work: _Work, chunk: list[Any], error: BaseException) -> list[Any]:
        """A chunk whose worker died or hung: the pool is replaced and its items re-run one at a time,
        each in a fresh worker process if the one before it had to be killed; an item that kills or
        hangs its worker again is marked failed."""
        self._kill()
        out: list[Any] = []
        for a in chunk:
            pool = self._start(1)
            try:
                out.extend(pool.submit(work.run, [a]).result(timeout=hard_seconds([a])))
            except FutureTimeout:
                self._kill()
                out.append(work.lost(a, TimedOut(f"{_name(a)}: {work.what} did not finish in "
                                                 f"{hard_seconds([a]):.0f} s; its worker was stopped",
                                                 path=_path(a))))  # fmt: skip
            except Exception as e:  # noqa: BLE001 - the worker died (killed, out of memory, a crash)
                self._kill()
                out.extend(work.lost_all([a], f"its worker process died: {type(e).__name__}"))
        self._kill()  # the next batch starts a full pool again
        return out

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None


class DaskEngine(_Engine):
    """Chunks of articles as tasks on a Dask cluster; each worker process loads the model once. `start`: a
    connection already under way (dask_start.py: the CLI begins it before importing the pipeline); the
    engine closes it."""

    def __init__(
        self,
        scheduler: str | None,
        workers: int = 2,
        progress: Callable[[int], None] | None = None,
        task: Callable[[Sequence[Article]], list[Outcome]] = analyze_chunk,
        start: DaskStart | None = None,
    ):
        self.task = task
        self.progress = progress
        self._start = start or DaskStart(scheduler, workers)
        try:
            self._client = self._start.client()
        except ImportError as e:
            self._start.close()
            raise BadOption(
                "the dask engine needs the 'dask' extra", hint="pip install 'newsfuse[dask]'"
            ) from e
        except OSError as e:  # Dask's "Timed out trying to connect" is an OSError
            self._start.close()  # a local cluster whose client failed is not left running
            where = f"the Dask scheduler at {scheduler}" if scheduler else "a local Dask cluster"
            raise EngineUnavailable(f"cannot start the dask engine: {where} is not reachable ({e})") from e

    def _map(self, work: _Work, items: Sequence[Any]) -> Pending:
        if not items:
            return _Done([])
        chunks = _chunks(items, DASK_CHUNK)
        return _Gather(chunks, self._tasks(work.run, chunks), work, partial(self._rescue, work))

    def _tasks(self, task: Callable[[Sequence[Any]], list[Any]], chunks: list[list[Any]]) -> list[Any]:
        """`task` over each chunk, as Dask futures. The items travel inside the tasks (raw pages: megabytes a
        batch, over Dask's 10 MB "large graph" warning, which is not for the user's terminal): a task whose
        worker dies is then re-run elsewhere by Dask itself; scattered data would be lost with the worker, and
        with it other chunks (tried)."""
        import dask

        with dask.config.set({"distributed.admin.large-graph-warning-threshold": LARGE_BATCH}):
            return list(self._client.map(task, chunks, pure=False))

    def _rescue(self, work: _Work, chunk: list[Any], error: BaseException) -> list[Any]:
        """A chunk that failed as a whole (its task killed the workers it ran on: Dask's KilledWorker): its
        items again, one task each and one at a time (a task beside one that kills its worker would die with
        it), so only the item that kills a worker is marked failed, not its chunk."""
        out: list[Any] = []
        for x in chunk:
            try:
                out.extend(self._tasks(work.run, [[x]])[0].result())
            except Exception as e:  # noqa: BLE001 - this item kills its worker: marked failed, the rest go on
                out.extend(work.lost_all([x], f"{type(e).__name__}: {e}"))
        return out

    def close(self) -> None:
        self._start.close()


def _briefing() -> _Work:
    return _Work(compose_chunk, "brief", brief_lost)


class LazyEngine:
    """An engine made by `make` when work first arrives, then kept until `close`: `newsfuse watch` gives the
    same one to every round, so its worker processes (or its Dask cluster) and their language model stay up
    between rounds instead of starting again each time."""

    def __init__(self, make: Callable[[], Engine]):
        self._make = make
        self._engine: Engine | None = None

    def _get(self) -> Engine:
        if self._engine is None:
            self._engine = self._make()
        return self._engine

    def submit(self, articles: Sequence[Article], for_store: bool = False) -> Pending:
        return self._get().submit(articles, for_store)

    def prepare(self, items: Sequence[Item], clean: Cleaner = clean_stage.clean) -> Pending:
        return self._get().prepare(items, clean)

    def compose(self, jobs: Sequence[BriefJob]) -> Pending:
        return self._get().compose(jobs)

    def close(self) -> None:
        if self._engine is not None:
            self._engine.close()
            self._engine = None


class Engine(Protocol):
    def submit(self, articles: Sequence[Article], for_store: bool = False) -> Pending: ...

    def prepare(self, items: Sequence[Item], clean: Cleaner = ...) -> Pending: ...

    def compose(self, jobs: Sequence[BriefJob]) -> Pending: ...

    def close(self) -> None: ...


def make_engine(
    engine: str,
    *,
    workers: int = 1,
    scheduler: str | None = None,
    progress: Callable[[int], None] | None = None,
    max_chars: int = MAX_ANALYZE_CHARS,
    dask_start: DaskStart | None = None,
) -> Engine:
    task = analyze_chunk if max_chars == MAX_ANALYZE_CHARS else partial(analyze_chunk, max_chars=max_chars)
    if engine == "local":
        return LocalEngine(workers, progress, task=task)
    if engine == "dask":
        return DaskEngine(scheduler, workers, progress, task, dask_start)
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
