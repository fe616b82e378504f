"""Dataclasses <-> JSON for storage: every model object round-trips exactly."""

from __future__ import annotations

import json
from typing import Any

from ..model import (
    Analysis,
    Article,
    Brief,
    BriefChange,
    BriefSentence,
    Check,
    CheckChange,
    Citation,
    CleanAction,
    DateMention,
    Entity,
    Fact,
    FactChange,
    Figure,
    Mention,
    Quote,
    QuoteChange,
    QuoteEntry,
    Section,
    Segment,
    Sentence,
    TimelineEntry,
)


def plain(obj: Any) -> Any:
    """A model object as JSON-ready values (what `dataclasses.asdict` gives, without its deep copies:
    several times faster on analyses and briefs, which the pipeline writes for every article)."""
    if hasattr(obj, "__dataclass_fields__"):
        return {k: plain(v) for k, v in obj.__dict__.items()}
    if isinstance(obj, (tuple, list)):
        return [plain(v) for v in obj]
    return obj


def dumps(obj: Any) -> str:
    return json.dumps(plain(obj), ensure_ascii=False, separators=(",", ":"))


def _value(v: Any) -> Any:
    return tuple(v) if isinstance(v, list) else v


def _cite(d: dict[str, Any] | None) -> Citation | None:
    return Citation(**d) if d else None


def dumps_article(a: Article) -> str:
    """An article without its cleaned text (the store keeps that in its own column) and without the
    text as given when that is the same: about a third of an article's bytes."""
    d = plain(a)
    d.pop("text")
    if d.get("original") == a.text:
        d.pop("original")
    return json.dumps(d, ensure_ascii=False, separators=(",", ":"))


def article_from(d: dict[str, Any], text: str | None = None) -> Article:
    """`text`: the cleaned text when it is stored beside the JSON (rows written by dumps_article)."""
    d = dict(d)
    if text is not None:
        d.setdefault("text", text)
        d.setdefault("original", text)
    d["authors"] = tuple(d.get("authors", ()))
    d["segments"] = tuple(Segment(**s) for s in d.get("segments", ()))
    d["cleaning"] = tuple(CleanAction(**c) for c in d.get("cleaning", ()))
    d["duplicates"] = tuple(d.get("duplicates", ()))
    d["duplicate_sources"] = tuple(d.get("duplicate_sources", ()))
    return Article(**d)


def analysis_from(d: dict[str, Any]) -> Analysis:
    return Analysis(
        article_id=d["article_id"],
        sentences=tuple(Sentence(**s) for s in d["sentences"]),
        entities=tuple(Entity(**e) for e in d["entities"]),
        dates=tuple(DateMention(**x) for x in d["dates"]),
        figures=tuple(Figure(**{**f, "value": _value(f["value"])}) for f in d["figures"]),
        quotes=tuple(Quote(**q) for q in d["quotes"]),
    )


def _fact(d: dict[str, Any]) -> Fact:
    mentions = tuple(
        Mention(**{**m, "value": _value(m["value"]), "sentence": _cite(m.get("sentence"))})
        for m in d["mentions"]
    )
    return Fact(**{**d, "value": _value(d["value"]), "outlets": tuple(d["outlets"]), "mentions": mentions})


def brief_from(d: dict[str, Any]) -> Brief:
    return Brief(
        story_id=d["story_id"],
        headline=d["headline"],
        sentences=tuple(
            BriefSentence(**{**s, "citations": tuple(Citation(**c) for c in s["citations"])})
            for s in d["sentences"]
        ),
        facts=tuple(_fact(f) for f in d["facts"]),
        conflicts=tuple(_fact(f) for f in d["conflicts"]),
        checks=tuple(
            Check(**{**c, "citations": tuple(Citation(**x) for x in c["citations"])}) for c in d["checks"]
        ),
        quotes=tuple(QuoteEntry(**{**q, "citation": Citation(**q["citation"])}) for q in d["quotes"]),
        timeline=tuple(TimelineEntry(**{**t, "citation": Citation(**t["citation"])}) for t in d["timeline"]),
        sources=tuple(d["sources"]),
        articles=tuple(d["articles"]),
        disagreement=d.get("disagreement", ""),
        sections=tuple(Section(x["title"], tuple(x["sentences"])) for x in d.get("sections", ())),
        run=d.get("run"),
    )


def change_from(d: dict[str, Any], id: int = 0) -> BriefChange:
    """A change record as stored (brief/changes.py makes them, the store keeps their JSON)."""
    lists: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in d.items()}
    lists["facts"] = tuple(
        FactChange(**{**f, "outlets": tuple(f.get("outlets", ()))}) for f in d.get("facts", ())
    )
    lists["checks"] = tuple(CheckChange(**c) for c in d.get("checks", ()))
    lists["quotes"] = tuple(QuoteChange(**q) for q in d.get("quotes", ()))
    lists["id"] = id
    return BriefChange(**lists)
