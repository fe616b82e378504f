"""Quotes and their speakers: `find_quotes`. (The package docstring describes the conventions.)"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

from ...model import Entity, Quote
from ._frames import Frame, find_frames, subject_of
from ._lines import NAME as _NAME
from ._lines import NOT_SPEAKERS as _NOT_SPEAKERS
from ._lines import headline_quotes, transcript_quotes
from ._marks import QuoteSpan, find_quote_spans, mark_text, paragraphs
from ._nominal import nominal_cue
from ._speaker import SpeakerResolver, mention_span
from ._unattributed import (
    Model,
    candidates,
    choose,
    features,
    load_model,
    quote_features,
    span_features,
)
from ._verbs import SPEECH_FORMS, SPEECH_VERBS
from ._via import intermediary

__all__ = ["SPEECH_VERBS", "find_quote_spans", "find_quotes"]

_DASH_NAME = re.compile(rf"\s*[\u2014\u2013-]{{1,2}}\s*((?:{_NAME}\s+){{0,3}}{_NAME})")
_COLON_LEAD = re.compile(rf"(?:^|[\n.!?\u2014\u2013-]\s*)((?:{_NAME}\s+(?:and\s+)?){{0,4}}{_NAME})\s*:\s*$")
_FORMS = "|".join(sorted(SPEECH_FORMS, key=len, reverse=True))
_SPEAKER = rf"(?:{_NAME}\s+){{0,3}}{_NAME}|[Hh]e|[Ss]he|[Tt]hey"
_BEFORE = re.compile(rf"\b({_SPEAKER})\s+(?:\w+ly\s+|also\s+)?({_FORMS})\s*[,:]?\s*$")
_AFTER = re.compile(
    rf"[,.!?]?[ \t]*((?:(?:{_NAME}|[a-z]+)[ \t]+){{0,4}}{_NAME}|[Hh]e|[Ss]he|[Tt]hey)\b(?=[ \t,])"
)
# "“...,” the editorial read.", "“...!” a message on the website reads.": words someone wrote
_WRITTEN = re.compile(
    r"[ \t]*((?:[Tt]he|[Aa]n?|[Oo]ne|[Aa]nother|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)(?:[ \t]+[\w’'-]+){1,6}?|[Ii]t)"
    r"[ \t]+(read|reads|stated|states|said|says)\b"
)
_NOT_NAMES = frozenset({"CCONJ", "SCONJ", "DET", "ADP", "PART", "AUX", "VERB", "ADV", "PUNCT"})
_NOT_SPEAKER_WORDS = frozenset({"it", "this", "that", "which", "there", "what", "these", "those"})
_SMALL_WORDS = frozenset("a an the of in on and for to at by with or from vs".split())  # noqa: SIM905


@dataclass
class _Attribution:
    speaker: str | None
    span: tuple[int, int] | None
    verb: str | None
    frame: Frame | None = None
    cue: tuple[int, int] | None = None  # where the cue word stands (two "said"s are two statements)


class _Context:
    """Everything about one document the attribution rules look up."""

    def __init__(self, doc: Any, text: str, entities: list[Entity]):
        self.doc, self.raw = doc, text
        self.text = mark_text(text)  # what the mark rules read: ''...'' as "..." (same offsets)
        self.spans = find_quote_spans(self.text)
        # titles in quote marks ("the author of “Hacked World Order”") are part of the text around them
        self.speech_spans = [s for s in self.spans if not _is_title(text[s.start : s.end])]
        self.quoted_ranges = [(s.start, s.end) for s in self.speech_spans]
        self._q_starts = [s.start for s in self.speech_spans]
        self.resolver = SpeakerResolver(doc, entities, self.quoted_ranges)
        self.frames = find_frames(doc, text, self.quoted)
        self.by_cue = {f.cue.i: f for f in self.frames}
        self.sents = [(s.start_char, s.end_char) for s in doc.sents]
        self._sent_starts = [a for a, _ in self.sents]
        self.paras = paragraphs(text)
        self._para_starts = [a for a, _ in self.paras]

    def quoted(self, pos: int) -> bool:
        i = bisect.bisect_right(self._q_starts, pos) - 1
        return i >= 0 and self.speech_spans[i].start <= pos < self.speech_spans[i].end

    def sentence(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self._sent_starts, pos) - 1)

    def paragraph(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self._para_starts, pos) - 1)

    def attribution(self, frame: Frame) -> _Attribution:
        who = self.resolver.resolve(frame.speaker) if frame.speaker is not None else None
        return _Attribution(who, frame.speaker_span, frame.cue_text, frame, _at(frame.cue))

    def speaker_at(
        self, start: int, end: int, verb: str | None, cue: tuple[int, int] | None = None
    ) -> _Attribution | None:
        """The speaker whose mention is text[start:end] (a name or a pronoun)."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            return None
        tok = span[-1] if span[-1].pos_ != "PUNCT" else span.root
        if tok.ent_type_ in _NOT_SPEAKERS or tok.pos_ in _NOT_NAMES:
            return None  # "But" / "And" opening the sentence after a quote, not a name
        return _Attribution(self.resolver.resolve(tok), (start, end), verb, cue=cue)

    def named(self, start: int, end: int) -> _Attribution | None:
        """A speaker named by position only (a trailing dash, a colon lead-in)."""
        ent = self.resolver.entity_at(start, end)
        if ent is not None and ent.label in _NOT_SPEAKERS:
            return None
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is not None and any(t.ent_type_ in _NOT_SPEAKERS for t in span):
            return None
        if ent is not None and ent.start >= start:  # not "Stated Stone" tagged as one name
            return _Attribution(ent.canonical, (start, end), None)
        who = self.resolver.surnames.get(self.text[start:end].split()[-1].lower())
        return _Attribution(who or " ".join(self.text[start:end].split()), (start, end), None)


