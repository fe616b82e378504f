"""Compose a brief: extractive sentences, each cited, ranked for centrality and corroboration.

Every sentence of the brief is a sentence of a source article (whitespace
normalised, its dateline or outlet tag left out), so its figures, names and quoted
words match its citation verbatim; the citation starts where the shown text starts.
Sentences stated by more outlets and carrying agreed figures rank higher (the hand-set score,
"rules"; the "learned" selection, DEFAULT_BRIEF_SELECTOR, blends it with selector.py's model); near-repeats
are skipped (maximal marginal relevance), and so is a sentence whose facts the brief
already states (the same fact once: "12,000 evacuated" and "12,400 evacuated" are one
agreed fact), its span added to the kept sentence's citations. Other outlets'
sentences that say the same thing with the same numbers are cited as support too.
The chosen sentences are grouped into themed sections (themes.py): `Brief.sections` lists
them theme by theme, each led by its most-supported sentence, while `Brief.sentences` keeps
the reading order of the sources (article by article), which is what flat consumers read.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from ..model import Analysis, Article, Brief, BriefSentence, Citation, Fact, Section
from ..reconcile import Evidence, Reconciliation
from ..settings import DEFAULT_BRIEF_SELECTOR, DEFAULT_MAX_WORDS
from . import selector
from .datelines import LEAD_SENTENCES, after_dateline
from .headline import choose_headline, disagreement_line
from .quotes import build_quotes
from .themes import sections
from .timeline import build_timeline

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
MINORITY_PENALTY = 0.3  # a sentence stating a value most outlets contradict is a poor summary sentence
SAME_FACTS_SIM = 0.1  # a sentence whose facts are all stated already is redundant above this similarity
# candidates compared pairwise (a dense N x N matrix: 4,000 -> 128 MB); news stories have a few hundred.
# An 8.6 MB text had 70,000 and asked for 36.5 GiB.
MAX_CANDIDATES = 4000
# the learned selection's maximal marginal relevance over words: from the brief's third sentence on, a
# candidate's score is lowered by NOVELTY x the share of its words' weight (the selector's word model:
# how likely a summary is to use each word) that the brief already holds. ROUGE-like overlap with a
# summary counts a word once per use in it, so words the brief has add little. Tune halves, 5-fold CV
# (benchmarks/train_selector.py): Multi-News 44.23 -> 45.02, NeuS 41.17 -> 41.16 (from the second sentence
# on, 44.74 / 41.05; sentence-level MMR over TF-IDF cosine instead: no gain). Held-out halves (measured once):
# 45.78 -> 46.67 and 42.03 -> 42.21
NOVELTY, NOVELTY_FROM = 1.0, 2


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
    """Summary sentence candidates, in article order; each article gives at most its share of
    MAX_CANDIDATES (its leading sentences), so the similarity matrix stays bounded."""
    out = []
    share = max(1, MAX_CANDIDATES // max(1, len(evidence)))
    for ev in evidence:
        mine = 0
        for i, s in enumerate(ev.analysis.sentences):
            if mine >= share:
                break
            start = after_dateline(ev.article.text, s.start, s.end, lead=i < LEAD_SENTENCES)
            text = ev.text(start, s.end)
            words = len(text.split())
            balanced = len(_QUOTE_MARKS.findall(text)) % 2 == 0  # no quote cut off by the sentence split
            if MIN_WORDS <= words <= MAX_WORDS_SENTENCE and _ENDS_SENTENCE.search(text) and balanced:
                out.append(_Candidate(ev, i, start, s.end, text))
                mine += 1
    return out


def _agreed_positions(recon: Reconciliation) -> dict[str, list[int]]:
    pos: dict[str, list[int]] = {}
    for fact in recon.facts:
        if fact.status == "agreed":
            for m in fact.mentions:
                pos.setdefault(m.article, []).append(m.start)
    return pos


def _facts_in(cands: list[_Candidate], facts: Sequence[Fact]) -> list[set[tuple[int, int]]]:
    """Which facts each candidate states, as (index into `facts`, value group of the statement)."""
    where: dict[str, list[tuple[int, int, int]]] = {}
    for k, fact in enumerate(facts):
        for m in fact.mentions:
            where.setdefault(m.article, []).append((m.start, k, m.variant))
    out = []
    for c in cands:
        span = c.ev.cite(c.start, c.end)
        out.append({(k, v) for pos, k, v in where.get(c.ev.article.id, []) if span.start <= pos < span.end})
    return out


def _figures_in(cands: list[_Candidate], facts: Sequence[Fact]) -> list[dict[int, set[str]]]:
    """Per candidate, the numbers as written of each fact it states (fact index -> numbers)."""
    where: dict[str, list[tuple[int, int, set[str]]]] = {}
    for k, fact in enumerate(facts):
        for m in fact.mentions:
            where.setdefault(m.article, []).append((m.start, k, _numbers(m.text)))
    out = []
    for c in cands:
        span = c.ev.cite(c.start, c.end)
        mine: dict[int, set[str]] = {}
        for pos, k, nums in where.get(c.ev.article.id, []):
            if span.start <= pos < span.end:
                mine.setdefault(k, set()).update(nums)
        out.append(mine)
    return out


# a sentence that opens on a pronoun leans on the sentence before it in its article, which the brief may
# not hold (or holds elsewhere): left out, as summarisers do with dangling anaphora. Narrower than
# _DANGLING ("It", "This", "However"... open many self-contained sentences), which only lowers a score.
_PRONOUN_START = re.compile(r"(?:He|She|They|His|Her|Their|Him|Them)\b")


def _select(
    cands: list[_Candidate],
    sims: np.ndarray,
    max_words: int,
    facts: list[set[tuple[int, int]]],
    figures: list[dict[int, set[str]]] | None = None,
    coverage: tuple[Sequence[frozenset[int]], np.ndarray] | None = None,
) -> tuple[list[int], dict[int, list[int]]]:
    """The chosen candidates, and for each the candidates left out because they restate its facts.

    A candidate whose facts are all in the brief already is left out; when it states them with
    the same values it is cited beside the sentence that states them, and when it states another
    outlet's disputed value it is not (the brief's disagreement line shows that value). A candidate
    that gives a fact the brief already states in another figure ("12,400 evacuated" after "more than
    12,000 evacuated") is left out too, whatever else it says: one fact, one figure. With `coverage`
    (each candidate's words, and each word's weight) the candidates are taken by their score less
    the share of their words' weight the brief already holds (NOVELTY), once it has NOVELTY_FROM."""
    order = sorted(range(len(cands)), key=lambda i: -cands[i].score)
    scores = np.array([c.score for c in cands])
    left = np.ones(len(cands), dtype=bool)
    held = np.zeros(len(cands))  # share of each candidate's words' weight the brief holds
    has: set[int] = set()
    chosen: list[int] = []
    restated: dict[int, list[int]] = {}
    covered: dict[int, dict[int, int]] = {}  # fact -> value group -> the chosen candidate stating it
    shown: dict[int, set[str]] = {}  # fact -> the numbers the brief gives it in
    words = 0
    nums = [_numbers(c.text) for c in cands]
    at = 0  # the next candidate in `order` not yet looked at
    for _ in range(len(cands)):
        if coverage is not None and len(chosen) >= NOVELTY_FROM:
            i = int(np.argmax(np.where(left, scores - NOVELTY * held, -np.inf)))
        else:
            while not left[order[at]]:
                at += 1
            i = order[at]
        left[i] = False
        if chosen and float(sims[i, chosen].max()) > REDUNDANT:
            continue
        if _PRONOUN_START.match(cands[i].text):  # "He said the first payments...": who?
            continue
        if any(len(nums[i] & nums[j]) >= 2 for j in chosen):  # restates figures already in the brief
            continue
        if facts[i] and all(v in covered.get(k, {}) or 0 in covered.get(k, {}) for k, v in facts[i]):
            holders = {j for k, _ in facts[i] for j in covered[k].values()}
            if float(sims[i, sorted(holders)].max()) > SAME_FACTS_SIM:
                if all(v in covered[k] for k, v in facts[i]):
                    for j in {covered[k][v] for k, v in facts[i]}:
                        restated.setdefault(j, []).append(i)
                continue
        mine = figures[i] if figures else {}
        if any(k in shown and not nums_k <= shown[k] for k, nums_k in mine.items()):
            continue
        n = len(cands[i].text.split())
        if words + n > max_words:
            continue
        chosen.append(i)
        words += n
        if coverage is not None:
            sets, weight = coverage
            has |= sets[i]
            held = np.array([_share(ws, has, weight) for ws in sets])
        for k, v in facts[i]:
            covered.setdefault(k, {}).setdefault(v, i)
        for k, nums_k in mine.items():
            shown.setdefault(k, set()).update(nums_k)
    return chosen, restated


def _share(words: frozenset[int], held: set[int], weight: np.ndarray) -> float:
    total = float(weight[list(words)].sum()) if words else 0.0
    return float(weight[list(words & held)].sum()) / total if total > 0 else 1.0


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


_NAMED = {"PERSON", "ORG", "GPE", "NORP", "LOC", "EVENT", "FAC", "PRODUCT", "LAW"}


def _topics(
    cands: list[_Candidate], stated: list[set[tuple[int, int]]], facts: Sequence[Fact]
) -> list[list[str]]:
    """Per candidate, what it is about: the subjects of the facts it states, then the names in it."""
    out = []
    for c, fs in zip(cands, stated, strict=True):
        words = [facts[k].subject for k, _ in sorted(fs)]
        words += [
            e.canonical for e in c.ev.analysis.entities if e.label in _NAMED and c.start <= e.start < c.end
        ]
        out.append(list(dict.fromkeys(words)))
    return out


def _label(fact: Fact) -> str:
    about = ", ".join(x for x in (fact.entity, fact.period) if x)
    kind = "" if fact.kind == "reported" else f" [{fact.kind}]"
    return f"{fact.subject}{f' ({about})' if about else ''}{kind}"


_FIRST_PERSON = re.compile(r"\b(?:I|we|We|my|My|our|Our|you|You|me|us)\b")


@dataclass
class Pool:
    """A story's candidate summary sentences with what ranking them needs."""

    cands: list[_Candidate]
    vec: TfidfVectorizer
    matrix: Any  # sparse TF-IDF rows, one per candidate
    sims: np.ndarray
    centroid: np.ndarray
    norm: float
    stated: list[set[tuple[int, int]]]  # facts each candidate states (see _facts_in)
    figures: list[dict[int, set[str]]]  # the numbers it states each in (see _figures_in)
    rules: np.ndarray  # the hand-set score
    features: np.ndarray  # selector.FEATURES per candidate
    words: selector.WordTable | None = None  # the candidates' words (with features=True)

    def centrality(self, text: str) -> float:
        return float((self.vec.transform([text]) @ self.centroid)[0]) / self.norm


def candidate_pool(
    articles: Sequence[Article],
    analyses: Mapping[str, Analysis],
    recon: Reconciliation,
    features: bool = False,
) -> Pool | None:
    """The story's candidates, their similarities and hand-set scores, and with `features` the
    learned selector's features (None: no candidate)."""
    evidence = [Evidence(a, analyses[a.id]) for a in articles]
    cands = _candidates(evidence)
    if not cands:
        return None
    vec = TfidfVectorizer(stop_words="english", sublinear_tf=True)
    m = vec.fit_transform([c.text for c in cands])
    sims = (m @ m.T).toarray()
    centroid = np.asarray(m.mean(axis=0)).ravel()
    norm = float(np.linalg.norm(centroid)) or 1.0
    central = np.asarray(m @ centroid).ravel() / norm
    agreed = _agreed_positions(recon)
    stated = _facts_in(cands, recon.facts)
    conflicted = [f.status == "conflict" and f.majority for f in recon.facts]
    rules = np.zeros(len(cands))
    base = np.zeros((len(cands), 4))  # other outlets saying it, agreed figures, dangling, minority value
    for i, c in enumerate(cands):
        outlets = {cands[j].ev.source for j in np.nonzero(sims[i] >= SUPPORT)[0]} - {c.ev.source}
        span = c.ev.cite(c.start, c.end)
        n_agreed = sum(span.start <= p < span.end for p in agreed.get(c.ev.article.id, []))
        dangling = bool(_DANGLING.match(c.text))
        minority = any(v and conflicted[k] for k, v in stated[i])
        rules[i] = (
            float(central[i])
            + 0.25 / (1 + c.index)
            + 0.08 * len(outlets)
            + 0.1 * min(n_agreed, 3)
            - ((0.15 if dangling else 0.0) + MINORITY_PENALTY * minority)
        )
        base[i] = (len(outlets), n_agreed, dangling, minority)
    figures = _figures_in(cands, recon.facts)
    pool = Pool(cands, vec, m, sims, centroid, norm, stated, figures, rules, np.zeros((len(cands), 0)))
    if features:
        pool.features = _features(pool, articles, central, base)
        pool.words = selector.word_table(
            [c.text for c in cands],
            [c.ev.article.id for c in cands],
            [c.index / max(1, len(c.ev.analysis.sentences)) for c in cands],
            [c.index for c in cands],
            [a.title for a in articles if a.title.strip()],
        )
    return pool


def _features(pool: Pool, articles: Sequence[Article], central: np.ndarray, base: np.ndarray) -> np.ndarray:
    """selector.FEATURES, one row per candidate."""
    cands, m, vec, sims = pool.cands, pool.matrix, pool.vec, pool.sims
    titles = [a.title for a in articles if a.title.strip()]
    title_sim = (
        np.asarray((m @ vec.transform(titles).T).max(axis=1).todense()).ravel()
        if titles
        else np.zeros(len(cands))
    )
    sources = {c.ev.source for c in cands}
    per_article: dict[str, int] = {}
    for c in cands:
        per_article[c.ev.article.id] = per_article.get(c.ev.article.id, 0) + 1
    rank = selector.lexrank(sims)
    words = selector.word_features([c.text for c in cands], [c.ev.article.id for c in cands])
    feats = np.zeros((len(cands), len(selector.FEATURES)))
    for i, c in enumerate(cands):
        n_outlets, n_agreed, dangling, minority = base[i]
        names = sum(e.label in _NAMED and c.start <= e.start < c.end for e in c.ev.analysis.entities)
        feats[i] = (
            c.index == 0,
            1 / (1 + c.index),
            c.index / max(1, len(c.ev.analysis.sentences)),
            len(c.text.split()) / 40,
            central[i],
            (sims[i].sum() - sims[i, i]) / max(1, len(cands) - 1),
            n_outlets / max(1, len(sources) - 1),
            min(n_agreed, 3) / 3,
            bool(_NUMBER.search(c.text)),
            bool(_QUOTE_MARKS.search(c.text)),
            dangling,
            minority,
            title_sim[i],
            min(names, 5) / 5,
            bool(_FIRST_PERSON.search(c.text)),
            per_article[c.ev.article.id] / len(cands),
            pool.rules[i],
            rank[i],
            np.log1p(rank[i]),
            *words[i],
        )
    return feats


def pool_scores(pool: Pool, how: str = DEFAULT_BRIEF_SELECTOR) -> np.ndarray:
    """The candidates' scores: "rules" (hand-set) or "learned" (selector.py's model)."""
    if how == "learned":
        if pool.features.shape[1] != len(selector.FEATURES):
            raise ValueError("the learned selector needs a pool built with features=True")
        return selector.load().score(pool.features, pool.rules)
    if how == "rules":
        return pool.rules
    raise ValueError(f"unknown brief selector {how!r} (rules or learned)")


def choose(
    pool: Pool, scores: np.ndarray, max_words: int, model: selector.Selector | None = None
) -> tuple[list[int], dict[int, list[int]]]:
    """The chosen candidates (at least one) for these scores, and the ones each restates; with the
    learned selector's `model`, the candidates' words already in the brief lower their scores."""
    for c, s in zip(pool.cands, scores, strict=True):
        c.score = float(s)
    coverage = None
    if model is not None and pool.words is not None:
        coverage = (pool.words.words, model.word_weights(pool.words))
    chosen, restated = _select(pool.cands, pool.sims, max_words, pool.stated, pool.figures, coverage)
    if not chosen:
        chosen = [max(range(len(pool.cands)), key=lambda i: pool.cands[i].score)]
    return chosen, restated


def compose_brief(
    story_id: str,
    articles: Sequence[Article],
    analyses: Mapping[str, Analysis],
    recon: Reconciliation,
    max_words: int = DEFAULT_MAX_WORDS,
    selection: str = DEFAULT_BRIEF_SELECTOR,
) -> Brief:
    evidence = [Evidence(a, analyses[a.id]) for a in articles]
    pool = candidate_pool(articles, analyses, recon, features=selection == "learned")
    cands = pool.cands if pool else []
    sentences: list[BriefSentence] = []
    grouped: list[Section] = []
    centrality = pool.centrality if pool else (lambda text: 0.0)
    if pool:
        m, sims, vec, stated = pool.matrix, pool.sims, pool.vec, pool.stated
        model = selector.load() if selection == "learned" else None
        chosen, restated = choose(pool, pool_scores(pool, selection), max_words, model)
        rank = {a.id: k for k, a in enumerate(articles)}
        chosen.sort(key=lambda i: (rank[cands[i].ev.article.id], cands[i].index))
        cites: dict[int, tuple[Citation, ...]] = {}
        for i in chosen:
            c = cands[i]
            found = [c.ev.cite(c.start, c.end), *_supporting(c, cands, sims, i)]
            found += [cands[j].ev.cite(cands[j].start, cands[j].end) for j in restated.get(i, [])]
            cites[i] = tuple(dict.fromkeys(found))
        # a sentence's support: how many outlets its citations span, then its score
        support = [len({x.source for x in cites.get(i, ())}) + cands[i].score for i in range(len(cands))]
        terms = vec.get_feature_names_out()
        themes = sections(m, terms, chosen, support, _topics(cands, stated, recon.facts))
        theme_of = {i: title for title, members in themes for i in members}
        for i in chosen:  # reading order: article by article, as the outlets told it
            sentences.append(BriefSentence(_clip(cands[i].text, max_words), cites[i], theme_of[i]))
        where = {i: k for k, i in enumerate(chosen)}
        grouped = [Section(title, tuple(where[i] for i in members)) for title, members in themes]
    leads = [c.text for c in cands if c.index < LEAD_SENTENCES]
    return Brief(
        story_id=story_id,
        headline=choose_headline([a.title for a in articles if a.title], leads, centrality, recon.conflicts),
        sentences=tuple(sentences),
        facts=recon.facts,
        conflicts=recon.conflicts,
        checks=recon.checks,
        quotes=tuple(build_quotes(evidence)),
        timeline=tuple(build_timeline(evidence)),
        sources=tuple(
            sorted({ev.source for ev in evidence} | {s for a in articles for s in a.duplicate_sources})
        ),
        articles=tuple(a.id for a in articles),
        disagreement=disagreement_line(recon.conflicts, _label),
        sections=tuple(grouped),
    )
