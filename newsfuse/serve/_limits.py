"""A rate limit on writes: a token bucket per client address (WRITES_PER_MINUTE, bursts of BURST), as a
dependency of the write routes after the token check; the buckets kept are bounded."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from fastapi import Request

from ..errors import RateLimited

WRITES_PER_MINUTE = 120
BURST = 20
MAX_CLIENTS = 10_000  # buckets kept; the least recently seen go first


@dataclass(eq=False)  # hashable by identity: FastAPI caches dependencies by it
class WriteRate:
    per_minute: float = WRITES_PER_MINUTE
    burst: int = BURST
    clock: Callable[[], float] = time.monotonic
    _buckets: dict[str, tuple[float, float]] = field(default_factory=dict)  # client -> (tokens, when)

    def __call__(self, request: Request) -> None:
        self.check(request.client.host if request.client else "?")

    def check(self, client: str) -> None:
        now = self.clock()
        tokens, then = self._buckets.pop(client, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - then) * self.per_minute / 60)
        if len(self._buckets) >= MAX_CLIENTS:
            self._buckets.pop(next(iter(self._buckets)))
        if tokens < 1:
            self._buckets[client] = (tokens, now)
            raise RateLimited(f"more than {self.per_minute:g} writes a minute from {client}")
        self._buckets[client] = (tokens - 1, now)
