"""Fixed held-out parts of the quality benchmarks' dev sets, declared once here.

Each quality benchmark scores newsfuse on two parts of its data, side by side:
- "tune": the part rules may be developed against (errors may be read, rules may be written for it);
- "heldout": the part nobody tunes on. Its errors are not read while developing; a rule is kept only
  if it does not lower this part. Quality floors (benchmarks/floors.json) are set on it.

The part of an item is decided by a hash of a stable key (a sentence's text, a page's site, an
article's name) with a salt per data set, so it never depends on order, on the machine or on the
code under test. One item in three (by the hash) is held out. Extraction pages are grouped by site
(host name), so every held-out page comes from a site that no tuning page comes from.

PolNeAR already has a train split and a dev split: train is "tune", dev is "heldout".
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

HELD_OUT_ONE_IN = 3
PARTS = ("tune", "heldout")


def part(key: str, salt: str) -> str:
    """ "heldout" for one key in three (by sha256 of salt + key), else "tune"."""
    digest = hashlib.sha256(f"{salt}\x00{key}".encode()).digest()
    return "heldout" if int.from_bytes(digest[:8], "big") % HELD_OUT_ONE_IN == 0 else "tune"


def site(url: str) -> str:
    """The site a page comes from: its host name without a leading "www." ("" when there is none)."""
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")
