"""Issue 16: pages that are not articles (archive notices, error pages, consent walls, social-media stubs,
forms) are recognised when cleaned, stored and listed, and kept out of stories and briefs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsfuse.clean import clean
from newsfuse.cli import app
from newsfuse.ingest import make_article
from newsfuse.pagekind import page_kind
from newsfuse.pipeline import run
from newsfuse.settings import Settings
from newsfuse.store import open_store

runner = CliRunner()
# written for these tests (not taken from any eval set): the kinds of page extractors return instead of a report
PAGES = {
    "archive_notice": "This page was captured by the Wayback Machine of the Internet Archive. Archived pages are "
    "kept as snapshots; the live version may differ. See other snapshots of this page.",
    "error_page": "Sorry, the page you requested cannot be found. It may have been moved, or the article was "
    "removed. Something went wrong on our side; please try again later.",
    "consent_wall": "We and our partners use cookies to store and access information on your device. By "
    "continuing to use this site you consent to the use of cookies as described in our privacy policy. "
    "Accept all or manage your preferences.",
    "social_stub": "Follow us on Twitter for updates. You can add location information to your Tweets from the "
    "web and via third-party applications. Learn more",
    "form_page": "Sign in to continue reading. Email address. Password. Forgot your password? Create an account "
    "for free; registered users can read three articles a month. Already a subscriber? Log in.",
}
ARTICLE = (
    "The city council voted on Tuesday to ban cookies and sweets from school vending machines, after a year-long "
    "campaign by parents. Council member Ana Ruiz said on Twitter that the vote was a win for children. The ban "
    "takes effect in September; the page of the council's website listing the vote was briefly not found after "
    "heavy traffic, officials said. Vendors said they would sign in to the council's portal to appeal."
)


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_issue_16_non_article_pages_are_recognised(kind: str) -> None:
    got = page_kind(PAGES[kind])
    assert got.kind == kind and "words" in got.reason


def test_issue_16_articles_that_mention_the_phrases_stay_articles() -> None:
    assert page_kind(ARTICLE).kind == "article"
    long = " ".join([PAGES["consent_wall"], *[ARTICLE] * 8])  # a consent line above a long report
    assert page_kind(long).kind == "article"


def test_issue_16_title_and_length_tell_error_pages_and_stubs() -> None:
    assert page_kind("The server could not find what was asked for.", "404 Not Found").kind == "error_page"
    assert page_kind("More from this journal").kind == "stub"
    assert page_kind(ARTICLE, "Error-free budget passes").kind == "article"  # "Error" starts a word there


def test_issue_16_clean_flags_the_page_and_says_why() -> None:
    a = clean(make_article(PAGES["archive_notice"], id="x"))
    assert a.kind == "archive_notice" and a.kind_reason
    assert clean(make_article(ARTICLE, id="y")).kind == "article"


def test_issue_16_pages_are_stored_listed_and_kept_out_of_stories(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    for i in range(2):
        (d / f"a{i}.txt").write_text(f"date 2025-05-0{i + 1}\n\n{ARTICLE}{' Appeals are due Friday.' * i}\n")
    (d / "wall.txt").write_text(f"date 2025-05-01\n\n{PAGES['consent_wall']}\n")
    (d / "gone.txt").write_text(f"date 2025-05-02\n\n{PAGES['error_page']}\n")
    s = Settings(db=f"sqlite:///{tmp_path}/n.db", out=str(tmp_path / "out"), workers=1)
    with open_store(s.db) as store:
        run([str(d)], s, store)
        [story] = store.stories()
        pages = store.pages()
        assert {p.kind for p in pages} == {"consent_wall", "error_page"}
        assert not {p.id for p in pages} & set(story.articles)
        assert not {p.id for p in pages} & set(store.brief(story.id).articles)
        wall = next(p.id for p in pages if p.kind == "consent_wall")
    res = runner.invoke(app, ["pages", "--db", s.db, "--json"])
    assert res.exit_code == 0 and {p["kind"] for p in json.loads(res.stdout)} == {
        "consent_wall",
        "error_page",
    }
    # a misjudged page can be put in a story by hand
    res = runner.invoke(app, ["story", "move", wall, story.id, "--db", s.db, "--out", s.out, "--json"])
    assert res.exit_code == 0, res.output
    with open_store(s.db) as store:
        assert wall in store.stories()[0].articles
        assert [p.kind for p in store.pages()] == ["error_page"] and store.get_article(wall).kind == "article"


def test_issue_16_cluster_json_lists_pages_alone(tmp_path: Path) -> None:
    f = tmp_path / "in.jsonl"
    rows = [{"id": "a", "text": ARTICLE}, {"id": "b", "text": ARTICLE + " Appeals are due Friday."},
            {"id": "w", "text": PAGES["archive_notice"]}, {"id": "f", "text": PAGES["form_page"]}]  # fmt: skip
    f.write_text("".join(json.dumps(r) + "\n" for r in rows))
    res = runner.invoke(app, ["cluster", str(f), "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert sorted(a for s in out for a in s["articles"]) == ["a", "b", "f", "w"]  # every input id once
    by = {a: s for s in out for a in s["articles"]}
    assert by["a"]["story"] == by["b"]["story"] and "kind" not in by["a"]
    assert by["w"]["kind"] == "archive_notice" and by["f"]["kind"] == "form_page"
    assert len({by["w"]["story"], by["f"]["story"], by["a"]["story"]}) == 3
