"""What every write route of the server depends on (`Depends(app.state.write_guard)`): the bearer token,
a rate limit per client and a request size limit. Reads stay open; a server started without a token
takes no writes at all.

    @api.post("/api/v1/articles")
    async def add(body: bytes = Depends(api.state.write_guard)) -> ...

The body is returned already read (at most `max_bytes`; a longer one is refused before it is all read).
"""

from __future__ import annotations

import hmac
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from fastapi import Request

from .errors import RateLimited, RequestTooLarge, Unauthorized

MAX_REQUEST_BYTES = 1 << 20
WRITES_PER_MINUTE = 120
BURST = 20
MAX_CLIENTS = 10_000  # rate-limit buckets kept; the oldest go first


@dataclass(eq=False)  # hashable by identity: FastAPI caches dependencies by it
class WriteGuard:
    token: str | None
    max_bytes: int = MAX_REQUEST_BYTES
    per_minute: float = WRITES_PER_MINUTE
    burst: int = BURST
    clock: Callable[[], float] = time.monotonic
    _buckets: dict[str, tuple[float, float]] = field(default_factory=dict)  # client -> (tokens, when)

    async def __call__(self, request: Request) -> bytes:
        self.check_token(request.headers.get("authorization", ""))
        self.check_rate(request.client.host if request.client else "?")
        return await self.read_body(request)

    def check_token(self, header: str) -> None:
        if not self.token:
            raise Unauthorized(
                "this server takes no writes: it was started without a token",
                hint="Start it with NEWSFUSE_API_TOKEN set, and send `Authorization: Bearer TOKEN`.",
            )
        scheme, _, given = header.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), self.token.encode()):
            raise Unauthorized("missing or wrong bearer token")  # never says which, nor echoes it

    def check_rate(self, client: str) -> None:
        now = self.clock()
        tokens, then = self._buckets.pop(client, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - then) * self.per_minute / 60)
        if len(self._buckets) >= MAX_CLIENTS:
            self._buckets.pop(next(iter(self._buckets)))
        if tokens < 1:
            self._buckets[client] = (tokens, now)
            raise RateLimited(f"more than {self.per_minute:g} writes a minute from {client}")
        self._buckets[client] = (tokens - 1, now)

    async def read_body(self, request: Request) -> bytes:
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > self.max_bytes:
            raise RequestTooLarge(f"request body of {int(declared):,} bytes, over {self.max_bytes:,}")
        body = bytearray()
        async for part in request.stream():
            body += part
            if len(body) > self.max_bytes:
                raise RequestTooLarge(f"request body over {self.max_bytes:,} bytes")
        return bytes(body)
