"""Quotes and their speakers.

Direct quotes are found from quote marks (curly or straight; a paragraph whose
quote is never closed runs to the paragraph end, as in multi-paragraph quotes).
The speaker comes from the nearest speech verb outside the quote in the same
sentence or the one after it ("...,” he said"; "Lavrov added, “...”"; "and said: “...”"),
through the parser's subject of that verb (following "and said" to the first
verb's subject); a trailing "— Name", a colon lead-in "Lavrov: “...”" and
"according to X" are read too. Pronouns resolve to the nearest preceding person
that is a grammatical subject, else the nearest person mentioned. Indirect
speech ("X said that ...") is returned with kind "indirect".
"""

from __future__ import annotations

import re
from typing import Any

from ..model import Entity, Quote

SPEECH_VERBS = {
    "say", "add", "tell", "state", "note", "explain", "warn", "insist", "argue", "claim", "stress",
    "describe", "call", "ask", "reply", "write", "announce", "declare", "emphasise", "emphasize",
    "remark", "observe", "conclude", "continue", "urge", "acknowledge", "admit", "assert", "caution",
    "comment", "confirm", "contend", "deny", "maintain", "point", "predict", "recall", "reiterate",
    "respond", "suggest", "tweet", "underline", "vow", "concede", "estimate",
}  # fmt: skip
PRONOUNS = {"he", "she", "they", "him", "her"}
_OPEN_CLOSE = [("\u201c", "\u201d"), ('"', '"')]
_ACCORDING = re.compile(r"\baccording to\s+((?:[A-Z][\w.\-\u2019']*\s*){1,4})")
_DASH_NAME = re.compile(r"^\s*[\u2014\u2013-]{1,2}\s*((?:[A-Z][\w.\-\u2019']*\s*){1,4})")
_COLON_LEAD = re.compile(r"((?:[A-Z][\w.\-\u2019']*\s*){1,4}):\s*$")