def _at(tok: Any) -> tuple[int, int]:
    return int(tok.idx), int(tok.idx) + len(tok.text)


def _close_end(text: str, q: QuoteSpan) -> int:
    """Position just after the closing mark (or the content end if unclosed)."""
    i = q.end
    while i < len(text) and text[i] in ",.!?;: ":
        i += 1
    return i + 1 if q.closed and i < len(text) else q.end


def _kind(text: str, q: QuoteSpan) -> str:
    i = q.start - 2  # the character before the opening mark
    while i >= 0 and text[i] in " \t\u00a0":
        i -= 1
    if i < 0 or text[i] in "\n.!?:;,(\u2014\u2013-\u2026":
        return "direct"
    if (
        text[i] in "\u201d\"\u00bb\u2019'" and i > 0 and text[i - 1] in ".!?"
    ):  # after a quote ending a sentence
        return "direct"
    word = re.search(r"(\w+)\W*$", text[max(0, i - 30) : i + 1])
    if word and word.group(1).lower() in SPEECH_FORMS:
        return "direct"
    return "partial"


def _is_title(content: str) -> bool:
    """A name in quote marks ("Make in India", "The Godfather"), not words someone said."""
    words = re.findall(r"[\w\u2019'-]+", content)
    if not words or len(words) > 8 or content.rstrip()[-1:] in ".!?,":
        return False
    return all(w[0].isupper() or w.lower() in _SMALL_WORDS or w[0].isdigit() for w in words)


def _governing_frame(ctx: _Context, q: QuoteSpan) -> Frame | None:
    """The cue that the quote's words hang from in the parse (the nearest one going up)."""
    span = ctx.doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    inside = range(span.start, span.end)
    roots = [t for t in span if t.head.i not in inside or t.head.i == t.i]
    line_end = ctx.text.find("\n", q.end) if q.closed else -1
    for tok in roots:
        seen = 0
        while seen < 12:
            if tok.i not in inside and tok.i in ctx.by_cue and not _unrealised(ctx, tok):
                if 0 <= line_end < tok.idx:
                    return None  # a parse run on across a line break: the next paragraph's cue
                return ctx.by_cue[tok.i]
            if tok.head.i == tok.i:
                break
            tok = tok.head
            seen += 1
    return None


def _unrealised(ctx: _Context, cue: Any) -> bool:
    """A verb of saying inside what another frame reports that no one is said to have done yet
    ("Clinton says she expects Obama to announce an “intensification”", "Cruz said Rubio will
    continue to be “a champion”"): an infinitive or a modal's verb. The words are the outer
    speaker's."""
    aux = any(c.dep_ == "aux" and c.tag_ in ("TO", "MD") for c in cue.children)
    if cue.tag_ != "VB" or not (aux or cue.dep_ == "xcomp"):
        return False
    return any(
        f.cue.i != cue.i and f.speaker is not None and any(s <= cue.idx < e for s, e in f.content)
        for f in ctx.frames
    )


