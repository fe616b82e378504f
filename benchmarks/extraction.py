"""Article-body extraction: newsfuse against its peers, side by side in one run.

Data: scrapinghub's article-extraction-benchmark (181 pages; html/*.html.gz + ground-truth.json),
scored with that benchmark's own evaluate.py (4-gram token shingles, P/R per page, averaged).
Peers are run the way the benchmark's extractors/run_*.py run them. Nothing is fetched.

    python benchmarks/extraction.py [--eval-dir DIR] [--only newsfuse,trafilatura] [--output FILE]

Parts (benchmarks/splits.py): pages are grouped by site (host name) and one site in three (by a hash)
is held out, so every "heldout" page comes from a site no "tune" page comes from. Every tool is
scored on the tune part, the held-out part and all pages, side by side; the quality floor is set on
the held-out part. Rules for the extractor are developed on the tune part only.

Prints a table and writes benchmarks/results/extraction.json. Peers that are not installed
(see benchmarks/requirements.txt) are reported as unavailable, not silently dropped.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.metadata
import importlib.util
import json
import logging
import os
import re
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.splits import part, site  # noqa: E402
from newsfuse.errors import EmptyInput  # noqa: E402
from newsfuse.ingest.html import extract_html  # noqa: E402

DEFAULT_EVAL_DIR = Path(os.environ.get("NEWSFUSE_EXTRACTION_EVAL", "/work/shared/eval/article-extraction"))
DEFAULT_OUTPUT = ROOT / "benchmarks" / "results" / "extraction.json"
PUBLISHED_F1 = {"trafilatura": 0.958, "newspaper4k": 0.949, "news-please": 0.948, "readability-lxml": 0.922}
WARMUP_PAGES = 3
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](\d\d)[/-](\d\d)(?:/|-|\b)")

Extractor = Callable[[str, str], str]
SALT = "article-extraction"


def page_part(url: str) -> str:
    """ "tune" or "heldout" for a page, by its site."""
    return part(site(url), SALT)


def parts_of(ground_truth: dict[str, Any]) -> dict[str, set[str]]:
    """part name -> page keys: "tune", "heldout" and "all"."""
    out: dict[str, set[str]] = {"tune": set(), "heldout": set(), "all": set(ground_truth)}
    for key, item in ground_truth.items():
        out[page_part(item.get("url", ""))].add(key)
    return out


def load_scorer(eval_dir: Path) -> ModuleType:
    """The benchmark's own evaluate.py, imported from the data directory (not copied)."""
    spec = importlib.util.spec_from_file_location("aeb_evaluate", eval_dir / "evaluate.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"no evaluate.py in {eval_dir}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "?"


def _newsfuse(html: str, url: str) -> str:
    try:
        return extract_html(html, url=url).text
    except EmptyInput:
        return ""


def build_extractors() -> dict[str, tuple[str, Extractor | str]]:
    """name -> (version, extractor), or (version, reason) when the peer is unavailable."""
    tools: dict[str, tuple[str, Extractor | str]] = {"newsfuse": ("0.1.0", _newsfuse)}
    import trafilatura

    tv = _version("trafilatura")
    tools["trafilatura"] = (tv, lambda h, u: trafilatura.extract(h, include_comments=False) or "")
    tools["trafilatura-default"] = (tv, lambda h, u: trafilatura.extract(h) or "")
    tools["trafilatura-precision"] = (
        tv,
        lambda h, u: trafilatura.extract(h, include_comments=False, favor_precision=True) or "",
    )
    try:
        import html_text
        from readability import Document

        tools["readability-lxml"] = (
            _version("readability-lxml"),
            lambda h, u: html_text.extract_text(Document(h).summary(html_partial=True)),
        )
    except ImportError as err:
        tools["readability-lxml"] = ("-", f"not installed ({err.name})")
    try:
        import justext

        stoplist = justext.get_stoplist("English")
        tools["justext"] = (
            _version("jusText"),
            lambda h, u: " ".join(
                p.text
                for p in justext.justext(h, stoplist, 50, 200, 0.1, 0.2, 0.2, 200, True)
                if not p.is_boilerplate
            ),
        )
    except ImportError as err:
        tools["justext"] = ("-", f"not installed ({err.name})")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "nltk is not installed": only its NLP extras need it
            import newspaper

        def _newspaper(h: str, u: str) -> str:
            article = newspaper.article(u, input_html=h, fetch_images=False)
            article.parse()
            return str(article.text)

        tools["newspaper4k"] = (_version("newspaper4k"), _newspaper)
    except ImportError as err:
        tools["newspaper4k"] = ("-", f"not installed ({err.name})")
    return tools


def run_all(
    tools: dict[str, Extractor], pages: dict[str, tuple[str, str]]
) -> dict[str, tuple[dict[str, str], float, float, dict[str, str]]]:
    """Run every tool on every page, interleaved page by page so that a busy machine slows all tools
    alike. Per tool: outputs, wall seconds, CPU seconds, and the pages a peer crashed on (scored as
    empty; newsfuse itself is never excused). A short warm-up keeps imports and caches out of it."""
    for html, url in list(pages.values())[:WARMUP_PAGES]:
        for name, extractor in tools.items():
            _call(extractor, html, url, name != "newsfuse", {}, "warmup")
    outputs: dict[str, dict[str, str]] = {name: {} for name in tools}
    wall = dict.fromkeys(tools, 0.0)
    cpu = dict.fromkeys(tools, 0.0)
    errors: dict[str, dict[str, str]] = {name: {} for name in tools}
    for key, (html, url) in pages.items():
        for name, extractor in tools.items():
            w0, c0 = time.perf_counter(), time.process_time()
            outputs[name][key] = _call(extractor, html, url, name != "newsfuse", errors[name], key)
            wall[name] += time.perf_counter() - w0
            cpu[name] += time.process_time() - c0
    return {name: (outputs[name], wall[name], cpu[name], errors[name]) for name in tools}


def _call(extractor: Extractor, html: str, url: str, peer: bool, errors: dict[str, str], key: str) -> str:
    if not peer:
        return extractor(html, url) or ""
    try:
        return extractor(html, url) or ""
    except Exception as err:  # a peer's crash on one page must not end the run
        errors[key] = f"{type(err).__name__}: {str(err)[:120]}"
        return ""


def url_date(url: str) -> str | None:
    m = _URL_DATE.search(url)
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}" if m else None


