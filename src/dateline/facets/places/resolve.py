"""Resolution of toponyms to gazetteer entries, as a careful reader does it: a qualifier wins ("Springfield,
Illinois"); then the country and state the article is about, the places named with it and near it (a town
whose namesakes lie next to the article's other names); population only breaks ties. One sense per name
per article.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass

from ...lexicon import gazetteer
from ...lexicon.gazetteer import Gazetted
from .candidates import Toponym

ROUNDS = 3  # pick, see what the article is about, pick again
CITY_OVER_PROVINCE = 100_000  # a city this big means the city, not the province named after it
WORLD_CITY = 1_000_000  # a city this big is known beyond its state
# Scores add up like log-odds: population gives POPULATION_WEIGHT per tenfold, the rest is context.
FEATURE_PRIOR = {"country": 2.0, "admin1": 1.5, "admin2": 0.5, "continent": 2.0, "region": 1.0}
POPULATION_WEIGHT = 0.45
CAPITAL = 1.5  # a story set in a country names its capital far more often than the capital's namesakes
CURATED = 2.5  # the supplement's districts and bases are there because news names them
COUNTRY_FOCUS, ADMIN1_FOCUS = 2.0, 2.0  # times the article's share of mentions in that country / state
ADMIN1_SUPPORT = 2.0  # for the state best supported by the article's other names
NAMED_COUNTRY = 1.0  # for a place in a country the article names
SURROUNDED_SHARE = 0.5  # of the article's state mentions, besides the name itself
NEAR_KM = 50
FAR_DEGREES = 3.7  # of latitude: beyond 400 km, the last distance that counts as near
CELL_DEGREES = 0.5  # grid cells larger than NEAR_KM in latitude, so that neighbours are in adjacent cells
NEIGHBOURS = 2.0  # for a town with the article's other names around it
REPORT_COUNTRY = 1.0  # times the country's weight in the report's geography (dateline, names, nationalities)
MISSION_AREA = 2.0  # for a place in the provinces where a mission the report names operates
DISTRICT_TOWN_KM = 75  # how far from a district town ("Oicha (Beni, ...)") a place inside its district lies
ADMIN = ("country", "admin1", "admin2", "county")
DOMINANT_POP, DOMINANT_RATIO = 50_000, 5  # a namesake abroad this big, and this much bigger than the next
NAMED = 1.0  # weight of a country named once: a nationality word alone ("Russian forces") says too little
IN_REPORT = 0.2  # share of the report's top country for a guessed spelling or a qualifier to stand in
KNOWN_ABROAD = 100_000  # or this big: a place the news names wherever it reports from
FIXED = ("qualifier", "enclosing-unit")  # decided by the names around it: not chosen again


def resolve(mentions: list[Toponym], geo=None) -> None:
    """A few rounds: pick, see what the article is about, pick again in that light. Names qualified by the
    units that hold them ("Town, Province", "Town (District, Province)") are settled first, together."""
    for m in mentions:
        m.geo = geo
    groups = _groups(mentions)
    heads = [g[0] for g in groups.values()]
    _support(heads)
    _neighbours(heads)
    for m in heads:
        if m.qualifier and not m.is_qualifier:
            _choose_chain(m)
    focus = None
    for _ in range(ROUNDS):
        for m in heads:
            _choose(m, focus)
        focus = _focus(_spread(groups))
    _stray_quarters(heads)
    _lone_abroad(heads)
    _place_unlocated(heads, focus)
    _spread(groups)


def _contains(outer: Gazetted, inner: Gazetted) -> bool:
    if outer.feature == "country":
        return inner.country == outer.country
    if outer.feature == "admin2":
        return inner.country == outer.country and inner.admin1 == outer.admin1 and inner.admin2 == outer.admin2
    return outer.feature == "admin1" and inner.country == outer.country and inner.admin1 == outer.admin1


def _holds(unit: Gazetted, e: Gazetted) -> bool:
    """Whether a qualifying name's reading can hold `e`: its country, state or district, or (a district
    named after its town, "Oicha (Beni, Nord-Kivu)") that town's surroundings."""
    if unit.country != e.country or unit is e:
        return False
    if unit.feature in ("country", "admin1", "admin2"):
        return _contains(unit, e)
    if unit.feature == "county":
        return unit.admin1 is not None and unit.admin1 == e.admin1
    return (unit.lat is not None and e.lat is not None and unit.feature in ("city", "district")
            and gazetteer.km(unit.lat, unit.lon, e.lat, e.lon) < DISTRICT_TOWN_KM)


