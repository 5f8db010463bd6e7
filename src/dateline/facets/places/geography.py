"""Where a report is, known before any name is resolved: its wire dateline ("KABUL (Reuters) -",
"... 2002 lakeside:"), the countries and first-level units it names, the nationality words it uses
("Ukrainian activist") and the towns that can only be in one country. A namesake in another country must
then bring its own evidence (a qualifier: "Paris, Texas"; or world fame) to be chosen.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from ... import lexicon
from ...lexicon import gazetteer
from ...lexicon.gazetteer import Gazetted
from .candidates import Toponym
from .recognise import cues

DATELINE_WEIGHT = 3.0  # the wire's own statement of where the report was filed
COUNTRY_WEIGHT, COUNTRY_CAP = 1.0, 3.0  # each mention of a country, up to a cap
ADMIN1_WEIGHT = 1.0  # a state or province found in one country only
QUALIFIER_FACTOR = 2  # the same, written as the unit that holds a town: an analyst's statement of where
DEMONYM_WEIGHT, DEMONYM_CAP = 0.5, 2.0
TOWN_WEIGHT, TOWN_POP = 0.5, 100_000  # a town whose every namesake is in one country; a dateline's size
NAMESAKE_POP = 1_000  # a town this big named like a country makes the country less sure
IN_PRIOR_SHARE = 0.2  # of the top country's weight: a country the report is about
SURE = 2.0  # the top country's weight from which the report's geography rules namesakes abroad out
HEAD = 400  # characters at the start where a dateline stands

# "KABUL, Afghanistan (Reuters) -", "BAGHDAD, April 3 (AP) -", "MOSUL, Iraq -", and a lower-case paper's
# "this story is from march 18, 2002 lakeside:"
_WIRE = re.compile(r"(?m)^\s*([A-Z][A-Za-z'’.\- ]{1,40}?)(?:,\s*([A-Z][A-Za-z.\- ]{1,30}?))?"
                   r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\([A-Za-z.\s]{2,30}\)\s*)?[-–—:]\s")
_DATED = re.compile(r"\b\d{4}\s+([a-z][a-z .\-]{2,30}?)\s*:\s")


@dataclass
class Geography:
    """Weights of the countries (ISO 2) and first-level units the report is about."""

    countries: Counter = field(default_factory=Counter)
    admin1s: Counter = field(default_factory=Counter)
    dateline: tuple[int, int, Gazetted] | None = None  # span and place of the wire dateline
    areas: frozenset[tuple[str, str]] = frozenset()  # (country, state) where a mission the report names operates

    def share(self, country: str | None) -> float:
        top = max(self.countries.values(), default=0.0)
        return self.countries.get(country, 0.0) / top if top > 0 and country else 0.0

    def holds(self, country: str | None) -> bool:
        """Whether the report is about that country (or says too little about where it is to tell)."""
        return not self.sure() or self.share(country) >= IN_PRIOR_SHARE

    def sure(self) -> bool:
        """Whether the report says clearly where it is: a dateline, or a country named more than once."""
        return max(self.countries.values(), default=0.0) >= SURE


@lru_cache(maxsize=1)
def demonyms() -> tuple[re.Pattern, dict[str, str]]:
    """Nationality words and their countries (ISO 2), from the actor dictionary's list."""
    words = lexicon.load("actors/actors.yaml").get("demonyms") or {}
    iso: dict[str, str] = {}
    for word, name in words.items():
        found = [e for e in gazetteer.lookup(name) if e.feature == "country"]
        if found and word[:1].isupper():
            assert found[0].country is not None  # a country's entry carries its own ISO code
            iso[word] = found[0].country
    pattern = re.compile(r"\b(" + "|".join(sorted(map(re.escape, iso), key=len, reverse=True)) + r")s?\b")
    return pattern, iso


def _best(entries: tuple[Gazetted, ...]) -> Gazetted | None:
    """What a dateline's name is: a country, else its biggest town or state."""
    own = [e for e in entries if e.main and e.lat is not None] or [e for e in entries if e.lat is not None]
    for e in own:
        if e.feature == "country":
            return e
    return max(own, key=lambda e: (e.population, e.feature == "city"), default=None)


