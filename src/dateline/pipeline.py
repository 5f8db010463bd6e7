"""ingest → language → facets → events: the whole of `extract`, top to bottom.

A facet is one callable `extract(ctx) -> list` that reads the parsed Doc and the facets before it
(ctx.record) and returns its own list, stored under its name in the record.
"""
from __future__ import annotations

import datetime as dt
import multiprocessing as mp
from dataclasses import dataclass, field
from itertools import chain, islice
from typing import Any, Callable, Iterable, Iterator

from spacy.tokens import Doc

from . import arguments, entities, events, language, places, quantities, quotes, times
from .ingest import Document, Failure
from .record import Record


@dataclass
class Context:
    """What a facet sees: the parsed document, its metadata and the record filled so far."""

    doc: Doc
    record: Record
    published: dt.date | None
    cache: dict[str, Any] = field(default_factory=dict)  # per-document scratch shared between facets

    @property
    def text(self) -> str:
        return self.record.text


FACETS: list[tuple[str, Callable[[Context], list]]] = [
    ("entities", entities.extract),
    ("quantities", quantities.extract),
    ("times", times.extract),
    ("places", places.extract),
    ("quotes", quotes.extract),
    ("events", events.extract),  # what happened: type, modality, evidence
    ("events", arguments.extract),  # who, whom, where, when, how many died; merges duplicates
]


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def build(document: Document, doc: Doc) -> Record:
    record = Record(id=document.id, article=document.article, text=document.text)
    ctx = Context(doc=doc, record=record, published=_date(document.article.published))
    for name, facet in FACETS:
        setattr(record, name, facet(ctx))
    return record


def extract_one(document: Document, nlp=None) -> Record:
    nlp = nlp or language.load()
    return build(document, next(language.parse(nlp, [document.text])))


Item = Document | Failure
Result = dict | Failure


def _run_batch(items: list[Item]) -> list[Result]:
    nlp = language.load()
    good = [it for it in items if isinstance(it, Document)]
    docs = iter(language.parse(nlp, [d.text for d in good]))
    out: list[Result] = []
    for it in items:
        if isinstance(it, Failure):
            out.append(it)
            continue
        try:
            doc = next(docs)
            out.append(build(it, doc).to_dict())
        except Exception as exc:  # one document's failure must not stop the batch
            out.append(Failure(it.source, f"extraction failed: {type(exc).__name__}: {exc}"))
    return out


def _batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def _init_worker(model: str) -> None:
    language.load(model)


def run(items: Iterable[Item], workers: int = 1, batch_size: int = 16, dask: str | None = None) -> Iterator[Result]:
    """Records (as dicts) and failures, in input order, on `workers` processes or a Dask cluster."""
    batches = _batches(items, batch_size)
    if dask:
        from . import cluster

        yield from cluster.run(batches, dask, workers)
        return
    head = list(islice(batches, 2))
    if workers <= 1 or len(head) < 2:  # a pool only pays for itself with more than one batch
        for batch in chain(head, batches):
            yield from _run_batch(batch)
        return
    ctx = mp.get_context("spawn" if mp.get_start_method(allow_none=True) == "spawn" else "fork")
    with ctx.Pool(workers, initializer=_init_worker, initargs=(language.model_name(),)) as pool:
        for results in pool.imap(_run_batch, chain(head, batches)):
            yield from results