def _chain(m: Toponym) -> list[Toponym]:
    out = [m]
    while out[-1].qualifier is not None and len(out) < 4 and out[-1].qualifier not in out:
        out.append(out[-1].qualifier)
    return out


def _in_report(e: Gazetted, m: Toponym) -> bool:
    return m.geo is None or m.geo.holds(e.country)


def _named_here(e: Gazetted, m: Toponym) -> bool:
    """In a country the report names at all (a qualifier's test: "Bara district" in a report on Nepal)."""
    return m.geo is None or max(m.geo.countries.values(), default=0.0) < NAMED or (
        m.geo.share(e.country) >= IN_REPORT)


def _unit_key(u: Gazetted, m: Toponym, held: int) -> tuple:
    """A qualifier is the unit that holds the names before it: "Sonora" in "Hermosillo, Sonora" is the state."""
    return (held, _named_here(u, m), u.feature in ADMIN, _prior(u, m.kind))


def _choose_chain(m: Toponym) -> None:
    """"Tudun Wada (Kaduna North, Kaduna)", "Hermosillo, Sonora": the reading of the name that its
    qualifiers hold, and each qualifier as the unit that holds it. A name the gazetteer lacks is placed at
    its finest enclosing unit, never at a namesake elsewhere."""
    chain = _chain(m)
    outer = chain[1:]
    best, best_key = None, None
    readings = {id(q): _unit_readings(q) for q in outer}
    for e in m.cands:  # held by a province or district counts more than by a town near it ("Lazaro Cardenas,
        held = sum(max((2 if u.feature in ADMIN else 1 for u in readings[id(q)] if _holds(u, e)), default=0)
                   for q in outer)  # Michoacan": the port in Michoacan state, not a namesake by a Chiapas hamlet)
        k = (held, _in_report(e, m), e.feature != "admin2", _prior(e, m.kind))
        if held and (best_key is None or k > best_key):
            best, best_key = e, k
    if best is not None:
        _settle(m, best, "qualifier")
        inner = best
        for q in outer:
            units = [u for u in q.cands if _holds(u, inner)]
            if units:
                u = max(units, key=lambda u: _unit_key(u, q, 1))
                _settle(q, u, "qualifier")
                inner = u
            else:
                _choose_chain(q) if q.qualifier else _choose_unit(q)
        return
    if len(outer) > 1:
        _choose_chain(outer[0])
    else:
        _choose_unit(outer[0])
    q = outer[0]
    unit = q.choice or (q.within if q.how == "enclosing-unit" else None)  # "X area of Y district, Z": Z's
    if unit is not None and (m.bracketed or not m.cands or _regional_unit(unit, q) and (any(
            e.country == unit.country for e in m.cands)  # "Orikhove, Luhansk": one the gazetteer lacks
            or unit.feature == "admin1" and q.kind == "admin1")):  # "Rio Claro, Lara state": not a namesake abroad
        m.choice, m.within, m.point, m.how, m.confidence = None, unit, q.point, "enclosing-unit", 1.0
    elif q.choice is not None:  # "Mosul, Baghdad and Basra": a list, not a town and its province
        m.qualifier = None
        q.is_qualifier = False
        if q.how in FIXED:
            q.how = None


def _regional_unit(unit: Gazetted, q: Toponym) -> bool:
    """A unit that holds towns: a province or district, or a city named like its province ("Luhansk")."""
    return unit.feature in ADMIN or any(e.feature == "admin1" and e.country == unit.country for e in q.cands)


def _unit_readings(q: Toponym) -> tuple[Gazetted, ...]:
    """What a qualifier may be: a world city or capital means itself or its province ("La Matanza (Buenos
    Aires)" is not near a hamlet called Buenos Aires), any other name any of its readings."""
    famous = tuple(u for u in q.cands if u.main and (_world_city(u) or u.capital))
    return famous + tuple(u for u in q.cands if u.feature in ADMIN) if famous else q.cands


