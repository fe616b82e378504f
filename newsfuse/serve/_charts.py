"""Charts drawn on the server as SVG (no script, nothing fetched): a story's timeline and its coverage
matrix (facts x outlets). Every label is escaped: fact subjects and outlet names come from articles."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from markupsafe import Markup, escape

from ..brief.headline import variants
from ..model import Brief, Citation, Fact

Href = Callable[[Citation], str]
FINE = frozenset({"day", "week", "range"})  # dates a day axis can place (years and quarters would stretch it)
STATUS_FILL = {"agreed": "#2e7d32", "conflict": "#c62828", "single-source": "#757575"}


def _day(value: str, end: bool = False) -> date | None:
    """The first (or last) day of an ISO date, month, year or "a/b" range."""
    part = value.split("/")[-1 if end else 0].strip()
    try:
        if len(part) == 10:
            return date.fromisoformat(part)
        if len(part) == 7:
            y, m = int(part[:4]), int(part[5:7])
            return date(y, m, 28) if end else date(y, m, 1)
        if len(part) == 4:
            return date(int(part), 12, 31) if end else date(int(part), 1, 1)
    except ValueError:
        return None
    return None


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def timeline_svg(brief: Brief, href: Href, width: int = 640) -> Markup:
    """Events on a date axis: filled dots happened, hollow dots are expected; each links to its source."""
    points = [(d, t) for t in brief.timeline if t.granularity in FINE and (d := _day(t.date)) is not None]
    if not points:  # coarse dates only ("2025", "the first quarter"): the list says it better
        return Markup("")
    lo, hi = min(d for d, _ in points), max(d for d, _ in points)
    span = max((hi - lo).days, 1)
    left, right, row_h = 20, width - 20, 18
    rows: list[float] = []  # x of the last dot in each row
    dots = []
    for d, t in sorted(points, key=lambda p: p[0]):
        x = left + (right - left) * ((d - lo).days / span if hi != lo else 0.5)
        row = next((i for i, last in enumerate(rows) if x - last >= 14), len(rows))
        if row == len(rows):
            rows.append(x)
        rows[row] = x
        dots.append((x, row, t))
    height = 40 + row_h * max(len(rows), 1)
    axis_y = height - 22
    out = [
        f'<svg class="chart timeline-chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-label="timeline of {len(dots)} events" xmlns="http://www.w3.org/2000/svg">',
        f'<line x1="{left}" y1="{axis_y}" x2="{right}" y2="{axis_y}" stroke="#999"/>',
    ]
    days = sorted({d for d, _ in points})
    ticks = days if len(days) <= 8 else [days[0], days[len(days) // 2], days[-1]]
    for d in ticks:
        x = left + (right - left) * ((d - lo).days / span if hi != lo else 0.5)
        anchor = "start" if x < left + 30 else "end" if x > right - 30 else "middle"
        out.append(f'<line x1="{x:.1f}" y1="{axis_y}" x2="{x:.1f}" y2="{axis_y + 4}" stroke="#999"/>')
        out.append(
            f'<text x="{x:.1f}" y="{height - 6}" font-size="11" text-anchor="{anchor}">{escape(d.strftime("%d %b"))}</text>'
        )
    for x, row, t in dots:
        y = axis_y - 12 - row * row_h
        fill = "#fff" if t.tense == "future" else "#1565c0"
        label = f"{t.date}{' (expected)' if t.tense == 'future' else ''}: {_short(t.text, 160)}"
        out.append(
            f'<a href="{escape(href(t.citation))}"><circle cx="{x:.1f}" cy="{y}" r="5" fill="{fill}" '
            f'stroke="#1565c0" stroke-width="2"><title>{escape(label)}</title></circle></a>'
        )
    out.append("</svg>")
    return Markup("".join(out))


def _cell_state(f: Fact, outlet: str) -> str:
    """'' (does not state it), 'majority', 'minority' (a value other than the majority's) or 'stated'."""
    if outlet not in f.outlets:
        return ""
    if f.status != "conflict":
        return "stated"
    for k, group in enumerate(variants(f)):
        if any(m.source == outlet for m in group):
            return "majority" if k == 0 and f.majority else "minority"
    return "stated"


def coverage_svg(facts: tuple[Fact, ...], label: Callable[[Fact], str], width: int = 640) -> Markup:
    """Facts (rows) x outlets (columns): a filled cell where the outlet states the fact, coloured by the
    fact's status; in a conflict, a ring marks an outlet stating a value other than the majority's."""
    outlets = sorted({o for f in facts for o in f.outlets})
    if not facts or not outlets:
        return Markup("")
    cell, label_w, head_h = 22, 260, 110
    w = max(width, label_w + cell * len(outlets) + 10)
    h = head_h + cell * len(facts) + 10
    out = [
        f'<svg class="chart coverage-chart" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" '
        f'aria-label="coverage: {len(facts)} facts by {len(outlets)} outlets" xmlns="http://www.w3.org/2000/svg">'
    ]
    for j, o in enumerate(outlets):
        x = label_w + j * cell + cell / 2
        out.append(
            f'<text transform="translate({x:.0f},{head_h - 6}) rotate(-50)" font-size="11">'
            f"{escape(_short(o, 22))}<title>{escape(o)}</title></text>"
        )
    for i, f in enumerate(facts):
        y = head_h + i * cell
        out.append(
            f'<text x="4" y="{y + 15}" font-size="11">{escape(_short(label(f), 42))}<title>{escape(label(f))} '
            f"({escape(f.status)})</title></text>"
        )
        for j, o in enumerate(outlets):
            x = label_w + j * cell
            state = _cell_state(f, o)
            if not state:
                out.append(
                    f'<rect x="{x + 3}" y="{y + 3}" width="{cell - 6}" height="{cell - 6}" fill="#f3f3f3"/>'
                )
                continue
            ring = ' stroke="#000" stroke-width="2"' if state == "minority" else ""
            said = ", ".join(dict.fromkeys(m.text for m in f.mentions if m.source == o))
            tip = f"{o}: {said} ({'other value than the majority' if state == 'minority' else f.status})"
            out.append(
                f'<rect class="cell {state}" x="{x + 3}" y="{y + 3}" width="{cell - 6}" height="{cell - 6}" '
                f'fill="{STATUS_FILL.get(f.status, "#757575")}"{ring}><title>{escape(tip)}</title></rect>'
            )
    out.append("</svg>")
    return Markup("".join(out))
