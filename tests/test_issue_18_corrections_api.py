"""Issue 18: corrections by hand through the API, POST /api/v1/stories/{id}/merge|split|move: behind the
bearer token, kept in the store as `newsfuse story` keeps them, the affected briefs rebuilt, the answer
the shape `newsfuse story ... --json` prints, and every refusal the one error object."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newsfuse.cli import app as cli
from newsfuse.pipeline import run
from newsfuse.serve import create_app
from newsfuse.settings import Settings
from newsfuse.store import open_store
from newsfuse.wire import CorrectionJSON

from .test_issue_18_api import ARTICLES, TOKEN, assert_error

AUTH = {"authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def served(tmp_path):
    (tmp_path / "in.jsonl").write_text("".join(json.dumps(a) + "\n" for a in ARTICLES))
    settings = Settings(
        db=f"sqlite:///{tmp_path}/c.db", out=str(tmp_path / "out"), workers=1, api_token=TOKEN
    )
    with open_store(settings.db) as store:
        run([str(tmp_path / "in.jsonl")], settings, store)
        client = TestClient(create_app(store, settings), raise_server_exceptions=False)
        flood, strike = (client.get("/api/v1/stories", params={"q": q}).json()["stories"][0]["id"]
                         for q in ("door", "containers"))  # fmt: skip
        assert flood != strike
        yield client, store, settings, flood, strike


def members(client, sid: str) -> set[str]:
    return {a["id"] for a in client.get(f"/api/v1/stories/{sid}").json()["articles"]}


def test_issue_18_merge_split_move_through_the_api(served) -> None:
    client, store, _, flood, strike = served
    r = client.post(f"/api/v1/stories/{flood}/merge", json={"other": strike}, headers=AUTH)
    assert r.status_code == 200, r.text
    out = CorrectionJSON.model_validate(r.json())
    assert out.kind == "merge" and out.story == flood and out.emptied == [strike] and out.changed == [flood]
    assert [(s.id, set(s.articles)) for s in out.stories] == [(flood, {"f1", "f2", "s1"})]
    assert members(client, flood) == {"f1", "f2", "s1"}
    brief = client.get(f"/api/v1/stories/{flood}").json()["brief"]  # rebuilt: the strike's outlet is in it
    assert "Harbour Times" in brief["sources"] and "s1" in brief["articles"]
    assert_error(client.get(f"/api/v1/stories/{strike}"), 404, "NF404")  # emptied: out of the lists

    r = client.post(f"/api/v1/stories/{flood}/split", json={"articles": ["s1"]}, headers=AUTH)
    assert r.status_code == 200, r.text
    split = r.json()
    new = split["story"]
    assert split["kind"] == "split" and new not in (flood, strike) and set(split["changed"]) == {flood, new}
    assert members(client, new) == {"s1"} and members(client, flood) == {"f1", "f2"}
    assert client.get(f"/api/v1/stories/{new}").json()["brief"]["sources"] == ["Harbour Times"]

    r = client.post(f"/api/v1/stories/{new}/move", json={"article": "f2"}, headers=AUTH)
    assert r.status_code == 200, r.text
    assert (
        r.json()["story"] == new and members(client, new) == {"s1", "f2"} and members(client, flood) == {"f1"}
    )
    assert "Metro Daily" in client.get(f"/api/v1/stories/{new}").json()["brief"]["sources"]

    log = store.corrections()  # kept in the store, as `newsfuse story log` lists them
    assert [(c.kind, c.story_id) for c in log] == [("merge", flood), ("split", flood), ("move", new)]
    assert store.stale() == []  # every brief the corrections touched was rebuilt


def test_issue_18_corrections_need_the_token(served) -> None:
    client, store, _, flood, strike = served
    for headers in ({}, {"authorization": "Bearer wrong"}, {"authorization": TOKEN}):
        assert_error(
            client.post(f"/api/v1/stories/{flood}/merge", json={"other": strike}, headers=headers),
            401,
            "NF502",
        )
        assert_error(
            client.post(f"/api/v1/stories/{flood}/split", json={"articles": ["f2"]}, headers=headers), 401
        )
        assert_error(
            client.post(f"/api/v1/stories/{strike}/move", json={"article": "f2"}, headers=headers), 401
        )
    assert store.corrections() == [] and members(client, flood) == {"f1", "f2"}  # nothing changed


def test_issue_18_corrections_refuse_bad_ids_and_bodies(served) -> None:
    client, store, _, flood, strike = served

    def post(sid: str, kind: str, body: object):
        return client.post(f"/api/v1/stories/{sid}/{kind}", json=body, headers=AUTH)

    # unknown story or article: 404 with the code
    assert_error(post("nosuchstory", "merge", {"other": strike}), 404, "NF404")
    assert_error(post(flood, "merge", {"other": "nosuchstory"}), 404, "NF404")
    assert_error(post("nosuchstory", "split", {"articles": ["f1"]}), 404, "NF404")
    assert_error(post(flood, "move", {"article": "no-such-article"}), 404, "NF404")
    assert_error(post("nosuchstory", "move", {"article": "f1"}), 404, "NF404")
    # a request the correction refuses, or a body of the wrong shape: 422
    err = assert_error(post(flood, "merge", {"other": flood}), 422, "NF501")
    assert "itself" in err["message"]
    assert "not in story" in assert_error(post(flood, "split", {"articles": ["s1"]}), 422, "NF501")["message"]
    assert_error(post(flood, "split", {"articles": ["f1", "f2"]}), 422, "NF501")  # nothing would be left
    assert_error(post(flood, "move", {"article": "f1"}), 422, "NF501")  # already there
    assert_error(post(flood, "split", {"articles": []}), 422, "NF501")
    assert_error(post(flood, "split", {"articles": "f1"}), 422, "NF501")
    assert_error(post(flood, "merge", {"other": strike, "extra": 1}), 422, "NF501")
    assert_error(post(flood, "merge", {"other": "x" * 65}), 422, "NF501")
    assert_error(post("x" * 65, "merge", {"other": strike}), 422, "NF501")
    bad_json = client.post(
        f"/api/v1/stories/{flood}/merge",
        content=b"{not json",
        headers={**AUTH, "content-type": "application/json"},
    )
    assert_error(bad_json, 422, "NF501")
    assert store.corrections() == []  # none of them changed anything


def test_issue_18_api_and_cli_answer_corrections_in_one_shape(served) -> None:
    client, _, settings, flood, strike = served
    api = client.post(f"/api/v1/stories/{strike}/move", json={"article": "f2"}, headers=AUTH).json()
    res = CliRunner().invoke(
        cli, ["story", "move", "f2", flood, "--db", settings.db, "--out", settings.out, "--json"]
    )
    assert res.exit_code == 0, res.output
    back = json.loads(res.stdout)
    assert set(back) == set(api) == set(CorrectionJSON.model_fields)
    CorrectionJSON.model_validate(back)
    assert back["kind"] == api["kind"] == "move" and back["story"] == flood and api["story"] == strike
    assert members(client, flood) == {"f1", "f2"}
