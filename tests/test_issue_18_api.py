"""Issue 18: the server's API. One error shape for every error on every route; keyset pages and filters;
stories, articles, entities, outlets, runs; writes behind the bearer token; the body limit."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from newsfuse.brief import brief_to_dict
from newsfuse.pipeline import run
from newsfuse.serve import create_app
from newsfuse.settings import Settings
from newsfuse.store import open_store
from newsfuse.wire import BriefJSON

TOKEN = "t0ken-for-tests-only"
FLOOD = (
    "Floods in the Tarrin Valley killed 14 people on Sunday, officials said. Rescue teams led by Priya Raman "
    'pulled 312 people from the water. "We are still going door to door," Raman said.'
)
STRIKE = (
    "Dock workers at Westhaven port walked out on Monday, leaving 1,200 containers stranded. The union wants "
    "a 9 per cent raise. Harbour master Tom Reid said talks would resume on Friday."
)
ARTICLES = [
    {"id": "f1", "title": "Tarrin floods kill 14", "source": "Valley Courier", "published": "2025-06-01", "text": FLOOD},
    {"id": "f2", "title": "Floods: 14 dead in Tarrin Valley", "source": "Metro Daily", "published": "2025-06-02",
     "text": FLOOD.replace("killed 14", "killed 15").replace("312", "310") + " Roads stayed closed."},
    {"id": "s1", "title": "Westhaven dock strike", "source": "Harbour Times", "published": "2025-03-03", "text": STRIKE},
]  # fmt: skip
ERROR_KEYS = {"code", "message", "hint"}


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("api")
    (tmp / "in.jsonl").write_text("".join(json.dumps(a) + "\n" for a in ARTICLES))
    settings = Settings(db=f"sqlite:///{tmp}/s.db", out=str(tmp / "out"), workers=1, api_token=TOKEN,
                        api_max_body=200_000)  # fmt: skip
    with open_store(settings.db) as store:
        run([str(tmp / "in.jsonl")], settings, store)
        app = create_app(store, settings)
        yield TestClient(app, raise_server_exceptions=False), store, app


def all_routes(routes):
    for r in routes:
        inner = getattr(r, "original_router", None)  # an included router (FastAPI >= 0.160)
        yield from all_routes(inner.routes) if inner is not None else [r]


def assert_error(r, status: int, code: str | None = None) -> dict:
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"} and ERROR_KEYS <= set(body["error"]) <= ERROR_KEYS | {"path"}, body
    assert (
        re.fullmatch(r"NF\d{3}", body["error"]["code"]) and body["error"]["message"] and body["error"]["hint"]
    )
    if code:
        assert body["error"]["code"] == code, body
    return body["error"]


def walk_write_route(client, route: APIRoute, params: list[str]) -> int:
    """A write route: without the token (401), with a body of the wrong shape (422), and, when the route
    names something in its path, with a valid body naming nothing stored (404); a method it lacks (405)."""
    url = route.path_format.format(**{p: "no-such-thing" for p in params})
    assert_error(client.post(url, json={}), 401, "NF502")
    auth = {"authorization": f"Bearer {TOKEN}"}
    assert_error(client.post(url, json={"colour": "red"}, headers=auth), 422, "NF501")
    n = 2
    if params:
        assert route.body_field is not None, route.path  # a JSON body, described in the OpenAPI schema
        schema = route.body_field.field_info.annotation.model_json_schema()
        body = {k: ["no-such-other"] if schema["properties"][k].get("type") == "array" else "no-such-other"
                for k in schema["required"]}  # fmt: skip
        assert_error(client.post(url, json=body, headers=auth), 404, "NF404")
        n += 1
    assert_error(client.request("PATCH", url), 405, "NF503")
    return n


def test_issue_18_every_route_answers_bad_input_with_the_cli_error_object(served) -> None:
    client, _, app = served
    routes = [r for r in all_routes(app.routes) if isinstance(r, APIRoute)]
    assert len(routes) >= 15
    writes = {r.path for r in routes if "POST" in r.methods}
    assert {
        "/api/v1/articles",
        *(f"/api/v1/stories/{{story_id}}/{k}" for k in ("merge", "split", "move")),
    } <= writes
    walked = 0
    for route in routes:
        params = re.findall(r"{(\w+)(?::path)?}", route.path)
        for method in route.methods:
            if method == "POST":
                walked += walk_write_route(client, route, params)
                continue
            queries = [p.name for p in route.dependant.query_params] + [
                p.name for d in route.dependant.dependencies for p in d.query_params
            ]
            if params:  # an id nothing has
                url = route.path_format.format(**{p: "no-such-thing" for p in params})
                assert_error(
                    client.request(method, url, headers={"accept": "application/json"}), 404, "NF404"
                )
                walked += 1
            for q in queries:  # a value of the wrong kind for each query parameter
                url = route.path_format.format(**{p: "f1" for p in params})
                bad = {"cursor": "%%%not-a-cursor", "q": "x" * 600, "cite": "12-x"}.get(q, "not-a-number")
                if q in ("outlet", "entity", "name"):
                    bad = "y" * 300
                r = client.request(method, url, params={q: bad})
                if r.status_code == 404:  # the id is checked first on some routes
                    assert_error(r, 404)
                else:
                    assert_error(r, 422, "NF501")
                walked += 1
            other = "PATCH"  # a method no route has
            assert_error(
                client.request(other, route.path_format.format(**{p: "f1" for p in params})), 405, "NF503"
            )
    assert walked >= 30
    assert_error(client.get("/api/v1/no/such/route"), 404, "NF404")
    assert_error(client.get("/no-such-page"), 404, "NF404")
    assert (
        "no-such-page" in client.get("/no-such-page", headers={"accept": "text/html"}).text
    )  # a page for browsers


def test_issue_18_validation_error_names_the_parameter(served) -> None:
    client, _, _ = served
    err = assert_error(client.get("/api/v1/stories", params={"limit": "abc"}), 422, "NF501")
    assert "'limit'" in err["message"] and "abc" in err["message"]
    err = assert_error(
        client.get("/api/v1/stories", params={"since": "2025-09-01", "until": "2025-01-01"}), 422
    )
    assert "since" in err["message"]


def test_issue_18_unexpected_exception_is_nf000_with_status_500(served, monkeypatch) -> None:
    client, store, _ = served

    def boom(*a, **k):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(store, "browse_stories", boom)
    err = assert_error(client.get("/api/v1/stories"), 500, "NF000")
    assert "disk on fire" not in err["message"]  # internals stay in the log


def test_issue_18_keyset_pages_are_stable_and_filters_use_the_store(served) -> None:
    client, _, _ = served
    all_ids = [s["id"] for s in client.get("/api/v1/stories").json()["stories"]]
    assert len(all_ids) == 2
    first = client.get("/api/v1/stories", params={"limit": 1}).json()
    assert [s["id"] for s in first["stories"]] == all_ids[:1] and first["next"]
    second = client.get("/api/v1/stories", params={"limit": 1, "cursor": first["next"]}).json()
    assert [s["id"] for s in second["stories"]] == all_ids[1:] and second["next"] is None
    flood = all_ids[0]  # newest first: June before March

    def ids(**params):
        return [s["id"] for s in client.get("/api/v1/stories", params=params).json()["stories"]]

    assert ids(q="containers stranded") == [all_ids[1]]
    assert ids(q="door") == [flood]
    assert ids(outlet="Metro Daily") == [flood] and ids(outlet="Nobody") == []
    assert ids(entity="Priya Raman") == [flood]
    assert ids(since="2025-05-01") == [flood] and ids(until="2025-04-01") == [all_ids[1]]
    assert ids(since="2025-03-01", until="2025-03-05") == [all_ids[1]]
    assert ids(conflicts="true") == [flood] and ids(conflicts="false") == [all_ids[1]]


def test_issue_18_story_article_entity_outlet_run(served) -> None:
    client, store, _ = served
    sid = client.get("/api/v1/stories", params={"q": "door"}).json()["stories"][0]["id"]
    story = client.get(f"/api/v1/stories/{sid}").json()
    assert story["story"]["conflicts"] >= 1 and {a["id"] for a in story["articles"]} == {"f1", "f2"}
    assert [g["new_story"] for g in story["grouping"]] == [True, False] and story["grouping"][1]["source"]
    b = story["brief"]
    assert b["facts"] and b["quotes"] and b["timeline"] and b["coverage"]["outlets"]
    assert b == json.loads(json.dumps(brief_to_dict(store.brief(sid))))  # the CLI's `brief --json`, same JSON
    BriefJSON.model_validate(brief_to_dict(store.brief(sid)))

    art = client.get("/api/v1/articles/f1").json()
    assert art["article"]["text"].startswith("Floods") and [s["id"] for s in art["stories"]] == [sid]
    q = art["analysis"]["quotes"][0]
    assert art["article"]["original"][q["start"] : q["end"]] == q["text"]  # offsets into the text as given

    ents = client.get("/api/v1/entities", params={"q": "priya"}).json()
    assert ents[0]["name"] == "Priya Raman" and ents[0]["articles"] == 2
    ent = client.get("/api/v1/entities/Priya Raman").json()
    assert [s["id"] for s in ent["stories"]] == [sid]

    outlets = {o["outlet"]: o["stories"] for o in client.get("/api/v1/outlets").json()}
    assert outlets == {"Valley Courier": 1, "Metro Daily": 1, "Harbour Times": 1}
    rec = client.get("/api/v1/outlets/Metro Daily").json()
    assert rec["stories"] == rec["evidence_stories"] == 1 and rec["record"]["counts"]["figures"] >= 1
    assert len(rec["record"]["evidence"]["figures"]) == rec["record"]["counts"]["figures"]  # summed = listed
    assert_error(client.get("/api/v1/outlets/Nobody"), 404, "NF404")

    runs = client.get("/api/v1/runs").json()
    assert runs[0]["inputs"] and "api_token" not in runs[0]["settings"]  # the token is never recorded


def test_issue_18_writes_need_the_bearer_token(served) -> None:
    client, _, _ = served
    day_two = ("Westhaven port stayed shut for a second day on Tuesday as dock workers kept up their strike. "
               "About 1,200 containers remain stranded on the quays, the port authority said. Union leader Mia "
               "Cole said members would not return without a 9 per cent raise.")  # fmt: skip
    body = {
        "id": "p1",
        "text": day_two,
        "title": "Strike day two",
        "source": "Coastal Wire",
        "published": "2025-03-04",
    }
    assert_error(client.post("/api/v1/articles", json=body), 401, "NF502")
    assert_error(client.post("/api/v1/articles", json=body, headers={"authorization": "Bearer wrong"}), 401)
    assert_error(client.post("/api/v1/articles", json=body, headers={"authorization": TOKEN}), 401)
    auth = {"authorization": f"Bearer {TOKEN}"}
    assert_error(client.post("/api/v1/articles", json={"title": "no text"}, headers=auth), 422, "NF501")
    assert_error(client.post("/api/v1/articles", json={**body, "colour": "red"}, headers=auth), 422)
    assert_error(
        client.post("/api/v1/articles", content=b"text", headers={**auth, "content-type": "text/plain"}), 415
    )
    r = client.post("/api/v1/articles", json=body, headers=auth)
    assert r.status_code == 201, r.text
    out = r.json()
    assert out["read"] == 1 and out["new"] == 1 and len(out["stories"]) == 1
    posted = client.get("/api/v1/articles/p1").json()  # stored, analysed, in a story whose brief was rebuilt
    assert posted["analysis"]["entities"] and [s["id"] for s in posted["stories"]] == out["stories"]
    assert client.get(f"/api/v1/stories/{out['stories'][0]}").json()["brief"]["sources"]
    again = client.post("/api/v1/articles", json={"articles": [body]}, headers=auth).json()
    assert again["new"] == 0 and again["already_stored"] == 1


def test_issue_18_upload_a_file_through_the_pipeline(served, tmp_path: Path) -> None:
    client, _, _ = served
    auth = {"authorization": f"Bearer {TOKEN}"}
    text = "date 2025-06-03\nsource: Northern Post\ntitle: Tarrin toll rises\n\n" + FLOOD.replace(
        "Sunday", "Monday"
    )
    r = client.post("/api/v1/articles", files={"file": ("../../etc/x.txt", text.encode())}, headers=auth)
    assert r.status_code == 201, r.text
    assert r.json()["read"] == 1
    assert_error(
        client.post("/api/v1/articles", files={"file": ("x.exe", b"MZ")}, headers=auth), 415, "NF102"
    )
    assert_error(
        client.post("/api/v1/articles", files={"other": ("x.txt", b"hi")}, headers=auth), 422, "NF501"
    )


def test_issue_18_request_body_limit(served) -> None:
    client, _, _ = served
    auth = {"authorization": f"Bearer {TOKEN}"}
    big = {"text": "word " * 50_000}
    assert_error(client.post("/api/v1/articles", json=big, headers=auth), 413, "NF504")

    def chunks():
        for _ in range(30):
            yield b"x" * 10_000

    r = client.post(
        "/api/v1/articles", content=chunks(), headers={**auth, "content-type": "application/json"}
    )
    assert_error(r, 413, "NF504")


def test_issue_18_reads_can_require_the_token(tmp_path: Path) -> None:
    with open_store(f"sqlite:///{tmp_path}/c.db") as store:
        closed = TestClient(create_app(store, Settings(api_token=TOKEN, api_open_reads=False)))
        assert_error(closed.get("/api/v1/stories"), 401, "NF502")
        assert closed.get("/api/v1/stories", headers={"authorization": f"Bearer {TOKEN}"}).status_code == 200
        no_writes = TestClient(create_app(store, Settings()))
        err = assert_error(no_writes.post("/api/v1/articles", json={"text": "x"}), 401)
        assert "NEWSFUSE_API_TOKEN" in err["hint"]


def test_issue_18_pages_have_a_content_security_policy(served) -> None:
    client, _, _ = served
    r = client.get("/")
    csp = r.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "/docs" not in client.get("/openapi.json").text or client.get("/docs").status_code == 404


def test_issue_18_every_page_renders(served) -> None:
    client, _, _ = served
    sid = client.get("/api/v1/stories", params={"q": "door"}).json()["stories"][0]["id"]
    pages = {
        "/": "Stories", f"/stories/{sid}": "Why these articles are one story", "/articles/f1?cite=0-6": 'id="c-0-6"',
        "/entities?q=pri": "Priya Raman", "/entities/Priya Raman": "Stories naming", "/outlets": "Metro Daily",
        "/outlets/Metro Daily": "Track record over the 1 stories", "/?outlet=Metro Daily&conflicts=true": sid,
    }  # fmt: skip
    for url, expect in pages.items():
        r = client.get(url)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html"), url
        assert expect in r.text, url
    assert "svg" in client.get(f"/stories/{sid}").text  # the charts
