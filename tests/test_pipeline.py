"""The run pipeline over a store: bad input never loses what is stored; incremental runs extend stories."""

from __future__ import annotations

import json
from pathlib import Path

from newsfuse.pipeline import run
from newsfuse.settings import Settings
from newsfuse.store import open_store

PORT = (
    "Dock workers at the port of Harbourside walked out on Monday, leaving 1,200 containers stranded at the "
    "terminal as the union demanded higher pay for night shifts, the port authority said."
)
PORT2 = (
    "The strike at Harbourside port entered its second day as 1,200 containers piled up and the dock workers "
    "union refused the port authority's pay offer for night shifts."
)


def _jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def test_bad_batch_keeps_what_is_stored(tmp_path: Path) -> None:
    settings = Settings(db=f"sqlite:///{tmp_path}/n.db", out=str(tmp_path / "out"))
    good = _jsonl(
        tmp_path / "good.jsonl", [{"id": "p1", "text": PORT, "published": "2025-03-03", "source": "A"}]
    )
    bad_dir = tmp_path / "bad"
    bad_dir.mkdir()
    (bad_dir / "empty.txt").write_text("")
    (bad_dir / "blob.txt").write_bytes(b"\x00\xff\x00binary")
    (bad_dir / "broken.jsonl").write_text("{nope\n")
    _jsonl(bad_dir / "more.jsonl", [{"id": "p2", "text": PORT2, "published": "2025-03-04", "source": "B"}])
    with open_store(settings.db) as store:
        first = run([str(good)], settings, store)
        assert first.new == 1
        second = run([str(bad_dir)], settings, store)
        assert second.new == 1 and len(second.errors) == 3
        assert {Path(str(e.path)).name for e in second.errors} == {"empty.txt", "blob.txt", "broken.jsonl"}
        assert {a.id for a in store.articles()} == {"p1", "p2"}
        [story] = store.stories()
        assert sorted(story.articles) == ["p1", "p2"]  # the new article joined the stored story
        assert len(store.list_runs()) == 2 and store.list_runs()[1].summary["errors"]


def test_missing_input_is_reported_not_fatal_for_others(tmp_path: Path) -> None:
    settings = Settings(db=f"sqlite:///{tmp_path}/n.db", out=str(tmp_path / "out"))
    good = _jsonl(tmp_path / "g.jsonl", [{"id": "p1", "text": PORT}])
    with open_store(settings.db) as store:
        summary = run([str(tmp_path / "nope.txt"), str(good)], settings, store)
        assert summary.new == 1 and summary.errors[0].code == "NF101"


def test_analyses_come_back_stored_and_counted_by_the_engine(tmp_path: Path, monkeypatch) -> None:
    """The clusterer's term counts and the analyses' stored form are computed where the analysis ran
    (engine.analyze_for_store), and the pipeline uses them: a marker added there reaches the store's term
    statistics. Fails if the pipeline recounted the terms itself."""
    from collections import Counter

    from newsfuse import engine
    from newsfuse.store import codec

    real = engine.term_counts
    monkeypatch.setattr(engine, "term_counts", lambda a, o: Counter({"enginemarker": 1}) + real(a, o))
    settings = Settings(db=f"sqlite:///{tmp_path}/n.db", out=str(tmp_path / "out"), workers=1)
    rows = [{"id": "p1", "text": PORT, "published": "2025-03-03", "source": "A"},
            {"id": "p2", "text": PORT2, "published": "2025-03-04", "source": "B"}]  # fmt: skip
    with open_store(settings.db) as store:
        run([str(_jsonl(tmp_path / "in.jsonl", rows))], settings, store)
        docs, df = store.doc_freqs(["enginemarker"])
        assert (docs, df) == (2, {"enginemarker": 2})
        stored = store.analyses_data(["p1"])["p1"]
        assert stored == codec.dumps(store.analyses(["p1"])["p1"])


def test_briefs_are_rendered_where_they_are_written(tmp_path: Path, monkeypatch) -> None:
    """A story's pages come back with its brief (rendered by the worker that wrote it) and are written as
    they are: the pipeline does not read the brief back from the store to render it again. Fails if
    every story went through Exporter.stories (the render-from-store path kept for failed briefs)."""
    from newsfuse.export import Exporter

    from_store: list[str] = []
    real = Exporter.stories

    def spy(self, store, ids, on_error=None):  # type: ignore[no-untyped-def]
        ids = list(ids)
        from_store.extend(ids)
        return real(self, store, ids, on_error)

    monkeypatch.setattr(Exporter, "stories", spy)
    out = tmp_path / "out"
    settings = Settings(db=f"sqlite:///{tmp_path}/n.db", out=str(out), workers=1)
    rows = [{"id": "p1", "text": PORT, "published": "2025-03-03", "source": "A"},
            {"id": "p2", "text": PORT2, "published": "2025-03-04", "source": "B"}]  # fmt: skip
    with open_store(settings.db) as store:
        summary = run([str(_jsonl(tmp_path / "in.jsonl", rows))], settings, store)
        (sid,) = summary.changed
        assert from_store == []
        assert "written by run" in (out / f"{sid}.md").read_text()
        assert len(list((out / "articles").glob("*.html"))) == 2
