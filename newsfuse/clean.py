"""Clean: remove boilerplate that extractors leave inside article bodies.

Each rule is named and finds spans to drop; the kept characters are never
rewritten, so `Article.segments` maps every cleaned offset back to the text as
given, and each removal is logged (`Article.cleaning`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from .model import Article, CleanAction, Segment
from .pagekind import page_kind
from .stage import Stage

_LINE = r"(?im)^[ \t]*{}[^\n]*(?:\n|\Z)"

_CREDIT = (
    r"AP|AFP|Reuters|PTI|ANI|IANS|UNI|EPA|Getty(?: Images)?|Bloomberg|Xinhua|Shutterstock|"
    r"File(?: [Pp]hoto)?|(?:[Pp]hoto|[Ii]mage|[Pp]icture|[Cc]redit|[Cc]ourtesy)\b[^()\n]{0,60}|"
    r"[A-Z][\w.' -]{1,40}/[A-Z][\w.' -]{1,40}"
)

_CREDIT_END = re.compile(r"\((?:" + _CREDIT + r")\)[ \t]*(?=\n|\Z)")
_BOUNDARY = re.compile(r"(?<=[.!?\u201d\"'])[ \t]+(?=[A-Z\u201c\"])")
_ABBREV = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "jr",
    "sr",
    "no",
    "gen",
    "col",
    "lt",
    "sgt",
    "gov",
    "sen",
    "rep",
    "prof",
}


def _real_boundary(text: str, pos: int) -> bool:
    """Is the sentence punctuation just before `pos` a sentence end (not "S." or "Dr.")?"""
    before = text[:pos].rstrip()
    word = re.search(r"([\w.]+)[.!?\u201d\"']*$", before)
    if not word:
        return True
    token = word.group(1).rstrip(".")
    return not (len(token) == 1 and token.isupper()) and token.lower() not in _ABBREV and "." not in token


def _captions(text: str) -> list[tuple[int, int]]:
    """Photo captions ending in a credit: a line of their own ("Crews at work. (Photo: J. Doe/Times)"),
    or glued to the end of a paragraph after its last sentence ("... in Moscow (AP)")."""
    spans = []
    for m in _CREDIT_END.finditer(text):
        para_start = text.rfind("\n", 0, m.start()) + 1
        starts = [
            b.start()
            for b in _BOUNDARY.finditer(text, para_start, m.start())
            if _real_boundary(text, b.start())
        ]
        if starts and 5 < m.start() - starts[-1] <= 300:
            spans.append((starts[-1], m.end()))
        elif len(starts) <= 1 and m.end() - para_start <= 300:
            end = m.end() + (1 if text[m.end() : m.end() + 1] == "\n" else 0)
            spans.append((para_start, end))
    return spans


RULES: dict[str, re.Pattern[str]] = {
    # "Also Read: ...", "READ MORE | ...", "Related: ..." lines
    "related_link": re.compile(
        _LINE.format(
            r"(?:also\s+read|read\s+also|read\s+more|must\s+read|see\s+also|related(?:\s+stories|\s+articles)?"
            r"|recommended|watch|listen)\s*(?:[:|\-–—>»]|\.\.\.)"
        )
    ),
    # share / subscribe / newsletter / follow prompts on a line of their own
    "share_prompt": re.compile(
        _LINE.format(
            r"(?:share\s+(?:this|on|via)|subscribe\s+(?:to|now|for)|sign\s+up\s+(?:for|to)|follow\s+us\b"
            r"|click\s+here|download\s+(?:the|our)\s+app|get\s+the\s+latest|join\s+our)"
        )
    ),
    # wire-service photo captions: "FILE - In this Nov. 10, 2009 file photo, ...", "This 2013 photo released by ..."
    "wire_caption": re.compile(
        _LINE.format(
            r"(?:FILE(?:\s+PHOTO)?\s*[-\u2013\u2014:]|In\s+this\b[^\n]{0,80}?\b(?:file\s+)?(?:photo|image|picture)\b"
            r"|This\b[^\n]{0,80}?\b(?:photo|image)\s+(?:provided|released|taken|made|shows)\b)"
        )
    ),
    # trailing copyright lines
    "copyright": re.compile(
        _LINE.format(r"(?:©|\(c\)\s*\d{4}|copyright\s+(?:©\s*)?\d{4}|all\s+rights\s+reserved)")
    ),
}


def find_boilerplate(text: str, rules: Iterable[str] | None = None) -> list[CleanAction]:
    """Spans of `text` that named rules mark as boilerplate (offsets into `text`), non-overlapping."""
    found: list[CleanAction] = []
    names = list(rules or [*RULES, "photo_caption"])
    for name in names:
        if name == "photo_caption":
            spans = _captions(text)
        else:
            spans = [(m.start(), m.end()) for m in RULES[name].finditer(text)]
        found.extend(CleanAction(name, a, b, text[a:b].strip()) for a, b in spans)
    found.sort(key=lambda a: (a.start, -a.end))
    merged: list[CleanAction] = []
    for act in found:
        if merged and act.start < merged[-1].end:
            continue
        merged.append(act)
    return merged


def _positions(article: Article) -> list[int]:
    pos = list(range(len(article.text)))
    for seg in article.segments:
        for i in range(seg.length):
            if seg.clean_start + i < len(pos):
                pos[seg.clean_start + i] = seg.orig_start + i
    return pos


def _runs(positions: list[int]) -> tuple[Segment, ...]:
    runs: list[Segment] = []
    start = 0
    for i in range(1, len(positions) + 1):
        if i == len(positions) or positions[i] != positions[i - 1] + 1:
            runs.append(Segment(start, positions[start], i - start))
            start = i
    return tuple(runs)


def clean(article: Article) -> Article:
    """Drop boilerplate spans; keep an offset map to the original and a log of what was removed; judge
    whether what is left is an article at all (pagekind.py: archive notices, error pages... are kept but
    never put in a story)."""
    cleaned = _drop_boilerplate(article)
    kind = page_kind(cleaned.text, cleaned.title)
    if kind.kind == cleaned.kind:
        return cleaned
    return replace(cleaned, kind=kind.kind, kind_reason=kind.reason)


def _drop_boilerplate(article: Article) -> Article:
    actions = find_boilerplate(article.text)
    if not actions:
        return article
    pos = _positions(article)
    kept_chars: list[str] = []
    kept_pos: list[int] = []
    cursor = 0
    for act in actions:
        kept_chars.append(article.text[cursor : act.start])
        kept_pos.extend(pos[cursor : act.start])
        cursor = act.end
    kept_chars.append(article.text[cursor:])
    kept_pos.extend(pos[cursor:])
    text = "".join(kept_chars)
    # trim trailing whitespace left behind
    stripped = text.rstrip()
    kept_pos = kept_pos[: len(stripped)]
    log = tuple(
        CleanAction(a.rule, pos[a.start], pos[a.end - 1] + 1 if a.end > a.start else pos[a.start], a.text)
        for a in actions
    )
    return replace(article, text=stripped, segments=_runs(kept_pos), cleaning=article.cleaning + log)


STAGE = Stage("clean", requires=("original",), assigns=("text", "segments", "cleaning", "kind"), run=clean)
