"""The engine's tasks (extraction and cleaning, analysis, briefs) run with fewer garbage collections, and
the process's own settings come back afterwards."""

from __future__ import annotations

import gc
from collections.abc import Callable, Sequence
from typing import Any

import pytest

from newsfuse import engine
from newsfuse.collect import THRESHOLDS, fewer_collections
from newsfuse.engine import LocalEngine
from newsfuse.ingest import make_article
from newsfuse.model import Article


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


def _recording(seen: list[tuple[int, int, int]]) -> Callable[[Sequence[Any]], list[Any]]:
    def task(items: Sequence[Any]) -> list[Any]:
        seen.append(gc.get_threshold())
        return list(items)

    return task


def test_extraction_and_cleaning_run_with_fewer_collections(default_thresholds) -> None:
    seen: list[tuple[int, int, int]] = []

    def clean(a: Article) -> Article:
        seen.append(gc.get_threshold())
        return a

    LocalEngine(workers=1).prepare(
        [make_article("Officials said the bridge reopened.", id="a1")], clean
    ).result()
    assert seen == [THRESHOLDS]
    assert gc.get_threshold() == (700, 10, 10)


def test_analysis_runs_with_fewer_collections(default_thresholds) -> None:
    seen: list[tuple[int, int, int]] = []
    articles = [make_article("Officials said the bridge reopened.", id="a1")]
    assert LocalEngine(workers=1, task=_recording(seen)).submit(articles).result() == articles
    assert seen == [THRESHOLDS]
    assert gc.get_threshold() == (700, 10, 10)


def test_briefs_run_with_fewer_collections(default_thresholds, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[int, int, int]] = []
    monkeypatch.setattr(engine, "compose_chunk", _recording(seen))
    assert LocalEngine(workers=1).compose(["job"]).result() == ["job"]  # type: ignore[list-item]
    assert seen == [THRESHOLDS]
    assert gc.get_threshold() == (700, 10, 10)


def test_the_loaded_model_is_out_of_the_collectors_view() -> None:
    from newsfuse.analyze.nlp import load_model

    load_model()
    assert gc.get_freeze_count() > 0
