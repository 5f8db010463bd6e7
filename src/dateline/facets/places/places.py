"""Toponyms, recognised and resolved to coordinates offline. Built by issue 4.

Recognition: spaCy's GPE/LOC/FAC spans, plus gazetteer names the NER missed or mislabelled when the
context says "place" ("the district of X", "X area", "in X", "Sadr City and X", "an X man"), and every
other mention of a town so found. Adjectives, speakers and organisations are not places, though a place
inside an organisation's name is ("Alexandria police").

Resolution, as a careful reader does it: a qualifier wins ("Springfield, Illinois"); then the country and
state the article is about, the places named with it and near it (a town whose namesakes lie next to the
article's other names); population only breaks ties. One sense per name per article.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

import numpy
from spacy.attrs import ENT_IOB, IS_TITLE, POS
from spacy.parts_of_speech import PROPN
from spacy.tokens import Doc, Span

from ... import lexicon
from ...lexicon import gazetteer
from ...lexicon.gazetteer import Entry
from ...nlp.context import FacetInput
from ...record import Place
from ..base import facet

PLACE_LABELS = {"GPE", "LOC", "FAC"}
RELABEL = {"PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "EVENT", ""}  # labels the NER gives places it misses
TOWN = 1_000  # population of a town that a name modifying a noun may be ("an Alexandria man")
BIG = 50_000  # population above which a bare "in X" is enough to call X a place
ROUNDS = 3  # pick, see what the article is about, pick again
CITY_OVER_PROVINCE = 100_000  # a city this big means the city, not the province named after it
WORLD_CITY = 1_000_000  # a city this big is known beyond its state
LOOSE_MIN_POP = 100_000  # a spelling the data lacks is trusted for curated places, and for a big city's own name
# (another language's name for it sounds like too many unrelated words: "Fly", "Dulles")
# Scores add up like log-odds: population gives POPULATION_WEIGHT per tenfold, the rest is context.
FEATURE_PRIOR = {"country": 2.0, "admin1": 1.5, "continent": 2.0, "region": 1.0}
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
ADHERENT = ("ist", "ists", "ite", "ites")


@lru_cache(maxsize=1)
def cues() -> dict:
    data = lexicon.load("places/cues.json", required=("kind_of", "locative", "modifiers", "facility_words", "speech_verbs"))
    return {"kind_of": data["kind_of"], "locative": frozenset(data["locative"]),
            "modifiers": frozenset(data["modifiers"]), "facility_words": frozenset(data["facility_words"]),
            "speech_verbs": frozenset(data["speech_verbs"])}


@dataclass
class Mention:
    start: int  # character offsets
    end: int
    text: str
    cands: tuple[Entry, ...]
    kind: str | None = None  # what the context calls it: city, district, admin1, ...
    qualifier: "Mention | None" = None  # "Springfield, Illinois": the Illinois mention
    support: dict[tuple[str, str], float] | None = None  # states that hold the article's other names
    neighbours: dict[int, float] | None = None  # candidate id → how many other names have a namesake near it
    choice: Entry | None = None
    confidence: float = 0.0
    point: tuple[float, float] | None = None
    within: Entry | None = None  # the town an unknown district is placed in


# ---------------------------------------------------------------- recognition
def _trim(span: Span, directions: bool = True) -> Span:
    """Without a leading article or direction word ("the southern Iraq" → "Iraq"), nor a trailing "'s".
    An organisation keeps its direction words: they belong to the place inside it ("West Virginia Council")."""
    start, end = span.start, span.end
    doc = span.doc
    while end > start + 1 and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1
    while start < end - 1 and (doc[start].lower_ == "the" or directions and doc[start].lower_ in cues()["modifiers"]
                               and not gazetteer.lookup(doc[start:end].text)):
        start += 1
    return doc[start:end]


def _widen(span: Span) -> Span:
    """With the capitalised word before it when the two make a known name the NER cut in half
    ("West | Virginia", "Fort | Worth")."""
    doc = span.doc
    if span.start == 0 or not doc[span.start - 1].is_title or doc[span.start - 1].ent_type_:
        return span
    wider = doc[span.start - 1:span.end]
    return wider if any(e.main for e in gazetteer.lookup(wider.text)) else span


def _kind(span: Span) -> str | None:
    """The kind of place the words around the name say it is: "city of X", "X district"."""
    doc, kinds = span.doc, cues()["kind_of"]
    if span.end < len(doc) and doc[span.end].lower_ in kinds:
        return kinds[doc[span.end].lower_]
    if span.start >= 2 and doc[span.start - 1].lower_ == "of" and doc[span.start - 2].lower_ in kinds:
        return kinds[doc[span.start - 2].lower_]
    return None


def _locative(span: Span) -> bool:
    doc = span.doc
    return span.start >= 1 and doc[span.start - 1].lower_ in cues()["locative"]


def _coordinated(span: Span, places: set[int]) -> bool:
    """Listed with a recognised place: "Sadr City and Shula", "Najaf and Karbala"."""
    head = span.root
    linked = [head.head] if head.dep_ == "conj" else []
    linked += [t for t in head.children if t.dep_ == "conj"]
    return any(t.i in places for t in linked)


def _is_facility(span: Span) -> bool:
    return span[-1].lower_ in cues()["facility_words"]


def _propn_runs(doc: Doc) -> list[Span]:
    """Capitalised proper-noun runs outside any entity: names the NER did not see at all. Read from the
    Doc's arrays: making a Token object for every word costs more than the rest of the facet."""
    if not len(doc):
        return []
    pos, title, iob = doc.to_array([POS, IS_TITLE, ENT_IOB]).T
    mask = (pos == PROPN) & (title == 1) & ((iob == 0) | (iob == 2))
    edges = numpy.flatnonzero(numpy.diff(numpy.concatenate(([0], mask.view(numpy.int8), [0]))))
    return [doc[int(a):int(b)] for a, b in zip(edges[::2], edges[1::2])]


