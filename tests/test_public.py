"""The public surface: what the package exports, and the README's examples (docs examples are run)."""

from __future__ import annotations

import contextlib
import io
import re

import newsfuse

from .conftest import ROOT


def test_all_is_importable() -> None:
    for name in newsfuse.__all__:
        assert getattr(newsfuse, name) is not None, name


def test_readme_python_example_runs() -> None:
    readme = (ROOT / "README.md").read_text()
    [code] = re.findall(r"```python\n(.*?)```", readme, re.S)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md", "exec"), {})
    # the comment in the README says what it prints
    expected = re.search(r"# (.*)$", code.strip().splitlines()[-1]).group(1)
    printed = out.getvalue().split()
    assert printed[0] == expected.split()[0] and printed[-1] == expected.split()[-1]


def test_pipeline_chain_is_checked_when_built() -> None:
    import pytest

    from newsfuse.errors import NewsfuseError
    from newsfuse.pipeline import STAGES, Pipeline
    from newsfuse.settings import Settings
    from newsfuse.stage import Stage, check_chain
    from newsfuse.store import open_store

    with pytest.raises(NewsfuseError, match="needs"):
        check_chain([Stage("a", (), ("x",), print), Stage("b", ("y",), ("z",), print)])
    # the real chain, from the stage modules' own declarations, in the order the pipeline runs them
    assert [s.name for s in STAGES] == [
        "ingest",
        "clean",
        "dedup",
        "analyze",
        "cluster",
        "reconcile",
        "brief",
    ]
    check_chain(STAGES)
    # a pipeline built from stages in the wrong order is refused when it is built, not halfway through a run
    import newsfuse.pipeline as pipeline

    swapped = (STAGES[0], STAGES[1], STAGES[2], STAGES[4], STAGES[3], *STAGES[5:])
    original = pipeline.STAGES
    pipeline.STAGES = swapped
    try:
        with open_store("sqlite://") as store, pytest.raises(NewsfuseError, match="'cluster' needs"):
            Pipeline(Settings(db="sqlite://"), store)
    finally:
        pipeline.STAGES = original