def metadata_report(pages: dict[str, tuple[str, str]]) -> dict[str, Any]:
    """The ground truth has no dates or authors: report date agreement with dates written in the
    page URL (a proxy) for newsfuse and trafilatura's metadata, and how often authors are found."""
    import trafilatura

    with_url_date = {k: d for k, (_, url) in pages.items() if (d := url_date(url))}
    nf_dates: dict[str, str | None] = {}
    tf_dates: dict[str, str | None] = {}
    nf_authors = tf_authors = 0
    for key, (html, url) in pages.items():
        try:
            page = extract_html(html, url=url)
            nf_dates[key], nf_authors = page.published, nf_authors + bool(page.authors)
        except EmptyInput:
            nf_dates[key] = None
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
        tf_dates[key] = getattr(doc, "date", None)
        tf_authors += bool(getattr(doc, "author", None))

    def agreement(found: dict[str, str | None]) -> float | None:
        hits = sum(found.get(k) == d for k, d in with_url_date.items())
        return round(hits / len(with_url_date), 3) if with_url_date else None

    return {
        "ground_truth_fields": "articleBody, url (no date, no author)",
        "date_proxy": "date written in the page URL (/YYYY/MM/DD/), pages that have one",
        "pages_with_url_date": len(with_url_date),
        "date_match_url": {"newsfuse": agreement(nf_dates), "trafilatura": agreement(tf_dates)},
        "date_found": {
            "newsfuse": round(sum(v is not None for v in nf_dates.values()) / len(pages), 3),
            "trafilatura": round(sum(v is not None for v in tf_dates.values()) / len(pages), 3),
        },
        "author_found": {
            "newsfuse": round(nf_authors / len(pages), 3),
            "trafilatura": round(tf_authors / len(pages), 3),
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--only", help="comma-separated tool names")
    parser.add_argument("--n-bootstrap", type=int, default=200)
    parser.add_argument("--no-metadata", action="store_true", help="skip the date/author report")
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)  # trafilatura/readability log every discarded page

    scorer = load_scorer(args.eval_dir)
    ground_truth = scorer.load_json(args.eval_dir / "ground-truth.json")
    pages = {}
    for key, item in ground_truth.items():
        with gzip.open(args.eval_dir / "html" / f"{key}.html.gz", "rt", encoding="utf8") as f:
            pages[key] = (f.read(), item.get("url", ""))

    tools = build_extractors()
    if args.only:
        wanted = set(args.only.split(","))
        tools = {k: v for k, v in tools.items() if k in wanted}
    results: dict[str, dict[str, Any]] = {}
    runnable: dict[str, Extractor] = {}
    for name, (version, extractor) in tools.items():
        if isinstance(extractor, str):
            results[name] = {"version": version, "unavailable": extractor}
        else:
            runnable[name] = extractor
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        runs = run_all(runnable, pages)
    parts = parts_of(ground_truth)
    for name, (outputs, wall, cpu, errors) in runs.items():
        prediction = {k: {"articleBody": v} for k, v in outputs.items()}
        metrics = scorer.evaluate(ground_truth, prediction, args.n_bootstrap)
        metrics.pop("tp_fp_fns")
        by_part = {}
        for part_name in ("tune", "heldout"):
            keys = parts[part_name]
            m = scorer.evaluate({k: ground_truth[k] for k in keys}, {k: prediction[k] for k in keys}, 0)
            by_part[part_name] = {k: round(m[k], 4) for k in ("f1", "precision", "recall")}
        results[name] = {
            "version": tools[name][0],
            **{k: round(v, 4) for k, v in sorted(metrics.items())},
            "parts": by_part,
            "empty_pages": sum(not v.strip() for v in outputs.values()),
            "crashed_pages": len(errors),
            **({"crash_examples": dict(list(errors.items())[:3])} if errors else {}),
            "seconds": round(wall, 2),
            "cpu_seconds": round(cpu, 2),
            "ms_per_page": round(1000 * wall / len(pages), 1),
            "pages_per_second": round(len(pages) / wall, 1),
            "published_f1": PUBLISHED_F1.get(name),
        }

    n_tune, n_held = len(parts["tune"]), len(parts["heldout"])
    print(f"parts by site: tune {n_tune} pages, heldout {n_held} pages (sites absent from tune)")
    print(
        f"{'tool':<22} {'version':<9} {'tune F1':>8} {'held F1':>8} {'all F1':>7} {'P':>6} {'R':>6} "
        f"{'acc':>6} {'ms/page':>8} {'pages/s':>8}"
    )
    for name, r in results.items():
        if "unavailable" in r:
            print(f"{name:<22} {r['version']:<9} unavailable: {r['unavailable']}")
            continue
        tune, held = r["parts"]["tune"]["f1"], r["parts"]["heldout"]["f1"]
        print(
            f"{name:<22} {r['version']:<9} {tune:>8.3f} {held:>8.3f} {r['f1']:>7.3f} {r['precision']:>6.3f} "
            f"{r['recall']:>6.3f} {r['accuracy']:>6.3f} {r['ms_per_page']:>8.1f} {r['pages_per_second']:>8.1f}"
        )
    report: dict[str, Any] = {
        "dataset": str(args.eval_dir),
        "pages": len(pages),
        "split": f"by site, benchmarks/splits.py (salt {SALT!r}): tune {n_tune} pages, heldout {n_held} pages",
        "tools": results,
    }
    if "newsfuse" in results and "trafilatura" in results:
        nf, tf = results["newsfuse"], results["trafilatura"]
        report["newsfuse_vs_trafilatura"] = {
            "f1_gain": round(nf["f1"] - tf["f1"], 4),
            "time_ratio": round(nf["seconds"] / tf["seconds"], 2),
            "cpu_time_ratio": round(nf["cpu_seconds"] / tf["cpu_seconds"], 2),
        }
        versus = report["newsfuse_vs_trafilatura"]
        print(f"newsfuse vs trafilatura: F1 {versus['f1_gain']:+.4f}, time x{versus['time_ratio']}")
    if not args.no_metadata:
        report["metadata"] = metadata_report(pages)
        print("metadata:", json.dumps(report["metadata"]))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2, sort_keys=False) + "\n", encoding="utf8")
    print(f"wrote {args.output}")
    return 0


def newsfuse_f1(eval_dir: Path = DEFAULT_EVAL_DIR, part_name: str = "heldout") -> float:
    """newsfuse's F1 alone on one part ("tune", "heldout" or "all"; the quality gate in
    tests/test_quality_floors.py uses "heldout"): the same pages and the benchmark's own scorer as
    `main`, without the peers and without bootstrap."""
    scorer = load_scorer(eval_dir)
    everything = scorer.load_json(eval_dir / "ground-truth.json")
    keys = parts_of(everything)[part_name]
    ground_truth = {k: everything[k] for k in sorted(keys)}
    prediction = {}
    for key, item in ground_truth.items():
        with gzip.open(eval_dir / "html" / f"{key}.html.gz", "rt", encoding="utf8") as f:
            prediction[key] = {"articleBody": _newsfuse(f.read(), item.get("url", ""))}
    return float(scorer.evaluate(ground_truth, prediction, 0)["f1"])


if __name__ == "__main__":
    raise SystemExit(main())