def _known(entries: tuple[Entry, ...]) -> bool:
    """A name well enough known to be a place after a bare "in": a country, state, big city or curated place."""
    return any(e.main and (e.population >= BIG or e.feature not in ("city", "county")) for e in entries)


def _surnames(ents: tuple[Span, ...]) -> set[str]:
    """Last names of the article's people: "Sadr" after "Moqtada al-Sadr" is the man, not Sadr City."""
    names = {gazetteer.key(e[-1].text) for e in ents if e.label_ == "PERSON" and len(e) > 1}
    return {n for n in names if n and not any(e.feature in ("country", "admin1") for e in gazetteer.lookup(n))}


def _speaks(span: Span) -> bool:
    """The subject of "said", "told": a person or an organisation, not a place."""
    root = span.root
    return root.dep_ == "nsubj" and root.head.lemma_ in cues()["speech_verbs"]


def _person_words(ents: tuple[Span, ...]) -> set[str]:
    """Every word of the article's full personal names: "Alexandria" alone after "Alexandria Smith" is her."""
    return {gazetteer.key(t.text) for e in ents if e.label_ == "PERSON" and len(e) > 1 for t in e}


def _adjectival(span: Span, entries: tuple[Entry, ...]) -> bool:
    """'Sadrist', 'Baathist': follower words the NER takes for places."""
    return not entries and span[-1].lower_.endswith(ADHERENT)


def _plausible_unknown(span: Span) -> bool:
    """A name the gazetteer lacks is kept when its words or its context say place: "Greer Station",
    "in Tskhinvali", "Hot Springs Drive"; a lone unknown name is as often a person the NER mislabelled."""
    return len(span) > 1 or _locative(span) or bool(_kind(span)) or _is_facility(span)


def _unmistakable(entries: tuple[Entry, ...], span: Span) -> bool:
    """Names that are places wherever they stand: countries, states, "X County". ("Kent", "Clare" are
    counties too, and people.)"""
    return any(e.main and e.feature in ("country", "admin1") and e.lat is not None for e in entries) or (
        len(span) > 1 and span[-1].text in ("County", "Parish"))


