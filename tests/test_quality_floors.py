"""Quality gates: newsfuse's number on each benchmark stays at or above its floor in benchmarks/floors.json.

Each gate computes newsfuse's number alone with the scoring code of its benchmark (benchmarks/*.py),
on the evaluation data in ../shared/eval (skipped, with the reason, when that is not next to this
clone). Floors only move up: when a change lifts a number, raise its floor; never lower one to let
a change through.
"""

from __future__ import annotations

import importlib
import json
import sys
from types import ModuleType

import pytest

from .conftest import ROOT, SHARED

EVAL = SHARED / "eval"
FLOORS = json.loads((ROOT / "benchmarks" / "floors.json").read_text(encoding="utf8"))["floors"]


def needs_eval(folder: str) -> pytest.MarkDecorator:
    return pytest.mark.skipif(
        not (EVAL / folder).is_dir(), reason=f"../shared/eval/{folder} is not next to this clone; CI has it"
    )


def benchmark(name: str) -> ModuleType:
    """benchmarks/<name>.py as a module (benchmarks/ is a namespace package under the project root)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    return importlib.import_module(f"benchmarks.{name}")


def assert_floor(gate: str, value: float) -> None:
    floor = FLOORS[gate]["floor"]
    assert value >= floor, (
        f"{gate} = {value:.4f} is below its floor {floor} (measured {FLOORS[gate]['measured']} when the "
        f"floor was set); see {FLOORS[gate]['benchmark']}"
    )


def test_floors_file_is_well_formed() -> None:
    for gate, entry in FLOORS.items():
        assert 0 < entry["floor"] <= entry["measured"] <= 1, gate
        assert round(entry["floor"], 3) == entry["floor"], f"{gate}: floors have 3 decimals"
        assert (ROOT / entry["benchmark"].split()[0]).is_file(), gate


@needs_eval("article-extraction")
def test_extraction_f1() -> None:
    assert_floor("extraction_f1", benchmark("extraction").newsfuse_f1())


@needs_eval("newsquant")
def test_figure_f1() -> None:
    f1 = benchmark("figures").newsfuse_f1()
    assert_floor("figure_value_f1", f1["value"])
    assert_floor("figure_value_unit_f1", f1["value+unit"])


@needs_eval("wikiref220")
def test_cluster_bcubed_f1_wikiref220() -> None:
    result = benchmark("cluster").newsfuse_score("wikiref220")
    assert_floor("cluster_bcubed_f1_wikiref220", result["bcubed_f1"])


@needs_eval("multinews-dev")
def test_brief_rouge1_and_citations_multinews_first30() -> None:
    result = benchmark("brief").newsfuse_score("multinews-dev", limit=30)
    assert_floor("brief_rouge1_multinews_dev_first30", result["rouge1"])
    assert_floor("brief_numbers_cited_multinews_dev_first30", result["citations"]["numbers_in_cited_spans"])


@needs_eval("polnear")
def test_quote_speaker_f1_polnear_dev() -> None:
    result = benchmark("quotes").newsfuse_score("dev")
    assert_floor("quote_speaker_f1_polnear_dev_speech", result["speaker_exact"]["F1"] / 100)  # type: ignore[index]
