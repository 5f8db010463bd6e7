"""The parsed document, indexed once: sentences, paragraphs, the places, times and quantities of each
sentence, and the article's focus and country. Read-only: every job reads it, none changes it.

The places are those of the places facet, less the toponyms inside the name of an organisation or a work
and those inside a bracketed note, plus the places named as ACLED notes name the coded location
("Oicha (Beni, Nord-Kivu)", `brackets`).
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from spacy.tokens import Doc, Span, Token

from ...nlp.context import FacetInput
from ...nlp.spans import SpanIndex
from ...record import Place, Quantity, Time
from .brackets import bracketed_places
from .words import precision_of

PARAGRAPH_BREAK = re.compile(r"\n\s*")
NOT_COUNTS = {"DATE", "TIME", "PERCENT", "MONEY", "ORDINAL", "QUANTITY"}


@dataclass(frozen=True)
class DocView:
    """The parsed document with the facets indexed by sentence and paragraph."""

    doc: Doc
    text: str  # the record's text (Doc.text is rebuilt from the tokens on each access)
    published: dt.date | None
    sents: tuple[Span, ...]
    starts: tuple[int, ...]
    paragraphs: tuple[int, ...]  # start offsets of paragraphs
    places: Mapping[int, list[Place]]
    place_starts: frozenset[int]  # where the places of `places` begin
    times: Mapping[int, list[Time]]
    quantities: Mapping[int, list[Quantity]]
    focus: Place | None
    country: str | None
    country_place: Place | None  # the most mentioned country, the place of last resort
    not_counts: frozenset[int]  # tokens of dates, money, percents: never death tolls
    not_places: SpanIndex[tuple[int, int]]  # names NER reads as people, groups (never overlapping)
    bracketed: frozenset[int]  # starts of places named with their units in brackets

    def sentence(self, char: int) -> int:
        return _sentence_at(self.starts, char)

    def paragraph(self, char: int) -> int:
        return bisect.bisect_right(self.paragraphs, char) - 1

    def token(self, start: int, end: int) -> Token | None:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return span.root if span is not None and len(span) else None


def read_document(inp: FacetInput) -> DocView:
    """The document of `inp` with its places, times and quantities indexed by sentence."""
    doc = inp.doc
    sents = tuple(doc.sents)
    starts = tuple(s.start_char for s in sents)
    paragraphs = (0, *(m.end() for m in PARAGRAPH_BREAK.finditer(inp.text)))
    ents = doc.ents  # computed over the whole Doc on each access: read once
    not_counts = frozenset(tok.i for e in ents if e.label_ in NOT_COUNTS for tok in e)
    not_places = SpanIndex((e.start_char, e.end_char) for e in ents if e.label_ not in ("GPE", "LOC", "FAC"))
    bracketed, brackets = bracketed_places(inp.text, inp["places"])
    noted = SpanIndex(brackets)
    places = [p for p in inp["places"] if not _inside_name(inp.text, not_places, p)
              and not noted.overlaps(p.start, p.end)] + bracketed

    def by_sentence(items: list | None) -> Mapping[int, list]:
        index: dict[int, list] = {}
        for item in items or []:
            index.setdefault(_sentence_at(starts, item.start), []).append(item)
        return MappingProxyType(index)

    focus, country = _focus(places)
    country_place = next((p for p in places if precision_of(p) == "country" and p.country == country
                          and p.lat is not None), None)
    return DocView(doc, inp.text, inp.published, sents, starts, paragraphs,
                   places=by_sentence(places), place_starts=frozenset(p.start for p in places),
                   times=by_sentence(inp["times"]),
                   quantities=by_sentence(inp["quantities"]), focus=focus, country=country,
                   country_place=country_place, not_counts=not_counts, not_places=not_places,
                   bracketed=frozenset(p.start for p in bracketed))


def _sentence_at(starts: tuple[int, ...], char: int) -> int:
    return max(0, bisect.bisect_right(starts, char) - 1)


def name_holding(names: SpanIndex[tuple[int, int]], start: int) -> tuple[int, int] | None:
    """The name that starts at or before `start` and runs past it, if any: entities do not overlap, so
    only the last one starting there can."""
    i = bisect.bisect_right(names.starts, start) - 1
    return names.items[i] if i >= 0 and names.ends[i] > start else None


def _inside_name(text: str, names: SpanIndex[tuple[int, int]], place: Place) -> bool:
    """A toponym that begins the name of an organisation or a work ("the New York Times") places nothing."""
    name = name_holding(names, place.start)
    return name is not None and place.end < name[1] and re.match(r"\s+[A-Z]", text[place.end : name[1]]) is not None


def _focus(places: list[Place]) -> tuple[Place | None, str | None]:
    """The article's most mentioned place below country level (earliest on a tie) and its country."""
    local = [p for p in places if p.lat is not None and precision_of(p) != "country"]
    countries = Counter(p.country for p in places if p.country)
    if not local:
        return None, countries.most_common(1)[0][0] if countries else None
    counts = Counter(p.name for p in local)
    best = max(local, key=lambda p: (counts[p.name], -p.start))
    return best, best.country or (countries.most_common(1)[0][0] if countries else None)
