from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from newsfuse.pipeline import run
from newsfuse.serve import create_app
from newsfuse.settings import Settings
from newsfuse.store import open_store

EVIL = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("serve")
    (tmp / "in").mkdir()
    for i, outlet in enumerate(["Harbour Times", "Coastal Wire"]):
        row = {
            "id": f"a{i}",
            "title": f"Port strike {EVIL if i == 0 else 'day two'}",
            "source": outlet,
            "published": f"2025-03-0{i + 3}",
            "text": "Dock workers at Harbourside port walked out on Monday, leaving 1,200 containers stranded. "
            "The union wants a 9 per cent raise. Officials said talks would resume on Friday.",
        }
        (tmp / "in" / f"{i}.jsonl").write_text(json.dumps(row) + "\n")
    settings = Settings(db=f"sqlite:///{tmp}/s.db", out=str(tmp / "out"), workers=1)
    with open_store(settings.db) as store:
        run([str(tmp / "in")], settings, store)
        yield TestClient(create_app(store))


def test_api_stories_and_brief(client) -> None:
    stories = client.get("/api/v1/stories").json()["stories"]
    assert len(stories) == 1 and stories[0]["articles"] == 1  # a1 is a near-copy of a0
    story = client.get(f"/api/v1/stories/{stories[0]['id']}").json()
    assert [a["id"] for a in story["articles"]] == ["a0"]
    brief = story["brief"]
    assert brief["sentences"] and all(s["citations"] for s in brief["sentences"])
    assert "Coastal Wire" in brief["sources"] and "Harbour Times" in brief["sources"]


def test_api_article_and_errors(client) -> None:
    assert client.get("/api/v1/articles/a0").json()["article"]["source"] == "Harbour Times"
    r = client.get("/api/v1/articles/nope")
    assert r.status_code == 404 and r.json()["error"]["code"] == "NF404"
    assert "/api/v1/stories" in client.get("/openapi.json").json()["paths"]


def test_pages_escape_article_text(client) -> None:
    story = client.get("/api/v1/stories").json()["stories"][0]["id"]
    for url in ("/", f"/stories/{story}", "/articles/a0"):
        r = client.get(url)
        assert r.status_code == 200
        assert EVIL not in r.text
    assert "&lt;script&gt;" in client.get("/").text


def test_search(client) -> None:
    assert [r["id"] for r in client.get("/api/v1/search", params={"q": "containers stranded"}).json()] == [
        "a0"
    ]


def test_article_page_marks_cited_spans(client) -> None:
    story = client.get("/api/v1/stories").json()["stories"][0]["id"]
    brief = client.get(f"/api/v1/stories/{story}").json()["brief"]
    c = brief["sentences"][0]["citations"][0]
    page = client.get(f"/articles/{c['article']}", params={"cite": f"{c['start']}-{c['end']}"}).text
    assert f'<mark class="target" id="c-{c["start"]}-{c["end"]}">' in page
    href = f"/articles/{c['article']}?cite={c['start']}-{c['end']}#c-{c['start']}-{c['end']}"
    assert href in client.get(f"/stories/{story}").text
