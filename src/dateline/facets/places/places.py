"""The places facet: toponyms, recognised in the parse (`recognise`), given their gazetteer candidates and
qualifiers (`candidates`) and resolved offline to coordinates (`resolve`).
"""
from __future__ import annotations

from ...lexicon import gazetteer
from ...lexicon.gazetteer import Gazetted
from ...nlp.context import FacetInput
from ...record import Place
from ..base import facet
from .candidates import Toponym, toponyms
from .geography import geography, wire_dateline
from .recognise import add_enclosing, add_qualifiers, add_town_state, lower_case, lower_case_places, recognise
from .resolve import resolve


@facet("places")
def FACET(inp: FacetInput) -> list[Place]:
    """Toponyms recognised in the text and resolved offline, each with its country and coordinates."""
    found = add_town_state(inp.doc, add_qualifiers(inp.doc, add_enclosing(inp.doc, recognise(inp.doc))))
    dateline = wire_dateline(inp.text)
    if lower_case(inp.doc):
        found = _lower_case(inp, found, dateline)
    mentions = toponyms(found)
    resolve(mentions, geography(inp.text, mentions, dateline))
    return [_place(m) for m in mentions]


def _place(m: Toponym) -> Place:
    e = m.choice
    lat, lon = m.point if m.point else (None, None)
    if e is None:
        town = m.within
        feature = m.kind or "unknown"
        if town is not None and m.how == "enclosing-unit" and not (m.kind == "district" and town.feature == "city"):
            feature = town.feature  # a village the gazetteer lacks is placed, and as precise as, its unit
        return Place(m.text, m.start, m.end, m.text, gazetteer.country_name(town.country) if town else None,
                     town.admin1 if town else None, lat, lon, None, feature, _admin2(town), m.how if town else None)
    admin1 = e.admin1 if e.feature != "country" else None
    return Place(m.text, m.start, m.end, e.name, gazetteer.country_name(e.country), admin1, lat, lon, e.geonameid,
                 e.feature, _admin2(e), m.how)


def _admin2(e: Gazetted | None) -> str | None:
    return e.admin2 if e is not None and e.feature in ("city", "admin2", "district") else None


def _lower_case(inp: FacetInput, found: list, dateline: tuple[int, int, Gazetted] | None) -> list:
    """A lower-case report's towns, in the country (and state) its dateline or its first names say."""
    seed = geography(inp.text, toponyms(lower_case_places(inp.doc, found, set(), set())), dateline)
    countries = {c for c in seed.countries if seed.holds(c)}
    states = set(seed.admin1s)
    if dateline is not None:
        countries.add(dateline[2].country)
        if dateline[2].admin1:
            states.add((dateline[2].country, dateline[2].admin1))
    return lower_case_places(inp.doc, found, countries, states)