def _choose_unit(q: Toponym) -> None:
    """A qualifier with no name inside it the gazetteer knows: the unit, in the report's countries; a big
    city named like its province is the city ("the Zaytun district of Kirkuk", "Abu Salim (Tripoli)")."""
    units = [u for u in q.cands if u.feature in ADMIN and u.lat is not None and _named_here(u, q)]
    if units and q.kind is None and any(e.feature == "city" and e.population >= CITY_OVER_PROVINCE
                                        and _named_here(e, q) for e in q.cands):
        _choose(q, None)
        q.how = "qualifier"
    elif units:
        _settle(q, max(units, key=lambda u: _unit_key(u, q, 0)), "qualifier")
    elif q.geo is None or not q.geo.countries:
        _choose(q, None)
    elif any(_named_here(e, q) for e in q.cands):
        _choose(q, None)
        q.how = "qualifier" if q.choice is not None and _named_here(q.choice, q) else None
    # else: a unit named nowhere in the report's countries is not put anywhere else


def _settle(m: Toponym, e: Gazetted, how: str) -> None:
    m.choice, m.confidence, m.how = e, 1.0, how
    m.point = (e.lat, e.lon) if e.lat is not None else None


def _prior(e: Gazetted, kind: str | None) -> float:
    s = FEATURE_PRIOR.get(e.feature, 0.0)
    s += POPULATION_WEIGHT * math.log10(e.population + 1)
    s += 0.0 if e.main else -1.0
    s += CURATED if e.geonameid is None and e.feature not in ("admin1", "admin2", "county") else 0.0  # curated
    if kind:
        s += 0.8 if (kind == e.feature or kind == "district" and e.feature in ("city", "district")
                     or kind == "city" and e.feature == "district") else -0.3
    if e.lat is None and e.feature != "county" or e.feature == "admin1" and not e.population:
        s -= 1.0  # nowhere to put it, or a state known only from the registries (its size unknown)
    return s


@dataclass
class Focus:
    """What the article is about: weights of countries and states, and the points already placed. A state's
    share is taken without the name being resolved, so that a town said often does not vote for its own
    state; a country's share keeps it (a story that says "Moscow" ten times is about Russia)."""

    countries: Counter  # country → summed confidence of its mentions
    admin1s: Counter  # (country, state) → the same
    by_name: dict[str, tuple[str, str | None, float]]  # surface key → its country, state and weight
    named: dict[str, set[str]]  # country → the keys of the mentions that name it
    points: list[tuple[float, float, str]]  # lat, lon, surface key

    def country_share(self, country: str) -> float:
        total = sum(self.countries.values())
        return self.countries.get(country, 0.0) / total if total > 1e-9 else 0.0

    def admin1_share(self, region: tuple[str, str], own: str) -> float:
        c, a, w = self.by_name.get(own, (None, None, 0.0))
        w = w if a else 0.0
        total = sum(self.admin1s.values()) - w
        return (self.admin1s.get(region, 0.0) - (w if (c, a) == region else 0.0)) / total if total > 1e-9 else 0.0

    def top_country(self) -> str | None:
        return max(self.countries, key=lambda c: self.countries[c], default=None)


def _focus(mentions: list[Toponym]) -> Focus:
    countries: Counter = Counter()
    admin1s: Counter = Counter()
    points: list[tuple[float, float, str]] = []
    named: defaultdict[str, set[str]] = defaultdict(set)
    by_name: dict[str, tuple[str, str | None, float]] = {}
    for m in mentions:
        e = m.choice
        if e is None or e.country is None or m.modifier and e.feature == "country":
            continue  # "the US dollar", "US troops" say whose, not where the story is
        k = gazetteer.key(m.text)
        if e.feature == "country":
            named[e.country].add(k)
        w = m.confidence
        countries[e.country] += w
        state = e.admin1 if e.admin1 and e.feature != "country" else None
        if state:
            admin1s[(e.country, state)] += w
        prev = by_name.get(k, (e.country, state, 0.0))
        by_name[k] = (e.country, state, prev[2] + w)
        if m.point and e.feature not in ("country", "continent", "admin1", "region", "water"):
            points.append((*m.point, k))
    return Focus(countries, admin1s, by_name, named, points)


