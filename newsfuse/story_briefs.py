"""A story's brief from its members' articles and analyses: reconcile, then brief.

A pure function of its inputs, so the engine runs it where it runs the other work (worker processes,
Dask workers, or this process): at the end of a run the stories that changed are briefed in parallel,
a chunk at a time (this process reads the members, the workers brief them, this process saves). A brief that fails comes back as
its coded error; the story keeps its last brief and is marked.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

from . import brief, reconcile
from .budget import deadline, seconds_for
from .errors import NewsfuseError, StageFailed
from .export import Pages, render_brief
from .model import Analysis, Article, Brief
from .store import codec


@dataclass(frozen=True)
class BriefJob:
    story: str
    articles: tuple[Article, ...]  # the members with an analysis, in publication order
    # their analyses as stored (JSON): the worker that briefs the story decodes them, not the process that
    # reads the store and would only pass them on
    analyses: Mapping[str, str]
    max_words: int
    members: int  # the story's size as saved with its brief
    run: int | None = None  # the run that writes the brief (shown in it)
    render: bool = (
        False  # also render its pages (export.render_brief), here rather than in the pipeline's process
    )
    all_members: int = 0  # the story's members, with an analysis or not (pages are rendered only for all)


class Composed(NamedTuple):
    brief: Brief
    pages: Pages  # empty unless the job asked for them


BriefOutcome = Composed | NewsfuseError | None  # None: no member has an analysis


def brief_for(
    articles: Sequence[Article], analyses: Mapping[str, Analysis], story: str, max_words: int
) -> Brief:
    recon = reconcile.STAGE.run(articles, analyses)
    out: Brief = brief.STAGE.run(story, articles, analyses, recon, max_words=max_words)
    return out


def compose(job: BriefJob) -> BriefOutcome:
    if not job.articles:
        return None
    try:
        with deadline(seconds_for(sum(len(a.text) for a in job.articles)), f"story {job.story}: brief"):
            analyses = {i: codec.analysis_from(json.loads(raw)) for i, raw in job.analyses.items()}
            made = brief_for(job.articles, analyses, job.story, job.max_words)
            if job.run is not None:
                made = replace(made, run=job.run)
            whole = job.render and len(job.articles) == job.all_members
            return Composed(made, render_brief(made, job.articles) if whole else {})
    except NewsfuseError as e:
        return e
    except Exception as e:  # noqa: BLE001 - a story whose brief fails keeps its last one; the run goes on
        return StageFailed(f"story {job.story}: brief failed ({type(e).__name__}: {e})")


def compose_chunk(jobs: Sequence[BriefJob]) -> list[BriefOutcome]:
    """A module-level function: it is sent to worker processes."""
    return [compose(j) for j in jobs]


def lost(job: BriefJob, error: NewsfuseError) -> BriefOutcome:
    return error