def wire_dateline(text: str) -> tuple[int, int, Gazetted] | None:
    """The place a report was filed from, as its dateline says."""
    head = text[:HEAD]
    for m in _WIRE.finditer(head):
        name, qualifier = m.group(1).strip(), m.group(2)
        if not (name.isupper() or qualifier) or len(name) < 3:
            continue  # a headline's "Kabul: ..." is not a dateline; "KABUL -" and "Kabul, Afghanistan -" are
        entries = gazetteer.lookup(name)
        if qualifier:
            within = {e.country for e in gazetteer.lookup(qualifier.strip()) if e.feature in ("country", "admin1")}
            entries = tuple(e for e in entries if e.country in within) or entries
        best = _best(entries)
        if best is not None:
            return m.start(1), m.start(1) + len(name), best
    dated = _DATED.search(head)
    if dated:
        best = _best(gazetteer.lookup(dated.group(1)))
        if best is not None and (best.feature != "city" or best.population >= TOWN_POP):
            return dated.start(1), dated.end(1), best
    return None


def geography(text: str, mentions: list[Toponym], dateline: tuple[int, int, Gazetted] | None) -> Geography:
    """The report's countries and states, weighed from its dateline (`wire_dateline`), names and nationality
    words."""
    geo = Geography(dateline=dateline)
    if geo.dateline is not None:
        e = geo.dateline[2]
        geo.countries[e.country] += DATELINE_WEIGHT
        if e.admin1 and e.feature != "country":
            geo.admin1s[(e.country, e.admin1)] += DATELINE_WEIGHT
    named: defaultdict[str | None, float] = defaultdict(float)
    for m in mentions:
        main = [e for e in m.cands if e.main]
        countries = {e.country for e in main if e.feature == "country"}
        if len(countries) == 1 and m.text[:1].isupper():  # "Lebanon" is also a town in Indiana: half as sure
            namesakes = not m.is_qualifier and any(e.feature == "city" and e.population >= NAMESAKE_POP
                                                   for e in m.cands)
            w = COUNTRY_WEIGHT * (QUALIFIER_FACTOR if m.is_qualifier else 1)  # "Villa Canales, Guatemala"
            named[next(iter(countries))] += w / (2 if namesakes else 1)
            continue
        states = {(e.country, e.admin1) for e in main if e.feature == "admin1" and e.lat is not None
                  and (e.population or m.is_qualifier)}  # a state as a town's qualifier is one, its size unknown
        if len(states) == 1 and m.text.lower() not in cues()["modifiers"]:  # "North" is a direction first
            (c, a), = states
            w = ADMIN1_WEIGHT * (QUALIFIER_FACTOR if m.is_qualifier else 1)  # "Musawa (Musawa, Katsina)"
            geo.countries[c] += w
            geo.admin1s[(c, a)] += w
            continue
        local = [e for e in m.cands if e.lat is not None and e.feature in ("city", "county", "admin2")
                 and (e.main or e.population >= TOWN_POP)]  # "Odessa" is Odesa's English name, not a Texan's only
        if m.qualifier is None and local and len({e.country for e in local}) == 1 and (  # a qualified town's
                max(e.population for e in local) >= NAMESAKE_POP):  # country is for its qualifier to say
            geo.countries[local[0].country] += TOWN_WEIGHT
    for c, w in named.items():
        geo.countries[c] += min(w, COUNTRY_CAP)
    pattern, iso = demonyms()
    said: Counter = Counter(iso[m.group(1)] for m in pattern.finditer(text))
    for c, n in said.items():
        geo.countries[c] += min(DEMONYM_WEIGHT * n, DEMONYM_CAP)
    pattern, where = missions()
    named_missions = {m.group(1) for m in pattern.finditer(text)}
    for name in named_missions:  # "the OSCE SMM observed explosions near Serhiivka": in Donbas, not Odesa
        country, states = where[name]
        geo.countries[country] += DATELINE_WEIGHT
        geo.areas |= states
    return geo


@lru_cache(maxsize=1)
def missions() -> tuple[re.Pattern, dict[str, tuple[str, frozenset[tuple[str, str]]]]]:
    """Missions that operate in one country (missions.tsv): their names, countries and first-level units."""
    where: dict[str, tuple[str, frozenset[tuple[str, str]]]] = {}
    for row in lexicon.rows("places/missions.tsv"):
        name, country, units = row[0], row[1], row[2] if len(row) > 2 else ""
        states = frozenset((country, e.admin1) for u in units.split("|") if u for e in gazetteer.lookup(u)
                           if e.feature == "admin1" and e.country == country and e.admin1)
        where[name] = (country, states)
    pattern = re.compile(r"\b(" + "|".join(sorted(map(re.escape, where), key=len, reverse=True)) + r")\b")
    return pattern, where
