"""Places named as ACLED notes name the coded location, "Oicha (Beni, Nord-Kivu)": the places facet's
reading of the name (it resolves the name within the bracket's units) when it lies in the bracket's
country; only for a name the facet did not find, or put in another country, the gazetteer's within the
country and near the units; a name the gazetteer lacks is placed at the unit that holds it."""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence, Set
from functools import lru_cache

from ...lexicon import gazetteer
from ...record import Place
from .words import PRECISION, country_of, vocabulary

Point = tuple[float, float, float]  # lat, lon, radius (km)


def bracketed_places(text: str, found: list[Place]) -> tuple[list[Place], list[tuple[int, int]]]:
    """Places named as ACLED notes name the coded location, "Oicha (Beni, Nord-Kivu)": the places facet's
    reading when it lies in the bracket's country and units, else the gazetteer's within them; and the
    spans of the name and its bracket, whose other toponyms place nothing."""
    places, spans = [], []
    unit_word = vocabulary()["unit_word"]
    by_start = {p.start: p for p in found if p.lat is not None}
    for m in vocabulary()["qualified"].finditer(text):
        name = unit_word.sub("", m.group(1))  # "Kaura Namoda LGA"
        units = tuple(unit_word.sub("", u.strip()) for u in m.group(2).split(",") if u.strip())
        countries, points = _bracket_context(name, units)
        if not countries:
            continue
        seen = by_start.get(m.start(1))
        place: Place | None
        if seen is not None and seen.feature == "country":  # "a village in western Yemen (Ad Durayhimi, Al
            place = _unit_named(text, m.start(2), m.group(2), units, countries)  # Hudaydah)": the village's units
        elif seen is not None and seen.country in _unit_countries(units):
            place = seen  # one resolution per name: the places facet's, which read the bracket's units too
        else:
            place = _gazetteer_bracketed(name, m.start(1), units)
        if place is not None:
            places.append(place)
            spans.append((m.start(1), m.end(2)))
    return places, spans


@lru_cache(maxsize=4096)
def _unit_countries(units: tuple[str, ...]) -> frozenset[str | None]:
    """The countries (by name) where any of a bracket's units is a place: a reading of the name outside all
    of them ("Jen (Karim-Lamido LGA, Taraba)" read as a Chinese town) is a namesake, not the coded place."""
    return frozenset(country_of(e) for u in units for e in gazetteer.lookup(u))


def _unit_named(text: str, start: int, inside: str, units: tuple[str, ...], countries: frozenset[str]) -> Place | None:
    """The finest unit of a bracket that follows a country's name, on its own span."""
    found = _holding_unit(units, countries)
    if found is None:
        return None
    entry, feature = found
    for unit in units:
        if any(e.id == entry.id for e in gazetteer.lookup(unit)):
            at = start + inside.find(unit)
            return Place(text[at:at + len(unit)], at, at + len(unit), entry.name, country_of(entry), entry.admin1,
                         entry.lat, entry.lon, entry.geonameid, feature)
    return None


def _gazetteer_bracketed(name: str, start: int, units: tuple[str, ...]) -> Place | None:
    found = _resolve_bracketed(name, units)
    if found is None:
        return None
    entry, feature = found
    return Place(name, start, start + len(name), entry.name if feature == "city" else name,
                 country_of(entry), entry.admin1, entry.lat, entry.lon, entry.geonameid, feature)


def _towns(entries, countries: Set[str]) -> list[gazetteer.Gazetted]:
    return [e for e in entries if e.lat is not None and e.country in countries
            and PRECISION.get(e.feature) in ("town", "district")]


def _bracket_countries(name: str, units: tuple[str, ...]) -> set[str]:
    """The countries where the most of the name and its units are places, each name counting less the more
    countries it is found in, ties broken by the units, then by how much of each name's population lies
    there ("Hays (Hays, Al Hudaydah)" -> Yemen, not Kansas; "Adigrat (Eastern, Tigray)" -> Ethiopia, not
    one of six countries with an Eastern province; "Hama" -> Syria, not a Japanese village).
    Abbreviations ("D.C.") are too ambiguous to count."""
    units = tuple(u for u in units if not _abbreviation(u))
    if not units:
        return set()  # "BAGHDAD (AP)", "the Mahdi Army (JAM)"
    present: Counter = Counter()
    in_units: Counter = Counter()  # on a tie, the units' word counts more than the name's ("Boni (Mopti)")
    share: Counter = Counter()
    for unit in dict.fromkeys((name, *units)):
        if _abbreviation(unit):
            continue
        weight, sure = _countries_of_name(unit)
        present.update({c: sure / len(weight) for c in weight})  # a name found in six countries says little
        in_units.update(weight.keys() if unit in units else ())
        share.update({c: w / sum(weight.values()) for c, w in weight.items()})
    if not in_units:  # "Basra (Reuters)" names no place; "Lalibela (Lasta, Amhara)", units the gazetteer lacks
        return _country_of_town(name) if len(units) > 1 else set()
    key = {c: (present[c], in_units[c], share[c]) for c in present}
    best = max(key.values())
    return {c for c in present if key[c] == best}


