"""Reporting frames: a cue (a verb of saying, "according to"), its speaker and what was said.

A frame is read off the dependency parse: the speaker is the cue verb's subject
(through "and said", ", saying", "went on to say", "who said", and the agent of a
passive), the reported content is the verb's clausal complement on either side
("X said (that) ..." and "..., X said"), or the clause around a parenthetical
"..., he said, ..." or "according to X".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ._speaker import mention_span
from ._verbs import NEEDS_PARTICLE, QUOTE_CUE_FORMS, SPEECH_FORMS

Span = tuple[int, int]
EDGE_PUNCT = " \t\n,;:\u2014\u2013-"


@dataclass
class Frame:
    cue: Any  # the cue token ("said", or "according")
    cue_text: str
    speaker: Any | None  # head token of the speaker phrase
    speaker_span: Span | None
    content: list[Span] = field(default_factory=list)
    quote_only: bool = False  # a cue that reports only the quoted words after it ("called X “...”")

    @property
    def pos(self) -> int:
        return int(self.cue.idx)


def _trim(text: str, a: int, b: int) -> Span:
    while a < b and text[a] in EDGE_PUNCT:
        a += 1
    while b > a and text[b - 1] in EDGE_PUNCT:
        b -= 1
    return a, b


def _subject(verb: Any, quoted: Callable[[int], bool], depth: int = 0) -> Any | None:
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    outside = [c for c in subjects if not quoted(c.idx)]
    if outside:  # two subjects is a parse error ("LONDON (Reuters) - Trump said"): the nearer one
        subj = min(outside, key=lambda c: abs(c.i - verb.i))
        if subj.lower_ in ("that", "which") and verb.dep_ == "relcl":  # "released a video that said"
            return _issuer(verb.head, quoted) or subj
        return subj
    if subjects and depth == 0:  # the parser took a quoted word for the subject: "“Safety,” said Grimm."
        return _inverted(verb, quoted)
    passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if depth > 0 and passive and not quoted(passive[0].idx):
        # "Lane was booed by the crowd after telling them ...": what Lane did, not the crowd
        return passive[0]
    for c in verb.children:
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    if passive and verb.lower_ in ("quoted", "heard", "overheard", "recorded") and not quoted(passive[0].idx):
        return passive[0]  # "X was quoted as saying", "X was heard saying": X spoke
    if passive:
        return None  # "was told", "was asked": the subject is not the speaker
    if depth == 0 and verb.i > 1 and verb.tag_ != "VBG" and _after_quote(verb, quoted):
        # “...,” recalled Mr. Rhodes (a participle has no subject after it: “...,” telling reporters)
        found = _inverted(verb, quoted)
        if found is not None:
            return found
    head = verb.head
    if depth > 4 or head.i == verb.i:
        return _left_nominal(verb) if depth == 0 else None
    inside_quote = depth > 0 and quoted(verb.idx)
    if depth == 0 and (_reported_aside(verb) or _reporters_conj(verb)):
        return _subject(head.head, quoted, depth + 1)
    if (
        verb.dep_ in ("conj", "xcomp", "acomp")
        or (verb.dep_ == "advcl" and verb.tag_ in ("VBG", "VB"))
        or inside_quote
    ):
        # "and said", "went on to say", "likely to say", "..., saying that ...", "to explain why"
        return _subject(head, quoted, depth + 1)
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        return _subject(head.head, quoted, depth + 1)  # "before saying", "by suggesting"
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and head.pos_ in ("NOUN", "PROPN"):  # "a statement saying"
        return _issuer(head, quoted) or head
    return _left_nominal(verb) if depth == 0 else None


def _reported_aside(verb: Any) -> bool:
    """A ", saying ..." the parser hung on the clause another verb of saying reports ("Trump argued
    that a database would keep people out, saying it's “...”"): the reporter's participle, not the
    reported clause's (whose subject is what the reporter spoke about)."""
    head = verb.head
    return (
        verb.dep_ == "advcl"
        and verb.tag_ == "VBG"
        and verb.i > 0
        and verb.doc[verb.i - 1].text == ","
        and head.dep_ == "ccomp"
        and not is_cue_verb(head)  # "..., Lewandowski added, saying ...": the clause's own speaker
        and head.head.i < head.i  # not "Comey cannot say that ..., Lewandowski added, saying ..."
        and head.head.pos_ in ("VERB", "AUX")
    )


def subject_of(verb: Any, quoted: Callable[[int], bool]) -> Any | None:
    """The subject of any verb, found as a speaker's is ("and fumed", ", calling it"; passives: none)."""
    return _subject(verb, quoted)


def _issuer(noun: Any, quoted: Callable[[int], bool]) -> Any | None:
    """Who put out the words of "X issued a statement saying ...", "X released an ad that says ...":
    the subject of the verb whose object is the statement."""
    if noun.dep_ != "dobj" or noun.head.pos_ not in ("VERB", "AUX"):
        return None
    verb = noun.head
    subj = [c for c in verb.children if c.dep_ == "nsubj" and not quoted(c.idx)]
    while not subj and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        verb = verb.head  # "X had sent letters ... and placed ads calling ...": X's ads
        subj = [c for c in verb.children if c.dep_ == "nsubj" and not quoted(c.idx)]
    return subj[0] if subj else None


def _expletive(subj: Any, cue: Any) -> bool:
    """ "It" with no one behind it: "it's safe to say", "it should be noted"."""
    return subj.head.i != cue.i or cue.tag_ in ("VB", "VBN")


def _after_quote(verb: Any, quoted: Callable[[int], bool]) -> bool:
    """The cue comes right after a closing quote mark (and comma): “...,” said the woman."""
    k = verb.i - 1
    doc = verb.doc
    while k >= 0 and (doc[k].is_punct or doc[k].is_space) and verb.i - k <= 3:
        if doc[k].is_quote or doc[k].text in ("''", "”", '"'):
            k -= 1
            while k >= 0 and doc[k].is_punct and not doc[k].is_quote:
                k -= 1  # the comma or full stop inside the marks
            return k >= 0 and quoted(doc[k].idx)
        k -= 1
    return False


def _inverted(verb: Any, quoted: Callable[[int], bool]) -> Any | None:
    """The name right after a cue whose parsed subject is quoted ("..., said Grimm")."""
    for c in verb.children:
        if c.i > verb.i and c.pos_ in ("PROPN", "NOUN", "PRON") and not quoted(c.idx):
            return c if c.dep_ in ("nsubj", "dobj", "attr", "npadvmod", "appos", "dep") else None
    return None


def _left_nominal(verb: Any) -> Any | None:
    """A name or pronoun right before a finite cue the parser left without subject (a sentence
    boundary it missed: "... the U.S.\nChris Christie added that ...")."""
    if verb.tag_ not in ("VBD", "VBZ", "VBP") or verb.i == 0:
        return None
    k = verb.i - 1
    doc = verb.doc
    if doc[k].text == "," and k > 0:  # "her adviser, Jake Sullivan, said:"
        k -= 1
    if k > 1 and doc[k].like_num and doc[k - 1].text == ",":  # "Marcel Lazar, 44, said"
        k -= 2
    prev = doc[k]
    if (
        prev.pos_ in ("PROPN", "PRON")
        and prev.tag_ not in ("WP", "WDT", "PRP$")
        and prev.dep_ not in ("poss", "dobj")
    ):
        return prev
    return None


def is_cue_verb(tok: Any) -> bool:
    base = SPEECH_FORMS.get(tok.lower_)
    if base is None or not (tok.tag_.startswith("VB") or tok.pos_ == "VERB"):
        return False
    particles = NEEDS_PARTICLE.get(base)
    return particles is None or any(c.dep_ in ("prt", "prep") and c.lower_ in particles for c in tok.children)


def _subtree_span(tok: Any, text: str, exclude: set[int] | None = None) -> list[Span]:
    """Contiguous runs of `tok`'s subtree (minus the `exclude` token indices), trimmed."""
    idx = sorted(t.i for t in tok.subtree if not exclude or t.i not in exclude)
    runs: list[Span] = []
    doc = tok.doc
    start: int | None = None
    prev: int | None = None
    for i in idx:
        if start is None:
            start = prev = i
        elif prev is not None and all(doc[k].is_punct or doc[k].is_space for k in range(prev + 1, i)):
            prev = i
        else:
            runs.append((start, prev if prev is not None else start))
            start = prev = i
    if start is not None:
        runs.append((start, prev if prev is not None else start))
    out = []
    for a, b in runs:
        s, e = _trim(text, doc[a].idx, doc[b].idx + len(doc[b].text))
        if e > s:
            out.append((s, e))
    return out


def find_frames(doc: Any, text: str, quoted: Callable[[int], bool]) -> list[Frame]:
    """Every reporting frame of the document whose cue is outside quoted text."""
    frames: list[Frame] = []
    for tok in doc:
        if quoted(tok.idx):
            continue
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            frames.append(_according(tok, doc[tok.i + 1], text, quoted))
            continue
        quote_only = not is_cue_verb(tok) and _quote_cue(tok, quoted)
        if not (quote_only or is_cue_verb(tok)):
            continue
        subj = _subject(tok, quoted)
        if subj is not None and subj.lower_ == "it" and _expletive(subj, tok):
            continue  # "it's safe to say", "it is said"
        if subj is not None and subj.pos_ in ("VERB", "AUX", "ADP", "ADV", "SCONJ", "CCONJ", "PART"):
            subj = None  # a parse error, not a speaker: "[have endorsed Clinton], a signal"
        span = _speaker_span(subj, quoted) if subj is not None else None
        if span is not None and span[0] <= tok.idx < span[1]:  # "a statement saying ...": not the cue
            span = _trim(text, span[0], min(tok.left_edge.idx, tok.idx))
            span = span if span[1] > span[0] else None
        content = [] if quote_only else _content(tok, text, span)
        frames.append(Frame(tok, _cue_text(tok), subj, span, content, quote_only))
    return frames


def _quote_cue(tok: Any, quoted: Callable[[int], bool]) -> bool:
    """A verb of `QUOTE_CUES` with quoted words in what it governs after it ("called it a
    “fundamental mistake”"), not the "called" of "so-called"."""
    if tok.lower_ not in QUOTE_CUE_FORMS or not (tok.tag_.startswith("VB") or tok.pos_ == "VERB"):
        return False
    if tok.i > 1 and tok.doc[tok.i - 1].text in ("-", "‐") and tok.doc[tok.i - 2].lower_ == "so":
        return False
    right = [
        t for c in tok.children if c.i > tok.i and c.dep_ not in ("conj", "cc", "punct") for t in c.subtree
    ]
    return any(quoted(t.idx) for t in right[:40])


# verbs whose direct object is the person spoken to, not what was said
ADDRESSEE = {
    "tell",
    "ask",
    "inform",
    "assure",
    "advise",
    "urge",
    "warn",
    "remind",
    "email",
    "text",
    "message",
}
# verbs that report speech only with a clause or a quote ("added that ...", "he continued, “...”")
CLAUSE_ONLY = {"continue", "maintain", "add"}
_TOPIC_PREPS = {"about", "on", "to", "of", "over"}
_COMPLEMENTS = {"dobj", "xcomp", "oprd", "ccomp"}


def _content(tok: Any, text: str, speaker: Span | None) -> list[Span]:
    """What the cue verb reports: its clausal complement, else (for verbs that take one) its object
    with what follows it ("accused Clinton of ...", "announced a series of steps to ..."), the
    clause around a parenthetical cue, or the subject of a passive cue with an agent."""
    kids = list(tok.children)
    clauses = [c for c in kids if c.dep_ == "ccomp"]
    if clauses:
        return [sp for c in clauses for sp in _subtree_span(c, text, _own_reports(c))]
    aside = tok.dep_ == "parataxis" or (
        tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in kids)
    )
    if aside and tok.head.i != tok.i:  # "The deal, he said, is fair."; "As the Post reported, ..."
        return _subtree_span(tok.head, text, exclude={t.i for t in tok.subtree})
    if any(c.dep_ == "agent" for c in kids):  # "The move was reported by MSNBC."
        return [sp for c in kids if c.dep_ == "nsubjpass" for sp in _subtree_span(c, text)]
    base = SPEECH_FORMS.get(tok.lower_, "")
    if base in CLAUSE_ONLY:
        return []  # "continues to grow", "added a new twist", "maintain the lead": not speech
    right = sorted((c for c in kids if c.i > tok.i), key=lambda c: c.i)
    picked: list[Any] = []
    for c in right:
        complement = c.dep_ == "xcomp" or (c.dep_ in _COMPLEMENTS and base not in ADDRESSEE)
        if complement or (c.dep_ == "prep" and picked and picked[-1].dep_ == "dobj"):  # "accused X of Y"
            picked.append(c)
        elif picked or c.dep_ not in ("advmod", "npadvmod", "prt", "punct", "dobj", "dative"):
            break
    spans = [sp for c in picked for sp in _subtree_span(c, text)]
    if spans and speaker is not None and spans[0][0] < speaker[1] and speaker[0] < spans[-1][1]:
        return []
    if not spans:  # "wrote about ...", "responded to ...", "joked about ..."
        topic = next((c for c in right if c.dep_ == "prep" and c.lower_ in _TOPIC_PREPS), None)
        if topic is not None and all(c.dep_ in ("advmod", "npadvmod", "prt") for c in right if c.i < topic.i):
            spans = [
                sp for c in topic.children if c.dep_ in ("pobj", "pcomp") for sp in _subtree_span(c, text)
            ]
    return _merge(text, spans)