def _accept(span: Span, entries: tuple[Entry, ...], place_keys: set[str], place_tokens: set[int]) -> bool:
    """Whether a name the NER did not call a place is one after all."""
    kind = _kind(span)
    named_kind = kind and kind != "county" and span[-1].lower_ not in cues()["kind_of"]  # not "City of"
    return bool(named_kind or gazetteer.key(span.text) in place_keys
                or entries and (_unmistakable(entries, span) or _coordinated(span, place_tokens)
                                or _locative(span) and _known(entries) or _modifies_noun(span) and _town(entries)))


def _modifies_noun(span: Span) -> bool:
    """A name used as a modifier of a common noun ("an Alexandria man", "Dublin police"): a person's name
    does not stand there, a place's does. Not an acronym ("UN officials", "SEC rules")."""
    doc = span.doc
    if span.text.isupper() or span.end >= len(doc):
        return False
    after = doc[span.end]
    return after.pos_ == "NOUN" and after.is_lower and span.root.dep_ in ("compound", "nmod", "amod") and (
        span.root.head.i >= span.end)


def _town(entries: tuple[Entry, ...]) -> bool:
    return any(e.main and e.feature in ("city", "county") and e.population >= TOWN for e in entries)


def _embedded(org: Span, place_keys: set[str]) -> Span | None:
    """A place named inside an organisation's name: "Ohio State University", "Mansfield police"."""
    for n in range(min(3, len(org)), 0, -1):
        for i in range(len(org) - n + 1):
            sub = org[i:i + n]
            if not all((t.is_title or t.is_upper) and t.pos_ in ("PROPN", "ADJ") for t in sub):
                continue
            entries = gazetteer.lookup(sub.text)
            if gazetteer.key(sub.text) in place_keys or _unmistakable(entries, sub):
                return sub
    return None


def recognise(doc: Doc) -> list[tuple[Span, tuple[Entry, ...], str | None]]:
    """(span, gazetteer entries, kind) for every toponym of the document."""
    found: list[tuple[Span, tuple[Entry, ...], str | None]] = []
    doubtful: list[Span] = []
    orgs: list[Span] = []
    ents = doc.ents  # built anew on every access
    people = _surnames(ents)
    for ent in ents:
        span = _trim(ent, directions=ent.label_ != "ORG")
        if ent.label_ in PLACE_LABELS:
            span = _widen(span)
            entries = gazetteer.lookup(span.text)
            if ent.label_ == "FAC" and not entries and not _is_facility(span):
                orgs.append(span)  # "the White House", "the Hall County Jail": institutions, with places inside
                continue
            if gazetteer.key(span.text) in people or _adjectival(span, entries) or not (
                    entries or _plausible_unknown(span)):
                continue
            found.append((span, entries, _kind(span)))
        elif ent.label_ in RELABEL:
            doubtful.append(span)
            if ent.label_ == "ORG":
                orgs.append(span)
    doubtful += _propn_runs(doc)
    names_of_people = _person_words(ents)
    place_tokens = {i for s, _, _ in found for i in range(s.start, s.end)}
    accepted: set[int] = set()
    place_keys = {gazetteer.key(s.text) for s, entries, _ in found if entries}
    for _ in range(2):  # a town accepted once is a place wherever else it stands
        for span in doubtful:
            k = gazetteer.key(span.text)
            if span.start in accepted or k in people or k in names_of_people or _speaks(span):
                continue
            entries = gazetteer.lookup(span.text)
            if _accept(span, entries, place_keys, place_tokens):
                found.append((span, entries, _kind(span)))
                accepted.add(span.start)
        place_keys |= {gazetteer.key(s.text) for s, entries, _ in found if s.start in accepted and _town(entries)}
    place_keys = {gazetteer.key(s.text) for s, entries, _ in found if entries}
    for org in orgs:
        sub = None if org.start in accepted else _embedded(org, place_keys)
        if sub is not None:
            found.append((sub, gazetteer.lookup(sub.text), None))
    return sorted(found, key=lambda f: f[0].start)


