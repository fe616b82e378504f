"""Export: a story's brief as Markdown and HTML, the evidence page of each of its articles, and the index
page, under the output directory. File names come from our own story ids and hashed article ids, never
from article text. Only stories a run changed (or a crashed run left unexported) are written."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict
from pathlib import Path

from .brief import brief_to_html, brief_to_markdown
from .brief.evidence_page import page_name
from .brief.render import article_to_html, index_to_html
from .errors import NewsfuseError, NotFound, StageFailed
from .model import Article, Brief
from .store import Store

INDEX_STORIES = 2000  # newest stories listed on the static index page (the server pages all of them)


def write_brief(brief: Brief, out_dir: Path, articles: Sequence[Article] = ()) -> None:
    """<story>.md, <story>.html and the evidence pages of its articles (articles/<name>.html)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / f"{brief.story_id}.md").write_text(brief_to_markdown(brief), encoding="utf-8")
    (out_dir / f"{brief.story_id}.html").write_text(brief_to_html(brief, static=True), encoding="utf-8")
    pages = out_dir / "articles"
    pages.mkdir(exist_ok=True)
    for a in articles:
        html = article_to_html(a, [brief], home="../index.html")
        (pages / page_name(a.id)).write_text(html, encoding="utf-8")


class Exporter:
    def __init__(self, out_dir: str | Path):
        self.out = Path(out_dir)

    def stories(
        self, store: Store, story_ids: Iterable[str], on_error: Callable[[NewsfuseError], None] | None = None
    ) -> int:
        """Write the given stories' files and mark them exported; returns how many were written. A story
        with no brief yet (its first one failed) has nothing to write; one whose files cannot be
        written is reported to `on_error` (default: raised) and the others are written."""
        done = []
        for sid in dict.fromkeys(story_ids):
            try:
                brief = store.brief(sid)
            except NotFound:
                continue
            try:
                members = store.get_articles(store.story_members(sid))
                write_brief(brief, self.out, list(members.values()))
            except (OSError, ValueError) as e:
                err = StageFailed(f"story {sid}: export to {self.out} failed ({type(e).__name__}: {e})")
                if on_error is None:
                    raise err from e
                on_error(err)
                continue
            done.append(sid)
        store.mark_exported(done)
        return len(done)

    def pending(self, store: Store, on_error: Callable[[NewsfuseError], None] | None = None) -> int:
        """Stories whose brief changed but were not written (a run stopped before its export)."""
        n = 0
        while ids := store.unexported(500):
            wrote = self.stories(store, ids, on_error)
            n += wrote
            if wrote < len(ids):  # some could not be written (reported): the next run tries them again
                break
        return n

    def index(self, store: Store) -> Path:
        self.out.mkdir(parents=True, exist_ok=True)
        path = self.out / "index.html"
        path.write_text(
            index_to_html([asdict(s) for s in store.story_summaries(limit=INDEX_STORIES)]), "utf-8"
        )
        return path
