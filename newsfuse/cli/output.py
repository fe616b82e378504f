"""JSON shapes of the CLI contract (../shared/DESIGN.md), with offsets into the input as given."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict, replace
from typing import Any

from ..model import Analysis, Article


def to_original(article: Article, analysis: Analysis) -> Analysis:
    """Re-express every span of an analysis (cleaned-text offsets) in the article's original text."""
    orig = article.original or article.text

    def span(obj: Any) -> Any:
        s, e = article.to_original(obj.start, obj.end)
        changes: dict[str, Any] = {"start": s, "end": e}
        if hasattr(obj, "text"):
            changes["text"] = orig[s:e]
        if getattr(obj, "speaker_start", None) is not None:
            ss, se = article.to_original(obj.speaker_start, obj.speaker_end)
            changes.update(speaker_start=ss, speaker_end=se)
        if getattr(obj, "verb_start", None) is not None:
            vs, ve = article.to_original(obj.verb_start, obj.verb_end)
            changes.update(verb_start=vs, verb_end=ve)
        if getattr(obj, "via_start", None) is not None:
            ws, we = article.to_original(obj.via_start, obj.via_end)
            changes.update(via_start=ws, via_end=we)
        return replace(obj, **changes)

    return Analysis(
        article_id=analysis.article_id,
        sentences=tuple(span(x) for x in analysis.sentences),
        entities=tuple(span(x) for x in analysis.entities),
        dates=tuple(span(x) for x in analysis.dates),
        figures=tuple(span(x) for x in analysis.figures),
        quotes=tuple(span(x) for x in analysis.quotes),
    )


def analysis_dict(analysis: Analysis) -> dict[str, Any]:
    d = asdict(analysis)
    d.pop("article_id")
    for f in d["figures"]:
        if isinstance(f["value"], tuple):
            f["value"] = list(f["value"])
    return d


def emit(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def jsonable(obj: Any) -> Any:
    """`wire.jsonable`, imported when a command first needs it (it loads the store's schema: not at start-up)."""
    from ..wire import jsonable as convert

    return convert(obj)
