"""Scale-out on a Dask cluster: the batches of pipeline.run, extracted by Dask workers.

Every worker needs dateline installed (the same version, with its spaCy pipeline); a user actor file
must exist at the same path on the workers. `address` is a scheduler ("tcp://host:8786") or "local"
for a LocalCluster of single-threaded worker processes on this machine.
"""
from __future__ import annotations

import os
from collections import deque
from contextlib import contextmanager
from typing import Iterable, Iterator

class ClusterError(RuntimeError):
    """The cluster cannot be used: Dask missing or the scheduler unreachable."""


SETTINGS = ("DATELINE_MODEL", "DATELINE_ACTORS")  # what a remote worker must know of this run


@contextmanager
def _client(address: str, workers: int):
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ClusterError("--dask needs Dask: pip install 'dateline[dask]'") from None
    if address == "local":
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                          dashboard_address=None) as local, Client(local) as client:
            yield client
        return
    try:
        client = Client(address, timeout="10s")
    except OSError as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {exc}; start one with "
                           "`dask scheduler` or use --dask local") from None
    with client:
        yield client


def _run_batch_with(batch: list, settings: dict[str, str]) -> list:
    from . import pipeline

    os.environ.update(settings)
    return pipeline._run_batch(batch)


def run(batches: Iterable[list], address: str, workers: int = 1) -> Iterator:
    """Results in input order; at most two batches per worker thread in flight, so memory stays flat."""
    settings = {k: os.environ[k] for k in SETTINGS if os.environ.get(k)}
    with _client(address, workers) as client:
        window = 2 * max(1, sum(client.nthreads().values()))
        pending: deque = deque()
        for batch in batches:
            pending.append(client.submit(_run_batch_with, batch, settings, pure=False))
            if len(pending) >= window:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
