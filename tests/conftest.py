from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
SAMPLE = ROOT / "sample"


@pytest.fixture
def _shared_present() -> None:
    """Tests that read ../shared (seeds, eval sets) fail when it is missing, never skip: CI always has it,
    and a skipped gate would pass without checking anything."""
    assert SEEDS.is_dir(), f"{SHARED} (seed corpus, eval sets) must sit next to this clone"


needs_shared = pytest.mark.usefixtures("_shared_present")


@pytest.fixture(scope="session")
def analyzer():
    from newsfuse.analyze import Analyzer

    return Analyzer()


# Hypothesis explores the same examples on every run (a CI result does not depend on luck); set
# NEWSFUSE_HYPOTHESIS_RANDOM=1 to explore new ones, as the nightly fuzz run does.
def _hypothesis_profile() -> None:
    import os

    from hypothesis import settings

    settings.register_profile("newsfuse-ci", derandomize=True)
    if not os.environ.get("NEWSFUSE_HYPOTHESIS_RANDOM"):
        settings.load_profile("newsfuse-ci")


_hypothesis_profile()
