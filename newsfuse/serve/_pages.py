"""Web pages, rendered on the server from the same app and store: the story list (search, filters, keyset
pages), a story, an article with its cited spans, entities and outlets. No script and nothing from other
hosts (the CSP says so); article text, titles and outlet names are escaped by the templates."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib.resources import files
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Path, Query
from fastapi.responses import HTMLResponse, Response

from ..brief.changes import check_line, fact_line
from ..brief.evidence_page import anchor, cited_spans
from ..brief.render import _fact_label, brief_sections, coverage, quote_groups
from ..cluster import pairscore
from ..errors import NewsfuseError
from ..model import Brief, Citation, QuoteEntry
from ..store import Store, StoryFilter
from ..store.records import StorySummary
from ._api import STORY_CHANGES, Cursor, Limit, StoryFilterDep, outlet_record, page
from ._charts import coverage_svg, timeline_svg
from ._templates import env

_CITE = re.compile(r"^(\d{1,9})-(\d{1,9})$")
ENTITY_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT")


def html(template: str, **ctx: Any) -> HTMLResponse:
    return HTMLResponse(env.get_template(template).render(**ctx))


def cite_href(c: Citation) -> str:
    """The article page with the cited span highlighted (and scrolled to)."""
    return f"/articles/{quote(c.article, safe='')}?cite={c.start}-{c.end}#{anchor(c.start, c.end)}"


@dataclass(frozen=True)
class Piece:
    text: str
    cited: bool
    target: bool  # the span the reader came to see (one element, id = its anchor)


def marked(text: str, spans: list[tuple[int, int]], target: tuple[int, int] | None) -> list[Piece]:
    """The text cut at every cited span's ends: each piece knows whether a citation covers it and whether
    it lies in the target span, so the target is one contiguous element however citations overlap."""
    n = len(text)
    spans = [(max(0, s), min(e, n)) for s, e in spans if min(e, n) > max(0, s)]
    if target is not None:
        target = (max(0, target[0]), min(target[1], n))
        if target[1] <= target[0]:
            target = None
    cuts = sorted({0, n, *(x for s in spans for x in s), *(target or ())})
    out: list[Piece] = []
    for lo, hi in zip(cuts, cuts[1:], strict=False):
        cited = any(s <= lo and hi <= e for s, e in spans)
        tgt = target is not None and target[0] <= lo and hi <= target[1]
        if out and (out[-1].cited, out[-1].target) == (cited, tgt):
            out[-1] = Piece(out[-1].text + text[lo:hi], cited, tgt)
        else:
            out.append(Piece(text[lo:hi], cited, tgt))
    return out


def quotes_by_speaker(brief: Brief) -> list[tuple[str, list[tuple[QuoteEntry, list[QuoteEntry]]]]]:
    out: dict[str, list[tuple[QuoteEntry, list[QuoteEntry]]]] = {}
    for q, others in quote_groups(brief):
        out.setdefault(q.speaker, []).append((q, others))
    return list(out.items())


def page_router(store: Store, read_deps: list[Any]) -> APIRouter:
    r = APIRouter(dependencies=read_deps, include_in_schema=False)

    @r.get("/", response_class=HTMLResponse)
    def index(f: StoryFilterDep, limit: Limit = 50, cursor: Cursor = None) -> HTMLResponse:
        pg = page(store, f, limit, cursor)
        filtered = f != StoryFilter()
        return html("serve_stories.html", stories=pg["stories"], next=pg["next"], f=f, limit=limit,
                    total=None if filtered else store.count_stories(), outlets=store.outlets(300),
                    first_page=cursor is None)  # fmt: skip

    @r.get("/stories/{story_id}", response_class=HTMLResponse)
    def story_page(story_id: Annotated[str, Path(max_length=64)]) -> HTMLResponse:
        summary = store.story_summary(story_id)
        b = store.brief(story_id)
        rec = store.story_record(story_id)
        changes = store.story_changes(story_id, STORY_CHANGES)
        info = store.article_info([*rec.articles, *(a for ch in changes for a in ch.articles_added)])
        sections = [(s["title"], [b.sentences[i] for i in s["sentences"]]) for s in brief_sections(b)]
        failed = [c for c in b.checks if c.status == "inconsistent"]
        near = pairscore.story_members(store, list(rec.articles), pairscore.explain_embedder())
        return html(
            "serve_story.html", s=summary, b=b, sections=sections, cite_href=cite_href, near=near,
            failed=failed, passed=[c for c in b.checks if c.status != "inconsistent"],
            reported=[f for f in b.facts if f.kind == "reported"], forward=[f for f in b.facts if f.kind != "reported"],
            speakers=quotes_by_speaker(b), cov=coverage(b), explain=rec.explain, info=info,
            timeline_chart=timeline_svg(b, cite_href), coverage_chart=coverage_svg(b.facts, _fact_label),
            changes=changes, fact_line=fact_line, check_line=check_line,
        )  # fmt: skip

    @r.get("/articles/{article_id:path}", response_class=HTMLResponse)  # ids from dumps may hold "/"
    def article_page(
        article_id: Annotated[str, Path(max_length=200)],
        cite: Annotated[str | None, Query(pattern=_CITE.pattern, description="start-end")] = None,
    ) -> HTMLResponse:
        a = store.get_article(article_id)
        sids = store.stories_of(article_id)
        briefs = []
        for sid in sids[:20]:
            try:
                briefs.append(store.brief(sid))
            except NewsfuseError:  # a story still without a brief cites nothing yet
                continue
        m = _CITE.match(cite or "")
        target = (int(m.group(1)), int(m.group(2))) if m else None
        text = a.original or a.text
        an = store.analyses([a.id]).get(a.id)
        ents: dict[str, str] = {}
        for e in an.entities if an else ():
            if e.label in ENTITY_LABELS:
                ents.setdefault(e.canonical or e.text, e.label)
        return html("serve_article.html", a=a, pieces=marked(text, cited_spans(briefs, a.id), target),
                    target=anchor(*target) if target else None, stories=store.summaries_of(sids),
                    entities=sorted(ents.items()))  # fmt: skip

    @r.get("/entities", response_class=HTMLResponse)
    def entities_page(q: Annotated[str, Query(max_length=200)] = "") -> HTMLResponse:
        return html("serve_entities.html", q=q, entities=store.entities(q.strip(), 200))

    @r.get("/entities/{name:path}", response_class=HTMLResponse)
    def entity_page(name: str, limit: Limit = 50, cursor: Cursor = None) -> HTMLResponse:
        ent = store.entity(name)
        pg = page(store, StoryFilter(entity=name), limit, cursor)
        return html("serve_entity.html", e=ent, stories=pg["stories"], next=pg["next"], limit=limit)

    @r.get("/outlets", response_class=HTMLResponse)
    def outlets_page() -> HTMLResponse:
        return html("serve_outlets.html", outlets=store.outlets(1000))

    @r.get("/outlets/{name:path}", response_class=HTMLResponse)
    def outlet_page(name: str, evidence: Annotated[int, Query(ge=1, le=200)] = 20) -> HTMLResponse:
        total, n, rec = outlet_record(store, name, evidence)
        recent: list[StorySummary] = store.browse_stories(StoryFilter(outlet=name), 20)
        return html(
            "serve_outlet.html", name=name, total=total, n=n, rec=rec, recent=recent, cite_href=cite_href
        )

    @r.get("/static/newsfuse.css")
    def css() -> Response:
        body = (files("newsfuse") / "templates" / "newsfuse.css").read_text(encoding="utf-8")
        return Response(body, media_type="text/css", headers={"cache-control": "max-age=3600"})

    return r
