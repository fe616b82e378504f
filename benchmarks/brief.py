"""Multi-document briefs: newsfuse against Lead-3 and LexRank, ROUGE-1/2/L against reference summaries.

Data (non-commercial research data: read from ../shared/eval at run time, never copied here):
  * multinews-dev: 100 Multi-News clusters (LongBench copy); documents split on "Passage N:",
    paragraphs on NEWLINE_CHAR; reference = "answers"[0] (mean 223 words).
  * neus-dev: 307 NeuS/AllSides clusters of 3 articles (left, centre, right); each source line
    is split on "[SEP]" into "TITLE=> ... ARTICLE=> ..." articles; the reference is the target
    line with its TITLE=>/ARTICLE=> markers removed (neutral title + summary, mean 74 words).
Word budget (the same for every system, about the mean reference length): 225 words on
Multi-News, 75 on NeuS. A system adds whole sentences in its own order of preference and skips
one that would overflow the budget (newsfuse's own rule); Lead-3 is cut at the budget.

Systems, in one run:
  * newsfuse: `fuse(articles, one_story=True)` then `brief_for(..., max_words=N)`; the summary
    is the brief's sentences joined (no headline).
  * lead-3: the first 3 sentences of the first document; "lead-3 each doc": the first 3 of
    each document in turn (the published Multi-News Lead-3 may be built either way).
  * lexrank: sumy's LexRankSummarizer (idf-modified cosine, threshold 0.1, power iteration,
    Snowball stemmer, sumy's English stop words) over all the cluster's sentences.
  Peers split sentences with spaCy's rule-based sentencizer inside each paragraph of the text
  as given (newsfuse splits its own cleaned text with its parser).
Scoring: rouge-score (Google's reimplementation), F-measure, stemming on, mean over clusters; newsfuse
minus LexRank paired by cluster (mean difference and its standard error), whole and by half.
Citation property (newsfuse): share of brief sentences whose every number is found in the
text of its cited spans (offsets into the article as given).
Parts: each data set is scored whole and by half, by line: the first half ("tune": Multi-News
clusters 0-49, NeuS 0-152) is the one selection rules may be developed on, the second half
("heldout": Multi-News 50-99, as in benchmarks/cluster.py and pagekind.py; NeuS 153-306) is only
measured. Every system is scored on both halves in the same run.

    python benchmarks/brief.py [--datasets multinews-dev,neus-dev] [--limit N] [--part tune|heldout]
                               [--no-peers]

Prints a table and writes benchmarks/results/brief.json.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.cluster import split_multinews  # noqa: E402
from newsfuse.ingest import make_article  # noqa: E402
from newsfuse.model import Brief  # noqa: E402
from newsfuse.pipeline import fuse  # noqa: E402
from newsfuse.story_briefs import brief_for  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"
MULTINEWS = EVAL / "multinews-dev" / "multi_news.jsonl"
NEUS = EVAL / "neus-dev"
OUTPUT = ROOT / "benchmarks" / "results" / "brief.json"
BUDGET = {"multinews-dev": 225, "neus-dev": 75}
PUBLISHED = {  # ROUGE-1 on the full test sets (see each SOURCE.md); not the same clusters as here
    "multinews-dev": {"lexrank": 38.27, "lead-3": 39.41, "Hi-MAP": 43.47, "PRIMERA": 49.9},
    "neus-dev": {"lexrank": 42.24, "NeuS-Title": 39.09, "BART-CNN": 38.22},
}
NUMBER = re.compile(r"\d[\d,.]*\d|\d")  # as tests/briefcheck.py
_NEUS_ARTICLE = re.compile(r"TITLE=>(.*?)ARTICLE=>(.*)", re.S)


@dataclass(frozen=True)
class Doc:
    title: str
    text: str


@dataclass(frozen=True)
class Cluster:
    id: str
    docs: tuple[Doc, ...]
    reference: str
    part: str = "tune"  # "tune" (first half of the data set's lines) or "heldout" (second half)


# the first line of each data set's held-out half (its line count // 2)
HELD_OUT_FROM = {"multinews-dev": 50, "neus-dev": 153}


def half(dataset: str, line: int) -> str:
    return "heldout" if line >= HELD_OUT_FROM[dataset] else "tune"


def load_multinews(path: Path = MULTINEWS, limit: int | None = None) -> list[Cluster]:
    out: list[Cluster] = []
    with path.open(encoding="utf8") as f:
        for n, line in enumerate(f):
            if line.strip() and (limit is None or len(out) < limit):
                rec = json.loads(line)
                docs = tuple(Doc("", t) for t in split_multinews(rec["context"]))
                reference = " ".join(rec["answers"][0].split())
                out.append(Cluster(f"mn{n:03d}", docs, reference, half("multinews-dev", n)))
    return out


def _neus_article(part: str) -> Doc:
    m = _NEUS_ARTICLE.search(part)
    return Doc(m.group(1).strip(), m.group(2).strip()) if m else Doc("", part.strip())


def load_neus(folder: Path = NEUS, limit: int | None = None) -> list[Cluster]:
    sources = (folder / "val.source").read_text(encoding="utf8").splitlines()
    targets = (folder / "val.target").read_text(encoding="utf8").splitlines()
    out: list[Cluster] = []
    for n, (src, tgt) in enumerate(zip(sources, targets, strict=True)):
        if src.strip() and (limit is None or len(out) < limit):
            docs = tuple(d for d in (_neus_article(p) for p in src.split("[SEP]")) if d.text)
            reference = " ".join(re.sub(r"(?:TITLE|ARTICLE)=>", " ", tgt).split())
            out.append(Cluster(f"neus{n:03d}", docs, reference, half("neus-dev", n)))
    return out


LOADERS: dict[str, Callable[..., list[Cluster]]] = {"multinews-dev": load_multinews, "neus-dev": load_neus}


# ---- systems -------------------------------------------------------------------------------------


def cited_numbers_ok(brief: Brief, originals: dict[str, str]) -> tuple[int, int, int, int]:
    """(sentences, sentences whose every number is in their cited spans, sentences with numbers,
    of those the ones whose numbers are all cited)."""
    total = ok = numeric = numeric_ok = 0
    for s in brief.sentences:
        cited = " ".join(" ".join(originals[c.article][c.start : c.end].split()) for c in s.citations)
        nums = [n.strip(".,") for n in NUMBER.findall(s.text)]
        good = bool(s.citations) and all(n in cited for n in nums)
        total, ok = total + 1, ok + good
        if nums:
            numeric, numeric_ok = numeric + 1, numeric_ok + good
    return total, ok, numeric, numeric_ok


def newsfuse_brief(cluster: Cluster, max_words: int) -> tuple[list[str], tuple[int, int, int, int]]:
    articles = [
        make_article(d.text, id=f"{cluster.id}-{k}", title=d.title) for k, d in enumerate(cluster.docs)
    ]
    canonical, analyses, stories, *_ = fuse(articles, one_story=True)
    brief = brief_for(canonical, analyses, stories[0].id, max_words=max_words)
    originals = {a.id: a.original or a.text for a in canonical}
    return [s.text for s in brief.sentences], cited_numbers_ok(brief, originals)


@cache
def _sentencizer() -> Any:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def split_sentences(text: str) -> list[str]:
    """Peers' sentences: spaCy's punctuation-based sentencizer within each paragraph."""
    out: list[str] = []
    for para in re.split(r"\n\s*\n", text):
        para = " ".join(para.split())
        if para:
            out.extend(s.text.strip() for s in _sentencizer()(para).sents if s.text.strip())
    return out


def fill_budget(ranked: Sequence[int], sentences: Sequence[str], max_words: int) -> list[int]:
    """Whole sentences in order of preference, skipping one that would overflow the budget."""
    chosen, words = [], 0
    for i in ranked:
        n = len(sentences[i].split())
        if words + n <= max_words:
            chosen.append(i)
            words += n
    return sorted(chosen)


def _cut(sentences: Sequence[str], max_words: int) -> list[str]:
    out: list[str] = []
    words = 0
    for s in sentences:
        ws = s.split()[: max_words - words]
        if ws:
            out.append(" ".join(ws))
            words += len(ws)
    return out


def lead3(cluster: Cluster, max_words: int) -> list[str]:
    """The first 3 sentences of the first document, cut at the budget."""
    return _cut(split_sentences(cluster.docs[0].text)[:3] if cluster.docs else [], max_words)


def lead3_each(cluster: Cluster, max_words: int) -> list[str]:
    """The first 3 sentences of each document in turn, cut at the budget (a multi-document Lead-3)."""
    return _cut([s for d in cluster.docs for s in split_sentences(d.text)[:3]], max_words)


class _WordTokenizer:
    """sumy's own tokenizer needs NLTK's punkt data (a download); words are all LexRank needs."""

    language = "english"

    def to_words(self, text: str) -> list[str]:
        return re.findall(r"\w+(?:'\w+)?", text)

    def to_sentences(self, text: str) -> list[str]:
        return split_sentences(text)


def lexrank(cluster: Cluster, max_words: int) -> list[str]:
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.utils import get_stop_words

    tokenizer = _WordTokenizer()
    sentences = [s for d in cluster.docs for s in split_sentences(d.text)]
    if not sentences:
        return []
    summarizer = LexRankSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    document = ObjectDocumentModel([Paragraph([Sentence(s, tokenizer) for s in sentences])])
    # LexRankSummarizer.__call__ without its top-k cut: the scores, so the budget can be filled
    words = [summarizer._to_words_set(s) for s in document.sentences]
    matrix = summarizer._create_matrix(
        words, summarizer.threshold, summarizer._compute_tf(words), summarizer._compute_idf(words)
    )
    scores = summarizer.power_method(matrix, summarizer.epsilon)
    ranked = sorted(range(len(sentences)), key=lambda i: (-scores[i], i))
    return [sentences[i] for i in fill_budget(ranked, sentences, max_words)]


# ---- scoring -------------------------------------------------------------------------------------


@cache
def _scorer() -> Any:
    from rouge_score import rouge_scorer

    return rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)


def rouge(summaries: Sequence[Sequence[str]], clusters: Sequence[Cluster]) -> dict[str, Any]:
    """Mean ROUGE-1/2/L F-measure (0-1) of the joined summary sentences against the references,
    over all clusters and over each half ("parts")."""
    keys = ("rouge1", "rouge2", "rougeL")
    scores = []
    for sentences, cluster in zip(summaries, clusters, strict=True):
        result = _scorer().score(cluster.reference, " ".join(sentences))
        scores.append((cluster.part, {k: result[k].fmeasure for k in keys}))
    out: dict[str, Any] = {k: statistics.fmean(s[k] for _, s in scores) for k in keys}
    out["per_cluster"] = scores  # for paired differences (left out of the report)
    out["parts"] = {
        p: {"clusters": len(mine), **{k: statistics.fmean(s[k] for s in mine) for k in keys}}
        for p in ("tune", "heldout")
        if (mine := [s for q, s in scores if q == p])
    }
    return out


def run_newsfuse(clusters: Sequence[Cluster], max_words: int) -> dict[str, Any]:
    t0 = time.perf_counter()
    summaries: list[list[str]] = []
    counts = [0, 0, 0, 0]
    for c in clusters:
        sentences, cited = newsfuse_brief(c, max_words)
        summaries.append(sentences)
        counts = [x + y for x, y in zip(counts, cited, strict=True)]
    secs = time.perf_counter() - t0
    total, ok, numeric, numeric_ok = counts
    return {
        **rouge(summaries, clusters),
        "words": statistics.fmean(len(" ".join(s).split()) for s in summaries),
        "seconds": secs,
        "citations": {
            "sentences": total,
            "numbers_in_cited_spans": ok / total if total else 1.0,
            "sentences_with_numbers": numeric,
            "numbers_in_cited_spans_numeric_only": numeric_ok / numeric if numeric else 1.0,
        },
    }


def run_peer(
    system: Callable[[Cluster, int], list[str]], clusters: Sequence[Cluster], max_words: int
) -> dict[str, Any]:
    t0 = time.perf_counter()
    summaries = [system(c, max_words) for c in clusters]
    secs = time.perf_counter() - t0
    words = statistics.fmean(len(" ".join(s).split()) for s in summaries)
    return {**rouge(summaries, clusters), "words": words, "seconds": secs}


def newsfuse_score(
    dataset: str = "multinews-dev", limit: int | None = None, part: str | None = None
) -> dict[str, Any]:
    """newsfuse alone, as the quality gate measures it: ROUGE-1/2/L (0-1) and the citation
    property on the first `limit` clusters of a data set (or the clusters of one half, `part`), at
    that data set's word budget."""
    clusters = [c for c in LOADERS[dataset](limit=limit) if part in (None, c.part)]
    return run_newsfuse(clusters, BUDGET[dataset])