def _reporters_conj(verb: Any) -> bool:
    """A finite verb of saying without a subject of its own that the parser conjoined inside the clause
    another verb of saying reports ("He says the response was ... and says he introduced ...",
    "Farage said the warning was ... and accused ..."): the reporter's second statement, not part of
    the first ("he'd sit Putin down and tell him" is: a bare verb under the reported clause's modal)."""
    head = verb.head
    if verb.dep_ != "conj" or not is_cue_verb(verb) or is_cue_verb(head) or head.dep_ != "ccomp":
        return False
    if not is_cue_verb(head.head) or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return False
    return verb.tag_ in ("VBD", "VBZ") or any(
        c.dep_ == "aux" and c.tag_ in ("VBD", "VBZ") for c in verb.children
    )


def _own_reports(clause: Any) -> set[int]:
    """Tokens of the reporter's verbs of saying conjoined inside a reported clause (`_reporters_conj`),
    with what they govern and the conjunction before them."""
    out: set[int] = set()
    for t in clause.subtree:
        if t.i > clause.i and t.i not in out and _reporters_conj(t):
            out |= {x.i for x in t.subtree}
            out |= {c.i for c in t.head.children if c.dep_ == "cc" and c.i < t.i}
    return out


def _merge(text: str, spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for s, e in sorted(spans):
        if out and not text[out[-1][1] : s].strip(" ,"):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _cue_text(tok: Any) -> str:
    parts = [tok] + [c for c in tok.children if c.dep_ == "prt"]
    return " ".join(t.text for t in sorted(parts, key=lambda t: t.i))


def _speaker_span(tok: Any, quoted: Callable[[int], bool]) -> Span:
    if tok.lower_ in ("who", "that", "which", "whom"):
        return tok.idx, tok.idx + len(tok.text)
    return mention_span(tok, quoted)


def _according(tok: Any, to: Any, text: str, quoted: Callable[[int], bool]) -> Frame:
    """Frame of "..., according to X" and "According to X, ..."."""
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    head = tok.head if tok.head.i != tok.i else None
    if pobj is None:
        nxt = to.i + 1
        pobj = to.doc[nxt] if nxt < len(to.doc) and to.doc[nxt].pos_ in ("PROPN", "NOUN", "PRON") else None
    content: list[Span] = []
    if head is not None:
        skip = {t.i for t in tok.subtree} | {to.i}
        if pobj is not None:
            skip |= {t.i for t in pobj.subtree}
        while (
            head.dep_ not in ("ROOT", "ccomp") and head.head.i != head.i and head.pos_ not in ("VERB", "AUX")
        ):
            head = head.head
        content = _subtree_span(head, text, exclude=skip)
    span = _speaker_span(pobj, quoted) if pobj is not None else None
    return Frame(tok, "according to", pobj, span, content)
