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


def _worker_settings() -> tuple[str, str, bool]:
    import os

    import dask

    return (
        str(dask.config.get("distributed.admin.tick.interval")),
        str(dask.config.get("distributed.worker.memory.monitor-interval")),
        "MALLOC_TRIM_THRESHOLD_" in os.environ,
        bool(dask.config.get("distributed.worker.profile.enabled")),
    )


def test_local_dask_cluster_runs_with_batch_settings() -> None:
    """The LocalCluster's worker processes start with the quiet monitoring and without the nanny's
    malloc trimming and without the stack-sampling profiler (dask_start.QUIET_DASK); Dask's own defaults (20 ms
    ticks, 100 ms memory checks, trim, profiler on) would fail this."""
    from newsfuse.engine import DaskEngine

    eng = DaskEngine(None, workers=1)
    try:
        got = eng._client.run(_worker_settings)
    finally:
        eng.close()
    assert list(got.values()) == [("1s", "1s", False, False)]


def test_dask_engine_sends_large_batches_without_a_warning() -> None:
    """Raw pages are megabytes a batch: over Dask's 10 MB "large graph" threshold, whose warning (an error
    under this test suite's settings) is not for a user's terminal."""
    from newsfuse.engine import DaskEngine
    from newsfuse.ingest import make_article

    big = "Word and more words in a sentence. " * 400_000  # 14 MB of text, refused by the analyzer
    eng = DaskEngine(None, workers=1)
    try:
        out = eng.submit([make_article(big, id="big")]).result()
    finally:
        eng.close()
    assert len(out) == 1 and getattr(out[0], "code", None)


def test_an_unreachable_scheduler_is_a_coded_error() -> None:
    """`--scheduler` naming no scheduler: NF202 with what to do, not NF000's "this is a bug" (before)."""
    import dask
    import pytest

    from newsfuse.engine import DaskEngine
    from newsfuse.errors import EngineUnavailable

    with (
        dask.config.set({"distributed.comm.timeouts.connect": "2s"}),
        pytest.raises(EngineUnavailable) as got,
    ):
        DaskEngine("tcp://127.0.0.1:9", workers=1)
    err = got.value.to_dict()["error"]
    assert err["code"] == "NF202" and "127.0.0.1:9" in err["message"] and "dask scheduler" in err["hint"]


def _blas_threads(items: object) -> list[int]:
    from threadpoolctl import threadpool_info

    n = max(i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas")
    return [n] * len(items)  # type: ignore[arg-type]


def test_pool_workers_keep_blas_to_one_thread() -> None:
    """Each worker of the local pool runs the model's matrix products on one BLAS thread: workers with a
    BLAS thread per core each (numpy's default) were no faster than BLIS (nlp.py)."""
    from newsfuse.engine import LocalEngine

    arts = [make_article(t) for t in TEXTS]
    eng = LocalEngine(workers=2, in_process_below=0, task=_blas_threads)
    try:
        assert eng.submit(arts).result() == [1, 1, 1]
    finally:
        eng.close()


def test_the_model_multiplies_with_numpy_blas() -> None:
    """Every layer of the language model runs on numpy's BLAS, not thinc's BLIS (its generic kernel on
    CPUs it does not recognise is several times slower, nlp.py)."""
    from newsfuse.analyze.nlp import load_model

    nlp = load_model().nlp  # type: ignore[attr-defined]
    layers = [node for _, pipe in nlp.pipeline if getattr(pipe, "model", None) for node in pipe.model.walk()]
    assert layers
    assert all(getattr(node.ops, "use_blis", True) is False for node in layers)