def _proximity(e: Gazetted, focus: Focus, own: str) -> float:
    if e.lat is None or e.feature in ("country", "continent"):
        return 0.0
    near = min((gazetteer.km(e.lat, e.lon, la, lo) for la, lo, k in focus.points
                if k != own and abs(la - e.lat) < FAR_DEGREES), default=1e9)  # a degree of latitude is 111 km
    return 2.5 if near < 50 else 1.5 if near < 150 else 0.5 if near < 400 else 0.0


def _world_known(cands: tuple[Gazetted, ...]) -> bool:
    """Countries, continents and world cities: names that do not tell which state a local story is in."""
    return any(e.main and e.feature in ("country", "continent", "region") or _world_city(e)
               for e in cands)


def _world_city(e: Gazetted) -> bool:
    """A city known beyond its state (a district's summed population does not make it one)."""
    return e.feature != "admin2" and e.population >= WORLD_CITY


def _regions(m: Toponym) -> set[tuple[str, str]]:
    """The states a name may stand in; a world-known name ("Houston") stands in its famous one only."""
    if _world_known(m.cands):
        return {(e.country, e.admin1) for e in m.cands if e.admin1 and e.main and _world_city(e)}
    return {(e.country, e.admin1) for e in m.cands if e.admin1 and e.main}


def _support(heads: list[Toponym]) -> None:
    """How well each state explains the article's other names ("Gainesville" and "Hall County" are both
    in Georgia); a name found in few states says more than one found in thirty."""
    total: Counter = Counter()
    for m in heads:
        regions = _regions(m)
        for r in regions:
            total[r] += 1 / len(regions)
    top = max(total.values(), default=0.0)
    for m in heads:
        regions = {(e.country, e.admin1) for e in m.cands if e.admin1}
        own = _regions(m)
        m.support = {r: (total[r] - (1 / len(own) if r in own else 0)) / top for r in regions} if top > 0 else {}


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat / CELL_DEGREES), math.floor(lon / CELL_DEGREES)


def _local(e: Gazetted) -> bool:
    return e.lat is not None and e.feature in ("city", "county", "district", "facility")


def _neighbours(heads: list[Toponym]) -> None:
    """For each candidate town, the other names of the article that have a namesake within NEAR_KM of it:
    "Lebanon" and "Boone County" are both in many states, but near each other in one only. A name with
    many namesakes says less than one with few."""
    grid: dict[tuple[int, int], list[tuple[Gazetted, str, float]]] = defaultdict(list)
    for m in heads:
        local = [e for e in m.cands if _local(e)]
        weight = 1.0 / (1.0 + math.log10(len(local))) if local else 0.0
        for e in local:
            grid[_cell(e.lat, e.lon)].append((e, gazetteer.key(m.text), weight))
    for m in heads:
        own, m.neighbours = gazetteer.key(m.text), {}
        for e in m.cands:
            if not _local(e):
                continue
            ci, cj = _cell(e.lat, e.lon)
            near: dict[str, float] = {}
            for di in (-1, 0, 1):
                for dj in (-1, 0, 1):
                    for o, k, w in grid.get((ci + di, cj + dj), ()):
                        if k != own and w > near.get(k, 0.0) and gazetteer.km(e.lat, e.lon, o.lat, o.lon) < NEAR_KM:
                            near[k] = w
            if near:
                m.neighbours[e.id] = min(1.0, sum(near.values()))