def paired(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """Mean per-cluster difference a - b (ROUGE-1/2/L) with its standard error, whole and by half."""
    keys = ("rouge1", "rouge2", "rougeL")
    out: dict[str, Any] = {}
    for p in (None, "tune", "heldout"):
        pairs = [
            (x, y)
            for (q, x), (_, y) in zip(a["per_cluster"], b["per_cluster"], strict=True)
            if p in (None, q)
        ]
        if len(pairs) < 2:
            continue
        got = {}
        for k in keys:
            d = [x[k] - y[k] for x, y in pairs]
            got[k] = {
                "diff": round(100 * statistics.fmean(d), 2),
                "se": round(100 * statistics.stdev(d) / len(d) ** 0.5, 2),
            }
        out[p or "all"] = got
    return out


def _round(d: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in d.items():
        if isinstance(v, dict):
            out[k] = _round(v)
        elif isinstance(v, float) and k.startswith("rouge"):
            out[k] = round(100 * v, 2)
        elif isinstance(v, float):
            out[k] = round(v, 4 if k.startswith("numbers") else 1)
        else:
            out[k] = v
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--datasets", default="multinews-dev,neus-dev")
    parser.add_argument("--limit", type=int, help="first N clusters of each data set")
    parser.add_argument("--part", choices=("tune", "heldout"), help="only the clusters of one half")
    parser.add_argument("--no-peers", action="store_true")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    # newsfuse logs a note per article with an unbalanced quote mark: noise in a benchmark run
    logging.getLogger("newsfuse").setLevel(logging.ERROR)
    report: dict[str, Any] = {"rouge": "rouge-score, F-measure x100, stemming on", "datasets": {}}
    for name in args.datasets.split(","):
        clusters = [c for c in LOADERS[name](limit=args.limit) if args.part in (None, c.part)]
        budget = BUDGET[name]
        systems = {"newsfuse": run_newsfuse(clusters, budget)}
        if not args.no_peers:
            systems["lead-3"] = run_peer(lead3, clusters, budget)
            systems["lead-3 each doc"] = run_peer(lead3_each, clusters, budget)
            systems["lexrank (sumy)"] = run_peer(lexrank, clusters, budget)
        report["datasets"][name] = {
            "clusters": len(clusters),
            "documents": sum(len(c.docs) for c in clusters),
            "max_words": budget,
            "reference_words": round(statistics.fmean(len(c.reference.split()) for c in clusters), 1),
            "systems": {
                k: _round({x: y for x, y in v.items() if x != "per_cluster"}) for k, v in systems.items()
            },
            "published_rouge1_full_test": PUBLISHED[name],
        }
        if "lexrank (sumy)" in systems:
            report["datasets"][name]["newsfuse_minus_lexrank_paired"] = paired(
                systems["newsfuse"], systems["lexrank (sumy)"]
            )
        r = report["datasets"][name]
        print(f"\n{name}: {r['clusters']} clusters, {r['documents']} documents, budget {budget} words, "
              f"references {r['reference_words']} words")  # fmt: skip
        print(f"{'system':<20} {'R-1':>6} {'R-2':>6} {'R-L':>6} {'words':>6} {'secs':>7}")
        for k, v in r["systems"].items():
            print(
                f"{k:<20} {v['rouge1']:>6.2f} {v['rouge2']:>6.2f} {v['rougeL']:>6.2f} "
                f"{v['words']:>6.1f} {v['seconds']:>7.1f}"
            )
        for p in ("tune", "heldout"):
            for k, v in r["systems"].items():
                if p in v["parts"]:
                    x = v["parts"][p]
                    print(f"{k + ' ' + p:<20} {x['rouge1']:>6.2f} {x['rouge2']:>6.2f} {x['rougeL']:>6.2f} "
                          f"{'':>6} {'':>7}  ({x['clusters']} clusters)")  # fmt: skip
        for k, v in PUBLISHED[name].items():
            print(f"{k + ' (paper)':<20} {v:>6.2f}")
        for p, got in r.get("newsfuse_minus_lexrank_paired", {}).items():
            print(
                f"newsfuse - lexrank, paired ({p}): "
                + ", ".join(f"{k} {v['diff']:+.2f} (se {v['se']:.2f})" for k, v in got.items())
            )
        c = r["systems"]["newsfuse"]["citations"]
        print(
            f"newsfuse citations: {c['numbers_in_cited_spans']:.2%} of {c['sentences']} sentences have every "
            f"number in their cited spans ({c['numbers_in_cited_spans_numeric_only']:.2%} of the "
            f"{c['sentences_with_numbers']} with numbers)"
        )
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2) + "\n", encoding="utf8")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
