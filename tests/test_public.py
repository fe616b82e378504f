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
    from newsfuse.pipeline import check_chain

    with pytest.raises(NewsfuseError, match="needs"):
        check_chain([("a", (), ("x",)), ("b", ("y",), ("z",))])
