"""Package layout: a `_private` module is imported only from inside the package that holds it.

Scans every .py file under newsfuse/, tests/ and benchmarks/ (ast, not regexes), resolves each import,
relative ones included, to a dotted module name, and fails on an import whose target has a private part
(a name starting with one underscore) when the importing module is not inside the package that owns it.
`from pkg import _mod` counts as importing `pkg._mod` when `pkg/_mod.py` (or `pkg/_mod/`) exists.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from .conftest import ROOT

SCANNED = ("newsfuse", "tests", "benchmarks")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def is_module(dotted: str) -> bool:
    base = ROOT.joinpath(*dotted.split("."))
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def private_owner(dotted: str) -> str | None:
    """The package that owns the first private part of `dotted` ("a.b._c.d" -> "a.b"), or None."""
    parts = dotted.split(".")
    for i, part in enumerate(parts):
        if part.startswith("_") and not part.startswith("__"):
            return ".".join(parts[:i])
    return None


def imported_modules(source: str, package: str) -> list[tuple[int, str]]:
    """(line, dotted module) for every import in `source`, relative ones resolved inside `package`;
    `from x import y` also gives x.y when that is a module."""
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            out += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = ".".join(
                    parts[: len(parts) - (node.level - 1)] + ([node.module] if node.module else [])
                )
            else:
                base = node.module or ""
            out.append((node.lineno, base))
            out += [(node.lineno, f"{base}.{a.name}") for a in node.names if is_module(f"{base}.{a.name}")]
    return out


def allowed(importer: str, target: str) -> bool:
    owner = private_owner(target)
    return not owner or importer == owner or importer.startswith(owner + ".")


def violations() -> list[str]:
    found = []
    for top in SCANNED:
        for path in sorted((ROOT / top).rglob("*.py")):
            me = module_name(path)
            package = me if path.name == "__init__.py" else me.rpartition(".")[0]
            for line, target in imported_modules(path.read_text(encoding="utf8"), package):
                if not allowed(me, target):
                    found.append(
                        f"{path.relative_to(ROOT)}:{line} imports {target} (private to {private_owner(target)})"
                    )
    return found


def test_no_import_of_another_packages_private_module() -> None:
    assert violations() == []


@pytest.mark.parametrize(
    ("importer", "source", "ok"),
    [
        ("tests.test_x", "from newsfuse.analyze.figures._words import MEASURES\n", False),
        ("tests.test_x", "from newsfuse.analyze.figures import _words\n", False),
        ("tests.test_x", "import newsfuse.analyze.quotes._marks\n", False),
        ("newsfuse.brief.x", "from ..analyze.quotes._marks import find_quote_spans\n", False),
        ("newsfuse.analyze.x", "from .figures._scan import find_numbers\n", False),
        ("newsfuse.analyze.figures.x", "from ._scan import find_numbers\n", True),
        ("newsfuse.analyze.figures.x", "from . import _words as W\n", True),
        ("newsfuse.analyze.figures._find", "from ._numbers import SP\n", True),
        ("tests.test_x", "from newsfuse.analyze.figures import MEASURES, find_figures\n", True),
        ("newsfuse.analyze.dates.x", "from ...model import DateMention\n", True),
    ],
)
def test_the_scan_tells_private_from_public(importer: str, source: str, ok: bool) -> None:
    targets = [t for _, t in imported_modules(source, importer.rpartition(".")[0])]
    assert all(allowed(importer, t) for t in targets) is ok, targets
