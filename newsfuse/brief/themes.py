"""Short themed sections: the brief's sentences grouped by topic, each section led by its
most-supported sentence.

The chosen sentences are clustered on their TF-IDF vectors (average-linkage agglomerative
clustering on cosine distance, about one section per 2.5 sentences), so sentences that talk
about the same things share a section. A section is named by the terms that weigh most in its
sentences: the subjects of the facts and the names (people, organisations, places) its
sentences share, else its heaviest terms (reporting words such as "said" left out). Sections are
ordered by their best sentence.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.cluster import AgglomerativeClustering

SENTENCES_PER_SECTION = 2.5
MAX_SECTIONS = 6
TITLE_TERMS = 3
# words that say how something was reported, not what about: never a section's name
NOT_TOPICS = {
    "said", "says", "say", "told", "tells", "added", "according", "reported", "announced", "stated", "cent",
    "percent", "year", "years", "week", "month", "day", "days", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "new", "just", "like", "including", "million", "billion", "000",
}  # fmt: skip


def _title(terms: np.ndarray, weights: np.ndarray, rows: csr_matrix) -> str:
    present = np.asarray(rows.sum(axis=0)).ravel() > 0
    ranked = [
        i for i in np.argsort(-weights, kind="stable")
        if present[i] and weights[i] > 0 and str(terms[i]) not in NOT_TOPICS and not str(terms[i]).isdigit()
    ][:TITLE_TERMS]  # fmt: skip
    words = [str(terms[i]) for i in ranked]
    return ", ".join(words).capitalize() if words else "Summary"


def _named(members: Sequence[int], topics: Sequence[Sequence[str]]) -> list[str]:
    """Topic words (what facts measure, who and where) shared by the section's sentences, most
    shared first; when they share none, the lead sentence's own."""
    counts: Counter[str] = Counter()
    for i in members:
        counts.update(list(dict.fromkeys(topics[i])))  # in order: ties rank the same in every process
    shared = [w for w, n in counts.most_common() if n >= 2][:TITLE_TERMS]
    return shared or list(topics[members[0]][:2])  # else what the lead sentence is about


def sections(
    matrix: csr_matrix,
    terms: np.ndarray,
    chosen: Sequence[int],
    support: Sequence[float],
    topics: Sequence[Sequence[str]] | None = None,
) -> list[tuple[str, list[int]]]:
    """(title, chosen candidate indexes lead first) per section; `support` ranks sentences in a section;
    `topics` gives each candidate's topic words (fact subjects, then names), preferred for titles."""
    if not chosen:
        return []
    rows = matrix[list(chosen)]
    k = max(1, min(MAX_SECTIONS, round(len(chosen) / SENTENCES_PER_SECTION)))
    if k == 1 or rows.nnz == 0:
        labels = np.zeros(len(chosen), dtype=int)
    else:
        dense = rows.toarray()
        model = AgglomerativeClustering(n_clusters=k, metric="cosine", linkage="average")
        labels = model.fit_predict(dense) if np.all(dense.any(axis=1)) else np.zeros(len(chosen), dtype=int)
    groups: dict[int, list[int]] = {}
    for i, label in zip(chosen, labels, strict=True):
        groups.setdefault(int(label), []).append(i)
    out = []
    for members in groups.values():
        lead = max(members, key=lambda i: support[i])
        rest = [i for i in members if i != lead]
        members = [lead, *rest]
        weights = np.asarray(matrix[members].mean(axis=0)).ravel()
        named = _named(members, topics) if topics else []
        title = (
            ", ".join(named)[:1].upper() + ", ".join(named)[1:]
            if named
            else _title(terms, weights, matrix[members])
        )
        out.append((title, members))
    out.sort(key=lambda s: -max(support[i] for i in s[1]))
    return out
