"""Export: a story's brief as Markdown and HTML, the evidence page of each of its articles, and the index
page, under the output directory. File names come from our own story ids and hashed article ids, never
from article text. Only stories a run changed (or a crashed run left unexported) are written."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict
from functools import partial
from pathlib import Path

from .brief import brief_to_html, brief_to_markdown
from .brief.evidence_page import page_name
from .brief.render import article_to_html, index_to_html
from .errors import NewsfuseError, NotFound, StageFailed
from .model import Article, Brief
from .store import Store

INDEX_STORIES = 2000  # newest stories listed on the static index page (the server pages all of them)


Pages = dict[str, str]  # file name under the output directory -> its content


def render_brief(brief: Brief, articles: Sequence[Article] = ()) -> Pages:
    """<story>.md, <story>.html and the evidence pages of its articles (articles/<name>.html): a pure
    function, so the workers that write briefs render them too (story_briefs.py)."""
    pages = {
        f"{brief.story_id}.md": brief_to_markdown(brief),
        f"{brief.story_id}.html": brief_to_html(brief, static=True),
    }
    for a in articles:
        pages[f"articles/{page_name(a.id)}"] = article_to_html(a, [brief], home="../index.html")
    return pages


def write_pages(pages: Pages, out_dir: Path) -> None:
    (out_dir / "articles").mkdir(parents=True, exist_ok=True)
    for name, text in pages.items():
        (out_dir / name).write_text(text, encoding="utf-8")


def write_brief(brief: Brief, out_dir: Path, articles: Sequence[Article] = ()) -> None:
    write_pages(render_brief(brief, articles), out_dir)


class Exporter:
    def __init__(self, out_dir: str | Path):
        self.out = Path(out_dir)

    def stories(
        self, store: Store, story_ids: Iterable[str], on_error: Callable[[NewsfuseError], None] | None = None
    ) -> int:
        """Write the given stories' files and mark them exported; returns how many were written. A story
        with no brief yet (its first one failed) has nothing to write; one whose files cannot be
        written is reported to `on_error` (default: raised) and the others are written."""

        def writes() -> Iterable[tuple[str, Callable[[], None]]]:
            for sid in dict.fromkeys(story_ids):
                try:
                    brief = store.brief(sid)
                except NotFound:
                    continue
                yield sid, partial(self._write_story, store, sid, brief)

        return self._written(store, writes(), on_error)

    def _write_story(self, store: Store, sid: str, brief: Brief) -> None:
        members = store.get_articles(store.story_members(sid))
        write_brief(brief, self.out, list(members.values()))

    def rendered(
        self,
        store: Store,
        pages: Mapping[str, Pages],
        on_error: Callable[[NewsfuseError], None] | None = None,
    ) -> int:
        """Write stories' pages already rendered (by the workers that wrote their briefs) and mark them
        exported; a story whose files cannot be written is reported and left for the next run."""
        return self._written(store, ((sid, partial(write_pages, p, self.out)) for sid, p in pages.items()),
                             on_error)  # fmt: skip

    def _written(
        self,
        store: Store,
        writes: Iterable[tuple[str, Callable[[], None]]],
        on_error: Callable[[NewsfuseError], None] | None,
    ) -> int:
        """Run each story's write; those written are marked exported, the others reported (or raised)."""
        done = []
        for sid, write in writes:
            try:
                write()
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