def _nearby_frame(ctx: _Context, q: QuoteSpan) -> Frame | None:
    """The nearest cue in the sentences the quote stands in (and the clause after its closing mark)."""
    text = ctx.text
    lo = max(ctx.sents[ctx.sentence(max(0, q.start - 1))][0], text.rfind("\n", 0, q.start) + 1)
    after = _close_end(text, q)
    hi = ctx.sents[ctx.sentence(max(0, q.end - 1))][1]
    tail = text[after : after + 60]
    m = re.match(r"\s*(\S)", tail)
    trailing_comma = text[q.end : q.end + 1] == "," or text[after - 2 : after - 1] == ","
    if m and (trailing_comma or m.group(1).islower() or m.group(1) in "\u2014\u2013-"):
        hi = max(hi, ctx.sents[ctx.sentence(after + m.start(1))][1])
    elif m and ctx.paragraph(after + m.start(1)) == ctx.paragraph(q.start):
        # “...?” Trump said of Apple.  -- a cue opening the next sentence, reporting nothing else
        nxt = ctx.sents[ctx.sentence(after + m.start(1))]
        head = ctx.doc.char_span(nxt[0], nxt[1], alignment_mode="expand")
        for t in list(head)[:6] if head is not None else []:
            f = ctx.by_cue.get(t.i)
            if f is not None and not f.content:
                hi = max(hi, nxt[1])
                break
    line_end = text.find("\n", after)
    if q.closed and line_end >= 0:
        hi = min(hi, line_end)  # a sentence the parser ran on across a line break ends at it
    cands = []
    for f in ctx.frames:
        p = f.pos
        if not (lo <= p < hi) or q.start <= p < q.end or f.quote_only or _unrealised(ctx, f.cue):
            continue  # a "called X “...”" cue reports only the quote it governs
        if p >= q.end:
            gap_lo, gap_hi, dist = q.end, p, p - q.end
        else:
            gap_lo, gap_hi, dist = p, q.start, q.start - p
        if any(gap_lo <= s.start < gap_hi and _kind(text, s) == "direct" for s in ctx.spans if s is not q):
            continue  # another quote stands between
        cands.append((f.speaker is None, dist, f))
    cands.sort(key=lambda c: (c[0], c[1]))
    return cands[0][2] if cands else None


def _pattern(ctx: _Context, q: QuoteSpan) -> _Attribution | None:
    text = ctx.text
    if q.closed:
        after = q.end
        while after < len(text) and text[after] in ",.!?;":
            after += 1
        m = _DASH_NAME.match(text, after + 1) if after < len(text) else None
        if m:
            return ctx.named(m.start(1), m.end(1))
    lead = text[max(0, q.start - 80) : max(0, q.start - 1)]
    m = _COLON_LEAD.search(lead)
    if m:
        base = q.start - 1 - len(lead)
        words = list(re.finditer(r"\S+", m.group(1)))
        said = 0
        while said < len(words) - 1 and words[said].group().lower() in SPEECH_FORMS:
            said += 1  # "Stated Stone:", "Said Trump:": the inverted verb is not part of the name
        if not any(w.group().lower() in SPEECH_FORMS for w in words[said:]):
            return ctx.named(base + m.start(1) + words[said].start(), base + m.end(1))
    # "... and said:" ending the sentence (or paragraph) just before the quote
    k = q.start - 2
    while k >= 0 and text[k].isspace():
        k -= 1
    if k >= 0 and text[k] == ":":
        sent = ctx.sents[ctx.sentence(k)]
        frames = [f for f in ctx.frames if sent[0] <= f.pos < k and f.speaker is not None]
        last = _last_clause_subject(ctx, sent[0], k)
        if last is not None and (not frames or frames[-1].pos < last[0].idx):
            return last[1]  # "..., to which O'Malley interjected:"
        if frames:
            return ctx.attribution(frames[-1])
        # "President Clinton released the following statement:", "Cruz called them on it:"
        return _sentence_subject(ctx, sent[0], k)
    return None


def _colon_clause(ctx: _Context, q: QuoteSpan) -> tuple[Any, _Attribution] | None:
    """The last verb and its speaker before a colon that opens the quote, in the same sentence."""
    k = q.start - 2
    while k >= 0 and ctx.text[k].isspace():
        k -= 1
    if k < 0 or ctx.text[k] != ":" or ctx.sentence(k) != ctx.sentence(q.start):
        return None
    return _last_clause_subject(ctx, ctx.sents[ctx.sentence(k)][0], k)


