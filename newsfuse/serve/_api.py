"""The read API under /api/v1: stories (search, filters, keyset pages), one story with its brief and the
explanation of its grouping, articles with their analysis and the stories citing them, entities,
outlets with their track records, runs. Response models come from newsfuse.wire."""

from __future__ import annotations

import base64
import binascii
import hmac
import json
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import BaseModel, ConfigDict

from ..brief import brief_to_dict, outlets_to_dict
from ..cluster import pairscore
from ..errors import BadRequest, NotFound, Unauthorized
from ..model import Article
from ..reconcile import OutletRecord, track_records
from ..reconcile.outlets import METRICS, Item
from ..settings import Settings
from ..store import Store, StoryFilter, StorySummary
from ..wire import (
    AnalysisJSON,
    ArticleInfoJSON,
    AssignmentJSON,
    BriefJSON,
    ChangeJSON,
    EntityJSON,
    OutletJSON,
    RunJSON,
    SearchHitJSON,
    StorySummaryJSON,
    jsonable,
    shape,
)

MAX_PAGE = 200
STORY_CHANGES = 10  # changes in a story's response (all kept ones: /stories/{id}/changes)
EVIDENCE_STORIES = 20  # an outlet's track record lists evidence from its newest stories, this many by default


# cursors ----------------------------------------------------------------------------------------------
def encode_cursor(s: StorySummary) -> str:
    raw = json.dumps([s.last_seen or "", s.id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> tuple[str, str] | None:
    if not cursor:
        return None
    try:
        raw = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if isinstance(raw, list) and len(raw) == 2 and all(isinstance(x, str) for x in raw):
            return raw[0], raw[1]
    except (ValueError, binascii.Error):
        pass
    raise BadRequest(f"query parameter 'cursor': {cursor[:40]!r} is not a cursor this API gave",
                     hint="Use the `next` value of the previous page, or leave the cursor out.")  # fmt: skip


def page(store: Store, f: StoryFilter, limit: int, cursor: str | None) -> dict[str, Any]:
    rows = store.browse_stories(f, limit + 1, decode_cursor(cursor))
    more = len(rows) > limit
    rows = rows[:limit]
    return {"stories": rows, "next": encode_cursor(rows[-1]) if more and rows else None}


# auth -------------------------------------------------------------------------------------------------
def token_check(settings: Settings) -> Callable[[Request], None]:
    """A dependency: the request must carry `Authorization: Bearer <settings.api_token>`."""

    def check(request: Request) -> None:
        token = settings.api_token.get_secret_value() if settings.api_token else ""
        if not token:
            raise Unauthorized(
                "this server takes no writes: no API token is set",
                hint="Start it with NEWSFUSE_API_TOKEN=<a long random token> to allow writes.",
            )
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
            raise Unauthorized("missing or wrong bearer token")

    return check


# response shapes --------------------------------------------------------------------------------------
class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", from_attributes=True)


class StoryPage(_Out):
    stories: list[StorySummaryJSON]  # type: ignore[valid-type]
    next: str | None  # cursor of the next page (None: last page)


class Grouping(AssignmentJSON):  # type: ignore[valid-type,misc]
    """Why an article joined the story, with the article's title, outlet and date, and its story similarity
    (0..1, cluster.pairscore) to its closest other member of the story."""

    title: str | None = None
    source: str | None = None
    published: str | None = None
    story_similarity: float | None = None
    nearest_member: str | None = None


class StoryOut(_Out):
    story: StorySummaryJSON  # type: ignore[valid-type]
    brief: BriefJSON  # type: ignore[valid-type]
    articles: list[ArticleInfoJSON]  # type: ignore[valid-type]
    grouping: list[Grouping]
    changes: list[ChangeJSON]  # type: ignore[valid-type]  # what changed in the brief, newest first


ArticleJSON = shape(Article, "ArticleJSON", drop=("segments",))


class ArticleOut(_Out):
    article: ArticleJSON  # type: ignore[valid-type]
    analysis: AnalysisJSON | None  # type: ignore[valid-type]  # offsets into the text as given
    stories: list[StorySummaryJSON]  # type: ignore[valid-type]


class EntityOut(StoryPage):
    entity: EntityJSON  # type: ignore[valid-type]


TrackRecordJSON = shape(OutletRecord, "TrackRecordJSON", extra={"agreement_rate": (float | None, ...)})


class OutletOut(_Out):
    outlet: str
    stories: int  # stories citing the outlet: the counts are over all of them
    evidence_stories: int  # the newest stories whose evidence is listed
    record: TrackRecordJSON  # type: ignore[valid-type]


Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Stories per page.")]
Cursor = Annotated[str | None, Query(description="The `next` value of the previous page.")]


_DAY = r"^(\d{4}-\d{2}-\d{2})?$"  # empty: no filter (what an HTML form sends for an empty field)


def _day(name: str, value: str | None) -> str | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise BadRequest(f"query parameter {name!r}: {value!r} is not a date (YYYY-MM-DD)") from None


def story_filter(
    q: Annotated[str, Query(max_length=500, description="Full-text: every word in an article.")] = "",
    since: Annotated[
        str | None, Query(pattern=_DAY, description="Stories seen on or after this day.")
    ] = None,
    until: Annotated[
        str | None, Query(pattern=_DAY, description="Stories seen on or before this day.")
    ] = None,
    outlet: Annotated[str | None, Query(max_length=200)] = None,
    entity: Annotated[str | None, Query(max_length=200, description="An entity's canonical name.")] = None,
    conflicts: Annotated[
        str | None,
        Query(
            pattern="^(true|false|1|0)?$", description="true: only stories with conflicts; false: without."
        ),
    ] = None,
) -> StoryFilter:
    lo, hi = _day("since", since), _day("until", until)
    if lo and hi and lo > hi:
        raise BadRequest(f"query parameters 'since' ({lo}) and 'until' ({hi}): since is after until")
    has = {"true": True, "1": True, "false": False, "0": False}.get(conflicts or "")
    return StoryFilter(q.strip(), lo, hi, outlet or None, entity or None, has)


StoryFilterDep = Annotated[StoryFilter, Depends(story_filter)]


def article_out(store: Store, a: Article) -> dict[str, Any]:
    from ..cli.output import analysis_dict, to_original

    an = store.analyses([a.id]).get(a.id)
    d = jsonable(a)
    d.pop("segments")
    return {
        "article": d,
        "analysis": analysis_dict(to_original(a, an)) if an is not None else None,
        "stories": store.summaries_of(store.stories_of(a.id)),
    }


def story_out(store: Store, story_id: str) -> dict[str, Any]:
    summary = store.story_summary(story_id)
    b = store.brief(story_id)
    rec = store.story_record(story_id)
    info = store.article_info(rec.articles)
    near = pairscore.story_members(store, list(rec.articles), pairscore.explain_embedder())
    grouping = [
        {
            **jsonable(x),
            **{k: getattr(info.get(x.article_id), k, None) for k in ("title", "source", "published")},
            **pairscore.explain_fields(near.get(x.article_id)),
        }
        for x in rec.explain
    ]
    return {"story": summary, "brief": brief_to_dict(b), "grouping": grouping,
            "articles": [info[a] for a in rec.articles if a in info],
            "changes": store.story_changes(story_id, STORY_CHANGES)}  # fmt: skip


def outlet_record(store: Store, outlet: str, evidence: int) -> tuple[int, int, OutletRecord]:
    """An outlet's track record: counts over every story citing it (summed in the store), evidence
    (what was counted, with citations) from the newest `evidence` of those stories' briefs."""
    total, counts = store.outlet_counts(outlet)
    ids = [s.id for s in store.browse_stories(StoryFilter(outlet=outlet), evidence)]
    recent = next((r for r in track_records(store.brief(i) for i in ids) if r.outlet == outlet), None)
    items: dict[str, tuple[Item, ...]] = recent.evidence if recent else {m: () for m in METRICS}
    return total, len(ids), OutletRecord(outlet, counts, items)


def api_router(store: Store, read_deps: list[Any]) -> APIRouter:
    r = APIRouter(prefix="/api/v1", dependencies=read_deps, tags=["read"])

    @r.get("/stories", response_model=StoryPage)
    def list_stories(f: StoryFilterDep, limit: Limit = 50, cursor: Cursor = None) -> dict[str, Any]:
        """Stories newest first (last seen, then id), filtered; follow `next` for the following page."""
        return page(store, f, limit, cursor)

    @r.get("/stories/{story_id}", response_model=StoryOut)
    def get_story(story_id: Annotated[str, Path(max_length=64)]) -> dict[str, Any]:
        """A story: its counts, brief (facts, checks, quotes, timeline, coverage), articles and grouping."""
        return story_out(store, story_id)

    @r.get("/stories/{story_id}/changes", response_model=list[ChangeJSON])  # type: ignore[valid-type]
    def get_story_changes(
        story_id: Annotated[str, Path(max_length=64)],
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    ) -> list[Any]:
        """What changed in the story's brief each time it was rebuilt (run, time, articles, facts, checks,
        quotes, headline), newest first."""
        store.story_summary(story_id)  # NotFound for an unknown story
        return store.story_changes(story_id, limit)

    @r.get("/articles/{article_id:path}", response_model=ArticleOut)  # ids from dumps may hold "/"
    def get_article(article_id: Annotated[str, Path(max_length=200)]) -> dict[str, Any]:
        """An article: cleaned and original text, cleaning log, analysis and the stories citing it."""
        return article_out(store, store.get_article(article_id))

    @r.get("/search", response_model=list[SearchHitJSON])  # type: ignore[valid-type]
    def search(
        q: Annotated[str, Query(min_length=1, max_length=500)],
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 20,
    ) -> list[Any]:
        """Articles matching every word of `q`, best first."""
        return store.search(q, limit)

    @r.get("/entities", response_model=list[EntityJSON])  # type: ignore[valid-type]
    def list_entities(
        q: Annotated[str, Query(max_length=200, description="Name prefix.")] = "",
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    ) -> list[Any]:
        """Entities (people, organisations, places...) by the number of articles naming them."""
        return store.entities(q.strip(), limit)

    @r.get("/entities/{name:path}", response_model=EntityOut)
    def get_entity(name: str, limit: Limit = 50, cursor: Cursor = None) -> dict[str, Any]:
        """An entity and the stories naming it, newest first."""
        ent = store.entity(name)
        return {"entity": ent, **page(store, StoryFilter(entity=name), limit, cursor)}

    @r.get("/outlets", response_model=list[OutletJSON])  # type: ignore[valid-type]
    def list_outlets(limit: Annotated[int, Query(ge=1, le=1000)] = 500) -> list[Any]:
        """Outlets by the number of stories citing them."""
        return store.outlets(limit)

    @r.get("/outlets/{name:path}", response_model=OutletOut)
    def get_outlet(
        name: str, evidence: Annotated[int, Query(ge=1, le=200)] = EVIDENCE_STORIES
    ) -> dict[str, Any]:
        """An outlet's track record over every story citing it, with the evidence of the newest `evidence`."""
        total, n, rec = outlet_record(store, name, evidence)
        return {"outlet": name, "stories": total, "evidence_stories": n, "record": outlets_to_dict([rec])[0]}

    @r.get("/runs", response_model=list[RunJSON])  # type: ignore[valid-type]
    def list_runs(limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50) -> list[Any]:
        """Runs newest first: inputs, settings, versions and what each did."""
        return store.list_runs(limit, newest_first=True)

    @r.get("/runs/{run_id}", response_model=RunJSON)
    def get_run(run_id: Annotated[str, Path(max_length=20)]) -> Any:
        """One run: its inputs with their SHA-256, settings, versions and what it did."""
        if not run_id.isdigit():  # an id like any other: unknown, not malformed
            raise NotFound(f"no run {run_id!r}", hint="List the runs at /api/v1/runs.")
        return store.get_run(int(run_id))

    return r
