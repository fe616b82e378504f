"""The store's history of what changed in each story's brief (brief/changes.py makes the records): the
newest CHANGES_KEPT per story are kept, older ones are dropped as new ones come."""

from __future__ import annotations

import json
from collections.abc import Iterable
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Connection

from ..model import Brief, BriefChange
from . import codec
from .schema import story_changes

CHANGES_KEPT = 50  # per story


class ChangeQueries:
    if TYPE_CHECKING:

        def _c(self, write: bool = False) -> AbstractContextManager[Connection]: ...

    def _record_change(self, c: Connection, before: Brief, after: Brief, made: str) -> None:
        """Inside save_brief: the difference to the brief it replaces, if a reader would see one."""
        from ..brief.changes import brief_changes

        change = brief_changes(before, after, made)
        if change is None:
            return
        data = codec.plain(change)
        data.pop("id")
        c.execute(insert(story_changes).values(story_id=after.story_id, run_id=change.run, made=made,
                                               data=json.dumps(data, ensure_ascii=False)))  # fmt: skip
        k = story_changes.c
        oldest_kept = c.execute(
            select(k.id)
            .where(k.story_id == after.story_id)
            .order_by(k.id.desc())
            .offset(CHANGES_KEPT - 1)
            .limit(1)
        ).scalar()
        if oldest_kept is not None:
            c.execute(delete(story_changes).where(k.story_id == after.story_id, k.id < oldest_kept))

    def story_changes(self, story_id: str, limit: int = CHANGES_KEPT) -> list[BriefChange]:
        """What changed in the story's brief, newest first."""
        return self.changes_of([story_id], limit).get(story_id, [])

    def changes_of(self, ids: Iterable[str], per_story: int = CHANGES_KEPT) -> dict[str, list[BriefChange]]:
        """The newest `per_story` changes of each story, newest first."""
        ids = list(dict.fromkeys(ids))
        k = story_changes.c
        out: dict[str, list[BriefChange]] = {}
        with self._c() as c:
            for i in range(0, len(ids), 500):
                q = select(k.id, k.story_id, k.data).where(k.story_id.in_(ids[i : i + 500]))
                for r in c.execute(q.order_by(k.story_id, k.id.desc())):
                    got = out.setdefault(r.story_id, [])
                    if len(got) < per_story:
                        got.append(codec.change_from(json.loads(r.data), r.id))
        return out