def _last_clause_subject(
    ctx: _Context, a: int, b: int, objects: bool = False
) -> tuple[Any, _Attribution] | None:
    """The last finite verb of text[a:b] and its subject (a name, a noun phrase, a pronoun for a
    person): who speaks the quote a colon right after that verb opens ("O'Malley interjected:",
    "Trump leaned in and boomed:", "Article 33 affirms:")."""
    span = ctx.doc.char_span(a, b, alignment_mode="contract")
    verbs = [t for t in span if t.pos_ == "VERB" and t.tag_ in ("VBD", "VBZ")] if span is not None else []
    if not verbs or verbs[-1].lower_ in _NOT_MANNER:
        return None
    verb = verbs[-1]
    if not objects and any(c.dep_ in ("dobj", "ccomp") and c.idx < b for c in verb.children):
        return None
    subj = subject_of(verb, ctx.quoted)
    if subj is None or ctx.quoted(subj.idx) or subj.lower_ in _NOT_SPEAKER_WORDS:
        return None
    if subj.pos_ == "PRON" and ctx.resolver.pronouns.get(subj.i) is None:
        return None
    ent = ctx.resolver.entity_at(subj.idx, subj.idx + len(subj.text))
    if subj.pos_ not in ("PROPN", "NOUN", "PRON") or (ent is not None and ent.label in _NOT_SPEAKERS):
        return None
    if subj.pos_ == "NOUN" and not subj.text[:1].isupper() and ent is None:
        return None  # "The weather turned cold:" names nobody ("Hannity interjected:" does)
    who = ctx.resolver.surnames.get(subj.lower_) or ctx.resolver.resolve(subj)
    return (
        (verb, _Attribution(who, mention_span(subj, ctx.quoted), verb.text, cue=_at(verb))) if who else None
    )


def _previous_subject(ctx: _Context, q: QuoteSpan) -> _Attribution | None:
    """The person the sentence before is about, for a quote that starts a sentence of its own."""
    i = ctx.sentence(max(0, q.start - 1))
    if i == 0:
        return None
    if ctx.paragraph(ctx.sents[i - 1][0]) != ctx.paragraph(q.start):
        return _previous_paragraph_subject(ctx, q)
    return _sentence_subject(ctx, *ctx.sents[i - 1])


def _previous_paragraph_subject(ctx: _Context, q: QuoteSpan) -> _Attribution | None:
    """A paragraph that is one quote (nobody named in it) after a paragraph without quotes whose
    last sentence is about a person: that person ("Valastro praised Christie's leadership ... ¶
    “We need someone who's going to cut through ...”")."""
    p = ctx.paragraph(q.start)
    lo, hi = ctx.paras[p]
    if p == 0 or ctx.text[lo : q.start].strip() not in ("\u201c", '"', "\u00ab"):
        return None
    if any(lo <= f.pos < hi for f in ctx.frames) or not q.closed or ctx.text[q.end + 1 : hi].strip(" .,"):
        return None
    plo, phi = ctx.paras[p - 1]
    if any(plo <= s.start < phi for s in ctx.spans):
        return None
    return _sentence_subject(ctx, *ctx.sents[ctx.sentence(max(plo, phi - 1))])


def _sentence_subject(ctx: _Context, a: int, b: int) -> _Attribution | None:
    """The person (or a pronoun for one) who is the subject of the sentence in text[a:b]."""
    span = ctx.doc.char_span(a, b, alignment_mode="expand")
    if span is None or not len(span):
        return None
    root = span.root
    subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subj is None or ctx.quoted(subj.idx):
        return None
    ent = ctx.resolver.entity_at(subj.idx, subj.idx + len(subj.text))
    if (ent is None or ent.label != "PERSON") and subj.i not in ctx.resolver.pronouns:
        return None
    who = ctx.resolver.resolve(subj)
    if who is None:
        return None
    return _Attribution(who, mention_span(subj, ctx.quoted), None)


