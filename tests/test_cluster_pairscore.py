"""Issue 16: the story similarity (cluster.pairscore), a learned score of how likely two articles report the
same story, shipped as coefficients in the package and shown by `newsfuse stories --explain`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import newsfuse
from newsfuse.cli import app
from newsfuse.cluster import MemoryStoryIndex, article_vectors, dot, pairscore
from newsfuse.ingest import make_article
from newsfuse.model import Analysis, Entity
from newsfuse.pipeline import run
from newsfuse.serve import create_app
from newsfuse.settings import Settings
from newsfuse.store import open_store

from .test_cluster import FIRE, PORT

# the same report as PORT[0], reworded at its end
PORT_COPY = (
    "Dock workers at the port of Harbourside walked out on Monday, leaving 1,200 containers stranded at the "
    "terminal as the union asked for higher pay for night shifts."
)
# unrelated to both stories, for document frequencies
OTHER = [
    "The city council approved a new budget for public libraries, adding weekend hours at three branches.",
    "A local bakery won the regional bread competition with a sourdough loaf proofed for two days.",
]


def _sides(texts: list[str], analyses: dict[str, Analysis] | None = None) -> list[pairscore.PairSide]:
    arts = [make_article(t, id=f"a{i}") for i, t in enumerate(texts)]
    index = MemoryStoryIndex()
    vecs = article_vectors(arts, analyses or {}, index)
    out = pairscore.sides(arts, analyses or {}, index)
    assert [s.vector for s in out] == vecs  # the clusterer's own vectors
    return out


def test_coefficients_load_from_the_package() -> None:
    assert pairscore.MODEL_PATH.is_relative_to(Path(newsfuse.__file__).parent)
    default, extra = pairscore.load(False), pairscore.load(True)
    assert "embedding" not in default.features and "sqrt_embedding" not in default.features
    assert "embedding" in extra.features
    names = set(pairscore.expand(pairscore.features(*_sides(PORT[:2]), 0.5)))
    assert set(default.features) <= names and set(extra.features) <= names
    assert len(default.coef) == len(default.features) == len(default.mean) == len(default.scale)


def test_same_story_scores_above_unrelated() -> None:
    copy, port0, port1, fire0, *_ = _sides([PORT_COPY, PORT[0], PORT[1], FIRE[0], *OTHER])
    same, related, unrelated = (pairscore.story_similarity(port0, x) for x in (copy, port1, fire0))
    assert 0.0 <= unrelated < related <= same <= 1.0
    assert same >= 0.8 and unrelated <= 0.2
    # the score is not the clusterer's cosine: a near copy that shares two thirds of its weight is near certain
    assert dot(port0.vector, copy.vector) < 0.9 < same
    # with an embedding cosine, the second coefficient set
    assert pairscore.story_similarity(port0, copy, 0.95) > pairscore.story_similarity(port0, fire0, 0.1)


def test_shared_people_by_canonical_name() -> None:
    """The parts by entity type come from the analyses: canonical names, lower-cased."""

    def people(i: int, *names: str) -> Analysis:
        ents = tuple(Entity(n, "PERSON", 0, 1, n) for n in names)
        return Analysis(f"a{i}", entities=ents)

    a, b = _sides(PORT[:2], {"a0": people(0, "Jane Roe", "John Doe"), "a1": people(1, "jane roe")})
    assert pairscore.features(a, b)["people"] == 0.5


def test_nearest_members_of_a_story() -> None:
    arts = [make_article(t, id=f"m{i}") for i, t in enumerate([*PORT, FIRE[0], *OTHER])]
    index = MemoryStoryIndex()
    article_vectors(arts, {}, index)
    near = pairscore.nearest_members(arts[:4], {}, index)
    assert set(near) == {"m0", "m1", "m2", "m3"}
    assert near["m0"][1] in {"m1", "m2"} and near["m3"][0] < min(near[f"m{i}"][0] for i in range(3))
    assert pairscore.nearest_members(arts[:4], {}, index, reach=1)["m0"][1] == "m1"  # only its neighbour
    assert pairscore.nearest_members(arts[:1], {}, index) == {}


def test_stories_explain_shows_story_similarity(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i, body in enumerate([*PORT, *FIRE]):
        day = f"2025-03-0{i + 1}"
        (folder / f"n{i}.txt").write_text(f"date {day}\nsource: Outlet {i}\ntitle: {body[:40]}\n\n{body}\n")
    s = Settings(db=f"sqlite:///{tmp_path}/s.db", out=str(tmp_path / "out"), workers=1, embeddings="off")
    with open_store(s.db) as store:
        run([str(folder)], s, store)
    res = CliRunner(env={"NEWSFUSE_EMBEDDINGS": "off"}).invoke(
        app, ["stories", "--db", s.db, "--explain", "--json"]
    )
    assert res.exit_code == 0, res.output
    rows = [x for story in json.loads(res.stdout) for x in story["explain"]]
    assert len(rows) == 5
    in_story = {x["article_id"]: x["story_id"] for x in rows}
    for x in rows:
        sim, near = x["story_similarity"], x["nearest_member"]
        if sum(v == x["story_id"] for v in in_story.values()) == 1:
            assert sim is None and near is None
        else:
            assert 0.0 <= sim <= 1.0 and in_story[near] == x["story_id"] and near != x["article_id"]
    res = CliRunner(env={"NEWSFUSE_EMBEDDINGS": "off"}).invoke(app, ["stories", "--db", s.db, "--explain"])
    assert "story similarity" in res.stdout
    # the API's story grouping and the story page carry the same scores
    joined = next(x for x in rows if x["story_similarity"] is not None)
    monkeypatch.setenv("NEWSFUSE_EMBEDDINGS", "off")
    with open_store(s.db) as store:
        client = TestClient(create_app(store, s))
        story = client.get(f"/api/v1/stories/{joined['story_id']}").json()
        page = client.get(f"/stories/{joined['story_id']}").text
    got = {g["article_id"]: (g["story_similarity"], g["nearest_member"]) for g in story["grouping"]}
    assert got[joined["article_id"]] == (joined["story_similarity"], joined["nearest_member"])
    assert f"story similarity {joined['story_similarity']:.2f}" in page