def _score(e: Gazetted, m: Toponym, focus: Focus | None) -> float:
    s = _prior(e, m.kind)
    if m.neighbours:
        s += NEIGHBOURS * m.neighbours.get(e.id, 0.0)
    if e.admin1 and m.support:
        s += ADMIN1_SUPPORT * m.support.get((e.country, e.admin1), 0.0)
    if m.qualifier is not None and m.qualifier.choice is not None:
        s += 4.0 if _contains(m.qualifier.choice, e) else -4.0
    if m.geo is not None and (not _world_known(m.cands) or _world_city(e)):  # "Cairo", "Toronto": the famous
        s += REPORT_COUNTRY * m.geo.share(e.country)  # one, wherever from; no namesake of it for being there
    if m.geo is not None and e.admin1 and (e.country, e.admin1) in m.geo.areas:
        s += MISSION_AREA
    if focus is not None:
        own = gazetteer.key(m.text)
        s += COUNTRY_FOCUS * focus.country_share(e.country)
        if e.capital and focus.country_share(e.country) >= 0.5:
            s += CAPITAL
        if focus.named.get(e.country, set()) - {own}:
            s += NAMED_COUNTRY
        if e.admin1 and e.feature != "admin1":
            s += ADMIN1_FOCUS * focus.admin1_share((e.country, e.admin1), own)
        s += _proximity(e, focus, own)
    return s


def _country_over_village(cands: tuple[Gazetted, ...], m: Toponym, focus: Focus | None) -> tuple[Gazetted, ...]:
    """"Russia", "California", "Middle East": a country, a state or a region the news names means that, not
    a village called so, unless a qualifier says otherwise ("Russia, Ohio") or, for a country, the
    article's other places surround the village (a local story about Lebanon, Indiana, that names Boone
    County and Zionsville)."""
    if m.qualifier is not None:
        return cands
    countries = {e.country for e in cands if e.main and e.feature == "country"}
    if countries and m.kind != "admin1":  # "Mexico": the country, not its state of the same name
        cands = tuple(e for e in cands if not (e.feature == "admin1" and e.country in countries)) or cands
    if any(e.main and e.feature in ("country", "continent", "region") for e in cands):
        own = gazetteer.key(m.text)
        return tuple(e for e in cands if e.feature != "city" or e.population >= WORLD_CITY
                     or focus is not None and _surrounded(e, focus, own))
    if any(e.main and e.feature == "admin1" and e.lat is not None for e in cands):
        return tuple(e for e in cands if e.feature != "city" or e.population >= CITY_OVER_PROVINCE)
    return cands


def _surrounded(e: Gazetted, focus: Focus, own: str) -> bool:
    """Whether the article's other places lie around `e` and in its state: evidence enough to read a
    famous name as a local one."""
    if e.lat is None or not e.admin1 or focus.admin1_share((e.country, e.admin1), own) < SURROUNDED_SHARE:
        return False
    return sum(1 for la, lo, k in focus.points if k != own and gazetteer.km(e.lat, e.lon, la, lo) < NEAR_KM) >= 1


def _own_names_first(cands: tuple[Gazetted, ...]) -> tuple[Gazetted, ...]:
    """A place called by its own name beats one for which it is only a variant spelling, unless the
    variant's place is the biggest ("Basra" is the variant of Basrah, 1.3 million, over a Basra village;
    "Mecca" is Makkah, though it is also a variant name of a town in Ohio)."""
    top = max((e.population for e in cands if e.main), default=-1)
    biggest = max((e.population for e in cands), default=-1)
    return tuple(e for e in cands if e.main or e.population > top and e.population == biggest)


def _city_over_province(cands: tuple[Gazetted, ...], kind: str | None) -> tuple[Gazetted, ...]:
    """"Basra", "Najaf", "Jenin": a big city with the name of its province means the city, unless the
    context says "province"; so does any city named like a province we cannot put on the map. ("New York"
    is the state: the city's own name is New York City.)"""
    if kind == "admin1":
        return cands
    provinces = {gazetteer.loose_key(p.name) for p in cands if p.feature == "admin1"}
    cities = {(e.country, e.population >= CITY_OVER_PROVINCE) for e in cands
              if e.feature == "city" and gazetteer.loose_key(e.name) in provinces}
    return tuple(e for e in cands if not (e.feature == "admin1" and (
        (e.country, True) in cities or e.lat is None and (e.country, False) in cities))) or cands