def _lexical(ctx: _Context, q: QuoteSpan) -> _Attribution | None:
    """Word patterns next to the marks, for where the parse went wrong: "Ryan said,“Look ..."
    (one token to the tokenizer), "“...,” Texas delegate Bill Eastland, wearing ..., said"."""
    text = ctx.text
    m = _BEFORE.search(text, max(0, q.start - 120), max(0, q.start - 1))
    if m:
        return ctx.speaker_at(m.start(1), m.end(1), m.group(2), m.span(2))
    if not q.closed:
        return None
    m = _AFTER.match(text, _close_end(text, q))
    if m is None:
        w = _WRITTEN.match(text, _close_end(text, q)) if text[q.end : q.end + 1] in ",!?" else None
        return ctx.speaker_at(*w.span(1), w.group(2), w.span(2)) if w else None
    a, b = m.span(1)
    sent_end = ctx.sents[ctx.sentence(a)][1]
    rest = text[b:sent_end]
    cue = re.search(r"\b(\w+)\b", rest)
    for w in re.finditer(r"[\w\u2019']+|[\u201c\u201d\"]", rest[:160]):
        if w.group() in '\u201c\u201d"':
            continue
        if w.group().lower() in SPEECH_FORMS:
            cue = w
            break
    else:
        return None
    if cue is None:
        return None
    return ctx.speaker_at(a, b, cue.group(), (b + cue.start(), b + cue.end()))


def _nominal(ctx: _Context, q: QuoteSpan) -> _Attribution | None:
    """The owner of the noun of saying the quote hangs from: "her remark that “...”" (`_nominal`)."""
    span = ctx.doc.char_span(q.start, q.end, alignment_mode="expand")
    found = nominal_cue(span, ctx.by_cue.__contains__, ctx.quoted) if span is not None and len(span) else None
    if found is None:
        return None
    noun, owner = found
    who = ctx.resolver.resolve(owner)
    if owner.tag_ == "PRP$":  # "Albright fanned controversy over her remark": the clause's own subject first
        verb = noun
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        subj = subject_of(verb, ctx.quoted)
        named = ctx.resolver.resolve(subj) if subj is not None and subj.i != owner.i else None
        wanted = "f" if owner.lower_ == "her" else "m"
        person = subj is not None and (subj.i in ctx.resolver.pronouns or subj.ent_type_ == "PERSON")
        if named is not None and person and ctx.resolver.gender.get(named, wanted) == wanted:
            who = named
    return _Attribution(who, mention_span(owner, ctx.quoted), noun.text, cue=_at(noun))


def _attribute(ctx: _Context, q: QuoteSpan) -> _Attribution | None:
    nominal = _nominal(ctx, q)
    if nominal is not None:
        return nominal
    frame = _governing_frame(ctx, q)
    if frame is None or frame.speaker is None:
        frame = _nearby_frame(ctx, q) or frame
    elif frame.quote_only:  # a verb of saying or a "Name: “...”" lead goes before "called X “...”"
        nearby = _nearby_frame(ctx, q)
        if nearby is not None and nearby.speaker is not None and not _same_speaker(ctx, frame, nearby):
            frame = nearby  # (the same speaker keeps its own cue: "X said ... and called it “...”")
        elif (reporting := _reporting(ctx, frame)) is not None:
            frame = reporting
        else:
            led = _pattern(ctx, q)
            if led is not None:
                return led
    if frame is not None and frame.speaker is not None:
        later = _colon_clause(ctx, q)
        if later is not None and later[0].i > frame.cue.i:
            return later[1]  # "Clinton said ..., to which O'Malley interjected: “...”"
        return ctx.attribution(frame)
    uttered = _kind(ctx.text, q) == "direct"  # the patterns around the marks read an utterance's frame
    return (
        (_pattern(ctx, q) if uttered else None)
        or (_lexical(ctx, q) if uttered else None)
        or _manner(ctx, q)
        or _lead_verb(ctx, q)
        or _governing_subject(ctx, q)
        or (ctx.attribution(frame) if frame is not None else None)
    )


# what someone issues that a quote after a comma gives the words of: "Trump issued a statement, “...”"
_STATEMENTS = frozenset("statement message note letter tweet post response reply email".split())  # noqa: SIM905


