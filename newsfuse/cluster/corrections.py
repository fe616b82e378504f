"""Corrections made by hand: merge two stories, split articles off a story, move an article to a story.

Each is logged in the store (`newsfuse story log`), moves the members, and rebuilds the clusterer state of
the stories it touched, and only those, from their members' stored texts and analyses: the merged story
attracts what either part would have, a split-off story attracts the articles close to it (and the story
it left no longer does), so later runs and new arrivals build on the correction instead of undoing it.
The touched stories are marked stale: their briefs are rebuilt by the caller's refresh or the next run.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import BadOption, NotFound
from .state import INDEX_TERMS, StoryState, add_member
from .vectors import term_counts, tfidf, top_terms

if TYPE_CHECKING:
    from ..store import Store

HINT = "List stories and their articles with `newsfuse stories --explain`."


@dataclass(frozen=True)
class Outcome:
    """What a correction did: its number in the log, the stories whose members changed (briefs to rebuild)
    and the stories it left empty (to drop from exports)."""

    correction: int
    changed: tuple[str, ...]
    emptied: tuple[str, ...]
    story: str  # the story the articles are in now


def merge(store: Store, keep: str, other: str) -> Outcome:
    """Every article of `other` joins `keep`; `other` is left empty (its id is not reused)."""
    if keep == other:
        raise BadOption(f"cannot merge story {keep} with itself", hint=HINT)
    _need_story(store, keep)
    _need_story(store, other)
    with store.transaction():
        moved = store.story_members(other)
        cid = store.add_correction("merge", keep, other, moved)
        store.reassign(moved, keep, cid)
        return _settle(store, cid, [keep, other], keep)


def split(store: Store, story: str, article_ids: Sequence[str]) -> Outcome:
    """The given articles of `story` leave it for a new story of their own."""
    _need_story(store, story)
    ids = list(dict.fromkeys(article_ids))
    if not ids:
        raise BadOption("name at least one article to split off", hint=HINT)
    members = set(store.story_members(story))
    stray = [a for a in ids if a not in members]
    if stray:
        raise BadOption(f"article {stray[0]} is not in story {story}", hint=HINT)
    if set(ids) == members:
        raise BadOption(f"these are all the articles of story {story}: nothing would be left", hint=HINT)
    with store.transaction():
        new = _split_id(store, ids)
        cid = store.add_correction("split", story, new, ids)
        store.reassign(ids, new, cid)
        return _settle(store, cid, [story, new], new)


def move(store: Store, article_id: str, to_story: str) -> Outcome:
    """The article leaves its story (if any: a page judged not an article may be put in a story this way)
    for `to_story`."""
    _need_story(store, to_story)
    info = store.article_info([article_id]).get(article_id)
    if info is None:
        raise NotFound(f"no article {article_id!r}", hint=HINT)
    if info.duplicate_of:
        raise BadOption(f"article {article_id} is a copy of {info.duplicate_of}: move that one", hint=HINT)
    if not store.analyses([article_id]):
        raise BadOption(f"article {article_id} has not been analysed (see `newsfuse errors`)", hint=HINT)
    was = store.stories_of(article_id)
    if was == [to_story]:
        raise BadOption(f"article {article_id} is already in story {to_story}", hint=HINT)
    with store.transaction():
        cid = store.add_correction("move", to_story, was[0] if was else None, [article_id])
        store.reassign([article_id], to_story, cid)
        return _settle(store, cid, [to_story, *was], to_story)


def rebuild(store: Store, story_ids: Iterable[str]) -> list[StoryState]:
    """The clusterer state of these stories from their members' stored texts and analyses (in date order,
    weighted with today's document frequencies), saved with their term index entries; a story without
    members is emptied."""
    states = []
    for sid in dict.fromkeys(story_ids):
        members = store.story_members(sid)
        if not members:
            store.empty_story(sid)
            continue
        arts = store.get_articles(members)
        analyses = store.analyses(members)
        order = sorted(arts.values(), key=lambda a: (a.published or "", a.id))
        counts = [term_counts(a, analyses.get(a.id)) for a in order]
        docs, df = store.doc_freqs({t for c in counts for t in c})
        st = StoryState(sid, title=order[0].title)
        for a, c in zip(order, counts, strict=True):
            add_member(st, tfidf(c, docs, df), a.published)
        states.append(st)
    store.save_stories(states, {s.id: top_terms(s.centroid, INDEX_TERMS) for s in states})
    return states


def _settle(store: Store, cid: int, touched: Sequence[str], story: str) -> Outcome:
    states = rebuild(store, touched)
    kept = [s.id for s in states]
    store.mark_stale(kept)
    return Outcome(cid, tuple(kept), tuple(s for s in dict.fromkeys(touched) if s not in kept), story)


def _need_story(store: Store, story: str) -> None:
    if not store.story_exists(story):
        later = [c for c in store.corrections(story) if c.kind == "merge" and c.other == story]
        hint = f"It was merged into {later[-1].story_id} (correction {later[-1].id})." if later else HINT
        raise NotFound(f"no story {story!r} with articles", hint=hint)


def _split_id(store: Store, ids: Sequence[str]) -> str:
    """A new story's id, from the articles split off; never one in use or named by an earlier correction."""
    key = "split " + " ".join(sorted(ids))
    n = 0
    while True:
        sid = "s" + hashlib.sha1(f"{key} {n}".encode()).hexdigest()[:10]
        if not store.story_exists(sid) and not store.corrections(sid):
            return sid
        n += 1