def _town_over_district(cands: tuple[Gazetted, ...], kind: str | None) -> tuple[Gazetted, ...]:
    """A district named after its town ("Vadodara") means the town, unless the context says district."""
    if kind == "admin2":
        return tuple(e for e in cands if e.feature == "admin2") or cands
    towns = {(e.country, e.admin1, gazetteer.loose_key(e.name)) for e in cands if e.feature == "city"}
    return tuple(e for e in cands if not (e.feature == "admin2" and (  # a namesake village elsewhere in the
        e.country, e.admin1, gazetteer.loose_key(e.name)) in towns)) or cands  # country is not its town ("Cavite")


def _report_countries(cands: tuple[Gazetted, ...], m: Toponym) -> tuple[Gazetted, ...]:
    """A namesake outside the report's countries needs its own evidence: a qualifier, or world fame. A
    spelling the gazetteer only knows loosely is taken in the report's countries alone."""
    if m.geo is None or not m.geo.countries:
        return cands
    loose = not any(e.main for e in cands) and not gazetteer.lookup(m.text)
    if loose or m.is_qualifier:  # a guessed spelling, or a unit that holds another name: here or nowhere
        return tuple(e for e in cands if _named_here(e, m) or e.feature == "country")
    if m.qualifier is not None or not m.geo.sure():
        return cands
    keep = tuple(e for e in cands if _in_report(e, m) or e.feature in ("country", "continent", "region")
                 or e.main and (_world_city(e) or e.capital))  # "Colonia" is not Cologne in Mexico
    return keep or _unmistakable_abroad(cands)


def _unmistakable_abroad(cands: tuple[Gazetted, ...]) -> tuple[Gazetted, ...]:
    """A name with no namesake in the report's countries: taken abroad only when it is clear which place
    it is (every namesake in one country, or one far bigger than the rest); "Bara" in a report about Nepal
    is none of the eleven Baras elsewhere."""
    main = [e for e in cands if e.main] or list(cands)
    if len({e.country for e in main}) <= 1:
        return cands
    pops = sorted((e.population for e in main), reverse=True)
    if pops[0] >= DOMINANT_POP and pops[0] >= DOMINANT_RATIO * pops[1]:
        return tuple(e for e in main if e.population == pops[0])
    return tuple(e for e in main if e.population >= KNOWN_ABROAD)


def _choose(m: Toponym, focus: Focus | None) -> None:
    if not m.cands or m.how in FIXED:
        return
    cands = _report_countries(_town_over_district(m.cands, m.kind), m)
    if not cands:
        m.choice, m.point = None, None
        return
    cands = _country_over_village(_city_over_province(_own_names_first(cands), m.kind), m, focus)
    scored = sorted(((_score(e, m, focus), e) for e in cands), key=lambda t: -t[0])
    best, e = scored[0]
    runner_up = scored[1][0] if len(scored) > 1 else best - 3.0
    m.choice, m.confidence = e, min(1.0, 0.3 + (best - runner_up) / 3.0)
    m.point = (e.lat, e.lon) if e.lat is not None else None
    m.how = _basis(e, m, cands)


def _basis(e: Gazetted, m: Toponym, cands: tuple[Gazetted, ...]) -> str:
    """What decided a reading, for an analyst to check: the wire dateline, the only reading the gazetteer
    has, the report's countries (its namesakes abroad set aside), the size of the place, or the article's
    other names."""
    dateline = m.geo.dateline if m.geo is not None else None
    if dateline is not None and (dateline[2].id == e.id or dateline[0] <= m.start < dateline[1]):
        return "dateline"
    if len(m.cands) == 1:
        return "only-reading"
    if m.geo is not None and m.geo.sure() and m.geo.holds(e.country) and any(
            c.country != e.country for c in m.cands):
        return "report-country"
    return "population" if e is max(cands, key=lambda c: _prior(c, m.kind)) else "context"


def _groups(mentions: list[Toponym]) -> dict[tuple, list[Toponym]]:
    """Mentions by name and qualifier, the qualified one first. One sense per article: a bare name
    joins the first qualified mention of it ("Athens, Greece, ... in Athens")."""
    first_qualifier: dict[str, str] = {}
    for m in mentions:
        if m.qualifier:
            first_qualifier.setdefault(gazetteer.key(m.text), gazetteer.key(m.qualifier.text))
    groups: dict[tuple, list[Toponym]] = defaultdict(list)
    for m in mentions:
        k = gazetteer.key(m.text)
        q = gazetteer.key(m.qualifier.text) if m.qualifier else first_qualifier.get(k)
        groups[(k, q)].append(m)
    for g in groups.values():
        g.sort(key=lambda m: m.qualifier is None)  # stable: the first qualified mention leads
    return groups


