"""What the store returns: typed rows, never dicts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model import Assignment


@dataclass(frozen=True)
class StorySummary:
    """One story with the counts the index page and the API list need (columns written when it is saved)."""

    id: str
    title: str
    first_seen: str | None
    last_seen: str | None
    articles: int  # canonical articles in the story
    sources: int  # outlets, copies' outlets included
    facts: int
    conflicts: int
    failed_checks: int
    updated: str | None = None


@dataclass(frozen=True)
class StoryRecord:
    """A story with its members and why each joined (`newsfuse stories --explain`)."""

    id: str
    title: str
    first_seen: str | None
    last_seen: str | None
    articles: tuple[str, ...]
    explain: tuple[Assignment, ...] = ()


@dataclass(frozen=True)
class ArticleInfo:
    """Outlet, date and title of a stored article, for explanations and lists."""

    id: str
    title: str
    source: str
    published: str | None
    url: str | None
    duplicate_of: str | None
    status: str


@dataclass(frozen=True)
class InputHash:
    """What a run read: one input file, or the records it was given when they were not files (posted,
    piped, fetched), hashed."""

    name: str  # the file's absolute path; "records" for the article records the run read, in order
    kind: str  # file | records
    sha256: str
    size: int  # bytes of a file; number of records of a record set


@dataclass(frozen=True)
class RunRecord:
    """A run: its inputs (and their hashes), the settings, the versions of newsfuse and of each library and
    model that shapes output, and what it did. Every brief names the run that wrote it."""

    id: int
    started: str
    finished: str | None
    inputs: tuple[str, ...]
    settings: dict[str, Any] = field(default_factory=dict)
    versions: dict[str, str] = field(default_factory=dict)
    summary: dict[str, Any] | None = None
    hashes: tuple[InputHash, ...] = ()


@dataclass(frozen=True)
class SearchHit:
    id: str
    title: str
    source: str
    published: str | None
    snippet: str
    rank: float


@dataclass(frozen=True)
class FailedArticle:
    """An article a stage could not process: kept, marked, never retried automatically."""

    id: str
    stage: str
    code: str
    message: str
    origin: str


@dataclass(frozen=True)
class CorrectionRecord:
    """A correction made by hand (`newsfuse story merge|split|move`), kept so later runs build on it."""

    id: int
    made: str
    kind: str  # merge | split | move
    story_id: str  # the story kept (merge), split (split), moved to (move)
    other: str | None  # the story merged in (merge), made (split), left (move)
    articles: tuple[str, ...]  # the articles that changed story


@dataclass(frozen=True)
class PageRecord:
    """A stored page judged not an article: kept and listed, never put in a story."""

    id: str
    kind: str
    reason: str
    title: str
    source: str
    published: str | None


@dataclass(frozen=True)
class StoryFilter:
    """What a story list is narrowed to; None/"" leaves a filter off. Dates are ISO (YYYY-MM-DD): a story
    matches a range when its first/last days overlap it."""

    q: str = ""  # full-text: an article of the story contains every word
    since: str | None = None
    until: str | None = None
    outlet: str | None = None
    entity: str | None = None
    conflicts: bool | None = None  # True: only stories with conflicting facts; False: only without


@dataclass(frozen=True)
class EntityCount:
    name: str
    label: str
    articles: int  # articles naming it


@dataclass(frozen=True)
class OutletCount:
    outlet: str
    stories: int  # stories whose brief cites it
