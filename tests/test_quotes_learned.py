"""The learned decision for quoted words no rule attributes (newsfuse.analyze.quotes, `model=`)."""

from __future__ import annotations

import json

from newsfuse.analyze.entities import find_entities
from newsfuse.analyze.nlp import load_model
from newsfuse.analyze.quotes import UNATTRIBUTED_MODEL, find_quotes, unattributed_candidates


def _parse(text: str):  # type: ignore[no-untyped-def]
    return next(iter(load_model().pipe([text])))


PARTIAL = (
    "The debate over welfare went on for hours.\n\nIn the depths of the Great Recession, Paul Ryan worried that the social safety net was becoming "
    "“a hammock that lulls able-bodied people to lives of dependency.”"
)


def test_the_shipped_model_is_a_small_json_with_both_stages() -> None:
    d = json.loads(UNATTRIBUTED_MODEL.read_text(encoding="utf-8"))
    assert 0.0 < d["threshold"] < 1.0
    for stage in ("span", "candidate"):
        assert d[stage]["weights"] and all(isinstance(v, float) for v in d[stage]["weights"].values())
    assert UNATTRIBUTED_MODEL.stat().st_size < 20_000


def test_a_partial_quote_under_a_verb_that_is_not_of_saying_gets_its_subject_with_the_model() -> None:
    doc = _parse(PARTIAL)
    ents = find_entities(doc)
    rows = unattributed_candidates(doc, PARTIAL, ents)
    assert len(rows) == 1
    start, end, span_features, cands = rows[0]
    assert PARTIAL[start:end].startswith("a hammock")
    assert "q_log_words" in span_features
    assert any(PARTIAL[a:b] == "Paul Ryan" for (a, b), _, f in cands if f["c_path"] == 1.0)
    assert not find_quotes(doc, PARTIAL, ents)  # the rules leave it alone (the default)
    [q] = find_quotes(doc, PARTIAL, ents, model=UNATTRIBUTED_MODEL)
    assert q.speaker == "Paul Ryan" and q.kind == "partial"
    assert PARTIAL[q.speaker_start : q.speaker_end] == "Paul Ryan"


def test_a_scare_quote_in_a_lead_with_nobody_to_say_it_stays_unattributed() -> None:
    text = "The so-called “deal” collapsed on Monday.\n\nTalks resume in March, officials said."
    doc = _parse(text)
    found = find_quotes(doc, text, find_entities(doc), model=UNATTRIBUTED_MODEL)
    assert [q.text for q in found] == ["Talks resume in March"]  # the indirect speech only
