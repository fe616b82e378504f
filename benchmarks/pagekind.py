"""Pages that are not articles (newsfuse/pagekind.py): how many the rules flag, and how many rightly.

Data (read from ../shared/eval at run time, never copied), hand labels in benchmarks/data/pagekind_labels.json:
  * multinews-dev, split into documents as benchmarks/cluster.py does: clusters 0-49 were used to write
    the rules ("tune"), clusters 50-99 to check them ("heldout"); every non-article page is labelled, so
    precision and recall are measured.
  * article sets where every page is a report (wikiref220, ScrapingHub ground-truth bodies, PolNeAR
    train+dev texts): anything flagged is a false positive. PolNeAR was never looked at while writing.
  * neus-dev and the English texts of semeval2022-task8-sample: scraped pages with some junk; looked at
    while writing the rules (their first flags were false positives that made the phrase lists
    stricter), so they are development data; each flagged page's hand verdict is in the labels file.
Reference row: "under 50 words" (length alone) on Multi-News.

    python benchmarks/pagekind.py [--show] [--output FILE]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from cluster import load_multinews_docs, load_wikiref  # noqa: E402

from newsfuse.pagekind import page_kind  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"
LABELS = ROOT / "benchmarks" / "data" / "pagekind_labels.json"
OUTPUT = ROOT / "benchmarks" / "results" / "pagekind.json"
Item = tuple[str, str, str]  # id, text, title


def multinews(half: str) -> list[Item]:
    return [(d.id, d.text, "") for d in load_multinews_docs() if (int(d.gold[2:]) < 50) == (half == "tune")]


def article_sets() -> dict[str, list[Item]]:
    gt = json.loads((EVAL / "article-extraction" / "ground-truth.json").read_text(encoding="utf8"))
    polnear = [
        (p.stem, p.read_text(encoding="utf8", errors="replace"), "")
        for split in ("train", "dev")
        for p in sorted((EVAL / "polnear" / split / "text").glob("*.txt"))
    ]
    return {
        "wikiref220": [(d.id, d.text, "") for d in load_wikiref()],
        "scrapinghub-bodies": [(k, v["articleBody"], "") for k, v in gt.items() if v["articleBody"].strip()],
        "polnear": polnear,
    }


def scraped_sets() -> dict[str, list[Item]]:
    neus = []
    with (EVAL / "neus-dev" / "val.source").open(encoding="utf8") as f:
        for i, line in enumerate(f):
            for j, part in enumerate(re.split(r"TITLE=> ", line)):
                if "ARTICLE=>" in part:
                    title, body = part.split("ARTICLE=>", 1)
                    neus.append((f"neus{i}-{j}", body.strip(), title.strip()))
    sem = []
    for name in ("training_set.csv", "testing_set.csv"):
        with (EVAL / "semeval2022-task8-sample" / name).open(encoding="utf8") as f:
            for r in csv.DictReader(f):
                for side, key in (("1", "a"), ("2", "b")):
                    if r[f"lang{side}"] == "en":
                        sem.append((r["pair_id"] + key, r[f"text{side}"], ""))
    return {"neus-dev": neus, "semeval-en": sem}


def flagged(items: list[Item]) -> dict[str, str]:
    out = {}
    for i, text, title in items:
        k = page_kind(text, title)
        if k.kind != "article":
            out[i] = k.kind
    return out


def prf(pred: set[str], gold: set[str]) -> dict[str, float]:
    tp = len(pred & gold)
    p = tp / len(pred) if pred else 1.0
    r = tp / len(gold) if gold else 1.0
    return {"precision": round(p, 4), "recall": round(r, 4), "flagged": len(pred), "labelled": len(gold)}


def newsfuse_score() -> dict[str, float]:
    """What the quality gates check: precision and recall on the Multi-News held-out half, and the share
    of PolNeAR's articles judged articles."""
    labels = json.loads(LABELS.read_text(encoding="utf8"))
    items = [x for x in multinews("heldout") if x[0] not in set(labels["multinews-dev-unjudged"])]
    ids = {x[0] for x in items}
    row = prf(set(flagged(items)), {i for i in labels["multinews-dev"] if i in ids})
    polnear = article_sets()["polnear"]
    return {**row, "polnear_kept": 1 - len(flagged(polnear)) / len(polnear)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", action="store_true", help="list every flagged page")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    labels = json.loads(LABELS.read_text(encoding="utf8"))
    gold_all: dict[str, str] = labels["multinews-dev"]
    unjudged = set(labels["multinews-dev-unjudged"])
    report: dict[str, Any] = {"multinews-dev": {}, "articles-only": {}, "scraped": {}}
    print(f"{'set':<22} {'docs':>5} {'flagged':>8} {'P':>6} {'R':>6} {'kind right':>10}")
    for half in ("tune", "heldout"):
        items = [x for x in multinews(half) if x[0] not in unjudged]
        ids = {x[0] for x in items}
        gold = {i for i in gold_all if i in ids}
        got = flagged(items)
        row = prf(set(got), gold)
        row["kind_right"] = sum(got.get(i) == gold_all[i] for i in gold)
        row["docs"] = len(items)
        short = {i for i, text, _ in items if len(text.split()) < 50}
        base = prf(short, gold)
        report["multinews-dev"][half] = {"newsfuse": row, "under 50 words": base, "flagged": got}
        print(f"{'multinews ' + half:<22} {len(items):>5} {row['flagged']:>8} {row['precision']:>6.3f} "
              f"{row['recall']:>6.3f} {row['kind_right']:>6}/{len(gold)}")  # fmt: skip
        print(f"{'  under 50 words':<22} {len(items):>5} {base['flagged']:>8} {base['precision']:>6.3f} "
              f"{base['recall']:>6.3f}")  # fmt: skip
        if args.show:
            for i, k in sorted(got.items()):
                print(f"    {i} {k} {'ok' if i in gold else 'WRONG'}")
    for name, items in article_sets().items():
        got = flagged(items)
        report["articles-only"][name] = {"docs": len(items), "flagged": got}
        print(f"{name:<22} {len(items):>5} {len(got):>8} {'(every flag is wrong)':>24}")
        if args.show:
            for i, k in sorted(got.items()):
                print(f"    {i} {k}")
    for name, items in scraped_sets().items():
        got = flagged(items)
        verdict = labels["checked"].get(name, {})
        right = sum(bool(verdict.get(i)) for i in got)
        unchecked = [i for i in got if i not in verdict]
        report["scraped"][name] = {"docs": len(items), "flagged": got, "right": right, "unchecked": unchecked,
                                   "kinds": dict(Counter(got.values()))}  # fmt: skip
        p = right / len(got) if got else 1.0
        print(
            f"{name:<22} {len(items):>5} {len(got):>8} {p:>6.3f}  (hand-checked; {len(unchecked)} unchecked)"
        )
        if args.show:
            texts = {i: t for i, t, _ in items}
            for i, k in sorted(got.items()):
                print(f"    {i} {k} {verdict.get(i, '?')} {texts[i][:100]!r}")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2) + "\n", encoding="utf8")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
