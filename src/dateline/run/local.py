"""Running the pipeline over a stream of documents: batched, in this process or a pool, or on Dask."""
from __future__ import annotations

import multiprocessing as mp
from itertools import chain, islice
from typing import Iterable, Iterator

from ..settings import Settings
from .pipeline import Extractor, Item, Result, extract_batch


def batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def _init_worker(settings: Settings) -> None:
    Extractor.load(settings)


def run(items: Iterable[Item], settings: Settings = Settings(), dask: str | None = None) -> Iterator[Result]:
    """Records (as dicts) and failures, in input order, on `settings.workers` processes or a Dask cluster."""
    chunks = batches(items, settings.batch_size)
    if dask:
        from .dask import run as run_on_dask

        yield from run_on_dask(chunks, dask, settings)
        return
    head = list(islice(chunks, 2))
    if settings.workers <= 1 or len(head) < 2:  # a pool only pays for itself with more than one batch
        for batch in chain(head, chunks):
            yield from extract_batch(batch, settings)
        return
    ctx = mp.get_context("spawn" if mp.get_start_method(allow_none=True) == "spawn" else "fork")
    with ctx.Pool(settings.workers, initializer=_init_worker, initargs=(settings,)) as pool:
        for results in pool.imap(_extract, ((batch, settings) for batch in chain(head, chunks))):
            yield from results


def _extract(job: tuple[list[Item], Settings]) -> list[Result]:
    return extract_batch(*job)