def _lead_verb(ctx: _Context, q: QuoteSpan) -> _Attribution | None:
    """A quote that stands as an utterance right after a verb (and a comma) in its sentence: the
    verb's subject speaks it ("Hillary shot back, “...”"), or for ", writing “...”" and the like
    the subject of the clause before the comma (where the parse lost the link)."""
    text = ctx.text
    if _kind(text, q) != "direct":
        return None
    k = q.start - 2
    while k >= 0 and text[k] in " \t":
        k -= 1
    if k < 0 or text[k] in "\n.!?:;":
        return None
    comma = text[k] == ","
    k -= comma
    while k >= 0 and text[k] in " \t":
        k -= 1
    span = ctx.doc.char_span(k, k + 1, alignment_mode="expand")
    if span is None or not len(span):
        return None
    tok = span[0]
    if tok.dep_ in ("prt", "advmod") and tok.head.i < tok.i:  # "shot back", "said simply"
        tok = tok.head
    a = ctx.sents[ctx.sentence(tok.idx)][0]
    if tok.pos_ == "NOUN" and tok.lower_ in _STATEMENTS and tok.dep_ == "dobj" and comma:
        found = _last_clause_subject(ctx, a, tok.idx + len(tok.text), objects=True)
        return (
            _Attribution(found[1].speaker, found[1].span, tok.head.text, cue=_at(tok.head)) if found else None
        )
    if tok.pos_ != "VERB" or tok.lower_ in _NOT_MANNER:
        return None
    if tok.tag_ == "VBG":
        before = tok.idx
        while before > a and text[before - 1] in " \t,":
            before -= 1
        found = _last_clause_subject(ctx, a, before, objects=True)
    elif tok.tag_ in ("VBD", "VBZ"):
        found = _last_clause_subject(ctx, a, tok.idx + len(tok.text))
    else:
        return None
    if found is None:
        return None
    verb, att = found
    return _Attribution(att.speaker, att.span, tok.text, cue=_at(tok))


def _governing_subject(ctx: _Context, q: QuoteSpan) -> _Attribution | None:
    """The person who is the subject of the verb a quote hangs from in the parse, when no verb of
    saying does: "Trump stood by his comment that “Islam hates us”"."""
    content = ctx.raw[q.start : q.end]
    if _is_title(content) or len(content.split()) < 4:
        return None
    span = ctx.doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    tok = span.root
    seen = 0
    while seen < 6 and tok.head.i != tok.i:
        tok = tok.head
        seen += 1
        if tok.pos_ in ("VERB", "AUX") and not ctx.quoted(tok.idx):
            break
    else:
        return None
    subj = next((c for c in tok.children if c.dep_ == "nsubj" and not ctx.quoted(c.idx)), None)
    if subj is None:
        return None
    ent = ctx.resolver.entity_at(subj.idx, subj.idx + len(subj.text))
    if (ent is None or ent.label != "PERSON") and subj.i not in ctx.resolver.pronouns:
        return None
    who = ctx.resolver.resolve(subj)
    return _Attribution(who, mention_span(subj, ctx.quoted), tok.text, cue=_at(tok)) if who else None


_NOT_MANNER = frozenset("is was are were be been has had have do does did got get gets".split())  # noqa: SIM905


def _manner(ctx: _Context, q: QuoteSpan) -> _Attribution | None:
    """A quote that ends on a comma, "?" or "!" followed, in the same line, by its speaker and a verb
    that is not one of saying and takes no object: "“...?” he wondered.", "“...,” Hannity pressed.",
    "“...!” the crowd cried out." The punctuation says the clause after it reports the words."""
    text = ctx.text
    if not q.closed or _is_title(ctx.raw[q.start : q.end]):
        return None
    after = _close_end(text, q)
    if not re.search(r"[,!?]", text[max(q.start, q.end - 1) : after]):
        return None
    line_end = text.find("\n", after)
    span = ctx.doc.char_span(after, line_end if line_end >= 0 else len(text), alignment_mode="contract")
    toks = [t for t in span if not t.is_space] if span is not None else []
    if not toks:
        return None
    for t in toks[1:7]:
        if t.pos_ != "VERB" or t.tag_ not in ("VBD", "VBZ") or t.lower_ in _NOT_MANNER:
            continue
        subj = next((c for c in t.children if c.dep_ == "nsubj" and c.i < t.i), None)
        if subj is None or subj.left_edge.i != toks[0].i or ctx.quoted(subj.idx):
            return None
        if any(c.dep_ in ("dobj", "ccomp", "xcomp") and c.i > t.i for c in t.children):
            return None
        if subj.lower_ in ("i", "we"):  # the writer: "“...,” I confessed."
            return _Attribution(None, mention_span(subj, ctx.quoted), t.text, cue=_at(t))
        if subj.lower_ not in ("he", "she", "they") and subj.pos_ != "PROPN":
            ent = ctx.resolver.entity_at(subj.idx, subj.idx + len(subj.text))
            if subj.pos_ != "NOUN" and (ent is None or ent.label in _NOT_SPEAKERS):
                return None
        who = ctx.resolver.surnames.get(subj.lower_) or ctx.resolver.resolve(subj)
        return _Attribution(who, mention_span(subj, ctx.quoted), t.text, cue=_at(t))
    return None


