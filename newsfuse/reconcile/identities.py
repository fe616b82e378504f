"""Checks from accounting identities: shares of one whole, and a trade balance against its parts.

- shares: "40 per cent of voters backed Smith, 35 per cent Jones and 30 per cent Brown" -> 105%:
  shares of one whole cannot sum past 100 (beyond their rounding). Only failures are reported.
- share of a stated whole: "The job cuts, equal to 4 per cent of Corvane's 30,000 staff" with
  "cut about 1,200 jobs" elsewhere in the article -> 4% x 30,000 = 1,200. The part is looked for
  among the article's figures of the whole's kind, within the percentage's rounding, in a
  sentence that shares a word with the share's; only a match is reported (consistent).
- balance: two-way trade = exports + imports, so the balance (deficit, imbalance, surplus) is
  trade - 2 x exports, or 2 x imports - trade: "Two-way trade touched a record $68.7 billion ...
  India's exports were worth only $4.88 billion. The imbalance has risen ... to $58.9 billion"
  -> 68.7 - 4.88 - 4.88 = 58.94 ~ 58.9. Checked inside an article when it states all three near
  each other, else across the story's articles (scope "story") from the most precise statements.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Check, Figure
from .changes import _is_change, as_written, fmt
from .evidence import Evidence
from .facts import _point

_OF_WHOLE = re.compile(r"^\s+of\s+(?:the\s+|all\s+|its\s+|their\s+)?([a-z][\w-]*)", re.I)
_TRADE = re.compile(r"\b(?:two-way|bilateral|total)?\s*trade\b", re.I)
_EXPORTS = re.compile(r"\bexports?\b", re.I)
_IMPORTS = re.compile(r"\bimports?\b", re.I)
_BALANCE = re.compile(r"\b(?:imbalance|deficit|surplus|trade gap|balance)\b", re.I)
NEAR = 2  # sentences between the total and the balance


def share_checks(ev: Evidence, figs: Sequence[Figure], sent_of: dict[int, int]) -> list[Check]:
    text = ev.article.text
    by_sentence: dict[int, list[Figure]] = {}
    for f in figs:
        if (
            f.unit == "percent"
            and f.role is None
            and not isinstance(f.value, tuple)
            and not _is_change(text, f)
        ):
            by_sentence.setdefault(sent_of[id(f)], []).append(f)
    out = []
    for k, shares in by_sentence.items():
        first = _OF_WHOLE.match(text[shares[0].end : shares[0].end + 40]) if shares else None
        if len(shares) < 2 or first is None:
            continue
        whole = first.group(1).lower()
        rest = [_OF_WHOLE.match(text[f.end : f.end + 40]) for f in shares[1:]]
        if any(m is not None and m.group(1).lower() != whole for m in rest):
            continue  # shares of different wholes
        total = sum(_point(f.value) for f in shares)
        slack = sum(0.5 * f.precision for f in shares) + (5.0 if any(f.approx for f in shares) else 0.0)
        if total <= 100 + slack:
            continue
        sent = ev.analysis.sentences[k]
        expr = " + ".join(fmt(_point(f.value)) for f in shares)
        msg = f"shares of {whole} sum to {fmt(total)}%, past 100%"
        formula = f"{expr} = {fmt(total)}% > 100%"
        out.append(
            Check("share", "inconsistent", msg, 100.0, total, (ev.cite(sent.start, sent.end),), formula)
        )
    return out


# "4 per cent of Corvane's 30,000 staff", "3 per cent of the 1.2 million residents"
_OF_NUMBER = re.compile(
    r"^\s+of\s+(?:(?:the|its|their|all)\s+|[A-Z][\w.&-]*(?:'s|\u2019s)\s+)?"
    r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+(thousand|million|billion))?\s+([a-z][\w-]*)"
)
_SCALES = {None: 1.0, "thousand": 1e3, "million": 1e6, "billion": 1e9}
_STEM = re.compile(r"[a-z]{4,}")


def _stems(text: str) -> set[str]:
    return {w[:5] for w in _STEM.findall(text.lower())} - {
        "which",
        "their",
        "there",
        "about",
        "equal",
        "cent",
    }


def part_checks(ev: Evidence, figs: Sequence[Figure], sent_of: dict[int, int]) -> list[Check]:
    """ "4 per cent of Corvane's 30,000 staff" against a stated 1,200 of the same kind (a count)."""
    text = ev.article.text
    out = []
    for p in figs:
        m = _OF_NUMBER.match(text[p.end : p.end + 60])
        if p.unit != "percent" or p.role is not None or isinstance(p.value, tuple) or m is None:
            continue
        pct, n = _point(p.value), float(m.group(1).replace(",", "")) * _SCALES[m.group(2)]
        lo, hi = (pct - 0.5 * p.precision) * n / 100, (pct + 0.5 * p.precision) * n / 100
        here = ev.analysis.sentences[sent_of[id(p)]]
        words = _stems(text[here.start : here.end]) - {m.group(3)[:5]}
        for f in figs:
            if f is p or f.unit != "count" or isinstance(f.value, tuple) or not lo <= _point(f.value) <= hi:
                continue
            there = ev.analysis.sentences[sent_of[id(f)]]
            if there == here or not words & _stems(text[there.start : there.end]):
                continue
            whole = m.group(1) + (f" {m.group(2)}" if m.group(2) else "")
            formula = f"{fmt(pct)}% x {whole} = {fmt(round(pct * n / 100, 2))}; stated {f.text}"
            msg = f"{f.text} is {p.text} of {whole} {m.group(3)}"
            cites = (ev.cite(here.start, here.end), ev.cite(there.start, there.end))
            out.append(
                Check("share", "consistent", msg, pct, round(_point(f.value) / n * 100, 3), cites, formula)
            )
            break
    return out


@dataclass(frozen=True)
class _Stated:
    ev: Evidence
    fig: Figure
    sentence: int


def _role(f: Figure) -> str | None:
    subject = f.subject or ""
    if f.currency is None or f.role == "from" or isinstance(f.value, tuple) or f.approx:
        return None
    if _BALANCE.search(subject):
        return "balance"
    if _EXPORTS.search(subject):
        return "exports"
    if _IMPORTS.search(subject):
        return "imports"
    if _TRADE.search(subject):
        return "trade"
    return None


def _collect(evidence: Sequence[Evidence]) -> list[_Stated]:
    out = []
    for ev in evidence:
        for f in ev.analysis.figures:
            if _role(f):
                out.append(_Stated(ev, f, ev.sentence_index(f.start)))
    return out


def _balance_check(trade: _Stated, part: _Stated, balance: _Stated, *, scope: str) -> Check | None:
    t, p, b = (_point(x.fig.value) for x in (trade, part, balance))
    if len({x.fig.currency for x in (trade, part, balance)}) != 1 or not 0 < p < t:
        return None
    exports = _role(part.fig) == "exports"
    implied = t - 2 * p if exports else 2 * p - t
    if implied <= 0:
        return None
    tol = 0.5 * trade.fig.precision + part.fig.precision + 0.5 * balance.fig.precision
    ok = abs(implied - b) <= tol
    tw, pw, bw = as_written(trade.fig), as_written(part.fig), as_written(balance.fig)
    scale = _point(trade.fig.value) / tw if tw else 1.0
    shown = implied / scale
    if exports:
        formula = f"trade - exports - exports = {fmt(tw)} - {fmt(pw)} - {fmt(pw)} = {fmt(round(shown, 4))}"
    else:
        formula = f"imports + imports - trade = {fmt(pw)} + {fmt(pw)} - {fmt(tw)} = {fmt(round(shown, 4))}"
    formula += f"; stated {balance.fig.subject} {fmt(bw)}"
    msg = (
        f"{balance.fig.subject} {balance.fig.text} "
        + ("follows from" if ok else "does not follow from")
        + f" trade of {trade.fig.text} and {part.fig.subject} of {part.fig.text} ({fmt(round(shown, 4))})"
    )
    cites = []
    for x in (trade, part, balance):
        s = x.ev.analysis.sentences[x.sentence]
        c = x.ev.cite(s.start, s.end)
        if c not in cites:
            cites.append(c)
    return Check("difference", "consistent" if ok else "inconsistent", msg, b, round(implied, 3), tuple(cites), formula, scope)  # fmt: skip


def balance_checks(evidence: Sequence[Evidence]) -> list[Check]:
    stated = _collect(evidence)
    out: list[Check] = []
    done: set[str] = set()
    for trade in (x for x in stated if _role(x.fig) == "trade"):
        same = [x for x in stated if x.ev is trade.ev]
        parts = [x for x in same if _role(x.fig) in ("exports", "imports") and x.sentence == trade.sentence]
        balances = [x for x in same if _role(x.fig) == "balance" and abs(x.sentence - trade.sentence) <= NEAR]
        if parts and balances:
            check = _balance_check(trade, parts[0], balances[0], scope="article")
            if check:
                out.append(check)
                done.add(trade.ev.article.id)
    if out or len(evidence) < 2:
        return out
    # across the story: the most precise statement of each quantity, from any article
    best = {}
    for role in ("trade", "exports", "imports", "balance"):
        xs = [x for x in stated if _role(x.fig) == role and x.ev.article.id not in done]
        if xs:
            best[role] = min(xs, key=lambda x: x.fig.precision / max(_point(x.fig.value), 1e-9))
    part = best.get("exports") or best.get("imports")
    if "trade" in best and "balance" in best and part:
        periods = {best["trade"].fig.period, best["balance"].fig.period} - {None}
        if len(periods) <= 1 and len({best["trade"].ev, part.ev, best["balance"].ev}) > 1:
            check = _balance_check(best["trade"], part, best["balance"], scope="story")
            if check:
                out.append(check)
    return out
