"""A news stream with known story membership, generated from the eval texts (for stream/cluster benchmarks).

Each *base* is a pool of real sentences about one event: a Multi-News cluster, a NeuS cluster (left,
centre and right reports of one event) or one PolNeAR article (a story of its own). A generated story
takes one base and writes 1-10 reports of it, each a different random selection of the base's
sentences (in their order, kept whole), about 580 words where the base is long enough and never more
than 60% of the base, so two reports of one story share some sentences but are not near-copies.
Stories start day after day at a steady rate, reports follow their story's first one within 0-3 days.
A base is used again only after more than `reuse_gap` days, so a story made from it again is a new
story in time (a newsroom's "another flood in the same valley"), not a continuation.

Nothing here is tuned to any system: the rules are fixed before any run. Used by stream.py,
throughput.py and cluster.py (`--stream`).

    python benchmarks/streamgen.py N OUT.jsonl [--seed 0]   # writes N articles, one JSON per line
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
MULTINEWS = EVAL / "multinews-dev" / "multi_news.jsonl"
NEUS = EVAL / "neus-dev"
POLNEAR = EVAL / "polnear" / "train" / "text"

_SPLIT = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'\u201d]))\s+(?=[\"'\u201c]?[A-Z])")
_PASSAGE = re.compile(r"(?:^|\n)Passage \d+:\n|\|\|\|\|\|")
_NEUS_ARTICLE = re.compile(r"TITLE=>(.*?)ARTICLE=>(.*)", re.S)
OUTLETS = tuple(f"Outlet {chr(65 + i // 26)}{chr(65 + i % 26)}" for i in range(40))
WORDS = 580


@dataclass(frozen=True)
class Base:
    id: str
    title: str
    sentences: tuple[str, ...]


def _sentences(text: str) -> list[str]:
    text = text.replace("NEWLINE_CHAR", "\n")
    out = []
    for para in re.split(r"\n\s*\n|\n", text):
        out += [s.strip() for s in _SPLIT.split(" ".join(para.split())) if len(s.split()) >= 4]
    return out


def load_bases() -> list[Base]:
    bases: list[Base] = []
    with MULTINEWS.open(encoding="utf8") as f:
        for n, line in enumerate(f):
            if line.strip():
                docs = [d for d in _PASSAGE.split(json.loads(line)["context"]) if d.strip()]
                sents = [s for d in docs for s in _sentences(d)]
                bases.append(Base(f"mn{n:03d}", sents[0][:90] if sents else "", tuple(sents)))
    for n, src in enumerate((NEUS / "val.source").read_text(encoding="utf8").splitlines()):
        title, sents = "", []
        for part in src.split("[SEP]"):
            m = _NEUS_ARTICLE.search(part)
            if m:
                title = title or m.group(1).strip()
                sents += _sentences(m.group(2))
        bases.append(Base(f"neus{n:03d}", title, tuple(sents)))
    for p in sorted(POLNEAR.glob("*.txt")):
        sents = _sentences(p.read_text(encoding="utf8", errors="replace"))
        bases.append(Base("pn-" + p.stem[-24:], sents[0][:90] if sents else "", tuple(sents)))
    return [b for b in bases if sum(len(s.split()) for s in b.sentences) >= 80]


def _report(base: Base, rng: random.Random) -> str:
    total = sum(len(s.split()) for s in base.sentences)
    target = min(WORDS, int(0.6 * total))
    idx = list(range(len(base.sentences)))
    rng.shuffle(idx)
    chosen, words = [], 0
    for i in idx:
        if words >= target:
            break
        chosen.append(i)
        words += len(base.sentences[i].split())
    return "\n\n".join(base.sentences[i] for i in sorted(chosen))


def stream(
    n: int, seed: int = 0, stories_per_day: int = 60, reuse_gap: int = 12
) -> Iterator[dict[str, object]]:
    """n articles as dicts {id, title, text, published, source, story}, in publication order per day."""
    rng = random.Random(seed)
    bases = load_bases()
    free_from = {b.id: -1 for b in bases}
    start = date(2024, 1, 1)
    made, story_no, day = 0, 0, 0
    pending: list[tuple[int, dict[str, object]]] = []
    while made < n:
        todays = 0
        while todays < stories_per_day and made + len(pending) < n:
            ready = [b for b in bases if free_from[b.id] <= day]
            base = rng.choice(ready)
            free_from[base.id] = day + reuse_gap
            size = min(rng.choice((1, 1, 2, 2, 3, 3, 4, 5, 6, 8, 10)), n - made - len(pending))
            sid = f"g{story_no:06d}-{base.id}"
            story_no += 1
            todays += 1
            for k in range(size):
                when = day + (0 if k == 0 else rng.randint(0, 3))
                text = _report(base, rng)
                pending.append(
                    (
                        when,
                        {
                            "id": f"{sid}-{k}",
                            "title": base.title if k == 0 else text.split("\n")[0][:90],
                            "text": text,
                            "published": (start + timedelta(days=when)).isoformat(),
                            "source": rng.choice(OUTLETS),
                            "story": sid,
                        },
                    )
                )
        pending.sort(key=lambda p: p[0])
        while pending and (pending[0][0] <= day or made + len(pending) >= n) and made < n:
            yield pending.pop(0)[1]
            made += 1
        day += 1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n", type=int)
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    with args.out.open("w", encoding="utf8") as f:
        for row in stream(args.n, args.seed):
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
