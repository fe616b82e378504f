"""Render a brief as JSON (the CLI contract), Markdown or HTML (escaped: article text is untrusted)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, select_autoescape

from ..model import Brief, Fact, Value
from .evidence_page import anchor, article_context, cited_spans, page_name


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
    period = f" ({f.period})" if f.period else ""
    return f"{f.subject}{period}: {_fmt_value(f.value, f.currency, f.unit)}"


def brief_to_dict(brief: Brief) -> dict[str, Any]:
    d = asdict(brief)
    d["story"] = d.pop("story_id")
    d["coverage"] = coverage(brief)
    for fact, src in zip(d["facts"], brief.facts, strict=True):
        fact["label"] = _fact_label(src)
    for fact, src in zip(d["conflicts"], brief.conflicts, strict=True):
        fact["label"] = _fact_label(src)
    return d


_env = Environment(loader=PackageLoader("newsfuse", "templates"), autoescape=select_autoescape(["html"]))
_env.filters["fact_label"] = _fact_label


def brief_to_html(brief: Brief, *, standalone: bool = True, static: bool = False) -> str:
    """`static`: links point at exported article pages (articles/<name>.html) instead of the server's."""

    def cite_href(c: Any) -> str:
        base = f"articles/{page_name(c.article)}" if static else f"/articles/{quote(c.article, safe='')}"
        return f"{base}#{anchor(c.start, c.end)}"

    return _env.get_template("brief.html").render(
        b=brief, cov=coverage(brief), standalone=standalone, cite_href=cite_href
    )


def index_to_html(stories: list[dict[str, Any]], *, link_prefix: str | None = None) -> str:
    """The story list; links go to `<id>.html` (static export) or `link_prefix + id` (served)."""
    return _env.get_template("index.html").render(stories=stories, link_prefix=link_prefix)


def article_to_html(article: Any, briefs: Any, *, home: str = "/") -> str:
    ctx = article_context(article, cited_spans(briefs, article.id))
    return _env.get_template("article.html").render(home=home, **ctx)


def _cite_md(c: Any) -> str:
    return f"[{c.source or c.article}:{c.start}-{c.end}]"


def brief_to_markdown(brief: Brief) -> str:
    out = [f"# {brief.headline}", "", f"Sources: {', '.join(brief.sources)}", ""]
    for s in brief.sentences:
        out.append(f"- {s.text} " + " ".join(_cite_md(c) for c in s.citations))
    if brief.checks:
        out += ["", "## Checks", ""]
        for c in brief.checks:
            mark = "✗" if c.status == "inconsistent" else "✓"
            out.append(f"- {mark} {c.kind}: {c.message} " + " ".join(_cite_md(x) for x in c.citations))
    if brief.facts:
        out += ["", "## Facts", "", "| fact | status | outlets | note |", "|---|---|---|---|"]
        for f in brief.facts:
            note = f.note.replace("|", "\\|")
            out.append(f"| {_fact_label(f)} | {f.status} | {', '.join(f.outlets)} | {note} |")
    if brief.quotes:
        out += ["", "## Quotes", ""]
        for q in brief.quotes:
            said = f"“{q.text}”" if q.kind != "indirect" else f"(reported) {q.text}"
            out.append(f"- **{q.speaker}** ({q.verb or 'quoted'}): {said} {_cite_md(q.citation)}")
    if brief.timeline:
        out += ["", "## Timeline", ""]
        for t in brief.timeline:
            out.append(f"- {t.date}: {t.text} {_cite_md(t.citation)}")
    return "\n".join(out) + "\n"
