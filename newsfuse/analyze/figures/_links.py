"""Linking figures to their context: change roles (from/to/by), subjects and periods."""

from __future__ import annotations

import re

from . import _numbers as N
from . import _words as W
from ._numbers import SP
from ._scan import Draft, clause_of, lead


def _before(text: str, f: Draft) -> str:
    """The text before a figure, less any approximation words."""
    b = text[max(0, f.start - 60) : f.start]
    a = W.APPROX_BEFORE.search(b)
    return b[: a.start()] if a else b


def roles(text: str, figs: list[Draft]) -> None:
    """ "from X to Y" ends and "by X" changes: a "from" needs a "to" in its sentence or a change
    verb just before it ("up from"); a "to" needs a "from" or a change verb earlier in its clause.
    A bare end of a change takes the unit of its other end ("to 4.3% from 4.1"), a bare number before
    "or" that of the next."""
    marks = {
        id(f): m.group(1).lower()
        for f in figs
        if (m := re.search(rf"\b(from|to|by){SP}*$", _before(text, f), re.I))
    }
    for f in figs:
        if marks.get(id(f)) == "from":
            any_to = any(marks.get(id(g)) == "to" and g.sent == f.sent for g in figs)
            if any_to or W.CHANGE.search(" ".join(_before(text, f)[-40:].split()[-4:-1])):
                f.role = "from"
    for f in figs:
        clause = clause_of(_before(text, f))[:-3]
        if marks.get(id(f)) == "to":
            if any(g.role == "from" and g.sent == f.sent for g in figs) or W.CHANGE.search(clause):
                f.role = "to"
        elif marks.get(id(f)) == "by" and W.CHANGE.search(clause):
            f.role = "by"
    for f, nxt in zip(figs, figs[1:], strict=False):
        joined = (
            f.role == "from" and nxt.role == "to" or re.fullmatch(rf"{SP}+or{SP}+", text[f.end : nxt.start])
        )
        if joined:
            _inherit(f, nxt)
        elif f.role == "to" and nxt.role == "from" and f.sent == nxt.sent:
            _inherit(
                nxt, f
            )  # "weakened to 161.9 per dollar in July from 141": the "from" end is per dollar too


def _inherit(f: Draft, other: Draft) -> None:
    """A bare end of a change takes the unit of its other end (and its scale: "$5-6 billion")."""
    if f.currency is not None or f.unit not in (None, "count") or f.counted:
        return
    if other.counted:
        f.unit, f.subject, f.counted = "count", other.subject, True
    elif other.unit not in (None, "count"):
        f.unit, f.currency = other.unit, other.currency
        if f.scale is None and other.scale and isinstance(f.value, float):
            mult = N.SCALES[other.scale]
            f.value, f.scale, f.precision = f.value * mult, other.scale, f.precision * mult


def index_levels(text: str, figs: list[Draft]) -> None:
    """A bare level in a sentence that moves in points is in points too: "fell 4,451.28 points, or
    12.4%, to 31,458.42", "(16369.03 up 58.06 points)". Counted things ("2,000 stocks") keep theirs;
    points that are no move ("a margin of error of plus or minus 3 points") change nothing."""
    moved = {
        f.sent for f in figs if f.unit == "point" and W.CHANGE.search(text[max(0, f.start - 60) : f.start])
    }
    for f in figs:
        bare = f.unit is None or (f.unit == "count" and not f.counted and f.fallback is None)
        if f.sent in moved and bare and f.currency is None and isinstance(f.value, float) and f.value >= 100:
            f.unit = "point"


def subjects(text: str, figs: list[Draft], sents: list[tuple[int, int]]) -> None:
    for k, f in enumerate(figs):
        if f.subject is not None:
            continue
        s0, s1 = sents[f.sent] if sents else (0, len(text))
        if f.unit == "count":
            for g in reversed(figs[:k]):
                if g.sent < f.sent - 1:
                    break
                if g.unit == "count" and g.subject:
                    f.subject = g.subject
                    break
            f.subject = f.subject or f.fallback
            if f.subject:
                continue
        found = list(W.MEASURE.finditer(text, s0, f.start))
        if found:
            f.subject = W.MEASURES[found[-1].group().lower()]
            continue
        clause = re.search(r"[.;!?]|\s—\s", text[f.end : s1])
        end = min(s1, f.end + (clause.start() if clause else 80), f.end + 80)
        end = min([end, *(g.start for g in figs[k + 1 :] if g.start >= f.end)])
        m = W.MEASURE.search(text, f.end, end)
        if m:
            f.subject = W.MEASURES[m.group().lower()]


def _period_text(m: re.Match[str]) -> str:
    body = m.group("body") or m.group("rel")
    body = re.sub(r"\s*[-–—]\s*", "-", re.sub(r"\s+", " ", body))
    return re.sub(r"\s*/\s*", "/", body)


def periods(text: str, figs: list[Draft], sents: list[tuple[int, int]]) -> None:
    """The period right after a figure in its clause, else right before it, else the one that
    opens its sentence ("In 2019, ...")."""
    periods = list(W.PERIOD.finditer(text))
    for f in figs:
        s0, s1 = sents[f.sent] if sents else (0, len(text))
        others = [g for g in figs if g is not f and g.sent == f.sent]
        for p in periods:
            if p.start() < f.end or p.start() >= s1:
                continue
            gap = text[f.end : p.start()]
            between = any(f.end <= g.start < p.start() for g in others)
            if len(gap) <= 60 and not between and re.fullmatch(r"[,\s]*[^,;:()—]*", gap):
                f.period = _period_text(p)
            break
        for p in reversed(periods if f.period is None else []):
            if p.end() > f.start or p.start() < s0:
                continue
            gap = text[p.end() : f.start]
            between = any(p.end() <= g.start < f.start for g in others)
            if len(gap) <= 60 and not between and not re.search(r"[,;:()—]", gap):
                f.period = _period_text(p)
            break
        if f.period is None:
            first = W.PERIOD.match(text, s0 + lead(text, s0))
            if first and text[first.end() : first.end() + 1] == ",":
                f.period = _period_text(first)
