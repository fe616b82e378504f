"""A Dask client, connected in the background while the caller goes on.

A LocalCluster takes ~3 s to start (a scheduler, then worker processes that start a fresh interpreter
each), about as long as `newsfuse run` takes to import the pipeline (spaCy, trafilatura, scikit-learn).
`DaskStart` begins the connection in a thread, so the two overlap: the CLI starts it before importing the
pipeline and the Dask engine takes the client when its first batch needs it (`client()`). This module
imports nothing heavy itself: Dask is imported in the thread.
"""

from __future__ import annotations

import os
import threading
from typing import Any

# Dask's defaults suit interactive clusters with a dashboard: every server measures its event loop 50 times a
# second, samples its process (psutil) twice a second and each nanny checks its worker's memory ten times a
# second. In a LocalCluster the scheduler and the nannies run in this process, beside the pipeline: on 1,000
# articles those checks cost this process more CPU than the pipeline's own store writes. A batch run needs
# them seldom. And the nanny's MALLOC_TRIM_THRESHOLD_ (glibc hands freed memory back to the system at once)
# made the analysis ~8% slower on the workers (spaCy allocates and frees per document). Each worker also samples
# its task thread's stack every 10 ms for the dashboard's profile: ~10% of a worker's time on spaCy's deep call
# stacks (`newsfuse run` on 400 stream articles, 2 workers, two runs each: 21.8 s without it, 24.2 s with it).
QUIET_DASK: dict[str, Any] = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "1s",
}

# Each worker process imports the engine (spaCy, trafilatura, scikit-learn: ~3 s) as it starts, while this
# process imports the pipeline, rather than when its first task arrives: `newsfuse run --engine dask` on six
# articles took 12.1 s without it, 9.5 s with it (median of six runs each, 2 workers; loading the language
# model there too was no faster: 10.3 s). On a real cluster: `dask worker --preload newsfuse.engine`.
PRELOAD = {"distributed.worker.preload": ["newsfuse.engine"]}


def dask_config() -> Any:
    """The Dask settings a LocalCluster is started with (README: the same for a real cluster): its servers
    and worker processes read them once, at start."""
    import dask

    env = {k: v for k, v in dask.config.get("distributed.nanny.pre-spawn-environ", {}).items()
           if k != "MALLOC_TRIM_THRESHOLD_"}  # fmt: skip
    return dask.config.set({**QUIET_DASK, **PRELOAD, "distributed.nanny.pre-spawn-environ": env})


class DaskStart:
    """A client of the cluster at `scheduler`, or of a LocalCluster of `workers` processes when there is no
    address, started in a background thread at construction. `client()` waits for it and returns it (or
    raises what stopped it); `close()` closes what it started."""

    def __init__(self, scheduler: str | None, workers: int = 2):
        self.scheduler = scheduler
        self.workers = max(1, workers)
        self._client: Any = None
        self._cluster: Any = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._start, name="newsfuse-dask-start", daemon=True)
        self._thread.start()

    def _start(self) -> None:
        try:
            from dask.distributed import Client, LocalCluster

            if self.scheduler:
                self._client = Client(self.scheduler)
            else:
                with dask_config():
                    self._cluster = LocalCluster(
                        n_workers=self.workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                        dashboard_address=None,
                    )  # fmt: skip
                self._client = Client(self._cluster)
            # each worker process logs as newsfuse does here (NEWSFUSE_LOG_LEVEL, libraries routed), not its
            # default of every warning on stderr; workers that join later get it too
            self._client.register_plugin(
                _quiet_logs(os.environ.get("NEWSFUSE_LOG_LEVEL")), name="newsfuse-logs"
            )
        except BaseException as e:  # noqa: BLE001 - raised in the caller's thread, by client()
            self._error = e

    def client(self) -> Any:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._client

    def close(self) -> None:
        """Close the client and the LocalCluster it started, once (later calls do nothing)."""
        self._thread.join()
        client, cluster, self._client, self._cluster = self._client, self._cluster, None, None
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()


def _quiet_logs(level: str | None) -> Any:
    """A Dask worker plugin: newsfuse's log configuration in each worker process."""
    from distributed import WorkerPlugin

    class QuietLogs(WorkerPlugin):
        def setup(self, worker: Any) -> None:
            from .logs import configure

            configure(level)

    return QuietLogs()
