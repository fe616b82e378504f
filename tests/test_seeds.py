"""Golden end-to-end run on ../shared/corpus/seeds: expected facts, not expected prose."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsfuse.pipeline import run
from newsfuse.settings import Settings
from newsfuse.store import open_store

from .briefcheck import assert_brief_is_cited
from .conftest import SEEDS, needs_shared

pytestmark = needs_shared
KEY = json.loads((Path(__file__).parent / "seeds_key.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("seeds")
    settings = Settings(db=f"sqlite:///{tmp}/n.db", out=str(tmp / "out"))
    with open_store(settings.db) as store:
        summary = run([str(SEEDS)], settings, store)
        stories = store.stories()
        articles = {a.id: a for a in store.articles(canonical_only=False)}
        briefs = {s.id: store.brief(s.id) for s in stories}
        yield summary, stories, articles, briefs, tmp


def test_boilerplate_removed_and_date_read(seeded) -> None:
    _, _, articles, _, _ = seeded
    raw = next(a for a in articles.values() if a.origin.endswith(KEY["raw_article"]))
    assert raw.published == KEY["raw_published"]
    assert not any(b in raw.text for b in KEY["boilerplate"])
    assert KEY["boilerplate"][0] in raw.original  # the original is kept for citations
    assert {c.rule for c in raw.cleaning} == set(KEY["cleaning_rules"])


def test_both_seeds_in_one_story(seeded) -> None:
    _, stories, articles, _, _ = seeded
    assert len(articles) == KEY["articles"]
    assert len(stories) == KEY["stories"] and len(stories[0].articles) == KEY["articles"]


def test_brief_sentences_cite_stored_text(seeded) -> None:
    _, _, articles, briefs, _ = seeded
    [brief] = briefs.values()
    assert_brief_is_cited(brief, {k: a.original for k, a in articles.items()})
    assert brief.sentences and not any(b in s.text for b in KEY["boilerplate"] for s in brief.sentences)


def test_rounding_is_agreement(seeded) -> None:
    _, _, articles, briefs, _ = seeded
    [brief] = briefs.values()
    want = KEY["rounding_agreement"]
    trade = [f for f in brief.facts if {m.text for m in f.mentions} >= set(want["texts"])]
    assert len(trade) == 1 and trade[0].status == "agreed" and "rounding" in trade[0].note
    assert len(trade[0].outlets) == want["outlets"]
    assert not any(want["value_fragment"] in m.text for f in brief.conflicts for m in f.mentions)
    for m in trade[0].mentions:  # each figure comes with its source span
        assert articles[m.article].original[m.start : m.end] == m.text


def test_sum_mismatch_flagged_with_citation(seeded) -> None:
    _, _, articles, briefs, _ = seeded
    [brief] = briefs.values()
    [check] = [c for c in brief.checks if c.kind == "sum"]
    want = KEY["sum_mismatch"]
    assert check.status == "inconsistent" and (check.expected, check.actual) == (
        want["expected"],
        want["actual"],
    )
    cited = " ".join(articles[c.article].original[c.start : c.end] for c in check.citations)
    assert all(phrase in cited for phrase in want["cited"])


def test_ratios_consistent(seeded) -> None:
    _, _, _, briefs, _ = seeded
    [brief] = briefs.values()
    ratios = [c for c in brief.checks if c.kind == "ratio"]
    assert ratios and all(c.status == "consistent" for c in ratios)
    assert {round(c.actual, 1) for c in ratios} >= set(KEY["ratios"])


def test_quotes_attributed(seeded) -> None:
    _, _, _, briefs, _ = seeded
    [brief] = briefs.values()
    speakers = {q.speaker for q in brief.quotes}
    assert set(KEY["speakers"]) <= speakers
    conveyed = next(q for q in brief.quotes if q.text.startswith(KEY["pronoun_quote"]["starts"]))
    assert conveyed.speaker == KEY["pronoun_quote"]["speaker"]  # through "he said"


def test_exports_written(seeded) -> None:
    summary, stories, _, _, tmp = seeded
    sid = stories[0].id
    md = (tmp / "out" / f"{sid}.md").read_text()
    html = (tmp / "out" / f"{sid}.html").read_text()
    assert all(n in md for n in KEY["export_numbers"]) and "<table" in html
    assert (tmp / "out" / "index.html").exists()
    assert summary.new == 2 and not summary.errors


def test_run_is_idempotent(seeded) -> None:
    _, _, _, _, tmp = seeded
    settings = Settings(db=f"sqlite:///{tmp}/n.db", out=str(tmp / "out"))
    with open_store(settings.db) as store:
        again = run([str(SEEDS)], settings, store)
        assert again.new == 0 and again.already_stored == 2
        assert len(store.stories()) == 1


def test_static_evidence_pages(seeded) -> None:
    from newsfuse.brief.evidence_page import page_name

    _, stories, articles, briefs, tmp = seeded
    [brief] = briefs.values()
    html = (tmp / "out" / f"{stories[0].id}.html").read_text()
    c = brief.sentences[0].citations[0]
    assert f'href="articles/{page_name(c.article)}#c-{c.start}-{c.end}"' in html
    page = (tmp / "out" / "articles" / page_name(c.article)).read_text()
    assert f'<mark id="c-{c.start}-{c.end}">' in page
    assert "Removed as boilerplate" in page or not articles[c.article].cleaning


def test_page_names_never_come_from_input() -> None:
    from newsfuse.brief.evidence_page import page_name

    assert page_name("abc123") == "abc123.html"
    for evil in ("../../etc/passwd", "a/b", "x" * 200, "<script>"):
        name = page_name(evil)
        assert "/" not in name and ".." not in name and name.endswith(".html") and len(name) < 30


def test_speakers_named_once_across_articles() -> None:
    from newsfuse.brief.quotes import build_quotes
    from newsfuse.ingest import make_article
    from newsfuse.pipeline import fuse
    from newsfuse.reconcile import Evidence

    a = make_article(
        "\u201cTrade must be balanced and fair to both,\u201d S. Jaishankar said in Moscow on Thursday.",
        id="a",
    )
    b = make_article(
        "Jaishankar met officials. \u201cWe are taking practical steps on trade,\u201d Jaishankar said later.",
        id="b",
    )
    canonical, analyses, *_ = fuse([a, b], one_story=True)
    speakers = {q.speaker for q in build_quotes([Evidence(x, analyses[x.id]) for x in canonical])}
    assert speakers == {"S. Jaishankar"}
