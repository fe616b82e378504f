"""Cluster: group articles into stories as they arrive.

Articles are taken in arrival order (publication date, then input order). Each
joins the most similar open story (TF-IDF cosine to the story centroid, with
named entities as extra features) when the score passes the threshold and the
time gap fits the window; otherwise it starts a new story. Every assignment
explains itself: score, shared terms, shared entities, time gap. Assignments
already made (stored from an earlier run) are kept.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from .model import Analysis, Article, Assignment, Story
from .settings import DEFAULT_THRESHOLD

_ENT_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"}


def story_id(first_article: str) -> str:
    return "s" + hashlib.sha1(first_article.encode()).hexdigest()[:10]


def _features(article: Article, analysis: Analysis | None) -> str:
    ents = ""
    if analysis is not None:
        ents = " ".join(
            "ent_" + re.sub(r"\W+", "_", e.canonical.lower())
            for e in analysis.entities
            if e.label in _ENT_LABELS
        )
    return f"{article.title} {article.title} {article.text} {ents}"


def _days(a: str | None, b: str | None) -> float | None:
    if not a or not b:
        return None
    return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)


@dataclass
class _Open:
    id: str
    members: list[int] = field(default_factory=list)
    first: str | None = None
    last: str | None = None
    norm2: float = 0.0  # |sum of member vectors|^2


@dataclass(frozen=True)
class StoryClusterer:
    threshold: float = DEFAULT_THRESHOLD
    window_days: float = 7.0

    def cluster(
        self,
        articles: Sequence[Article],
        analyses: Mapping[str, Analysis] | None = None,
        existing: Mapping[str, str] | None = None,
    ) -> list[Story]:
        if not articles:
            return []
        analyses = analyses or {}
        existing = existing or {}
        vec = TfidfVectorizer(
            stop_words="english", sublinear_tf=True, token_pattern=r"(?u)\b[^\W\d_]{2,}\w*\b"
        )
        matrix = vec.fit_transform([_features(a, analyses.get(a.id)) for a in articles]).tocsr()
        terms = np.array(vec.get_feature_names_out())
        # a story's centroid similarity is sum(x . members) / |sum(members)|, with |sum(members)|^2
        # kept up to date as members join: sparse products only, no dense N x vocabulary matrix
        order = sorted(
            range(len(articles)),
            key=lambda i: (articles[i].id not in existing, articles[i].published or "", i),
        )
        stories: dict[str, _Open] = {}
        assignments: dict[str, Assignment] = {}
        for i in order:
            a = articles[i]
            dots = (matrix @ matrix.getrow(i).T).toarray().ravel()
            if a.id in existing:
                st = stories.setdefault(existing[a.id], _Open(existing[a.id]))
                assignments[a.id] = Assignment(a.id, st.id, 1.0, new_story=not st.members)
            else:
                best, best_score = None, 0.0
                for st in stories.values():
                    gap = _days(a.published, st.last)
                    if gap is not None and gap > self.window_days:
                        continue
                    score = float(dots[st.members].sum()) / (st.norm2**0.5 or 1.0)
                    if score > best_score:
                        best, best_score = st, score
                if best is not None and best_score >= self.threshold:
                    st = best
                    centroid = np.asarray(matrix[st.members].sum(axis=0)).ravel()
                    weights = matrix.getrow(i).toarray().ravel() * centroid
                    top = [str(terms[j]) for j in np.argsort(-weights)[:8] if weights[j] > 0]
                    assignments[a.id] = Assignment(
                        a.id,
                        st.id,
                        round(best_score, 4),
                        tuple(t for t in top if not t.startswith("ent_")),
                        tuple(t[4:].replace("_", " ") for t in top if t.startswith("ent_")),
                        _days(a.published, st.last),
                    )
                else:
                    st = _Open(story_id(a.id))
                    stories[st.id] = st
                    assignments[a.id] = Assignment(a.id, st.id, round(best_score, 4), new_story=True)
            st.norm2 += 2 * float(dots[st.members].sum()) + float(dots[i])
            st.members.append(i)
            if a.published:
                st.first = min(filter(None, [st.first, a.published]))
                st.last = max(filter(None, [st.last, a.published]))
        out = []
        for st in stories.values():
            ids = tuple(articles[j].id for j in st.members)
            lead = articles[st.members[0]]
            out.append(Story(st.id, ids, lead.title, st.first, st.last, tuple(assignments[x] for x in ids)))
        return out