def _reporting(ctx: _Context, frame: Frame) -> Frame | None:
    """The same speaker's verb of saying whose reported clause holds the quote-only cue: "Rubio said
    that he has begun to unmask Trump, whom he called a “con artist”" is one statement."""
    if frame.cue.dep_ == "conj":
        return None  # "did say he found X “...” and called Y “...”": a second statement (`_frames`)
    for f in ctx.frames:
        if f is frame or f.quote_only or f.speaker is None or not f.content:
            continue
        if any(s <= frame.pos < e for s, e in f.content) and _same_speaker(ctx, f, frame):
            return f
    return None


def _same_speaker(ctx: _Context, a: Frame, b: Frame) -> bool:
    if a.speaker is None or b.speaker is None:
        return False
    who = ctx.resolver.resolve(a.speaker)
    return who is not None and who == ctx.resolver.resolve(b.speaker)


Found = list[tuple[QuoteSpan, str, _Attribution | None]]


def _found(ctx: _Context) -> Found:
    found: Found = [(q, _kind(ctx.text, q), _attribute(ctx, q)) for q in ctx.spans]
    return _propagate(ctx, found)


def _unattributed(
    ctx: _Context, found: Found
) -> list[tuple[QuoteSpan, str, tuple[QuoteSpan, _Attribution] | None]]:
    """The quotes no rule attributes, each with the last attributed quote before it."""
    out = []
    last: tuple[QuoteSpan, _Attribution] | None = None
    for q, kind, att in found:
        if att is not None and (att.speaker is not None or att.span is not None):
            last = (q, att)
        elif not _is_title(ctx.raw[q.start : q.end]):
            out.append((q, kind, last))
    return out


def _learned(ctx: _Context, found: Found, model: Model) -> Found:
    """Attribute the quotes no rule attributes with the learned model (`_unattributed`)."""
    chosen: dict[int, _Attribution] = {}
    for q, kind, last in _unattributed(ctx, found):
        pick = choose(ctx, q, kind, last, model)
        if pick is None:
            continue
        c = pick[0]
        if "previous" in c.sources:
            chosen[q.start] = _Attribution(c.speaker, c.span, c.cue)
        else:
            verb = c.verb.text if c.verb is not None else None
            chosen[q.start] = _Attribution(ctx.resolver.resolve(c.tok), c.span, verb)
    return [(q, kind, chosen.get(q.start, att)) for q, kind, att in found]


Candidates = list[tuple[tuple[int, int], str | None, dict[str, float]]]


def unattributed_candidates(
    doc: Any, text: str, entities: list[Entity]
) -> list[tuple[int, int, dict[str, float], Candidates]]:
    """For training the model of `_unattributed`: each quote no rule attributes, as (start, end,
    its features, [(candidate mention span, its resolved name, features)])."""
    ctx = _Context(doc, text, entities)
    out = []
    for q, kind, last in _unattributed(ctx, _found(ctx)):
        cands = candidates(ctx, q, last)
        qf = quote_features(ctx, q, kind)
        rows: Candidates = [
            (c.span, c.speaker if "previous" in c.sources else ctx.resolver.resolve(c.tok),
             features(ctx, q, c, cands, qf))
            for c in cands
        ]  # fmt: skip
        out.append((q.start, q.end, span_features(qf, cands), rows))
    return out


def find_quotes(doc: Any, text: str, entities: list[Entity], model: Path | None = None) -> list[Quote]:
    """Direct, partial and indirect quotes of `text` (parsed as `doc`), with their speakers.
    `model`: weights of the learned decision for quotes no rule attributes (`_unattributed`, e.g.
    `UNATTRIBUTED_MODEL`); off by default: it did not raise PolNeAR dev speaker F1 (issue 20)."""
    ctx = _Context(doc, text, entities)
    found = _found(ctx)
    if model is not None:
        found = _learned(ctx, found, load_model(model))
    out: list[Quote] = []
    used_frames: set[int] = set()
    for q, kind, att in found:
        content = text[q.start : q.end]  # the caller's text, not the marks view
        words = len(content.split())
        uttered = att is not None and att.verb is not None and ctx.text[q.end : q.end + 1] in (",", "!", "?")
        if _is_title(content) and not uttered and (kind == "partial" or att is None or words <= 4):
            continue
        if att is None or (att.speaker is None and att.span is None):
            continue  # quoted words nobody is said to have said: titles, scare quotes, slogans
        if kind == "direct" and att.frame is not None:
            used_frames.add(att.frame.cue.i)
        s, e = att.span if att.span is not None else (None, None)
        vs, ve = att.cue if att.cue is not None else (None, None)
        quote = Quote(content, q.start, q.end, att.speaker, s, e, att.verb, kind, vs, ve)
        via = intermediary(att.frame, ctx.frames, ctx.sentence, (q.start, q.end), partial(_same_speaker, ctx))
        if via is not None and via.speaker_span is not None:
            who = ctx.resolver.resolve(via.speaker) or " ".join(ctx.raw[slice(*via.speaker_span)].split())
            quote = replace(quote, via=who, via_start=via.speaker_span[0], via_end=via.speaker_span[1])
        out.append(quote)
    out.extend(transcript_quotes(ctx))
    out.extend(headline_quotes(ctx, out))
    out.extend(_indirect(ctx, out, used_frames))
    return sorted(out, key=lambda x: (x.start, x.end))