def _countries_of_name(name: str) -> tuple[Counter, float]:
    """The countries where a name is a place, each weighted by its largest place of that name, and how
    sure the spelling is (1 exact, 0.5 a guess: "Hiraan" for Hiiraan, "Lasta" for Leste, or a variant name
    only)."""
    exact = gazetteer.lookup(name)
    entries = exact or tuple(e for e in gazetteer.lookup_loose(name) if e.feature == "admin1")
    own = [e for e in entries if e.main] or entries  # "Chin" is Myanmar's state before it is Qinzhou
    weight: Counter = Counter()
    for e in own:
        if e.country:
            weight[e.country] = max(weight[e.country], e.population, 1000)
    # a name known only as a variant spelling of another place is a guess too ("Parisu" for a Paris)
    return weight, 1.0 if exact and any(e.main for e in exact) else 0.5


def _country_of_town(name: str) -> set[str]:
    towns = [e for e in gazetteer.lookup(name) if e.lat is not None and e.main and not _hamlet(e)
             and PRECISION.get(e.feature) == "town"]
    if not towns:
        return set()
    best = max(towns, key=lambda e: e.population)
    assert best.country is not None  # a town (GeoNames city) is always in a country
    return {best.country}


def _abbreviation(word: str) -> bool:
    return "." in word or (word.isupper() and len(word) <= 5)


def _near(entry: gazetteer.Gazetted, points: Sequence[tuple[float, float, float]]) -> bool:
    if not points:
        return True
    # only towns with a point are tested, and the gazetteer stores points whole (lat and lon together)
    assert entry.lat is not None and entry.lon is not None
    return any(gazetteer.km(entry.lat, entry.lon, lat, lon) < radius for lat, lon, radius in points)


ADMIN = ("admin1", "admin2", "region", "county")
HAMLET = 1000  # a unit found only as a hamlet is a province the gazetteer lacks ("Michoacan"): it places nothing


def _unit_entries(unit: str, countries: Set[str]) -> list[gazetteer.Gazetted]:
    """What a bracketed unit is: a province when one has its name ("Para" is the state, not the city also
    called so), else the towns of that name."""
    entries = [e for e in gazetteer.lookup(unit) if e.country in countries]
    return [e for e in entries if e.feature in ADMIN] or entries


def _hamlet(e: gazetteer.Gazetted) -> bool:
    return 0 < e.population < HAMLET  # 0: not known


def _unit_points(units: tuple[str, ...], countries: Set[str]) -> list[tuple[float, float, float]]:
    """Where the units are, with how far a place inside them may lie: a town's surroundings, or a wide
    radius around a province's nominal centre."""
    return [(e.lat, e.lon, 500.0 if e.feature in ADMIN else 150.0)
            for u in units for e in _unit_entries(u, countries)
            if e.lat is not None and e.lon is not None
            and e.main and (e.feature in ADMIN or not _hamlet(e))]  # "San Roman" is not San Ramón


@lru_cache(maxsize=4096)
def _bracket_context(name: str, units: tuple[str, ...]) -> tuple[frozenset[str], tuple[Point, ...]]:
    """The countries a bracketed name may be in, and where its units are."""
    countries = frozenset(_bracket_countries(name, units))
    return countries, tuple(_unit_points(units, countries))


@lru_cache(maxsize=4096)
def _resolve_bracketed(name: str, units: tuple[str, ...]) -> tuple[gazetteer.Gazetted, str] | None:
    """The town a bracketed name is, nearest its units; else the unit that holds it (district, region)."""
    countries, points = _bracket_context(name, units)
    if not countries:
        return None
    words = name.split()
    for i in range(len(words)):  # the longest tail that is a place: "Ukrainian Lyman" -> "Lyman"
        tail = " ".join(words[i:])
        towns = [e for e in _towns(gazetteer.lookup(tail), countries) or _towns(gazetteer.lookup_loose(tail), countries)
                 if _near(e, points)]  # a namesake far from the units it is said to lie in is another place
        if towns:
            return max(towns, key=lambda e: (e.population, e.main)), "city"
    return _holding_unit(units, countries)


def _holding_unit(units: tuple[str, ...], countries: frozenset[str]) -> tuple[gazetteer.Gazetted, str] | None:
    """The unit that holds a place the gazetteer lacks: its district town ("Mopti (cercle), Mopti
    (region)"), else its province, at the province's point or at the town that shares its name."""
    for i, unit in enumerate(units):
        towns = [e for e in _towns(gazetteer.lookup(unit), countries) if not _hamlet(e)]
        province = any(e.feature in ADMIN for e in gazetteer.lookup(unit) if e.country in countries)
        if towns and not (province and i == len(units) - 1):
            return max(towns, key=lambda e: e.population), "district"
    for unit in units:
        entries = [e for e in gazetteer.lookup(unit) if e.country in countries]
        regions = [e for e in entries if e.feature in ADMIN and e.lat is not None]
        towns = [e for e in _towns(entries, countries) if not _hamlet(e)]
        if regions or (towns and any(e.feature in ADMIN for e in entries)):
            return (regions or sorted(towns, key=lambda e: -e.population))[0], "admin1"
    return None
