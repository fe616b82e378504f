"""Fewer garbage collections while a chunk of work runs.

Analysing a chunk of articles allocates millions of short-lived objects (spaCy's tokens and spans, the
analysis's own records), and CPython's default thresholds (a young collection every 700 allocations)
then spend 5-8% of the run walking objects that are freed by reference counting anyway. A task of the
engine runs under `fewer_collections` (the engine's `_Work.run`, for every task it sends, in this process,
a pool worker or a Dask worker), which raises the thresholds for its duration and restores the
process's own afterwards; the language model, loaded once per process and kept for its life, is moved
out of the collector's view (`gc.freeze`, in analyze/nlp.py).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

THRESHOLDS = (50_000, 20, 50)  # young, middle, old: the 181 extraction pages, one process: 0.93x the time

T = TypeVar("T")
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


def run_with_fewer_collections(fn: Callable[[T], R], items: T) -> R:
    """`fn(items)` under `fewer_collections` (module-level, so a partial of it goes to workers)."""
    with fewer_collections():
        return fn(items)
