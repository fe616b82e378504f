"""Compose a brief: extractive sentences, each cited, ranked for centrality and corroboration.

Every sentence of the brief is a sentence of a source article (whitespace
normalised), so its figures, names and quoted words match its citation
verbatim. Sentences stated by more outlets and carrying agreed figures rank
higher; near-repeats are skipped (maximal marginal relevance); other outlets'
sentences that say the same thing with the same numbers are added as
supporting citations.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz
from sklearn.feature_extraction.text import TfidfVectorizer

from ..analyze.entities import canonical_across
from ..model import Analysis, Article, Brief, BriefSentence, Citation, QuoteEntry, TimelineEntry
from ..reconcile import Evidence, Reconciliation

_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
# sentences that lean on what came before them ("He also...", "However, ...") read badly out of context
_DANGLING = re.compile(
    r"^(?:he|she|they|it|this|that|these|those|however|but|and|also|meanwhile|still)\b", re.I
)
_QUOTE_MARKS = re.compile(r'[\u201c\u201d"]')
_ENDS_SENTENCE = re.compile(r"[.!?][\u201d\"'\u2019)]?$")
MIN_WORDS, MAX_WORDS_SENTENCE = 6, 70
REDUNDANT = 0.5
SUPPORT = 0.35


@dataclass
class _Candidate:
    ev: Evidence
    index: int
    start: int
    end: int
    text: str
    score: float = 0.0


def _numbers(text: str) -> set[str]:
    return {n.strip(".,") for n in _NUMBER.findall(text)}


def _candidates(evidence: Sequence[Evidence]) -> list[_Candidate]:
    out = []
    for ev in evidence:
        for i, s in enumerate(ev.analysis.sentences):
            text = ev.text(s.start, s.end)
            words = len(text.split())
            balanced = len(_QUOTE_MARKS.findall(text)) % 2 == 0  # no quote cut off by the sentence split
            if MIN_WORDS <= words <= MAX_WORDS_SENTENCE and _ENDS_SENTENCE.search(text) and balanced:
                out.append(_Candidate(ev, i, s.start, s.end, text))
    return out


def _agreed_positions(recon: Reconciliation) -> dict[str, list[int]]:
    pos: dict[str, list[int]] = {}
    for fact in recon.facts:
        if fact.status == "agreed":
            for m in fact.mentions:
                pos.setdefault(m.article, []).append(m.start)
    return pos


def _select(cands: list[_Candidate], sims: np.ndarray, max_words: int) -> list[int]:
    order = sorted(range(len(cands)), key=lambda i: -cands[i].score)
    chosen: list[int] = []
    words = 0
    nums = [_numbers(c.text) for c in cands]
    for i in order:
        if chosen and float(sims[i, chosen].max()) > REDUNDANT:
            continue
        if any(len(nums[i] & nums[j]) >= 2 for j in chosen):  # restates figures already in the brief
            continue
        n = len(cands[i].text.split())
        if words + n > max_words:
            continue
        chosen.append(i)
        words += n
    return chosen


def _supporting(cand: _Candidate, cands: list[_Candidate], sims: np.ndarray, i: int) -> list[Citation]:
    need = _numbers(cand.text)
    best: dict[str, tuple[float, _Candidate]] = {}
    for j, other in enumerate(cands):
        if other.ev is cand.ev or sims[i, j] < SUPPORT or not need <= _numbers(other.text):
            continue
        aid = other.ev.article.id
        if aid not in best or sims[i, j] > best[aid][0]:
            best[aid] = (float(sims[i, j]), other)
    return [c.ev.cite(c.start, c.end) for _, c in sorted(best.values(), key=lambda x: -x[0])]


def _clip(text: str, max_words: int) -> str:
    words = text.split()
    return text if len(words) <= max_words else " ".join(words[:max_words]) + " …"


def compose_brief(
    story_id: str,
    articles: Sequence[Article],
    analyses: Mapping[str, Analysis],
    recon: Reconciliation,
    max_words: int = 200,
) -> Brief:
    evidence = [Evidence(a, analyses[a.id]) for a in articles]
    cands = _candidates(evidence)
    sentences: list[BriefSentence] = []
    if cands:
        vec = TfidfVectorizer(stop_words="english", sublinear_tf=True)
        m = vec.fit_transform([c.text for c in cands])
        sims = (m @ m.T).toarray()
        centroid = np.asarray(m.mean(axis=0)).ravel()
        central = m @ centroid / (np.linalg.norm(centroid) or 1.0)
        agreed = _agreed_positions(recon)
        for i, c in enumerate(cands):
            outlets = {cands[j].ev.source for j in np.nonzero(sims[i] >= SUPPORT)[0]} - {c.ev.source}
            span = c.ev.cite(c.start, c.end)
            n_agreed = sum(span.start <= p < span.end for p in agreed.get(c.ev.article.id, []))
            dangling = 0.15 if _DANGLING.match(c.text) else 0.0
            c.score = (
                float(central[i])
                + 0.25 / (1 + c.index)
                + 0.08 * len(outlets)
                + 0.1 * min(n_agreed, 3)
                - dangling
            )
        chosen = _select(cands, sims, max_words)
        if not chosen:
            chosen = [max(range(len(cands)), key=lambda i: cands[i].score)]
        rank = {a.id: k for k, a in enumerate(articles)}
        chosen.sort(key=lambda i: (rank[cands[i].ev.article.id], cands[i].index))
        for i in chosen:
            c = cands[i]
            cites = [c.ev.cite(c.start, c.end), *_supporting(c, cands, sims, i)]
            sentences.append(BriefSentence(_clip(c.text, max_words), tuple(cites)))
    return Brief(
        story_id=story_id,
        headline=_headline(articles, cands),
        sentences=tuple(sentences),
        facts=recon.facts,
        conflicts=recon.conflicts,
        checks=recon.checks,
        quotes=tuple(_quotes(evidence)),
        timeline=tuple(_timeline(evidence)),
        sources=tuple(
            sorted({ev.source for ev in evidence} | {s for a in articles for s in a.duplicate_sources})
        ),
        articles=tuple(a.id for a in articles),
    )


def _headline(articles: Sequence[Article], cands: list[_Candidate]) -> str:
    for a in articles:
        if a.title:
            return a.title
    if not cands:
        return "(untitled story)"
    leads = [c for c in cands if c.index == 0] or cands
    best = max(leads, key=lambda c: c.score)
    text = re.sub(r"^[A-Z][\w .'-]{0,30}:\s+", "", best.text)  # drop a dateline "New Delhi: "
    return _clip(text, 20)


def _quotes(evidence: Sequence[Evidence]) -> list[QuoteEntry]:
    """Quotes by speaker, each speaker named once across the story ("Jaishankar" = "S. Jaishankar")."""
    names = canonical_across([ev.analysis.entities for ev in evidence])
    out: list[QuoteEntry] = []
    for ev in evidence:
        for q in ev.analysis.quotes:
            if not q.speaker or q.kind == "partial":
                continue
            speaker = names.get(q.speaker, q.speaker)
            text = " ".join(q.text.split())
            if any(e.speaker == speaker and fuzz.ratio(e.text, text) > 85 for e in out):
                continue
            out.append(QuoteEntry(speaker, text, q.verb, ev.cite(q.start, q.end), q.kind))
    order = {s: i for i, s in enumerate(dict.fromkeys(e.speaker for e in out))}
    return sorted(out, key=lambda e: order[e.speaker])


def _timeline(evidence: Sequence[Evidence]) -> list[TimelineEntry]:
    out: dict[tuple[str, str], TimelineEntry] = {}
    for ev in evidence:
        for d in ev.analysis.dates:
            if d.granularity not in ("day", "week", "month"):
                continue
            sent = ev.sentence_at(d.start)
            if sent is None:
                continue
            key = (d.value, ev.article.id)
            if key not in out:
                out[key] = TimelineEntry(
                    d.value,
                    d.granularity,
                    _clip(ev.text(sent.start, sent.end), 40),
                    ev.cite(sent.start, sent.end),
                )
    return sorted(out.values(), key=lambda t: t.date)
