"""Issue 19: one error tree. Every code is defined once in errors.py and documented in docs/errors.md; no
module builds an error object by hand with a code of its own."""

from __future__ import annotations

import re

import newsfuse.errors as errors_module
from newsfuse.errors import NewsfuseError

from .conftest import ROOT


def _classes() -> list[type[NewsfuseError]]:
    out: list[type[NewsfuseError]] = []
    todo: list[type[NewsfuseError]] = [NewsfuseError]
    while todo:
        cls = todo.pop()
        out.append(cls)
        todo.extend(cls.__subclasses__())
    return out


def test_issue_19_every_code_is_defined_once_and_documented() -> None:
    classes = [c for c in _classes() if c.__module__ == "newsfuse.errors"]
    assert len(classes) >= 15
    codes = [c.code for c in classes]
    assert len(codes) == len(set(codes)), f"a code is defined twice: {sorted(codes)}"
    doc = (ROOT / "docs" / "errors.md").read_text()
    documented = set(re.findall(r"^\| (NF\d{3}) \| (\w+) \|", doc, re.M))
    missing = {(c.code, c.__name__) for c in classes} - documented
    assert not missing, f"undocumented error codes (add them to docs/errors.md): {sorted(missing)}"
    extra = documented - {(c.code, c.__name__) for c in classes}
    assert not extra, f"docs/errors.md lists codes errors.py does not define: {sorted(extra)}"


def test_issue_19_no_code_is_defined_outside_errors_py() -> None:
    """Every NewsfuseError subclass lives in errors.py, and no module writes an "NFxxx" literal."""
    import newsfuse.cli  # noqa: F401 - import what registers classes
    import newsfuse.ingest.fetch  # noqa: F401
    import newsfuse.serve  # noqa: F401

    elsewhere = [f"{c.__module__}.{c.__name__}" for c in _classes() if c.__module__ != "newsfuse.errors"]
    assert elsewhere == []
    literal = re.compile(r"[\"']NF\d{3}[\"']")
    hits = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "newsfuse").rglob("*.py")
        if p.name != "errors.py" and literal.search(p.read_text())
    ]
    assert hits == [], f"error codes written by hand in {hits}: raise the errors.py class instead"
    assert errors_module.UsageError.code == "NF100"
