"""Issue 19: the server under a bounded local load (127.0.0.1 only, a fixed number of requests) of
concurrent reads on every read route while `newsfuse run` ingests into the same store: no 5xx, no
failed request, and every article sent is stored. `python -m tests.load_local` runs a bigger one."""

from __future__ import annotations

from pathlib import Path

from .load_local import load


def test_issue_19_reads_under_load_while_ingesting(tmp_path: Path) -> None:
    r = load(tmp_path, requests=400, concurrency=8, ingest=24)
    assert r["requests"] == 400, r
    assert r["statuses"] == {"200": 400}, r  # no 5xx, no 4xx, no dropped connection
    assert r["ingest_rc"] == 0 and r["sent"] == r["stored_new"] == r["ingest_new"] == 24, r
    assert r["pending"] == 0 and r["p99_ms"] > 0 and r["reads_during_ingest"]
    print(r)
