"""The engine's tasks run with fewer garbage collections, and restore the process's own settings."""

from __future__ import annotations

import gc

import pytest

from newsfuse.collect import THRESHOLDS, fewer_collections
from newsfuse.engine import analyze_chunk
from newsfuse.ingest import make_article
from newsfuse.model import Article
from newsfuse.prepare import prepare_chunk
from newsfuse.story_briefs import compose_chunk


@pytest.fixture
def default_thresholds():
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*before)


def test_fewer_collections_raises_then_restores(default_thresholds) -> None:
    with fewer_collections():
        assert gc.get_threshold() == THRESHOLDS
    assert gc.get_threshold() == (700, 10, 10)


def test_fewer_collections_never_lowers_a_higher_setting() -> None:
    before = gc.get_threshold()
    gc.set_threshold(THRESHOLDS[0] * 2, 10, 10)
    try:
        with fewer_collections():
            assert gc.get_threshold() == (THRESHOLDS[0] * 2, THRESHOLDS[1], THRESHOLDS[2])
        assert gc.get_threshold() == (THRESHOLDS[0] * 2, 10, 10)
    finally:
        gc.set_threshold(*before)


def test_fewer_collections_restores_after_an_error(default_thresholds) -> None:
    with pytest.raises(ValueError), fewer_collections():
        raise ValueError("boom")
    assert gc.get_threshold() == (700, 10, 10)


def test_extraction_and_cleaning_run_with_fewer_collections(default_thresholds) -> None:
    seen: list[tuple[int, int, int]] = []

    def clean(a: Article) -> Article:
        seen.append(gc.get_threshold())
        return a

    prepare_chunk([make_article("Officials said the bridge reopened on Monday.", id="a1")], clean)
    assert seen == [THRESHOLDS]
    assert gc.get_threshold() == (700, 10, 10)


def test_analysis_and_briefs_are_wrapped() -> None:
    for task in (analyze_chunk, compose_chunk):
        assert task.__wrapped__ is not None  # type: ignore[attr-defined]
        assert task.__module__ in {"newsfuse.engine", "newsfuse.story_briefs"}


def test_the_loaded_model_is_out_of_the_collectors_view() -> None:
    from newsfuse.analyze.nlp import load_model

    load_model()
    assert gc.get_freeze_count() > 0
