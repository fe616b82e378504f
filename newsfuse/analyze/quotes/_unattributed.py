"""A learned decision for quoted words that no rule attributes: a quotation (and whose) or not.

Most such spans in news are partial quotes under verbs that are not verbs of saying ("Toomey fumed
that the bill was “a disgrace”") or scare quotes and terms ("the so-called “deal”"). For each one,
`candidates` lists who could have said it: the subject of a verb the quote hangs from in the parse,
the people and groups named in its sentence, the speaker of the quote before it, the subject of the
sentence before. `features` describes the quote (length, a full clause or a fragment, capitalised,
first person, position in its sentence, the governing verb) and the candidate (where it came from,
entity type, distance). A logistic regression trained on PolNeAR train only
(benchmarks/train_unattributed.py) scores each (quote, candidate) pair; the best candidate speaks
the quote when its score passes the model's threshold. Weights ship as data/unattributed.json.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ._frames import subject_of
from ._speaker import mention_span
from ._verbs import SPEECH_FORMS

MODEL_PATH = Path(__file__).parent / "data" / "unattributed.json"
_PRONOUNS = frozenset({"he", "she", "they"})
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|we|We|my|My|our|Our|me|us)\b")
_SECOND_PERSON = re.compile(r"\b(?:you|You|your|Your)\b")
_NAMING = frozenset({"call", "dub", "label", "term", "brand", "name", "describe", "deem", "refer"})
_TERM_BEFORE = frozenset({"so-called", "the", "a", "an", "of", "as", "called", "dubbed", "term", "word"})
_LABELS = ("PERSON", "ORG", "NORP", "GPE")
_NOT_SPEAKER_WORDS = frozenset({"it", "this", "that", "which", "there", "what", "these", "those"})


@dataclass
class Candidate:
    tok: Any  # head token of the mention
    span: tuple[int, int]
    sources: set[str] = field(default_factory=set)  # path | sentence | previous | prev_subject
    hops: int = 99  # verbs climbed from the quote to the verb it is the subject of
    verb: Any | None = None  # that verb
    speaker: str | None = None  # set for "previous": the earlier quote's resolved speaker
    cue: str | None = None  # set for "previous": the earlier quote's cue (so both group together)
    label: str = ""


def _label(ctx: Any, tok: Any) -> str:
    if tok.lower_ in _PRONOUNS:
        return "PRON"
    ent = ctx.resolver.entity_at(tok.idx, tok.idx + len(tok.text))
    return ent.label if ent is not None else ""


def _speaker_like(ctx: Any, tok: Any) -> bool:
    if ctx.quoted(tok.idx):
        return False
    if tok.lower_ in _PRONOUNS:
        return tok.i in ctx.resolver.pronouns and ctx.resolver.pronouns[tok.i] is not None
    return _label(ctx, tok) in _LABELS


def _nominal(ctx: Any, tok: Any) -> bool:
    """A subject or possessor that could name a speaker: a name, a pronoun for a person, "who",
    or a common noun phrase ("the 43-year-old", "the statement"); not "it", "this", "that"."""
    if ctx.quoted(tok.idx) or tok.lower_ in _NOT_SPEAKER_WORDS:
        return False
    if tok.lower_ in _PRONOUNS:
        return _speaker_like(ctx, tok)
    return tok.pos_ in ("PROPN", "NOUN") or tok.lower_ in ("who", "i", "we")


def _sentence_span(ctx: Any, q: Any) -> tuple[int, int]:
    a = ctx.sents[ctx.sentence(max(0, q.start - 1))][0]
    b = ctx.sents[ctx.sentence(max(0, q.end - 1))][1]
    return a, b


def candidates(ctx: Any, q: Any, previous: tuple[Any, Any] | None) -> list[Candidate]:
    """Who could have said the quoted words `q` (`previous`: the last attributed quote and its
    attribution, if any)."""
    out: dict[tuple[int, int], Candidate] = {}

    def add(tok: Any, source: str) -> Candidate:
        span = mention_span(tok, ctx.quoted)
        c = out.setdefault(span, Candidate(tok, span, label=_label(ctx, tok)))
        c.sources.add(source)
        return c

    span = ctx.doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None or not len(span):
        return []
    inside = range(span.start, span.end)
    tok, hops, steps = span.root, 0, 0
    while tok.head.i != tok.i and steps < 16:
        tok, steps = tok.head, steps + 1
        if tok.i in inside:
            continue
        if tok.pos_ in ("NOUN", "PROPN"):  # "her assertion that “...”", "Rubio's catch phrase"
            for p in tok.children:
                if p.dep_ == "poss" and _nominal(ctx, p):
                    add(p, "possessor")
            continue
        if tok.pos_ not in ("VERB", "AUX"):
            continue
        hops += 1
        subj = subject_of(tok, ctx.quoted)
        if subj is not None and _nominal(ctx, subj):
            c = add(subj, "path")
            if hops < c.hops:
                c.hops, c.verb = hops, tok
    # “...?” a Democratic staffer in the room wondered: the subject of the verb right after the marks
    close = q.end
    while close < len(ctx.text) and ctx.text[close] in ",.!?\u201d\"' ":
        close += 1
    if ctx.text[q.end : q.end + 1] in (",", "!", "?") or ctx.text[q.end - 1 : q.end] in (",", "!", "?"):
        for t in ctx.doc[span.end : span.end + 10]:
            if t.idx < close or ctx.quoted(t.idx):
                continue
            if t.pos_ in ("VERB", "AUX"):
                subj = subject_of(t, ctx.quoted)
                if subj is not None and _nominal(ctx, subj):
                    add(subj, "after")
                break
    a, b = _sentence_span(ctx, q)
    sent = ctx.doc.char_span(a, b, alignment_mode="expand")
    for t in sent if sent is not None else []:
        if t.i in inside or ctx.quoted(t.idx):
            continue
        if (t.lower_ in _PRONOUNS or t.ent_iob_ in ("B", "I")) and _speaker_like(ctx, t):
            if t.ent_iob_ == "I" and t.i > 0 and t.nbor(-1).ent_iob_ in ("B", "I"):
                continue  # one candidate per name: its first token stands for it
            add(t, "sentence")
    i = ctx.sentence(max(0, q.start - 1))
    if i > 0 and ctx.paragraph(ctx.sents[i - 1][0]) == ctx.paragraph(q.start):
        prev = ctx.doc.char_span(*ctx.sents[i - 1], alignment_mode="expand")
        subj = next((c for c in prev.root.children if c.dep_ == "nsubj"), None) if prev else None
        if subj is not None and _speaker_like(ctx, subj):
            add(subj, "prev_subject")
    if previous is not None:
        pq, att = previous
        if att.span is not None and ctx.paragraph(q.start) - ctx.paragraph(pq.start) <= 1:
            tok0 = ctx.doc.char_span(*att.span, alignment_mode="expand")
            if tok0 is not None and len(tok0):
                c = out.setdefault(att.span, Candidate(tok0.root, att.span, label=_label(ctx, tok0.root)))
                c.sources.add("previous")
                c.speaker, c.cue = att.speaker, att.verb
    return list(out.values())


def _is_clause(span: Any) -> bool:
    inside = range(span.start, span.end)
    return any(t.dep_ in ("nsubj", "nsubjpass") and t.head.i in inside for t in span)


def _governing_verb(span: Any) -> Any | None:
    inside = range(span.start, span.end)
    tok = span.root
    for _ in range(12):
        if tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.i not in inside and tok.pos_ in ("VERB", "AUX"):
            return tok
    return None


def quote_features(ctx: Any, q: Any, kind: str) -> dict[str, float]:
    text = ctx.text
    content = text[q.start : q.end]
    n = len(content.split())
    span = ctx.doc.char_span(q.start, q.end, alignment_mode="expand")
    a, b = _sentence_span(ctx, q)
    before = re.findall(r"[\w’'-]+", text[max(a, q.start - 30) : q.start])
    gov = _governing_verb(span) if span is not None and len(span) else None
    gov_lemma = gov.lemma_.lower() if gov is not None else ""
    f = {
        "q_log_words": math.log1p(n),
        "q_short": float(n <= 3),
        "q_long": float(n >= 8),
        "q_clause": float(span is not None and len(span) > 0 and _is_clause(span)),
        "q_capital": float(content[:1].isupper()),
        "q_end_punct": float(content.rstrip()[-1:] in (".", ",", "!", "?")),
        "q_direct": float(kind == "direct"),
        "q_first_person": float(bool(_FIRST_PERSON.search(content))),
        "q_second_person": float(bool(_SECOND_PERSON.search(content))),
        "q_sentence_pos": (q.start - a) / max(1, b - a),
        "q_whole_sentence": float((q.start - a) < 3 and (b - q.end) < 4),
        "q_term_before": float(bool(before) and before[-1].lower() in _TERM_BEFORE),
        "q_lead_paragraph": float(ctx.paragraph(q.start) == 0),
        "gov_none": float(gov is None),
        "gov_speech": float(gov is not None and gov.lower_ in SPEECH_FORMS),
        "gov_be": float(gov_lemma == "be"),
        "gov_naming": float(gov_lemma in _NAMING),
        "q_has_verb": float(span is not None and any(t.pos_ in ("VERB", "AUX") for t in span)),
        "q_after_that": float(bool(before) and before[-1].lower() == "that"),
        "q_after_colon": float(text[max(0, q.start - 3) : q.start].strip(' "\u201c').endswith(":")),
        "q_repeated": float(text.count(content) > 1),
        "q_speech_in_sentence": float(
            any(w.lower() in SPEECH_FORMS for w in re.findall(r"\w+", _outside(ctx, a, b)))
        ),
    }
    return f


def _outside(ctx: Any, a: int, b: int) -> str:
    """The words of text[a:b] that stand outside quote marks."""
    return "".join(ch for i, ch in enumerate(ctx.text[a:b], a) if not ctx.quoted(i))


def features(
    ctx: Any, q: Any, c: Candidate, cands: list[Candidate], qf: dict[str, float]
) -> dict[str, float]:
    pos = c.span[0]
    dist = _dist(ctx, q, c)
    dists = sorted(_dist(ctx, q, x) for x in cands)
    f = dict(qf)
    f.update({
        "c_path": float("path" in c.sources),
        "c_sentence": float("sentence" in c.sources),
        "c_possessor": float("possessor" in c.sources),
        "c_after": float("after" in c.sources),
        "c_common": float(c.label == "" and c.tok.pos_ == "NOUN"),
        "c_who": float(c.tok.lower_ == "who"),
        "c_previous": float("previous" in c.sources),
        "c_prev_subject": float("prev_subject" in c.sources),
        "c_path_near": float(c.hops <= 1),
        "c_path_hops": min(c.hops, 6) / 6 if c.hops < 99 else 1.0,
        "c_path_speech": float(c.verb is not None and c.verb.lower_ in SPEECH_FORMS),
        "c_path_be": float(c.verb is not None and c.verb.lemma_ == "be"),
        "c_person": float(c.label == "PERSON"),
        "c_org": float(c.label in ("ORG", "NORP", "GPE")),
        "c_pronoun": float(c.label == "PRON"),
        "c_subject": float(c.tok.dep_ in ("nsubj", "nsubjpass")),
        "c_before": float(pos < q.start),
        "c_log_dist": math.log1p(dist),
        "c_nearest": float(_dist(ctx, q, c) == dists[0]),
        "c_log_count": math.log1p(len(cands)),
    })  # fmt: skip
    return f


def _dist(ctx: Any, q: Any, c: Candidate) -> int:
    gap = ctx.text[c.span[1] : q.start] if c.span[0] < q.start else ctx.text[q.end : c.span[0]]
    return len(gap.split())


def span_features(qf: dict[str, float], cands: list[Candidate]) -> dict[str, float]:
    """The quote's features and what kinds of candidate it has (for "is it a quotation at all")."""
    f = dict(qf)
    for src in ("path", "sentence", "previous", "prev_subject", "possessor", "after"):
        f["has_" + src] = float(any(src in c.sources for c in cands))
    f["has_path_person"] = float(any("path" in c.sources and c.label in ("PERSON", "PRON") for c in cands))
    f["has_path_speech"] = float(any(c.verb is not None and c.verb.lower_ in SPEECH_FORMS for c in cands))
    f["log_candidates"] = math.log1p(len(cands))
    return f