def find_quote_spans(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, closed) of quoted content, marks excluded."""
    spans: list[tuple[int, int, bool]] = []
    for open_mark, close_mark in _OPEN_CLOSE:
        i = 0
        while True:
            a = text.find(open_mark, i)
            if a < 0:
                break
            b = text.find(close_mark, a + 1)
            para_end = text.find("\n", a + 1)
            para_end = len(text) if para_end < 0 else para_end
            if b < 0 or b > para_end:
                spans.append((a + 1, para_end, False))  # unclosed: runs to the paragraph end
                i = para_end
            else:
                spans.append((a + 1, b, True))
                i = b + 1
    spans = [(a, a + len(text[a:b].rstrip(" ,\n")), closed) for a, b, closed in spans]
    spans.sort()
    kept: list[tuple[int, int, bool]] = []
    for s in spans:
        if kept and s[0] < kept[-1][1]:
            continue
        kept.append(s)
    return kept


def _subject_of(verb: Any) -> Any | None:
    for v in [verb, *([verb.head] if verb.dep_ in ("conj", "xcomp", "advcl") else [])]:
        for child in v.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return child
    return None


def _mention_span(token: Any, doc: Any) -> tuple[int, int]:
    for ent in doc.ents:
        if ent.start <= token.i < ent.end:
            return ent.start_char, ent.end_char
    left = token
    while left.i > 0 and doc[left.i - 1].dep_ == "compound" and doc[left.i - 1].head == token:
        left = doc[left.i - 1]
    return left.idx, token.idx + len(token.text)


class SpeakerResolver:
    """Map a speaker mention (a name, a surname, or a pronoun) to a canonical person."""

    def __init__(self, doc: Any, entities: list[Entity]):
        self.people = [e for e in entities if e.label in {"PERSON", "ORG", "GPE", "NORP"}]
        self.persons = [e for e in entities if e.label == "PERSON"]
        self.subjects = {
            e.start
            for e in self.persons
            for t in doc.char_span(e.start, e.end, alignment_mode="expand") or []
            if t.dep_ in ("nsubj", "nsubjpass")
        }

    def resolve(self, start: int, end: int, text: str) -> str | None:
        if text.lower() in PRONOUNS:
            before = [e for e in self.persons if e.end <= start]
            subjects = [e for e in before if e.start in self.subjects]
            pick = (subjects or before)[-1:] if (subjects or before) else []
            return pick[0].canonical if pick else None
        for e in self.people:
            if e.start <= start < e.end or start <= e.start < end:
                return e.canonical
        return " ".join(text.split()) or None


def _speech_verbs(doc: Any, lo: int, hi: int, inside: tuple[int, int]) -> list[Any]:
    return [
        t
        for t in doc
        if lo <= t.idx < hi
        and not (inside[0] <= t.idx < inside[1])
        and t.lemma_.lower() in SPEECH_VERBS
        and t.pos_ in ("VERB", "AUX")
    ]


def _attribute(doc: Any, text: str, qs: int, qe: int, resolver: SpeakerResolver):
    """(speaker mention start, end, verb) for the quote [qs, qe)."""
    after = text[qe + 1 : qe + 120]
    m = _DASH_NAME.match(after)
    if m:
        s = qe + 1 + m.start(1)
        return s, s + len(m.group(1).rstrip()), None
    lead = text[max(0, qs - 60) : qs - 1]
    m = _COLON_LEAD.search(lead)
    if m and not any(
        t.lemma_ in SPEECH_VERBS
        for t in doc.char_span(qs - 1 - len(lead) + m.start(), qs - 1, alignment_mode="expand") or []
    ):
        s = qs - 1 - len(lead) + m.start(1)
        return s, s + len(m.group(1).rstrip()), None
    first = doc.char_span(qs, qe, alignment_mode="expand")
    sent_lo = first.sent.start_char if first is not None else max(0, qs - 200)
    last = doc.char_span(qe, min(len(text), qe + 1), alignment_mode="expand")
    sent_hi = last.sent.end_char if last is not None and len(last) else min(len(text), qe + 200)
    verbs = _speech_verbs(doc, sent_lo, sent_hi, (qs, qe))
    verbs.sort(key=lambda t: min(abs(t.idx - qe), abs(t.idx - qs)))
    for v in verbs:
        subj = _subject_of(v)
        if subj is not None and not (qs <= subj.idx < qe):
            s, e = _mention_span(subj, doc)
            return s, e, v.text
    window = text[sent_lo:sent_hi]
    m = _ACCORDING.search(window)
    if m:
        s = sent_lo + m.start(1)
        return s, s + len(m.group(1).rstrip()), "according to"
    return None


def find_quotes(doc: Any, text: str, entities: list[Entity]) -> list[Quote]:
    resolver = SpeakerResolver(doc, entities)
    out: list[Quote] = []
    for qs, qe, _closed in find_quote_spans(text):
        content = text[qs:qe]
        words = len(content.split())
        if words < 3:
            continue
        att = _attribute(doc, text, qs, qe, resolver)
        at_start = qs <= 1 or text[qs - 2] in "\n:,. " and not text[max(0, qs - 3) : qs - 1].strip().isalpha()
        kind = "direct" if words >= 6 or at_start else "partial"
        if att is None:
            if kind == "partial":
                continue
            out.append(Quote(content, qs, qe, None, None, None, None, kind))
            continue
        s, e, verb = att
        out.append(Quote(content, qs, qe, resolver.resolve(s, e, text[s:e]), s, e, verb, kind))
    out.extend(_indirect(doc, text, out, resolver))
    return sorted(out, key=lambda q: q.start)


def _indirect(doc: Any, text: str, direct: list[Quote], resolver: SpeakerResolver) -> list[Quote]:
    """'X said (that) ...' with no quote marks: the reported clause, attributed to X."""
    found: list[Quote] = []
    for sent in doc.sents:
        if any(q.start < sent.end_char and sent.start_char < q.end for q in direct):
            continue
        for t in sent:
            if t.lemma_.lower() not in SPEECH_VERBS or t.pos_ != "VERB":
                continue
            comp = [c for c in t.children if c.dep_ == "ccomp" and c.i > t.i]
            subj = _subject_of(t)
            if not comp or subj is None:
                continue
            clause = list(comp[0].subtree)
            start, end = clause[0].idx, clause[-1].idx + len(clause[-1].text)
            if len(clause) < 4:
                continue
            s, e = _mention_span(subj, doc)
            speaker = resolver.resolve(s, e, text[s:e])
            if speaker is None:
                continue
            found.append(Quote(text[start:end], start, end, speaker, s, e, t.text, "indirect"))
            break
    return found
