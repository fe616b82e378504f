"""Issue 19: fuzzing. A bounded sample of the nasty files (tests/fuzzcases.py) goes through ingest, clean,
analyze and the whole pipeline (cluster, reconcile, brief, store, export), and Hypothesis feeds generated
texts (numbers, quote marks, control characters, any Unicode) through clean, analyze and brief. Each input
gives a result or a coded error naming its file: never another exception or a half-processed store. The
nightly-size run is `python -m tests.fuzz_nightly --count 10000`."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfuse import clean
from newsfuse.engine import analyze_chunk
from newsfuse.errors import NewsfuseError
from newsfuse.ingest import make_article
from newsfuse.model import Analysis
from newsfuse.pipeline import fuse

from .fuzz_nightly import fuzz
from .fuzzcases import NUMBERS, QUOTES

COUNT = int(os.environ.get("NEWSFUSE_FUZZ_COUNT", "300"))  # CI's sample; nightly: 10,000
EXAMPLES = int(os.environ.get("NEWSFUSE_FUZZ_EXAMPLES", "150"))


def test_issue_19_fuzz_files_through_every_stage(tmp_path: Path) -> None:
    tally, stored, _ = fuzz(COUNT, seed=19, work=tmp_path)
    assert tally.crashes == [], "\n".join(tally.crashes[:5])
    assert min(tally.files.values()) >= COUNT // 6 - 1 and len(tally.files) == 6
    assert tally.articles > COUNT // 4 and tally.coded_errors > COUNT // 2  # both paths were exercised
    assert stored["stories"] > 0 and stored.get("status stored", 0) == 0


def test_issue_19_fuzz_files_on_postgres(tmp_path: Path) -> None:
    """The same through a PostgreSQL store (which, unlike SQLite, refuses NUL characters in text)."""
    from .test_store import pg_schema as _schema
    from .test_store import pg_schema_url

    with _schema(pg_schema_url()) as db:
        tally, stored, _ = fuzz(COUNT // 3, seed=7, work=tmp_path, db=db)
    assert tally.crashes == [], "\n".join(tally.crashes[:5])
    assert stored["stories"] > 0 and stored.get("status stored", 0) == 0


_piece = st.one_of(
    st.sampled_from(NUMBERS + QUOTES + ["\n\n", "\u0000", "\u200b", "\ufeff", "Mr.", "said", "$", "%"]),
    st.text(min_size=1, max_size=30),
    st.sampled_from(["The port", "Ana Ruiz", "on Monday", "in 2024", "rose 5%", "to $4.8bn", "(AP)"]),
)
nasty_text = st.lists(_piece, min_size=1, max_size=40).map(" ".join)


@given(st.lists(nasty_text, min_size=1, max_size=4))
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_issue_19_fuzz_texts_through_clean_and_analyze(texts: list[str]) -> None:
    articles = []
    for t in texts:
        try:
            articles.append(clean.STAGE.run(make_article(t, published="2025-01-02")))
        except NewsfuseError as e:  # an empty text is a coded error
            assert e.code == "NF103"
    for a, out in zip(articles, analyze_chunk(articles), strict=True):
        assert isinstance(out, Analysis | NewsfuseError)
        if isinstance(out, Analysis):
            for kind in ("sentences", "entities", "dates", "figures", "quotes"):
                for x in getattr(out, kind):
                    assert 0 <= x.start <= x.end <= len(a.text)


@given(st.lists(nasty_text, min_size=2, max_size=4))
@settings(max_examples=max(10, EXAMPLES // 5), deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_issue_19_fuzz_texts_through_cluster_reconcile_and_brief(texts: list[str]) -> None:
    articles = []
    for i, t in enumerate(texts):
        with contextlib.suppress(NewsfuseError):  # an empty text
            articles.append(make_article(t, id=f"a{i}", source=f"<b>Outlet {i}</b>", published="2025-01-02"))
    _, _, stories, _, briefs = fuse(articles, one_story=True, briefs=True)
    for s in stories:  # a brief, or (marked on the story) none: never an exception
        assert s.id in briefs