def _qualifiers(doc: Doc, found: list) -> list:
    """Add the state or country after "Town, " when the NER missed it ("Louisville, Ky.")."""
    starts = {f[0].start for f in found}
    extra = []
    for span, _, _ in found:
        i = span.end
        if i + 1 < len(doc) and doc[i].text == "," and i + 1 not in starts:
            for n in (3, 2, 1):
                cand = doc[i + 1:i + 1 + n]
                if len(cand) == n and cand[0].is_title and any(
                        e.feature in ("admin1", "country") for e in gazetteer.lookup(cand.text)):
                    extra.append((cand, gazetteer.lookup(cand.text), None))
                    break
    return sorted(found + extra, key=lambda f: f[0].start)


# ---------------------------------------------------------------- resolution
def _candidates(mention_text: str, entries: tuple[Entry, ...], kind: str | None) -> tuple[Entry, ...]:
    if entries and len(mention_text) <= 3 and mention_text.isupper():
        return tuple(e for e in entries if e.feature != "city")  # "EU", "UN" are not the towns Eu and Un
    if entries:
        return entries
    if kind == "county" or mention_text.endswith((" County", " Parish")):
        return ()
    skeleton = gazetteer.loose_key(mention_text)
    return tuple(e for e in gazetteer.lookup_loose(mention_text)
                 if e.geonameid is None and e.lat is not None
                 or e.population >= LOOSE_MIN_POP and gazetteer.loose_key(e.name) == skeleton)


def _contains(outer: Entry, inner: Entry) -> bool:
    if outer.feature == "country":
        return inner.country == outer.country
    return outer.feature == "admin1" and inner.country == outer.country and inner.admin1 == outer.admin1


def _prior(e: Entry, kind: str | None) -> float:
    s = FEATURE_PRIOR.get(e.feature, 0.0)
    s += POPULATION_WEIGHT * math.log10(e.population + 1)
    s += 0.0 if e.main else -1.0
    s += CURATED if e.geonameid is None and e.feature not in ("admin1", "county") else 0.0  # curated supplement
    if kind:
        s += 0.8 if (kind == e.feature or kind == "district" and e.feature in ("city", "district")
                     or kind == "city" and e.feature == "district") else -0.3
    if e.lat is None and e.feature != "county":
        s -= 1.0
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
        return max(self.countries, key=self.countries.get, default=None)


def _focus(mentions: list[Mention]) -> Focus:
    countries, admin1s = Counter(), Counter()
    points, named, by_name = [], defaultdict(set), {}
    for m in mentions:
        e = m.choice
        if e is None or e.country is None:
            continue
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


def _proximity(e: Entry, focus: Focus, own: str) -> float:
    if e.lat is None or e.feature in ("country", "continent"):
        return 0.0
    near = min((gazetteer.km(e.lat, e.lon, la, lo) for la, lo, k in focus.points
                if k != own and abs(la - e.lat) < FAR_DEGREES), default=1e9)  # a degree of latitude is 111 km
    return 2.5 if near < 50 else 1.5 if near < 150 else 0.5 if near < 400 else 0.0


def _world_known(cands: tuple[Entry, ...]) -> bool:
    """Countries, continents and world cities: names that do not tell which state a local story is in."""
    return any(e.main and e.feature in ("country", "continent", "region") or e.population >= WORLD_CITY
               for e in cands)


def _regions(m: Mention) -> set[tuple[str, str]]:
    """The states a name may stand in; a world-known name ("Houston") stands in its famous one only."""
    if _world_known(m.cands):
        return {(e.country, e.admin1) for e in m.cands if e.admin1 and e.main and e.population >= WORLD_CITY}
    return {(e.country, e.admin1) for e in m.cands if e.admin1 and e.main}


def _support(heads: list[Mention]) -> None:
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
    return int(math.floor(lat / CELL_DEGREES)), int(math.floor(lon / CELL_DEGREES))


def _local(e: Entry) -> bool:
    return e.lat is not None and e.feature in ("city", "county", "district", "facility")


def _neighbours(heads: list[Mention]) -> None:
    """For each candidate town, the other names of the article that have a namesake within NEAR_KM of it:
    "Lebanon" and "Boone County" are both in many states, but near each other in one only. A name with
    many namesakes says less than one with few."""
    grid: dict[tuple[int, int], list[tuple[Entry, str, float]]] = defaultdict(list)
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


