"""The optional sentence-embedding signal (newsfuse/cluster/embed.py, the `embeddings` extra, which
`make venv` and CI install): stable vectors, the clusterer unchanged when it is off, and the combined
similarity carried through the clusterer's stored state when it is on."""

from __future__ import annotations

import numpy as np
import pytest

from newsfuse.cluster import MemoryStoryIndex, StoryClusterer, StoryState, clusterer_for, embed, embedder_for
from newsfuse.errors import BadOption
from newsfuse.ingest import make_article
from newsfuse.settings import Settings
from newsfuse.store import open_store
from tests.test_cluster import FIRE, PORT

MORE = [
    "Harbourside port reopened on Thursday after the dock workers accepted a new pay deal for night shifts.",
    "Evacuated Redwood valley residents returned home as firefighters contained the wildfire.",
    "The central bank raised interest rates by a quarter point, citing stubborn inflation in services.",
]


def _arts():
    texts = PORT + FIRE + MORE
    return [make_article(t, id=f"a{i}", published=f"2025-03-0{1 + i // 2}") for i, t in enumerate(texts)]


def _run(clusterer: StoryClusterer, batches: list[list], index) -> tuple[dict[str, str], list]:
    got = []
    for b in batches:
        out, _ = clusterer.assign(b, {}, index)
        got += out
    return {a.article_id: a.story_id for a in got}, got


def test_extra_is_installed_and_vectors_are_stable() -> None:
    """The same text gives the same unit vector, alone or batched with longer texts (padding must not
    leak into the mean), and a paraphrase is nearer than another subject."""
    assert embed.available(), "the embeddings extra is not installed: run `make venv`"
    e = embed.load_embedder()
    assert e is not None and e.dim == 384 and embed.load_embedder() is e  # loaded once per process
    texts = [
        "The cat sat on the mat.",
        "A feline rested on a rug.",
        "Stocks fell sharply on Wall Street " * 20,
    ]
    many = e.embed(texts)
    alone = e.embed(texts[:1])
    assert many.shape == (3, 384) and many.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(many, axis=1), 1.0, atol=1e-5)
    np.testing.assert_allclose(alone[0], many[0], atol=1e-5)
    np.testing.assert_array_equal(e.embed(texts[:1]), alone)
    sims = many @ many.T
    assert sims[0, 1] > 0.4 > sims[0, 2] and sims[0, 1] > sims[1, 2]
    assert e.embed([]).shape == (0, 384)
    # float16 as the clusterer state keeps it
    np.testing.assert_allclose(embed.unpack(embed.pack(many[0])), many[0], atol=1e-3)


def test_embedding_text_is_title_and_first_words() -> None:
    a = make_article("one two three four five", id="x", title="Head line")
    assert embed.embedding_text(a, words=3) == "Head line\none two three"
    assert embed.embedding_text(make_article("one two", id="y"), words=3).endswith("one two")


def test_off_is_todays_clusterer() -> None:
    """Default settings (auto, weight 0), NEWSFUSE_EMBEDDINGS=off, and an embedder with weight 0 all give
    exactly the clusterer without embeddings: same assignments, scores and stored state."""
    arts = _arts()
    assert embedder_for(Settings()) is None
    assert embedder_for(Settings(embeddings="off", cluster_embed_weight=0.5)) is None
    plain = StoryClusterer(0.15, 7.0, 0.15, 0.65, max_span_days=10.0)
    ref_index = MemoryStoryIndex()
    ref = _run(plain, [arts[:4], arts[4:]], ref_index)[1]
    for c in (
        clusterer_for(Settings()),
        clusterer_for(Settings(embeddings="off", cluster_embed_weight=0.5)),
        StoryClusterer(0.15, 7.0, 0.15, 0.65, max_span_days=10.0, embedder=embed.load_embedder()),
    ):
        index = MemoryStoryIndex()
        assert _run(c, [arts[:4], arts[4:]], index)[1] == ref
        assert {k: s.to_json() for k, s in index.states.items()} == {
            k: s.to_json() for k, s in ref_index.states.items()
        }
        assert all('"e"' not in s.to_json() and "~e" not in s.members_json() for s in index.states.values())


def test_on_without_the_extra_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embed, "_files", lambda: None)
    embed.load_embedder.cache_clear()
    try:
        assert embedder_for(Settings(cluster_embed_weight=0.5)) is None  # auto: TF-IDF alone
        with pytest.raises(BadOption):
            embedder_for(Settings(embeddings="on", cluster_embed_weight=0.5))
    finally:
        embed.load_embedder.cache_clear()


def test_embeddings_on_through_the_store(tmp_path) -> None:
    """With a weight, the combined similarity groups the stories, and the stories' embeddings (sum and
    members) survive the store: two batches through the SQLite store give what one memory index gives."""
    settings = Settings(cluster_embed_weight=0.25, cluster_embed_offset=0.3, embeddings="on")
    c = clusterer_for(settings)
    assert c.embedder is not None
    arts = _arts()
    mem, _ = _run(c, [arts[:4], arts[4:]], MemoryStoryIndex())
    with open_store(f"sqlite:///{tmp_path}/n.db") as store:
        stored, got = _run(c, [arts[:4]], store)
        later, got2 = _run(clusterer_for(settings), [arts[4:]], store)
        states = store.load_stories({*stored.values(), *later.values()})
        sid = later["a5"]
        st = states[sid]
        assert st.embedding is not None and st.embedded == st.size
        st.set_members(store.load_members(sid))
        assert len(st.member_embeddings) == st.size and all(e is not None for e in st.member_embeddings)
    assert {**stored, **later} == mem
    assert mem["a0"] == mem["a1"] == mem["a2"] == mem["a5"]  # the port strike, and its end
    assert mem["a3"] == mem["a4"] != mem["a0"]
    assert mem["a7"] not in {mem["a0"], mem["a3"]}  # the central bank is a story of its own
    # the pair similarity is TF-IDF cosine plus weight x (embedding cosine - offset)
    x, y = {"port": 1.0}, {"port": 0.6, "strike": 0.8}
    e = np.eye(384, dtype=np.float32)
    assert c.similarity(x, e[0], y, e[0]) == pytest.approx(0.6 + 0.25 * 0.7)
    assert c.similarity(x, e[0], y, None) == pytest.approx(0.6)


def test_state_json_round_trip_with_embeddings() -> None:
    st = StoryState("s1", title="t")
    from newsfuse.cluster.state import MEMBERS, add_member

    vecs = np.eye(384, dtype=np.float32)
    for i in range(MEMBERS + 3):
        add_member(st, {f"w{i}": 1.0}, "2025-03-01", vecs[i] if i % 2 else None)
    assert st.embedded == (MEMBERS + 3) // 2 and len(st.member_embeddings) == len(st.members or []) == MEMBERS
    back = StoryState.from_json("s1", st.to_json(), st.members_json())
    assert back.embedded == st.embedded and back.embedding is not None
    np.testing.assert_allclose(back.embedding, st.embedding)
    assert back.members == st.members
    assert [m is None for m in back.member_embeddings] == [m is None for m in st.member_embeddings]
