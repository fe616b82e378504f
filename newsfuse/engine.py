"""Where the analyze stage runs: in this process, or on a Dask cluster.

`--engine dask` sends batches of articles to the workers (each loads the model
once per process); with no `--scheduler` address a LocalCluster is started.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .analyze import Analyzer
from .errors import BadOption
from .model import Analysis, Article

DASK_BATCH = 16


def _analyze_batch(batch: list[Article]) -> list[Analysis]:
    return list(Analyzer().analyze(batch))


def analyze_articles(
    articles: Sequence[Article],
    *,
    engine: str = "local",
    scheduler: str | None = None,
    batch_size: int = 32,
    progress: Callable[[int], None] | None = None,
) -> list[Analysis]:
    if engine == "local":
        analyzer = Analyzer(batch_size=batch_size)
        out = []
        for a in analyzer.analyze(articles):
            out.append(a)
            if progress:
                progress(1)
        return out
    if engine != "dask":
        raise BadOption(f"unknown engine {engine!r}", hint="Use --engine local or --engine dask.")
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError as e:
        raise BadOption("the dask engine needs the 'dask' extra", hint="pip install 'newsfuse[dask]'") from e
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
        )
        client = Client(cluster)
    try:
        batches = [list(articles[i : i + DASK_BATCH]) for i in range(0, len(articles), DASK_BATCH)]
        futures = client.map(_analyze_batch, batches, pure=False)
        results: dict[str, Analysis] = {}
        for fut in as_completed(futures):
            for a in fut.result():
                results[a.article_id] = a
                if progress:
                    progress(1)
        return [results[a.id] for a in articles]
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