def _score(e: Entry, m: Mention, focus: Focus | None) -> float:
    s = _prior(e, m.kind)
    if m.neighbours:
        s += NEIGHBOURS * m.neighbours.get(e.id, 0.0)
    if e.admin1 and m.support:
        s += ADMIN1_SUPPORT * m.support.get((e.country, e.admin1), 0.0)
    if m.qualifier is not None and m.qualifier.choice is not None:
        s += 4.0 if _contains(m.qualifier.choice, e) else -4.0
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


def _country_over_village(cands: tuple[Entry, ...], m: Mention, focus: Focus | None) -> tuple[Entry, ...]:
    """"Russia", "California", "Middle East": a country, a state or a region the news names means that, not
    a village called so, unless a qualifier says otherwise ("Russia, Ohio") or, for a country, the
    article's other places surround the village (a local story about Lebanon, Indiana, that names Boone
    County and Zionsville)."""
    if m.qualifier is not None:
        return cands
    if any(e.main and e.feature in ("country", "continent", "region") for e in cands):
        own = gazetteer.key(m.text)
        return tuple(e for e in cands if e.feature != "city" or e.population >= WORLD_CITY
                     or focus is not None and _surrounded(e, focus, own))
    if any(e.main and e.feature == "admin1" and e.lat is not None for e in cands):
        return tuple(e for e in cands if e.feature != "city" or e.population >= CITY_OVER_PROVINCE)
    return cands


def _surrounded(e: Entry, focus: Focus, own: str) -> bool:
    """Whether the article's other places lie around `e` and in its state: evidence enough to read a
    famous name as a local one."""
    if e.lat is None or not e.admin1 or focus.admin1_share((e.country, e.admin1), own) < SURROUNDED_SHARE:
        return False
    return sum(1 for la, lo, k in focus.points if k != own and gazetteer.km(e.lat, e.lon, la, lo) < NEAR_KM) >= 1


def _own_names_first(cands: tuple[Entry, ...]) -> tuple[Entry, ...]:
    """A place called by its own name beats one for which it is only a variant spelling, unless the
    variant's place is the biggest ("Basra" is the variant of Basrah, 1.3 million, over a Basra village;
    "Mecca" is Makkah, though it is also a variant name of a town in Ohio)."""
    top = max((e.population for e in cands if e.main), default=-1)
    biggest = max((e.population for e in cands), default=-1)
    return tuple(e for e in cands if e.main or e.population > top and e.population == biggest)


def _city_over_province(cands: tuple[Entry, ...], kind: str | None) -> tuple[Entry, ...]:
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


def _choose(m: Mention, focus: Focus | None) -> None:
    if not m.cands:
        return
    cands = _country_over_village(_city_over_province(_own_names_first(m.cands), m.kind), m, focus)
    scored = sorted(((_score(e, m, focus), e) for e in cands), key=lambda t: -t[0])
    best, e = scored[0]
    runner_up = scored[1][0] if len(scored) > 1 else best - 3.0
    m.choice, m.confidence = e, min(1.0, 0.3 + (best - runner_up) / 3.0)
    m.point = (e.lat, e.lon) if e.lat is not None else None


def _choose_qualifier(m: Mention) -> None:
    """"Athens, Georgia": the Georgia that holds an Athens, if there is one."""
    q = m.qualifier
    holding = [e for e in q.cands if any(_contains(e, c) for c in m.cands)]
    if holding:
        e = max(holding, key=lambda e: _prior(e, None))
        q.choice, q.confidence, q.point = e, 1.0, (e.lat, e.lon) if e.lat is not None else None
    else:
        _choose(q, None)


def _groups(mentions: list[Mention]) -> dict[tuple, list[Mention]]:
    """Mentions by name and qualifier, the qualified one first. One sense per article: a bare name
    joins the first qualified mention of it ("Athens, Greece, ... in Athens")."""
    first_qualifier: dict[str, str] = {}
    for m in mentions:
        if m.qualifier:
            first_qualifier.setdefault(gazetteer.key(m.text), gazetteer.key(m.qualifier.text))
    groups: dict[tuple, list[Mention]] = defaultdict(list)
    for m in mentions:
        k = gazetteer.key(m.text)
        q = gazetteer.key(m.qualifier.text) if m.qualifier else first_qualifier.get(k)
        groups[(k, q)].append(m)
    for g in groups.values():
        g.sort(key=lambda m: m.qualifier is None)  # stable: the first qualified mention leads
    return groups


