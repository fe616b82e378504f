"""Fewer garbage collections while a chunk of work runs.

Analysing a chunk of articles allocates millions of short-lived objects (spaCy's tokens and spans, the
analysis's own records), and CPython's default thresholds (a young collection every 700 allocations)
then spend 5-8% of the run walking objects that are freed by reference counting anyway. A task of the
engine runs under `fewer_collections`, which raises the thresholds for its duration and restores the
process's own afterwards; the language model, loaded once per process and kept for its life, is moved
out of the collector's view (`gc.freeze`, in analyze/nlp.py).
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

THRESHOLDS = (50_000, 20, 50)  # young, middle, old: the 181 extraction pages, one process: 0.93x the time

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def fewer_collections(thresholds: tuple[int, int, int] = THRESHOLDS) -> Iterator[None]:
    """Raise the collector's thresholds for the block (never lower them), then restore them."""
    before = gc.get_threshold()
    young, middle, old = (max(a, b) for a, b in zip(before, thresholds, strict=True))
    gc.set_threshold(young, middle, old)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def with_fewer_collections(fn: Callable[P, R]) -> Callable[P, R]:
    """`fn` run under `fewer_collections` (a module-level function stays one: workers import it by name)."""

    @functools.wraps(fn)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        with fewer_collections():
            return fn(*args, **kwargs)

    return run
