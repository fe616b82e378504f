"""JSON shapes, in one place: pydantic models generated from the core dataclasses (model.py, the store's
records), used as the API's response models and OpenAPI schemas, and `jsonable`, which turns those
dataclasses into the JSON the CLI prints and the API returns (the same values, field for field).

A dataclass's model has its fields, types and defaults (`tuple[X, ...]` -> list, nested dataclasses ->
their models); `shape(...)` derives the few published shapes that rename, drop or add fields, such as
the brief of `newsfuse brief --json` (story_id -> story; facts with their label, values and consensus;
the coverage matrix).
"""

from __future__ import annotations

import dataclasses
import types
from functools import cache
from typing import Any, Union, get_args, get_origin, get_type_hints

from pydantic import BaseModel, ConfigDict, Field, create_model

from .correct import Corrected
from .model import Analysis, Assignment, Brief, BriefChange, Fact, Section
from .store.records import (
    ArticleInfo,
    EntityCount,
    OutletCount,
    RunRecord,
    SearchHit,
    StoryRecord,
    StorySummary,
)

_CONFIG = ConfigDict(extra="forbid", from_attributes=True)


def jsonable(obj: Any) -> Any:
    """A dataclass (nested) as JSON-ready values: dicts, lists, str, numbers, None."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {k: jsonable(v) for k, v in obj.__dict__.items()}
    if isinstance(obj, (tuple, list)):
        return [jsonable(v) for v in obj]
    if isinstance(obj, dict):
        return {k: jsonable(v) for k, v in obj.items()}
    return obj


def _convert(tp: Any) -> Any:
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return model_of(tp)
    origin, args = get_origin(tp), get_args(tp)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return list[_convert(args[0])]  # type: ignore[misc]
        return tuple[tuple(_convert(a) for a in args)]  # type: ignore[misc]
    if origin in (Union, types.UnionType):
        return Union[tuple(_convert(a) for a in args)]  # noqa: UP007 - built from a runtime tuple
    if origin is dict:
        return dict[_convert(args[0]), _convert(args[1])]  # type: ignore[misc]
    if origin is list:
        return list[_convert(args[0])]  # type: ignore[misc]
    return tp


def _fields(cls: type) -> dict[str, tuple[Any, Any]]:
    hints = get_type_hints(cls)
    out: dict[str, tuple[Any, Any]] = {}
    for f in dataclasses.fields(cls):
        if f.default is not dataclasses.MISSING:
            default: Any = f.default
        elif f.default_factory is not dataclasses.MISSING:
            default = Field(default_factory=f.default_factory)
        else:
            default = ...
        out[f.name] = (_convert(hints[f.name]), default)
    return out


@cache
def model_of(cls: type) -> type[BaseModel]:
    """The pydantic model of a dataclass (same name, fields, types and defaults)."""
    return create_model(cls.__name__, __config__=_CONFIG, __doc__=cls.__doc__, **_fields(cls))  # type: ignore[call-overload]


def shape(
    cls: type,
    name: str,
    *,
    rename: dict[str, str] | None = None,
    drop: tuple[str, ...] = (),
    extra: dict[str, tuple[Any, Any]] | None = None,
) -> type[BaseModel]:
    """A published shape derived from a dataclass: fields renamed, dropped, added or retyped."""
    fields = {(rename or {}).get(k, k): v for k, v in _fields(cls).items() if k not in drop}
    fields.update(extra or {})
    return create_model(name, __config__=_CONFIG, __doc__=cls.__doc__, **fields)  # type: ignore[call-overload]


# the brief as `newsfuse brief --json` prints it (brief.render.brief_to_dict) --------------------------
class FactValue(BaseModel):
    model_config = _CONFIG
    value: float | tuple[float, float]
    text: str
    texts: list[str]
    outlets: list[str]
    articles: list[str]
    consensus: bool


class CoverageRow(BaseModel):
    model_config = _CONFIG
    fact: str
    status: str
    outlets: list[bool]


class Coverage(BaseModel):
    """Facts x outlets: which outlet states which fact (`outlets` are the columns)."""

    model_config = _CONFIG
    outlets: list[str]
    rows: list[CoverageRow]


SectionJSON = model_of(Section)
FactJSON = shape(
    Fact,
    "FactJSON",
    extra={"label": (str, ...), "values": (list[FactValue], ...), "consensus": (str | None, ...)},
)
BriefJSON = shape(
    Brief,
    "BriefJSON",
    rename={"story_id": "story"},
    extra={
        "facts": (list[FactJSON], ...),  # type: ignore[valid-type]
        "conflicts": (list[FactJSON], ...),  # type: ignore[valid-type]
        "sections": (list[SectionJSON], ...),  # type: ignore[valid-type]
        "coverage": (Coverage, ...),
    },
)
AnalysisJSON = shape(Analysis, "AnalysisJSON", drop=("article_id",))  # `newsfuse analyze --json`

# the store's records --------------------------------------------------------------------------------
StorySummaryJSON = model_of(StorySummary)
ArticleInfoJSON = model_of(ArticleInfo)
RunJSON = model_of(RunRecord)
SearchHitJSON = model_of(SearchHit)
EntityJSON = model_of(EntityCount)
OutletJSON = model_of(OutletCount)
AssignmentJSON = model_of(Assignment)
ChangeJSON = model_of(BriefChange)

# what a correction did (`newsfuse story merge|split|move --json`, POST /api/v1/stories/{id}/merge|split|move)
CorrectedStoryJSON = shape(StoryRecord, "CorrectedStoryJSON", drop=("first_seen", "last_seen", "explain"))
CorrectionJSON = shape(
    Corrected,
    "CorrectionJSON",
    drop=("errors",),
    extra={"stories": (list[CorrectedStoryJSON], ...)},  # type: ignore[valid-type]
)

__all__ = [
    "AnalysisJSON",
    "ArticleInfoJSON",
    "AssignmentJSON",
    "BriefJSON",
    "ChangeJSON",
    "CorrectedStoryJSON",
    "CorrectionJSON",
    "Coverage",
    "EntityJSON",
    "FactJSON",
    "OutletJSON",
    "RunJSON",
    "SearchHitJSON",
    "StorySummaryJSON",
    "jsonable",
    "model_of",
    "shape",
]
