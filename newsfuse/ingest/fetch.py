"""Fetching feeds over the network: only when the user allowed it (`--allow-network`), only http/https,
never private, loopback or link-local addresses unless a setting allows them (tests on 127.0.0.1)."""

from __future__ import annotations

import ipaddress
import socket
import urllib.request
from collections.abc import Iterator
from http.client import HTTPMessage
from typing import IO
from urllib.parse import urlsplit

from ..errors import EmptyInput, NetworkRefused, NewsfuseError, TooLarge
from ..model import Article

__all__ = ["NetworkRefused", "check_url", "fetch", "iter_feed_url"]

MAX_FEED_BYTES = 20 * 2**20
TIMEOUT = 20.0
MAX_REDIRECTS = 5


def check_url(url: str, *, allow_private: bool = False) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise NetworkRefused(f"{url}: only http and https URLs are fetched", path=url)
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
    except OSError as e:
        raise EmptyInput(f"{url}: cannot resolve {parts.hostname} ({e})", path=url) from e
    for info in infos:
        ip = ipaddress.ip_address(info[4][0])
        if ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved or ip.is_multicast:
            raise NetworkRefused(
                f"{url}: {parts.hostname} is a private or loopback address ({ip})",
                hint="newsfuse fetches only public addresses; set NEWSFUSE_ALLOW_PRIVATE_NETWORK=1 to allow it.",
                path=url,
            )


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """Every redirect target passes the same checks as the URL asked for (a public feed must not bounce
    the fetch to 127.0.0.1 or a file: URL), and redirects are few."""

    max_redirections = MAX_REDIRECTS

    def __init__(self, allow_private: bool):
        self.allow_private = allow_private

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        check_url(newurl, allow_private=self.allow_private)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str, *, allow_private: bool = False) -> bytes:
    check_url(url, allow_private=allow_private)
    req = urllib.request.Request(url, headers={"User-Agent": "newsfuse (feed reader)"})
    # only http(s) handlers plus the checked redirects: no file:, ftp: or data: URLs, whatever a server says
    opener = urllib.request.OpenerDirector()
    for handler in (urllib.request.HTTPHandler(), urllib.request.HTTPSHandler(),
                    urllib.request.HTTPErrorProcessor(), urllib.request.HTTPDefaultErrorHandler(),
                    _CheckedRedirects(allow_private)):  # fmt: skip
        opener.add_handler(handler)
    try:
        with opener.open(req, timeout=TIMEOUT) as resp:  # scheme and address checked above
            data: bytes = resp.read(MAX_FEED_BYTES + 1)
    except NewsfuseError:
        raise
    except OSError as e:
        raise EmptyInput(f"{url}: could not be fetched ({e})", path=url) from e
    if len(data) > MAX_FEED_BYTES:
        raise TooLarge(f"{url}: more than {MAX_FEED_BYTES // 2**20} MB", path=url)
    return data


def iter_feed_url(url: str, on_error: object, *, allow_private: bool = False) -> Iterator[Article]:
    from . import _from_records
    from .feed import iter_feed

    sink = on_error if callable(on_error) else None
    try:
        data = fetch(url, allow_private=allow_private)
    except NewsfuseError as e:
        if sink is None:
            raise
        sink(e)
        return
    for a in _from_records(iter_feed(data, url), url, sink or (lambda e: None)):
        if isinstance(a, Article):  # a feed's entries are articles already (no raw pages)
            yield a
