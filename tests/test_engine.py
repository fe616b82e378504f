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


def test_the_model_runs_on_one_blas_thread() -> None:
    """The model's matrix products run on one BLAS thread, whatever the process's default (OpenBLAS: one
    per core, spinning while they wait; slower beside any other busy process, nlp.py), and the process's
    own setting is back after the batch."""
    from threadpoolctl import threadpool_info, threadpool_limits

    from newsfuse.analyze.nlp import load_model

    def blas_threads() -> int:
        return max(i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas")

    model = load_model()
    seen: list[int] = []

    class Probe:
        def pipe(self, docs: list[object], batch_size: int) -> list[object]:
            seen.append(blas_threads())
            return docs

    model.components.append(Probe())  # type: ignore[attr-defined]
    try:
        with threadpool_limits(2, user_api="blas"):
            list(model.pipe(TEXTS))
            assert blas_threads() == 2
    finally:
        model.components.pop()  # type: ignore[attr-defined]
    assert seen == [1]


def test_the_model_multiplies_with_numpy_blas() -> None:
    """Every layer of the language model runs on numpy's BLAS, not thinc's BLIS (its generic kernel on
    CPUs it does not recognise is several times slower, nlp.py)."""
    from newsfuse.analyze.nlp import load_model

    nlp = load_model().nlp  # type: ignore[attr-defined]
    layers = [node for _, pipe in nlp.pipeline if getattr(pipe, "model", None) for node in pipe.model.walk()]
    assert layers
    assert all(getattr(node.ops, "use_blis", True) is False for node in layers)