def _propagate(
    ctx: _Context, found: list[tuple[QuoteSpan, str, _Attribution | None]]
) -> list[tuple[QuoteSpan, str, _Attribution | None]]:
    """Share attributions along multi-paragraph chains, then to the next unattributed quote."""
    by_chain: dict[int, _Attribution] = {}
    for q, _, att in found:
        if att is not None and (att.speaker is not None or att.span is not None) and q.chain not in by_chain:
            by_chain[q.chain] = att
    out: list[tuple[QuoteSpan, str, _Attribution | None]] = []
    last: tuple[QuoteSpan, _Attribution] | None = None
    for q, kind, att in found:
        if att is None or (att.speaker is None and att.span is None):
            chained = by_chain.get(q.chain)
            if chained is not None:
                att, kind = chained, "direct" if kind == "direct" or not q.closed else kind
            elif kind == "direct" and last is not None and _continues(ctx, last[0], last[1], q):
                att = _Attribution(last[1].speaker, last[1].span, last[1].verb, cue=last[1].cue)
            elif kind == "direct":
                att = _previous_subject(ctx, q) or att
                if att is not None and last is not None and att.span is not None and att.span == last[1].span:
                    att = replace(
                        att, verb=last[1].verb, cue=last[1].cue, frame=last[1].frame
                    )  # one statement
        if att is not None and (att.speaker is not None or att.span is not None):
            last = (q, att)
        out.append((q, kind, att))
    return out


def _continues(ctx: _Context, prev: QuoteSpan, att: _Attribution, q: QuoteSpan) -> bool:
    """`q` goes on from the attributed quote `prev`: same paragraph, or the paragraph right after
    begins with it, and no other speaker is named in between."""
    text = ctx.text
    between = text[prev.end : max(prev.end, q.start - 1)]
    pp, pq = ctx.paragraph(prev.start), ctx.paragraph(q.start)
    if pq - pp > 1 or (
        pq == pp + 1 and text[ctx.paras[pq][0] : q.start].strip() not in ("\u201c", '"', "\u00ab")
    ):
        return False
    if len(between) > 300:
        return False
    return not any(
        prev.end <= f.pos < q.start and f.speaker is not None and f is not att.frame for f in ctx.frames
    )


def _indirect(ctx: _Context, direct: list[Quote], used_frames: set[int]) -> list[Quote]:
    """Reported speech without quote marks: the content of every frame not used by a direct quote."""
    text = ctx.text
    out: list[Quote] = []
    taken: list[tuple[int, int]] = [(q.start, q.end) for q in direct if q.kind == "direct"]
    frames = sorted(
        (f for f in ctx.frames if f.content and f.speaker is not None and f.cue.i not in used_frames),
        key=lambda f: -sum(e - s for s, e in f.content),
    )
    for f in frames:
        if any(s <= f.pos < e for s, e in taken):
            continue  # nested inside reported speech already taken
        pieces = [
            (s, e)
            for s, e in f.content
            if len(text[s:e].split()) >= 3 and not any(_covered(s, e, a, b) for a, b in taken)
        ]
        if not pieces:
            continue
        att = ctx.attribution(f)
        ss, se = att.span if att.span is not None else (None, None)
        vs, ve = att.cue if att.cue is not None else (None, None)
        for s, e in pieces:
            out.append(Quote(ctx.raw[s:e], s, e, att.speaker, ss, se, att.verb, "indirect", vs, ve))
            taken.append((s, e))
    return out


def _covered(s: int, e: int, a: int, b: int) -> bool:
    """[s, e) lies mostly inside [a, b)."""
    inter = min(e, b) - max(s, a)
    return inter > 0.5 * (e - s)