@dataclass(frozen=True)
class Model:
    span: dict[str, float]  # P(the quote is attributed to someone)
    span_bias: float
    candidate: dict[str, float]  # P(this candidate is the one, given it is attributed)
    candidate_bias: float
    threshold: float

    @staticmethod
    def _p(w: dict[str, float], bias: float, f: dict[str, float]) -> float:
        z = bias + sum(w.get(k, 0.0) * v for k, v in f.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def span_score(self, f: dict[str, float]) -> float:
        return self._p(self.span, self.span_bias, f)

    def candidate_score(self, f: dict[str, float]) -> float:
        return self._p(self.candidate, self.candidate_bias, f)


@cache
def load_model(path: Path = MODEL_PATH) -> Model:
    d = json.loads(path.read_text(encoding="utf-8"))
    w = {k: {n: float(v) for n, v in d[k]["weights"].items()} for k in ("span", "candidate")}
    return Model(w["span"], float(d["span"]["bias"]), w["candidate"], float(d["candidate"]["bias"]),
                 float(d["threshold"]))  # fmt: skip


def choose(
    ctx: Any, q: Any, kind: str, previous: tuple[Any, Any] | None, model: Model
) -> tuple[Candidate, float] | None:
    """The candidate the model finds most likely to have said `q`, if P(attributed) x P(candidate)
    passes the threshold."""
    cands = candidates(ctx, q, previous)
    if not cands:
        return None
    qf = quote_features(ctx, q, kind)
    ps = model.span_score(span_features(qf, cands))
    scored = sorted(
        ((model.candidate_score(features(ctx, q, c, cands, qf)), i) for i, c in enumerate(cands)),
        reverse=True,
    )
    p, i = scored[0]
    return (cands[i], ps * p) if ps * p >= model.threshold else None
