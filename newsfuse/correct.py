"""A correction by hand, applied: the cluster's correction (merge, split, move: cluster/corrections.py), then
the briefs it made stale rebuilt (and exported when asked), and what changed as the one JSON shape that
`newsfuse story merge|split|move --json` prints and `POST /api/v1/stories/{id}/merge|split|move` returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import NewsfuseError
from .settings import Settings
from .store import Store, StoryRecord

KINDS = ("merge", "split", "move")


@dataclass(frozen=True)
class Corrected:
    """What a correction did, with the stories it changed as they are now (members after the move)."""

    correction: int
    kind: str
    story: str  # the story the articles are in now
    changed: tuple[str, ...]
    emptied: tuple[str, ...]
    stories: tuple[StoryRecord, ...]
    errors: tuple[NewsfuseError, ...] = field(default=(), compare=False)  # briefs that could not be rebuilt

    def to_dict(self) -> dict[str, Any]:
        return {"correction": self.correction, "kind": self.kind, "story": self.story,
                "changed": list(self.changed), "emptied": list(self.emptied),
                "stories": [{"id": r.id, "title": r.title, "articles": list(r.articles)} for r in self.stories]}  # fmt: skip


def apply_correction(
    store: Store, settings: Settings, kind: str, args: tuple[Any, ...], *, rebuild: bool = True
) -> Corrected:
    """Make the correction; with `rebuild`, rebuild the stale briefs now (exported when `settings.export`,
    the files of emptied stories removed), else the next run rebuilds them."""
    from .cluster import corrections
    from .pipeline import Pipeline

    if kind not in KINDS:
        raise ValueError(f"unknown correction {kind!r}")
    done = getattr(corrections, kind)(store, *args)
    errors: list[NewsfuseError] = []
    if rebuild:
        summary = Pipeline(settings, store, export=settings.export).refresh()
        errors = list(summary.errors)
        if settings.export:
            for sid in done.emptied:  # file names are our own story ids, never article text
                for ext in ("md", "html"):
                    Path(settings.out, f"{sid}.{ext}").unlink(missing_ok=True)
    rows = tuple(store.story_record(sid) for sid in done.changed)
    return Corrected(done.correction, kind, done.story, tuple(done.changed), tuple(done.emptied), rows,
                     tuple(errors))  # fmt: skip
