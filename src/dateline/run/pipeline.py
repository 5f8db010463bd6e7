"""One document through the facets: parse once, then each facet in order, then the record.

The facets are declared components (`facets.base.Facet`): each names the outputs it requires, and the
order below is checked once, at import. A facet is handed a frozen `FacetInput` holding only what it
declared, so nothing a later facet does can change what an earlier one saw.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..facets import arguments, entities, events, places, quantities, quotes, times
from ..facets.base import Facet, check_order
from ..io.documents import Document, Failure
from ..lexicon import gazetteer
from ..lexicon.actors import ActorBook, load_actors
from ..nlp import language
from ..nlp.context import FacetInput
from ..record import Record
from ..settings import Settings

FACETS: tuple[Facet, ...] = (
    places.FACET,  # places
    entities.FACET,  # entities ← places
    quantities.FACET,  # quantities
    times.FACET,  # times
    quotes.FACET,  # quotes ← entities, times
    events.FACET,  # readings: what each sentence reports
    arguments.FACET,  # incidents ← quantities, times, places, readings: who, whom, where, when, how many died
    arguments.EVENTS,  # events ← incidents: the incidents told as news
    arguments.MENTIONS,  # mentions ← incidents: every report of an act
)
check_order(FACETS)
RECORD_FIELDS = frozenset(f.name for f in fields(Record))

Item = Document | Failure
Result = Record | Failure


@dataclass(frozen=True)
class Extractor:
    """What a process loads once from its Settings: the spaCy pipeline and the actor dictionary."""

    nlp: Language
    actors: ActorBook

    @staticmethod
    @lru_cache(maxsize=4)
    def load(settings: Settings) -> Extractor:
        gazetteer.use_cache_dir(settings.cache_dir)
        return Extractor(language.load(settings.model), load_actors(settings.actors))

    def build(self, document: Document, doc: Doc) -> Record:
        """The record of a parsed document: every facet's output in the field it assigns."""
        published = _date(document.article.published)
        found: dict[str, Any] = {}
        for f in FACETS:
            given = MappingProxyType({name: found[name] for name in f.requires})
            found[f.assigns] = f.extract(FacetInput(doc, document.text, published, self.actors, given))
        return Record(id=document.id, article=document.article, text=document.text,
                      **{k: v for k, v in found.items() if k in RECORD_FIELDS})

    def extract(self, document: Document) -> Record:
        return self.build(document, next(language.parse(self.nlp, [document.text])))

    def extract_batch(self, items: list[Item]) -> list[Result]:
        """Records and failures in input order; one document's failure never stops the batch."""
        good = [it for it in items if isinstance(it, Document)]
        docs = iter(language.parse(self.nlp, [d.text for d in good]))
        out: list[Result] = []
        for it in items:
            if isinstance(it, Failure):
                out.append(it)
                continue
            try:
                doc = next(docs)
                out.append(self.build(it, doc))
            except Exception as exc:  # noqa: BLE001 - reported as this document's failure
                out.append(Failure(it.source, f"extraction failed: {type(exc).__name__}: {exc}"))
        return out


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def extract_one(document: Document, settings: Settings = Settings()) -> Record:
    """The record of one document, with the pipeline of `settings` (loaded once per process)."""
    return Extractor.load(settings).extract(document)


def extract_batch(items: list[Item], settings: Settings) -> list[Result]:
    return Extractor.load(settings).extract_batch(items)
