from __future__ import annotations

from newsfuse.engine import analyze_articles
from newsfuse.ingest import make_article

TEXTS = [
    "Exports rose 5 per cent to $4.88 billion on Thursday, the ministry said.",
    "\u201cWe will rebuild the bridge by spring,\u201d mayor Ana Ruiz said on Monday.",
    "The storm cut power to 200,000 homes across the coast.",
]


def test_dask_engine_matches_local() -> None:
    arts = [make_article(t, published="2025-08-21") for t in TEXTS]
    local = analyze_articles(arts)
    remote = analyze_articles(arts, engine="dask")
    assert remote == local
