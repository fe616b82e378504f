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


def test_near_copies_only_within_the_window_exact_copies_always(tmp_path) -> None:
    """A templated report of a later event (the same wording weeks later) is new news; a copy of the text
    itself is a copy whenever it comes. Checked in memory and against the store's index."""
    from newsfuse.dedup import MemoryDedupIndex, deduplicate_batch
    from newsfuse.store import open_store

    week_later = BASE.replace("late into the evening", "until midnight")
    first = make_article(BASE, id="first", published="2025-03-01")
    near_soon = make_article(week_later, id="soon", published="2025-03-06")
    near_late = make_article(week_later + " Talks resume.", id="late", published="2025-03-20")
    undated = make_article(week_later + " Talks resume today.", id="undated")
    exact_late = make_article(BASE, id="exact", published="2025-05-01")
    res = deduplicate([first, near_soon, near_late, undated, exact_late])
    assert res.copies.get("soon") == "first" and res.copies.get("exact") == "first"
    assert "late" not in res.copies, "19 days later: a new report, not a copy"
    assert res.copies.get("undated") in {"first", "soon", "late"}
    with open_store(f"sqlite:///{tmp_path}/d.db") as store:
        store.add_articles([(first, None)], 0, 1)
        for b in deduplicate_batch([first], MemoryDedupIndex()).bands.values():
            store.add_bands("first", b)
        assert store.published(["first", "nope"]) == {"first": "2025-03-01"}
        got = deduplicate_batch([near_soon, near_late], store)
        assert got.copies == {"soon": "first"}
        assert deduplicate_batch([near_late], store, window_days=0).copies == {"late": "first"}


def test_bands_computed_where_the_article_was_cleaned_are_the_ones_used() -> None:
    """Issue 15: the workers that clean an article also compute its LSH bands (prepare.py), so the
    process that deduplicates only looks them up; they are the bands dedup would compute itself."""
    from newsfuse.dedup import MemoryDedupIndex, deduplicate_batch, signature_bands
    from newsfuse.prepare import prepare_chunk

    a = make_article(BASE, id="a", published="2025-03-02")
    near = make_article(
        BASE.replace("late into the evening", "until midnight"), id="c", published="2025-03-02"
    )
    ready = prepare_chunk([a, near])
    assert [r.bands for r in ready] == [tuple(signature_bands(r.cleaned.text)) for r in ready]
    given = {r.cleaned.id: r.bands for r in ready}
    cleaned = [r.cleaned for r in ready]
    assert deduplicate_batch(cleaned, MemoryDedupIndex(), bands=given).copies == {"c": "a"}
    # the given bands are what is looked up: bands that share nothing find no near copy
    apart = {"a": given["a"], "c": tuple(b + 1 for b in given["c"])}
    assert deduplicate_batch(cleaned, MemoryDedupIndex(), bands=apart).copies == {}