def _spread(groups: dict) -> list[Toponym]:
    """Every mention with its group's choice, so that a name said ten times weighs ten times."""
    out = []
    for g in groups.values():
        for m in g:
            m.choice, m.confidence, m.point, m.how = g[0].choice, g[0].confidence, g[0].point, g[0].how
            if g[0].how == "named-after":
                m.within = g[0].within
            out.append(m)
    return out


def _main_city(focus: Focus, country: str | None, admin1: str | None, heads: list[Toponym]) -> Toponym | None:
    """The most-mentioned town of the article in that country (and state, when known)."""
    towns = [m for m in heads if m.choice and m.point and m.choice.feature in ("city", "district")
             and m.choice.country == country and (admin1 is None or m.choice.admin1 == admin1)]
    return max(towns, key=lambda m: (m.confidence, m.choice.population), default=None)


def _stray_quarters(heads: list[Toponym]) -> None:
    """A part of a town ("a shoot-out in Roseiral neighborhood", "Beirut's Hamra district") is part of the
    report's towns: a namesake far from every other town of the report in its country, or in a country the
    report names nowhere else, is another place, and the quarter is placed in the report's town instead
    (`_place_unlocated`). A city's own name stays the city unless the report's towns are qualified ones."""
    for m in heads:
        e = m.choice
        if not m.quarter or m.how in FIXED or e is None or e.lat is None or e.feature not in ("city", "district"):
            continue
        big = e.main and e.population >= CITY_OVER_PROVINCE
        others = [o for o in heads if o is not m and o.choice is not None and o.choice.country]
        towns = [o.point for o in others if o.point and o.choice.country == e.country
                 and o.choice.feature not in ("country", "admin1", "region", "continent", "water")
                 and (not big or o.how in FIXED)]
        far = all(gazetteer.km(e.lat, e.lon, la, lo) > DISTRICT_TOWN_KM for la, lo in towns)
        if others and far and (towns or not big and not any(o.choice.country == e.country for o in others)):
            m.choice, m.point, m.how = None, None, None


def _lone_abroad(heads: list[Toponym]) -> None:
    """A report that places its towns as analysts do ("Bala Duri area of Pul-e Khumri district, Baghlan")
    says which country it is in: a small town in a country it names nowhere else is a namesake of a place
    the gazetteer lacks ("Pul" of Pul-e Khumri is not Pul in Iran), not where the report is."""
    qualified = {o.choice.country for o in heads if o.how in FIXED and o.point and o.choice is not None}
    if not qualified:
        return
    for m in heads:
        e = m.choice
        if m.how in FIXED or e is None or e.country in qualified or e.feature not in ("city", "district", "admin2") \
                or e.population >= KNOWN_ABROAD or e.capital:
            continue
        if not any(o is not m and o.choice is not None and o.choice.country == e.country for o in heads):
            m.choice, m.point, m.how = None, None, None


def _place_unlocated(heads: list[Toponym], focus: Focus) -> None:
    """Counties and unknown districts sit where the article's town is (the news is local)."""
    top = focus.top_country()
    for m in heads:
        e = m.choice
        if e is not None and e.lat is None and e.feature == "county":
            town = _main_city(focus, e.country, e.admin1, heads)
            state = gazetteer.admin1(e.country, e.admin1) if e.admin1 else None
            m.point = town.point if town else (state.lat, state.lon) if state else None
        elif e is None and m.named_after:  # "Donetsk Airport": the Donetsk of the report's country, else the
            towns = [t for t in m.named_after if t.country == top] or list(m.named_after)  # biggest
            town = max(towns, key=lambda t: t.population)
            m.point, m.within, m.how = (town.lat, town.lon), town, "named-after"
        elif e is None and (m.kind == "district" or m.quarter) and top and m.how != "enclosing-unit":
            town = _main_city(focus, top, None, heads)
            if town:
                m.point, m.choice, m.within = town.point, None, town.choice
