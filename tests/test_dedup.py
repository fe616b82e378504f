from __future__ import annotations

from newsfuse.dedup import deduplicate
from newsfuse.ingest import make_article

BASE = (
    "The port authority said on Tuesday that 1,200 containers were stuck at the terminal after workers walked out. "
    "Union leaders demanded a 9 per cent pay rise and safer night shifts. Shipping lines rerouted vessels to two "
    "nearby harbours while talks continued late into the evening. The mayor urged both sides to settle quickly, "
    "saying local businesses were losing money every day the cranes stood idle."
)


def test_exact_and_near_duplicates_fold_into_the_earliest() -> None:
    a = make_article(BASE, id="a", source="Wire", published="2025-03-02")
    b = make_article(BASE, id="b", source="Metro", published="2025-03-03")
    c = make_article(
        BASE.replace("late into the evening", "until midnight"), id="c", source="Post", published="2025-03-01"
    )
    other = make_article("A completely different story about a football match and its 3-1 result.", id="d")
    res = deduplicate([a, b, c, other])
    ids = [x.id for x in res.canonical]
    assert ids == ["c", "d"]
    head = res.canonical[0]
    assert set(head.duplicates) == {"a", "b"} and set(head.duplicate_sources) == {"Wire", "Metro"}
    assert res.copies == {"a": "c", "b": "c"}
    assert 0.7 <= res.similarity["a"] <= 1.0


def test_keep_prefers_stored_canonical() -> None:
    a = make_article(BASE, id="stored", published="2025-03-05")
    b = make_article(BASE + " Extra.", id="new", published="2025-03-01")
    res = deduplicate([a, b], keep=frozenset({"stored"}))
    assert [x.id for x in res.canonical] == ["stored"] and res.copies == {"new": "stored"}


def test_different_articles_stay_apart() -> None:
    a = make_article(BASE, id="a")
    b = make_article(
        "Rain flooded the valley and 300 residents were evacuated by boat overnight, police said.", id="b"
    )
    assert len(deduplicate([a, b]).canonical) == 2
