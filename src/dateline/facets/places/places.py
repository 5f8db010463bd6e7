"""The places facet: toponyms, recognised in the parse (`recognise`), given their gazetteer candidates and
qualifiers (`candidates`) and resolved offline to coordinates (`resolve`).
"""
from __future__ import annotations

from ...lexicon import gazetteer
from ...nlp.context import FacetInput
from ...record import Place
from ..base import facet
from .candidates import Toponym, toponyms
from .recognise import add_qualifiers, recognise
from .resolve import resolve


@facet("places")
def FACET(inp: FacetInput) -> list[Place]:
    """Toponyms recognised in the text and resolved offline, each with its country and coordinates."""
    found = add_qualifiers(inp.doc, recognise(inp.doc))
    mentions = toponyms(found)
    resolve(mentions)
    return [_place(m) for m in mentions]


def _place(m: Toponym) -> Place:
    e = m.choice
    lat, lon = m.point if m.point else (None, None)
    if e is None:
        town = m.within
        return Place(m.text, m.start, m.end, m.text, gazetteer.country_name(town.country) if town else None,
                     town.admin1 if town else None, lat, lon, None, m.kind or "unknown")
    admin1 = e.admin1 if e.feature != "country" else None
    return Place(m.text, m.start, m.end, e.name, gazetteer.country_name(e.country), admin1, lat, lon, e.geonameid, e.feature)
