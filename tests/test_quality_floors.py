"""Quality gates: newsfuse's number on each benchmark stays at or above its floor in benchmarks/floors.json.

Each gate computes newsfuse's number alone with the scoring code of its benchmark (benchmarks/*.py),
on the evaluation data in ../shared/eval (skipped, with the reason, when that is not next to this
clone). Floors only move up: when a change lifts a number, raise its floor; never lower one to let
a change through. Figures, extraction and quotes are gated on the held-out parts their benchmarks
declare (benchmarks/splits.py), never on the parts rules are developed on.
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
    """A gate on ../shared/eval/<folder>: it fails, never skips, when the data is missing (CI has it)."""
    return pytest.mark.usefixtures(f"eval_{folder.replace('-', '_')}")


def _eval_fixture(folder: str) -> object:
    @pytest.fixture(name=f"eval_{folder.replace('-', '_')}")
    def _present() -> None:
        assert (EVAL / folder).is_dir(), f"../shared/eval/{folder} must sit next to this clone"

    return _present


for _folder in ("article-extraction", "newsquant", "polnear", "wikiref220", "multinews-dev", "neus-dev",
                "semeval2022-task8-sample"):  # fmt: skip
    globals()[f"_eval_{_folder.replace('-', '_')}"] = _eval_fixture(_folder)


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
def test_extraction_f1_on_held_out_sites() -> None:
    assert_floor("extraction_f1_heldout_sites", benchmark("extraction").newsfuse_f1(part_name="heldout"))


@needs_eval("newsquant")
def test_figure_f1_on_held_out_parts() -> None:
    f1 = benchmark("figures").newsfuse_f1()
    for data_set in (
        "newsquant",
        "written",
        "written_more",
        "written_after",
        "written_v3",
        "written_lower",
        "written_stripped",
        "written_v4",
    ):
        held = f1[data_set]["heldout"]
        assert_floor(f"figure_value_f1_{data_set}_heldout", held["value"])
        assert_floor(f"figure_value_unit_f1_{data_set}_heldout", held["value+unit"])


@pytest.mark.parametrize(
    ("subject", "unit"),
    [("oldest ballparks in America", "old ballpark America"), ("best wireless speakers", "good wireless speaker"),
     ("proudest moments in his life", "proud moment life"), ("Liverpool fans", "Liverpool fan"),
     ("largest cities", "large city"), ("biggest interests", "big interest"), ("people", "people")],
)  # fmt: skip
def test_figure_benchmark_writes_counted_nouns_as_newsquant_does(subject: str, unit: str) -> None:
    assert benchmark("figures").newsquant_phrase(subject) == unit


@pytest.mark.parametrize(
    ("text", "tags"),
    [("Valve lift was increased from 13.5 to 14.0 mm.", [([13.5, 14.0], "millimetre")]),
     ("Revenue rose to $7.36 billion from $6.78 billion.", [(7.36e9, "dollar"), (6.78e9, "dollar")]),
     ("It fell from 10% to $5.", [(10.0, "percentage"), (5.0, "dollar")])],
)  # fmt: skip
def test_figure_benchmark_writes_a_change_from_x_to_y_as_one_range(text: str, tags: list) -> None:
    found = benchmark("figures").newsfuse_tags([text])[0][0]
    assert [(t["value"], t["normalized_unit"]) for t in found] == tags


def test_held_out_parts_are_fixed() -> None:
    """The split is a pure function of each item's key: the same parts on every run and machine."""
    splits = benchmark("splits")
    assert splits.part("The FTSE 100 slipped 0.4%.", "newsquant") == splits.part(
        "The FTSE 100 slipped 0.4%.", "newsquant"
    )
    keys = [f"sentence {i}" for i in range(3000)]
    held = sum(splits.part(k, "newsquant") == "heldout" for k in keys)
    assert 900 < held < 1100  # one in three
    assert splits.site("https://www.example.com/a/b?c=1") == "example.com"


@needs_eval("wikiref220")
def test_cluster_bcubed_f1_wikiref220() -> None:
    result = benchmark("cluster").newsfuse_score("wikiref220")
    assert_floor("cluster_bcubed_f1_wikiref220", result["bcubed_f1"])


@needs_eval("multinews-dev")
def test_cluster_bcubed_f1_multinews_heldout_half() -> None:
    result = benchmark("cluster").newsfuse_score("multinews-dev", half="heldout")
    assert_floor("cluster_bcubed_f1_multinews_heldout_story", result["bcubed_f1"])


@needs_eval("multinews-dev")
def test_issue_16_multinews_heldout_with_pages_kept_apart() -> None:
    result = benchmark("cluster").newsfuse_score("multinews-dev", half="heldout", pages_apart=True)
    assert_floor("cluster_bcubed_f1_multinews_heldout_pages_apart", result["bcubed_f1"])


@needs_eval("semeval2022-task8-sample")
def test_issue_16_story_similarity_follows_human_judgement() -> None:
    result = benchmark("cluster").semeval_scores("test", with_analyses=True)
    assert_floor("cluster_pair_pearson_semeval_en_test", result["newsfuse"])
    assert_floor("cluster_story_similarity_semeval_en_test", result["story-similarity"])


@needs_eval("polnear")
def test_issue_16_pages_that_are_not_articles() -> None:
    result = benchmark("pagekind").newsfuse_score()
    assert_floor("pagekind_multinews_heldout_precision", result["precision"])
    assert_floor("pagekind_multinews_heldout_recall", result["recall"])
    assert_floor("pagekind_articles_kept_polnear", result["polnear_kept"])


@needs_eval("multinews-dev")
def test_issue_16_stream_stories_stay_precise_and_never_snowball() -> None:
    result = benchmark("cluster").newsfuse_score("stream-heldout")
    assert_floor("cluster_bcubed_p_stream_heldout_story", result["bcubed_p"])
    assert_floor("cluster_bcubed_f1_stream_heldout_story", result["bcubed_f1"])
    assert result["largest"] <= 2 * 10, result  # no story more than twice the largest true story


@needs_eval("multinews-dev")
def test_brief_rouge1_and_citations_multinews_first30() -> None:
    result = benchmark("brief").newsfuse_score("multinews-dev", limit=30)
    assert_floor("brief_rouge1_multinews_dev_first30", result["rouge1"])
    assert_floor("brief_numbers_cited_multinews_dev_first30", result["citations"]["numbers_in_cited_spans"])


@needs_eval("multinews-dev")
@needs_eval("neus-dev")
def test_issue_17_brief_rouge1_on_held_out_halves() -> None:
    for dataset in ("multinews-dev", "neus-dev"):
        result = benchmark("brief").newsfuse_score(dataset, part="heldout")
        assert_floor(f"brief_rouge1_{dataset.replace('-', '_')}_heldout", result["rouge1"])
        assert result["citations"]["numbers_in_cited_spans"] == 1.0, dataset


@needs_eval("polnear")
def test_quote_speaker_f1_polnear_dev() -> None:
    result = benchmark("quotes").newsfuse_score("dev")
    assert_floor("quote_speaker_f1_polnear_dev_speech", result["speech"]["speaker_exact"]["F1"] / 100)  # type: ignore[index]
    assert_floor("quote_direct_speaker_name_f1_polnear_dev", result["direct"]["speaker_name"]["F1"] / 100)  # type: ignore[index]
