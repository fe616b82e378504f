from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
SAMPLE = ROOT / "sample"

needs_shared = pytest.mark.skipif(
    not SEEDS.is_dir(), reason="../shared (seed corpus, eval sets) is not next to this clone; CI has it"
)


@pytest.fixture(scope="session")
def analyzer():
    from newsfuse.analyze import Analyzer

    return Analyzer()
