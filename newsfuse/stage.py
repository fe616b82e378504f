"""Stages as declared objects: each stage module exports its `STAGE` (name, what it requires, what it
assigns, the function), and the pipeline is assembled from them; the chain is checked when it is built."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from .errors import BrokenPipeline


@dataclass(frozen=True)
class Stage:
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    run: Callable[..., Any]


def check_chain(stages: Sequence[Stage]) -> None:
    """Each stage's needs are assigned by an earlier stage."""
    have: set[str] = set()
    for st in stages:
        missing = set(st.requires) - have
        if missing:
            raise BrokenPipeline(
                f"pipeline stage {st.name!r} needs {sorted(missing)}, which no earlier stage assigns"
            )
        have |= set(st.assigns)
