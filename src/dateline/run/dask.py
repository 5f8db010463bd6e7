"""Scale-out on a Dask cluster: the batches of `run.local.run`, extracted by Dask workers.

Every worker needs dateline installed (the same version, with its spaCy pipeline); a user actor file
must exist at the same path on the workers. The run's Settings travel with each batch. `address` is a
scheduler ("tcp://host:8786") or "local" for a LocalCluster of single-threaded worker processes here.
"""
from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from ..errors import ClusterError
from ..settings import Settings
from .pipeline import Item, Result, extract_batch


@contextmanager
def _client(address: str, workers: int):
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ClusterError("--dask needs Dask: pip install 'dateline[dask]'") from None
    if address == "local":
        # its workers are processes of this process group: Ctrl-C reaches them too, and the warnings of
        # a cluster torn down mid-task say nothing the user asked for
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                          silence_logs=logging.ERROR) as local, Client(local) as client, _quiet_on_interrupt():
            yield client
        return
    try:
        client = Client(address, timeout="10s")
    except OSError as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {exc}; start one with "
                           "`dask scheduler` or use --dask local") from None
    with client, _quiet_on_interrupt():
        yield client


@contextmanager
def _quiet_on_interrupt():
    """Ctrl-C: Dask's own logs of the tasks it then cancels and the workers it stops are not printed."""
    try:
        yield
    except KeyboardInterrupt:
        logging.getLogger("distributed").setLevel(logging.CRITICAL + 1)
        raise


def run(batches: Iterable[list[Item]], address: str, settings: Settings) -> Iterator[Result]:
    """Results in input order; at most two batches per worker thread in flight, so memory stays flat."""
    with _client(address, settings.workers) as client:
        window = 2 * max(1, sum(client.nthreads().values()))
        pending: deque = deque()
        for batch in batches:
            pending.append(client.submit(extract_batch, batch, settings, pure=False))
            if len(pending) >= window:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
