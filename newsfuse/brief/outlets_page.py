"""Outlets' track records rendered: JSON (for `newsfuse outlets --json`), Markdown and HTML, every
number linked to the evidence it counts (escaped HTML: article text is untrusted)."""

from __future__ import annotations

import re
from dataclasses import asdict
from typing import Any
from urllib.parse import quote

from ..model import Citation
from ..reconcile import OutletRecord
from ..reconcile.outlets import METRICS
from .evidence_page import anchor, page_name
from .render import _env

HEADERS = {
    "figures": "figures", "agreed": "agree", "single_source": "single-source",
    "against_consensus": "against consensus", "disputed": "disputed, no majority", "checks": "checks",
    "checks_failed": "checks failed", "quotes_shared": "quotes others report", "quotes_differing": "worded differently",
}  # fmt: skip


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "outlet"


def outlets_to_dict(records: list[OutletRecord]) -> list[dict[str, Any]]:
    out = []
    for r in records:
        d = asdict(r)
        d["agreement_rate"] = r.agreement_rate
        out.append(d)
    return out


def _cite_md(c: Citation) -> str:
    return f"[{c.source or c.article}:{c.start}-{c.end}]"


def outlets_to_markdown(records: list[OutletRecord]) -> str:
    head = "| outlet | " + " | ".join(HEADERS[m] for m in METRICS) + " | agreement rate |"
    out = ["# Outlets' track records", "", head, "|---" * (len(METRICS) + 2) + "|"]
    for r in records:
        rate = f"{r.agreement_rate:.0%}" if r.agreement_rate is not None else "–"
        out.append(f"| {r.outlet} | " + " | ".join(str(r.counts[m]) for m in METRICS) + f" | {rate} |")
    for r in records:
        out += ["", f"## {r.outlet}"]
        for m in METRICS:
            if m == "figures" or not r.evidence[m]:
                continue
            out += ["", f"### {HEADERS[m]} ({r.counts[m]})", ""]
            for item in r.evidence[m]:
                out.append(
                    f"- story {item.story}: {item.what} " + " ".join(_cite_md(c) for c in item.citations)
                )
    return "\n".join(out) + "\n"


def outlets_to_html(records: list[OutletRecord], *, static: bool = False) -> str:
    """`static`: citations link to exported article pages (articles/<name>.html), else the server's."""

    def cite_href(c: Citation) -> str:
        base = f"articles/{page_name(c.article)}" if static else f"/articles/{quote(c.article, safe='')}"
        return f"{base}#{anchor(c.start, c.end)}"

    return _env.get_template("outlets.html").render(
        records=records, metrics=METRICS, headers=HEADERS, slug=_slug, cite_href=cite_href
    )
