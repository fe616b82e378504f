"""A time budget per document: work that runs past it stops with a coded `TimedOut` error.

The budget grows with the text (a long article may take longer than a short one) and is enforced
with a real-time interval timer (SIGALRM), which interrupts Python code, regular expressions included,
between two bytecodes. That works in the main thread of a process: the CLI's own process and the
local engine's worker processes. Elsewhere (a thread of a server, a Dask worker's thread pool) the
budget cannot be enforced and the work runs unbounded; the pool engine also keeps a hard deadline of its
own for workers that do not come back at all (engine.py).
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from .errors import TimedOut

BASE_SECONDS = 30.0  # any document, however short
CHARS_PER_SECOND = 4_000  # the analyzer does ~30,000 chars/s on one core: a wide margin for busy machines


def seconds_for(chars: int, base: float = BASE_SECONDS) -> float:
    return base + chars / CHARS_PER_SECOND


def enforceable() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def deadline(seconds: float, what: str, path: str | None = None) -> Iterator[None]:
    """Raise `TimedOut` (naming `what`) if the block runs longer than `seconds`; a no-op where it cannot
    be enforced. Nested budgets: the inner one is in force until it ends, then the outer one resumes."""
    if seconds <= 0 or not enforceable():
        yield
        return

    def _expired(signum: int, frame: Any) -> None:
        raise TimedOut(f"{what}: still running after {seconds:.0f} s, its time budget", path=path)

    started = time.monotonic()
    previous = signal.signal(signal.SIGALRM, _expired)
    outer = signal.setitimer(signal.ITIMER_REAL, seconds)[0]
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer:  # the outer budget goes on with what is left of it (at least a moment)
            signal.setitimer(signal.ITIMER_REAL, max(0.001, outer - (time.monotonic() - started)))
