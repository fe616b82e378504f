"""The brief's learned sentence scorer (brief/selector.py): the shipped model, its features, and briefs
chosen with it keeping the brief's invariants (cited, within budget, articles only)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from newsfuse import reconcile
from newsfuse.brief import selector
from newsfuse.brief.compose import candidate_pool, compose_brief, pool_scores
from newsfuse.ingest import iter_articles
from newsfuse.pipeline import fuse

from .briefcheck import assert_brief_is_cited
from .conftest import SAMPLE, SEEDS, needs_shared


def test_issue_17_shipped_selector_model_loads() -> None:
    raw = json.loads(selector.MODEL_PATH.read_text(encoding="utf8"))
    model = selector.load()
    assert model.features == selector.FEATURES
    assert len(model.coef) == 2 * len(selector.FEATURES) and np.any(model.coef != 0)
    assert raw["target"] in ("oracle", "precision") and model.blend > 0


def test_issue_17_selector_model_is_checked() -> None:
    raw = json.loads(selector.MODEL_PATH.read_text(encoding="utf8"))
    with pytest.raises(ValueError, match="features"):
        selector.from_dict({**raw, "features": raw["features"][:-1]})
    with pytest.raises(ValueError, match="two numbers"):
        selector.from_dict({**raw, "coef": raw["coef"][:-1]})
    with pytest.raises(ValueError, match="non-finite"):
        selector.from_dict({**raw, "blend": float("nan")})
    words = raw["words"]
    with pytest.raises(ValueError, match="word model features"):
        selector.from_dict({**raw, "words": {**words, "features": words["features"][:-1]}})
    with pytest.raises(ValueError, match="one finite number per word feature"):
        selector.from_dict({**raw, "words": {**words, "coef": words["coef"][:-1]}})
    with pytest.raises(ValueError, match="intercept"):
        selector.from_dict({**raw, "words": {**words, "intercept": float("inf")}})


def test_issue_17_lexrank_and_word_features() -> None:
    sims = np.array([[1.0, 0.5, 0.4], [0.5, 1.0, 0.0], [0.4, 0.0, 1.0]])
    rank = selector.lexrank(sims)
    assert rank.mean() == pytest.approx(1.0) and rank[0] > rank[1] == pytest.approx(rank[2])
    words = selector.word_features(["Rain floods the valley", "the valley", "Markets rise"], ["a", "b", "b"])
    # "valley" is in both articles, "markets" in one; "the" is a stop word
    assert words[1, 2] == 1.0 and words[2, 2] == 0.5
    assert words[1, 3] == 0.5 and words[2, 3] == 0.0


def test_issue_17_word_table_and_word_weights() -> None:
    table = selector.word_table(
        ["Floods hit Lindport on Monday.", "Rescuers reached Lindport.", "The rain stopped."],
        ["a", "b", "b"],
        [0.0, 0.0, 0.5],
        [0, 0, 4],
        ["Lindport floods"],
    )
    assert table.vocab == (
        "floods",
        "hit",
        "lindport",
        "monday",
        "on",
        "rain",
        "reached",
        "rescuers",
        "stopped",
        "the",
    )
    row = dict(zip(selector.WORD_FEATURES, table.x[table.vocab.index("lindport")], strict=True))
    assert row["spread"] == row["spread_multi"] == 1.0 and row["title"] == 1.0 and row["capitalised"] == 1.0
    assert row["lead"] == 1.0 and row["first_position"] == 0.0
    rain = dict(zip(selector.WORD_FEATURES, table.x[table.vocab.index("rain")], strict=True))
    assert (
        rain["spread"] == 0.5
        and rain["lead"] == 0.0
        and rain["title"] == 0.0
        and rain["first_position"] == 0.5
    )
    assert dict(zip(selector.WORD_FEATURES, table.x[table.vocab.index("the")], strict=True))["stop"] == 1.0
    assert [sorted(table.vocab[k] for k in ws) for ws in table.words][1] == [
        "lindport",
        "reached",
        "rescuers",
    ]
    weights = selector.load().word_weights(table)
    assert weights.shape == (len(table.vocab),) and np.all((weights > 0) & (weights < 1))
    # a word every article uses, in the lead and the title, is likelier in a summary than a stop word
    assert weights[table.vocab.index("lindport")] > weights[table.vocab.index("the")]


def test_issue_17_learned_scores_need_features() -> None:
    articles = list(iter_articles([str(SAMPLE / "corpus")]))[:3]
    canonical, analyses, *_ = fuse(articles, one_story=True)
    pool = candidate_pool(canonical, analyses, reconcile.STAGE.run(canonical, analyses))
    assert pool is not None and pool.features.shape[1] == 0
    with pytest.raises(ValueError, match="features=True"):
        pool_scores(pool, "learned")
    with pytest.raises(ValueError, match="unknown"):
        pool_scores(pool, "best")


@needs_shared
@pytest.mark.parametrize("corpus", [SEEDS, SAMPLE / "corpus"], ids=["seeds", "sample"])
def test_issue_17_learned_selection_keeps_the_brief_invariants(corpus) -> None:
    canonical, analyses, stories, *_ = fuse(iter_articles([str(corpus)]), one_story=True)
    by_id = {a.id: a for a in canonical}
    members = [by_id[i] for i in stories[0].article_ids if i in analyses]
    recon = reconcile.STAGE.run(members, analyses)
    learned = compose_brief(stories[0].id, members, analyses, recon, max_words=120, selection="learned")
    rules = compose_brief(stories[0].id, members, analyses, recon, max_words=120, selection="rules")
    assert_brief_is_cited(learned, {a.id: a.original or a.text for a in canonical})
    assert sum(len(s.text.split()) for s in learned.sentences) <= 120
    assert {c.article for s in learned.sentences for c in s.citations} <= {
        a.id for a in members if a.kind == "article"
    }
    assert sorted(i for sec in learned.sections for i in sec.sentences) == list(range(len(learned.sentences)))
    # the same candidates, facts and headline: only the choice of sentences may differ
    assert learned.headline == rules.headline and learned.facts == rules.facts


def test_issue_17_run_records_name_the_selector_model() -> None:
    from newsfuse.provenance import versions

    assert len(versions()["brief-selector"]) == 16
