"""Issue 19: security. Hostile ids, titles, outlet names and texts go through run, search, export and the
server: SQL stays data, no file is written outside the output directory, every page escapes them; URLs
are fetched only over http(s) to public addresses, redirects included; passwords are never shown."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from newsfuse.errors import NetworkRefused, RateLimited, StoreError
from newsfuse.ingest.fetch import _CheckedRedirects, check_url
from newsfuse.pipeline import run
from newsfuse.serve import create_app
from newsfuse.settings import Settings
from newsfuse.store import open_store

from .conftest import ROOT

SCRIPT = "<script>alert('x')</script>"
IMG = '<img src=x onerror="alert(1)">'
HOSTILE = [
    ("../../../../tmp/evil", f"Port strike {SCRIPT}", f"Harbour {IMG} Times", "'; DROP TABLE articles;--"),
    ("a'); DELETE FROM stories;--", "Robert'); DROP TABLE stories;--", f"{SCRIPT}", '" OR 1=1 --'),
    ("..\\..\\evil2", f"Strike {IMG}", "Coastal \"Wire\" ' OR ''='", "%_\\ LIKE"),
]
BODY = (
    "Dock workers at Harbourside port walked out on Monday, leaving 1,200 containers stranded. {x} The union "
    "wants a 9 per cent raise, its leader said. Officials said talks would resume on Friday."
)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, Path]:
    tmp = tmp_path_factory.mktemp("hostile")
    rows = [
        {
            "id": i,
            "title": t,
            "source": s,
            "published": f"2025-03-0{n + 3}",
            "text": BODY.format(x=f"{x} {SCRIPT}"),
        }
        for n, (i, t, s, x) in enumerate(HOSTILE)
    ]
    (tmp / "in.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    s = Settings(db=f"sqlite:///{tmp}/s.db", out=str(tmp / "out"), workers=1)
    with open_store(s.db) as store:
        summary = run([str(tmp / "in.jsonl")], s, store)
    assert summary.analysed == 3 and not summary.errors
    return s, tmp


def test_issue_19_hostile_text_is_data_in_sql(hostile: tuple[Settings, Path]) -> None:
    s, _ = hostile
    with open_store(s.db) as store:
        arts = store.articles()
        assert sorted(a.id for a in arts) == sorted(h[0] for h in HOSTILE)
        assert {a.title for a in arts} == {h[1] for h in HOSTILE} and store.stories()
        for query in ["'; DROP TABLE articles;--", '" OR 1=1 --', "%_\\ LIKE", "strike) OR (1=1", SCRIPT]:
            store.search(query)  # no error, no effect
        assert len(store.articles()) == 3
        assert {h.id for h in store.search("DROP TABLE articles")} == {HOSTILE[0][0]}
        assert store.get_article(HOSTILE[1][0]).source == SCRIPT


def test_issue_19_export_writes_only_under_its_directory_and_escapes(hostile: tuple[Settings, Path]) -> None:
    s, tmp = hostile
    out = Path(s.out)
    written = [p for p in tmp.rglob("*") if p.is_file() and p.suffix in (".html", ".md")]
    assert written and all(out in p.parents for p in written)
    assert not list(Path("/tmp").glob("evil*")) and not (tmp.parent / "evil").exists()
    for p in written:
        assert re.fullmatch(r"[A-Za-z0-9_-]+\.(html|md)", p.name), p.name
        if p.suffix == ".html":
            page = p.read_text()
            assert "<script>alert" not in page and "<img src=x" not in page, p
    pages = " ".join(p.read_text() for p in written if p.suffix == ".html")
    assert "&lt;script&gt;alert(" in pages  # shown, escaped


def test_issue_19_server_escapes_every_page(hostile: tuple[Settings, Path]) -> None:
    s, _ = hostile
    with open_store(s.db) as store:
        client = TestClient(create_app(store))
        stories = store.stories()
        ids = [quote(a, safe="") for x in stories for a in x.articles]
        names = [quote(n, safe="") for n in (SCRIPT, "Harbourside", HOSTILE[0][2])]
        urls = ["/", "/?q=%3Cscript%3E", "/entities", "/outlets", *[f"/stories/{x.id}" for x in stories]]
        urls += [f"/articles/{a}" for a in ids] + [f"/entities/{n}" for n in names]
        urls += [f"/outlets/{n}" for n in names]
        api = ["/api/v1/stories", *[f"/api/v1/stories/{x.id}" for x in stories]]
        api += [f"/api/v1/articles/{a}" for a in ids] + ["/api/v1/entities", "/api/v1/outlets"]
        for url in urls:
            r = client.get(url)
            assert r.status_code in (200, 404), url
            assert r.headers["x-content-type-options"] == "nosniff", url
            if r.headers["content-type"] == "application/json":  # an error object: data, never a page
                assert r.status_code == 404 and r.json()["error"]["code"] == "NF404", url
                continue
            assert r.headers["content-type"].startswith("text/html"), url
            assert "<script>alert" not in r.text and "<img src=x" not in r.text, url
        assert ids and all(client.get(f"/articles/{a}").status_code == 200 for a in ids)  # ids with "/" too
        for url in api:  # data, served as JSON (never as a page)
            r = client.get(url)
            assert r.status_code == 200 and r.headers["content-type"] == "application/json", url
        r = client.get("/api/v1/search", params={"q": "'; DROP TABLE articles;--"})
        assert r.status_code == 200
        assert client.get("/stories/..%2F..%2Fetc%2Fpasswd").status_code == 404


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "ftp://example.com/feed", "http://127.0.0.1/feed", "http://localhost:8000/x",
     "http://10.0.0.1/feed", "http://169.254.169.254/latest/meta-data", "http://[::1]/feed", "gopher://x"],
)  # fmt: skip
def test_issue_19_only_public_http_urls_are_fetched(url: str) -> None:
    with pytest.raises(NetworkRefused):
        check_url(url)


@pytest.mark.parametrize(
    "target", ["http://127.0.0.1:8000/admin", "file:///etc/passwd", "http://192.168.1.1/"]
)
def test_issue_19_redirects_are_checked_too(target: str) -> None:
    import urllib.request

    handler = _CheckedRedirects(allow_private=False)
    req = urllib.request.Request("http://93.184.215.14/feed")
    with pytest.raises(NetworkRefused):
        handler.redirect_request(req, None, 302, "Found", {}, target)  # type: ignore[arg-type]


def test_issue_19_passwords_are_never_shown_or_stored(tmp_path: Path) -> None:
    from .test_store import pg_schema as _schema
    from .test_store import pg_schema_url

    with _schema(pg_schema_url()) as fresh:
        _check_secrets(fresh.replace("postgresql://postgres@", "postgresql://postgres:s3cr3t-pw@"), tmp_path)


def _check_secrets(url: str, tmp_path: Path) -> None:
    assert "s3cr3t-pw" in url
    (tmp_path / "a.txt").write_text("date 2025-03-04\n\nDock workers walked out on Monday at Harbourside.")
    p = subprocess.run(
        [sys.executable, "-m", "newsfuse", "run", str(tmp_path / "a.txt"), "--db", url, "--out",
         str(tmp_path / "o"), "--workers", "1"],
        capture_output=True, text=True, timeout=300, cwd=ROOT,
    )  # fmt: skip
    assert p.returncode == 0, p.stderr
    assert "s3cr3t-pw" not in p.stdout + p.stderr and "***" in p.stdout
    with open_store(url) as store:
        assert store.list_runs() and all("s3cr3t-pw" not in json.dumps(r.settings) for r in store.list_runs())
    bad = "postgresql://postgres:s3cr3t-pw@127.0.0.1:1/none"
    with pytest.raises(StoreError) as info:
        open_store(bad)
    assert "s3cr3t-pw" not in info.value.message and "***" in info.value.message


def test_issue_19_writes_are_rate_limited(tmp_path: Path) -> None:
    from pydantic import SecretStr

    from newsfuse.serve import WriteRate

    now = [0.0]
    rate = WriteRate(per_minute=60, burst=3, clock=lambda: now[0])
    for _ in range(3):
        rate.check("1.2.3.4")
    with pytest.raises(RateLimited):
        rate.check("1.2.3.4")
    rate.check("5.6.7.8")  # another client has its own budget
    now[0] += 1.0  # one write a second comes back
    rate.check("1.2.3.4")
    s = Settings(db=f"sqlite:///{tmp_path}/w.db", out=str(tmp_path / "o"), api_token=SecretStr("t"))
    with open_store(s.db) as store:
        client = TestClient(create_app(store, s))
        auth = {"Authorization": "Bearer t", "Content-Type": "application/json"}
        codes = [client.post("/api/v1/articles", content=b"{}", headers=auth).status_code for _ in range(30)]
        assert codes[:20] == [422] * 20 and codes[-1] == 429  # refused as invalid, then as too many
        r = client.post("/api/v1/articles", content=b"{}", headers=auth)
        assert r.json()["error"]["code"] == "NF505"
        assert client.post("/api/v1/articles", content=b"{}").status_code == 401  # the token comes first
