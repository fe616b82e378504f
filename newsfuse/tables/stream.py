"""Stories read from the store one at a time for the table exports: keyset pages of the story list (never
the whole archive at once), and per story only what its rows need (brief, members, the articles it
cites). Memory is bounded by one page of summaries and one story."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..errors import NotFound
from ..model import Article, Brief
from ..store import Store, StoryFilter, StoryRecord, StorySummary

PAGE = 200  # story summaries read per query


@dataclass(frozen=True)
class StoryData:
    summary: StorySummary
    record: StoryRecord  # members and why each joined
    brief: Brief | None  # None: its first brief failed (`newsfuse errors`)
    articles: dict[str, Article]  # its members and every article its brief cites

    def text(self, article: str, start: int, end: int) -> str:
        """The cited span of an article as given (offsets into its original text)."""
        a = self.articles.get(article)
        return (a.original or a.text)[start:end] if a is not None else ""


def story_ids(store: Store, only: Sequence[str] = (), page: int = PAGE) -> Iterator[StorySummary]:
    """The summaries of the stories `only` names (each must have articles), or of every story with articles,
    newest first, in keyset pages of `page`."""
    if only:
        for sid in dict.fromkeys(only):
            s = store.story_summary(sid)
            if not s.articles:
                raise NotFound(
                    f"no story {sid!r} with articles", hint="List stories with `newsfuse stories`."
                )
            yield s
        return
    after: tuple[str, str] | None = None
    while rows := store.browse_stories(StoryFilter(), page, after):
        yield from rows
        if len(rows) < page:
            return
        after = (rows[-1].last_seen or "", rows[-1].id)


def load(store: Store, summary: StorySummary) -> StoryData:
    try:
        brief: Brief | None = store.brief(summary.id)
    except NotFound:
        brief = None
    record = store.story_record(summary.id)
    cited = _cited(brief) if brief is not None else []
    return StoryData(summary, record, brief, store.get_articles([*record.articles, *cited]))


def iter_stories(store: Store, only: Sequence[str] = (), page: int = PAGE) -> Iterator[StoryData]:
    for s in story_ids(store, only, page):
        yield load(store, s)


def _cited(b: Brief) -> list[str]:
    ids = [c.article for s in b.sentences for c in s.citations]
    ids += [m.article for f in b.facts for m in f.mentions]
    ids += [c.article for k in b.checks for c in k.citations]
    ids += [q.citation.article for q in b.quotes] + [t.citation.article for t in b.timeline]
    return list(dict.fromkeys(ids))
