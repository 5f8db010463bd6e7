"""Running the pipeline over a stream of documents: batched, in this process or a pool, or on Dask."""
from __future__ import annotations

import multiprocessing as mp
import signal
from collections.abc import Iterable, Iterator
from itertools import chain, islice

from ..settings import Settings
from .pipeline import Extractor, Item, Result, extract_batch

BATCH_CHARS = 200_000  # a batch is cut once its documents hold this much text: a long document travels alone


def batches(items: Iterable[Item], size: int, chars: int = BATCH_CHARS) -> Iterator[list[Item]]:
    """Batches of at most `size` items and about `chars` characters of text, so one long document does
    not hold a whole batch of short ones back on the same worker: a batch is cut before a document that
    would take it past `chars` as well as after one that does."""
    batch: list[Item] = []
    held = 0
    for item in items:
        length = len(getattr(item, "text", ""))
        if batch and held + length > chars:
            yield batch
            batch, held = [], 0
        batch.append(item)
        held += length
        if len(batch) >= size or held >= chars:
            yield batch
            batch, held = [], 0
    if batch:
        yield batch


def _init_worker(settings: Settings) -> None:
    # Ctrl-C goes to the whole process group: the parent stops the pool; workers must not each print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    Extractor.load(settings)


def run(items: Iterable[Item], settings: Settings = Settings(), dask: str | None = None) -> Iterator[Result]:
    """Records and failures, in input order, on `settings.workers` processes or a Dask cluster."""
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
