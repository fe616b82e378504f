"""Render a brief as JSON (the CLI contract), Markdown or HTML (escaped: article text is untrusted)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, select_autoescape

from ..model import Brief, BriefSentence, Fact, QuoteEntry, Value
from ..wire import jsonable
from .evidence_page import anchor, article_context, cited_spans, page_name
from .headline import variants


def _fmt_value(v: Value, currency: str | None = None, unit: str | None = None) -> str:
    def one(x: float) -> str:
        for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
            if abs(x) >= size:
                return f"{x / size:,.3f}".rstrip("0").rstrip(".") + f" {word}"
        return f"{x:,.2f}".rstrip("0").rstrip(".")

    s = f"{one(v[0])}–{one(v[1])}" if isinstance(v, tuple) else one(v)
    if currency:
        return f"{currency} {s}"
    if unit == "percent":
        return f"{s}%"
    if unit == "fold":
        return f"{s}-fold"
    return s


def coverage(brief: Brief) -> dict[str, Any]:
    """Facts x outlets: which outlet states which fact."""
    outlets = sorted({o for f in brief.facts for o in f.outlets})
    rows = [
        {"fact": _fact_label(f), "status": f.status, "outlets": [o in f.outlets for o in outlets]}
        for f in brief.facts
    ]
    return {"outlets": outlets, "rows": rows}


def _fact_label(f: Fact) -> str:
    about = ", ".join(x for x in (f.entity, f.period) if x)
    return f"{f.subject}{f' ({about})' if about else ''}: {_fmt_value(f.value, f.currency, f.unit)}"


def facts_by_entity(brief: Brief) -> dict[str, list[int]]:
    """The facts (indexes into Brief.facts) about each named organisation, place or person."""
    out: dict[str, list[int]] = {}
    for k, f in enumerate(brief.facts):
        if f.entity:
            out.setdefault(f.entity, []).append(k)
    return out


def fact_values(f: Fact) -> list[dict[str, Any]]:
    """Each value stated for a fact with the outlets stating it, the reference value first."""
    out = []
    for k, group in enumerate(variants(f)):
        out.append(
            {
                "value": group[0].value,
                "text": group[0].text,
                "texts": sorted({m.text for m in group}),
                "outlets": sorted({m.source for m in group}),
                "articles": sorted({m.article for m in group}),
                "consensus": k == 0 and f.majority,
            }
        )
    return out


def brief_sections(brief: Brief) -> list[dict[str, Any]]:
    """The themes: [{"title", "sentences": [indexes into sentences, lead first]}]."""
    if brief.sections:
        return [{"title": s.title, "sentences": list(s.sentences)} for s in brief.sections]
    out: list[dict[str, Any]] = []  # a brief stored before themes: consecutive sentences of one section
    for i, s in enumerate(brief.sentences):
        if not out or out[-1]["title"] != s.section:
            out.append({"title": s.section, "sentences": []})
        out[-1]["sentences"].append(i)
    return out


def quote_groups(brief: Brief) -> list[tuple[QuoteEntry, list[QuoteEntry]]]:
    """(first wording, other outlets' wordings) per statement, in the brief's speaker order."""
    groups: dict[int, list[QuoteEntry]] = {}
    for q in brief.quotes:
        groups.setdefault(q.group, []).append(q)
    return [(qs[0], qs[1:]) for qs in groups.values()]


def _with_facts(d: dict[str, Any], src: Fact) -> dict[str, Any]:
    d["label"] = _fact_label(src)
    d["values"] = fact_values(src)
    d["consensus"] = _fmt_value(src.value, src.currency, src.unit) if src.majority else None
    return d


def brief_to_dict(brief: Brief) -> dict[str, Any]:
    d = jsonable(brief)
    d["story"] = d.pop("story_id")
    d["coverage"] = coverage(brief)
    d["sections"] = brief_sections(brief)
    d["facts_by_entity"] = facts_by_entity(brief)
    for fact, src in zip(d["facts"], brief.facts, strict=True):
        _with_facts(fact, src)
    for fact, src in zip(d["conflicts"], brief.conflicts, strict=True):
        _with_facts(fact, src)
    return d


_env = Environment(loader=PackageLoader("newsfuse", "templates"), autoescape=select_autoescape(["html"]))
_env.filters["fact_label"] = _fact_label
_env.filters["fact_values"] = fact_values


def brief_to_html(brief: Brief, *, standalone: bool = True, static: bool = False) -> str:
    """`static`: links point at exported article pages (articles/<name>.html) instead of the server's."""

    def cite_href(c: Any) -> str:
        base = f"articles/{page_name(c.article)}" if static else f"/articles/{quote(c.article, safe='')}"
        return f"{base}#{anchor(c.start, c.end)}"

    sections = [
        (sec["title"], [brief.sentences[i] for i in sec["sentences"]]) for sec in brief_sections(brief)
    ]
    return _env.get_template("brief.html").render(
        b=brief,
        cov=coverage(brief),
        standalone=standalone,
        cite_href=cite_href,
        sections=sections,
        quote_groups=quote_groups(brief),
        reported=[f for f in brief.facts if f.kind == "reported"],
        forward=[f for f in brief.facts if f.kind != "reported"],
    )


def index_to_html(stories: list[dict[str, Any]], *, link_prefix: str | None = None) -> str:
    """The story list; links go to `<id>.html` (static export) or `link_prefix + id` (served)."""
    return _env.get_template("index.html").render(stories=stories, link_prefix=link_prefix)


def article_to_html(article: Any, briefs: Any, *, home: str = "/") -> str:
    ctx = article_context(article, cited_spans(briefs, article.id))
    return _env.get_template("article.html").render(home=home, **ctx)


def _cite_md(c: Any) -> str:
    return f"[{c.source or c.article}:{c.start}-{c.end}]"


def _values_md(f: Fact) -> str:
    vals = fact_values(f)
    return " vs ".join(f"{' / '.join(v['texts'])} ({', '.join(v['outlets'])})" for v in vals).replace(
        "|", "\\|"
    )


def _facts_md(facts: list[Fact]) -> list[str]:
    out = ["| fact | status | values stated (outlets) | consensus |", "|---|---|---|---|"]
    for f in facts:
        consensus = _fmt_value(f.value, f.currency, f.unit) if f.majority else "no majority"
        out.append(f"| {_fact_label(f)} | {f.status} | {_values_md(f)} | {consensus} |")
    return out


def _sentence_md(s: BriefSentence) -> str:
    return f"- {s.text} " + " ".join(_cite_md(c) for c in s.citations)


def brief_to_markdown(brief: Brief) -> str:
    run = f" · written by run {brief.run}" if brief.run is not None else ""
    out = [f"# {brief.headline}", "", f"Sources: {', '.join(brief.sources)}{run}", ""]
    if brief.disagreement:
        out += [f"> {brief.disagreement}", ""]
    for sec in brief_sections(brief):
        if sec["title"]:
            out += [f"### {sec['title']}", ""]
        out += [_sentence_md(brief.sentences[i]) for i in sec["sentences"]]
        out.append("")
    if brief.checks:
        out += ["## Checks", ""]
        for c in brief.checks:
            mark = "✗" if c.status == "inconsistent" else "✓"
            formula = f" ({c.formula})" if c.formula else ""
            scope = " [across articles]" if c.scope == "story" else ""
            out.append(
                f"- {mark} {c.kind}{scope}: {c.message}{formula} "
                + " ".join(_cite_md(x) for x in c.citations)
            )
        out.append("")
    reported = [f for f in brief.facts if f.kind == "reported"]
    forward = [f for f in brief.facts if f.kind != "reported"]
    if reported:
        out += ["## Facts", "", *_facts_md(reported), ""]
    if forward:
        out += ["## Forecasts, plans and hedged figures", "", *_facts_md(forward), ""]
    if brief.quotes:
        out += ["## Quotes", ""]
        for q, others in quote_groups(brief):
            said = f"“{q.text}”" if q.kind != "indirect" else f"(reported) {q.text}"
            how = f"{q.verb or 'quoted'}, via {q.via}" if q.via else q.verb or "quoted"
            out.append(f"- **{q.speaker}** ({how}): {said} {_cite_md(q.citation)}")
            for o in others:
                said = f"“{o.text}”" if o.kind != "indirect" else f"(reported) {o.text}"
                out.append(
                    f"  - as {o.citation.source or o.citation.article} has it "
                    f"({o.similarity:.0%} same wording): {said} {_cite_md(o.citation)}"
                )
        out.append("")
    if brief.timeline:
        out += ["## Timeline", ""]
        for t in brief.timeline:
            when = f"{t.date} (expected)" if t.tense == "future" else t.date
            out.append(f"- {when}: {t.text} {_cite_md(t.citation)}")
    return "\n".join(out).rstrip("\n") + "\n"