def _resolve(mentions: list[Mention]) -> None:
    """A few rounds: pick, see what the article is about, pick again in that light."""
    groups = _groups(mentions)
    heads = [g[0] for g in groups.values()]
    _support(heads)
    _neighbours(heads)
    for m in heads:
        if m.qualifier:
            _choose_qualifier(m)
    focus = None
    for _ in range(ROUNDS):
        for m in heads:
            _choose(m, focus)
        focus = _focus(_spread(groups))
    _place_unlocated(heads, focus)
    _spread(groups)


def _spread(groups: dict) -> list[Mention]:
    """Every mention with its group's choice, so that a name said ten times weighs ten times."""
    out = []
    for g in groups.values():
        for m in g:
            m.choice, m.confidence, m.point = g[0].choice, g[0].confidence, g[0].point
            out.append(m)
    return out


def _main_city(focus: Focus, country: str | None, admin1: str | None, heads: list[Mention]) -> Mention | None:
    """The most-mentioned town of the article in that country (and state, when known)."""
    towns = [m for m in heads if m.choice and m.point and m.choice.feature in ("city", "district")
             and m.choice.country == country and (admin1 is None or m.choice.admin1 == admin1)]
    return max(towns, key=lambda m: (m.confidence, m.choice.population), default=None)


def _place_unlocated(heads: list[Mention], focus: Focus) -> None:
    """Counties and unknown districts sit where the article's town is (the news is local)."""
    top = focus.top_country()
    for m in heads:
        e = m.choice
        if e is not None and e.lat is None and e.feature == "county":
            town = _main_city(focus, e.country, e.admin1, heads)
            state = gazetteer.admin1(e.country, e.admin1) if e.admin1 else None
            m.point = town.point if town else (state.lat, state.lon) if state else None
        elif e is None and m.kind == "district" and top:
            town = _main_city(focus, top, None, heads)
            if town:
                m.point, m.choice, m.within = town.point, None, town.choice


# ---------------------------------------------------------------- output
def _link_qualifiers(found: list) -> list[Mention]:
    mentions = [Mention(s.start_char, s.end_char, s.text, _candidates(s.text, entries, kind), kind)
                for s, entries, kind in found]
    spans = [s for s, _, _ in found]
    for i, (a, b) in enumerate(zip(mentions, mentions[1:])):
        listed = i > 0 and _comma_between(spans[i - 1], spans[i]) and _regional(mentions[i - 1])
        if not listed and _comma_between(spans[i], spans[i + 1]) and any(
                e.feature in ("admin1", "country") for e in b.cands):
            a.qualifier = b
    return mentions


def _regional(m: Mention) -> bool:
    """A state or country: one that starts a list ("Georgia, Oklahoma, Pennsylvania"), not a qualifier."""
    return any(e.main and e.feature in ("admin1", "country") for e in m.cands)


def _comma_between(a: Span, b: Span) -> bool:
    return b.start == a.end + 1 and a.doc[a.end].text == ","


def _place(m: Mention) -> Place:
    e = m.choice
    lat, lon = m.point if m.point else (None, None)
    if e is None:
        town = m.within
        return Place(m.text, m.start, m.end, m.text, gazetteer.country_name(town.country) if town else None,
                     town.admin1 if town else None, lat, lon, None, m.kind or "unknown")
    admin1 = e.admin1 if e.feature != "country" else None
    return Place(m.text, m.start, m.end, e.name, gazetteer.country_name(e.country), admin1, lat, lon, e.geonameid, e.feature)


@facet("places")
def FACET(inp: FacetInput) -> list[Place]:
    """Toponyms recognised in the text and resolved offline, each with its country and coordinates."""
    found = _qualifiers(inp.doc, recognise(inp.doc))
    mentions = _link_qualifiers(found)
    _resolve(mentions)
    return [_place(m) for m in mentions]
