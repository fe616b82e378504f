"""Attributions read off whole lines rather than quote marks: interview transcripts
("TAPPER: Specifically, I've heard ...") and headlines ("Elizabeth Warren: Trump Is a 'Proven
Failure'", "Poll: Trump leads"). `ctx` is the document context of `quotes` (its text, paragraphs,
quote spans and speaker resolver)."""

from __future__ import annotations

import re
from typing import Any

from ...model import Quote
from ._speaker import word_set

NAME = r"[A-Z][\w.\-\u2019']*"
NOT_SPEAKERS = {"GPE", "LOC", "DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "EVENT", "WORK_OF_ART"}
_TRANSCRIPT = re.compile(rf"[ \t]*((?:{NAME}\s+){{0,2}}{NAME})[ \t]*:[ \t]+(?=\S)")


def transcript_quotes(ctx: Any) -> list[Quote]:
    """Interview transcripts without quote marks: a paragraph "TAPPER: Specifically, I've heard ...",
    when the lead-in names a person of the text."""
    text, out = ctx.text, []
    for lo, hi in ctx.paras:
        m = _TRANSCRIPT.match(text, lo)
        if m is None or any(s.start < hi and lo < s.end for s in ctx.spans):
            continue
        a, b = m.span(1)
        ent = ctx.resolver.entity_at(a, b)
        who = ent.canonical if ent is not None and ent.label == "PERSON" else None
        who = who or ctx.resolver.surnames.get(text[a:b].split()[-1].lower())
        start, end = m.end(), hi
        while end > start and text[end - 1].isspace():
            end -= 1
        if who is None or len(text[start:end].split()) < 4:
            continue
        out.append(Quote(ctx.raw[start:end], start, end, who, a, b, None, "direct"))
    return out


_HEADLINE = re.compile(rf"[ \t]*((?:{NAME}\s+){{0,3}}{NAME})[ \t]*:[ \t]+(\S[^\n]*)")
_NOT_HEADLINE_SOURCES = word_set(
    "update updated watch video videos photo photos related read breaking exclusive note editor's "
    "source credit transcript listen live advertisement q a"
)
_REPORT_NOUNS = word_set("poll polls survey report study analysis review audit memo")


def headline_quotes(ctx: Any, taken: list[Quote]) -> list[Quote]:
    """Headline attributions "Elizabeth Warren: Trump Is a 'Proven Failure'", "Poll: Trump leads":
    a line of its own, headline-style (title case or the text's first line, no full stop inside)."""
    text, out = ctx.text, []
    first = len(text) - len(text.lstrip())
    for m in _HEADLINE.finditer(text):
        line_start = m.start()
        if line_start and text[line_start - 1] != "\n":
            continue
        a, b = m.span(1)
        name, rest = m.group(1), m.group(2).rstrip()
        words = re.findall(r"[\w\u2019']+", rest)
        if name.lower() in _NOT_HEADLINE_SOURCES or not 3 <= len(words) <= 25:
            continue
        if re.search(r"[.!?]\s+[A-Z]", rest) or any(q.start < m.end() and a < q.end for q in taken):
            continue
        capitals = sum(w[0].isupper() or w[0].isdigit() for w in words) / len(words)
        if line_start != first and capitals < 0.6:
            continue
        ent = ctx.resolver.entity_at(a, b)
        if ent is not None and ent.label in NOT_SPEAKERS:
            continue
        who = ent.canonical if ent is not None else ctx.resolver.surnames.get(name.split()[-1].lower())
        if who is None and name.split()[-1].lower() not in _REPORT_NOUNS:
            continue  # "The Latest: ...", "Wow: ...": a rubric, not a source
        start, end = m.start(2), m.start(2) + len(rest)
        out.append(Quote(ctx.raw[start:end], start, end, who or name, a, b, ":", "indirect"))
    return out
