"""Toponyms, recognised and resolved to coordinates offline. Built by issue 4.

Recognition: spaCy's GPE/LOC/FAC spans, plus gazetteer names the NER missed or mislabelled when the
context says "place" ("the district of X", "X area", "in X", "Sadr City and X"). Adjectives and
organisations are not places.

Resolution, as a careful reader does it: a qualifier wins ("Springfield, Illinois"); then the country and
state the article is about and the places named with it; population only breaks ties. One sense per
name per article.
"""
from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Span

from . import gazetteer
from .gazetteer import Entry
from .record import Place

PLACE_LABELS = {"GPE", "LOC", "FAC"}
RELABEL = {"PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "EVENT", ""}  # labels the NER gives places it misses
BIG = 50_000  # population above which a bare "in X" is enough to call X a place
ROUNDS = 3  # pick, see what the article is about, pick again
CITY_OVER_PROVINCE = 100_000  # a city this big means the city, not the province named after it
WORLD_CITY = 1_000_000  # a city this big is known beyond its state
LOOSE_MIN_POP = 100_000  # a spelling the data lacks is trusted for curated places and big cities only
# Scores add up like log-odds: population gives POPULATION_WEIGHT per tenfold, the rest is context.
FEATURE_PRIOR = {"country": 2.0, "admin1": 1.5, "continent": 2.0, "region": 1.0}
POPULATION_WEIGHT = 0.45
CURATED = 2.5  # the supplement's districts and bases are there because news names them
COUNTRY_FOCUS, ADMIN1_FOCUS = 2.0, 2.0  # times the article's share of mentions in that country / state
ADMIN1_SUPPORT = 2.0  # for the state best supported by the article's other names
NAMED_COUNTRY = 1.0  # for a place in a country the article names
ADHERENT = ("ist", "ists", "ite", "ites")


@lru_cache(maxsize=1)
def cues() -> dict:
    data = json.loads(resources.files("dateline.data").joinpath("places_cues.json").read_text(encoding="utf-8"))
    return {"kind_of": data["kind_of"], "locative": frozenset(data["locative"]),
            "modifiers": frozenset(data["modifiers"]), "facility_words": frozenset(data["facility_words"])}


@dataclass
class Mention:
    start: int  # character offsets
    end: int
    text: str
    cands: tuple[Entry, ...]
    kind: str | None = None  # what the context calls it: city, district, admin1, ...
    qualifier: "Mention | None" = None  # "Springfield, Illinois": the Illinois mention
    support: dict[tuple[str, str], float] | None = None  # states that hold the article's other names
    choice: Entry | None = None
    confidence: float = 0.0
    point: tuple[float, float] | None = None


# ---------------------------------------------------------------- recognition
def _trim(span: Span) -> Span:
    """Without a leading article or direction word ("the southern Iraq" → "Iraq"), nor a trailing "'s"."""
    start, end = span.start, span.end
    doc = span.doc
    while end > start + 1 and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1
    while start < end - 1 and (doc[start].lower_ == "the" or doc[start].lower_ in cues()["modifiers"]
                               and not gazetteer.lookup(doc[start:end].text)):
        start += 1
    return doc[start:end]


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


def _propn_runs(doc: Doc, taken: set[int]) -> list[Span]:
    """Capitalised proper-noun runs outside any entity: names the NER did not see at all."""
    runs, i = [], 0
    while i < len(doc):
        if doc[i].pos_ == "PROPN" and doc[i].is_title and i not in taken and doc[i].ent_type_ == "":
            j = i
            while j + 1 < len(doc) and doc[j + 1].pos_ == "PROPN" and doc[j + 1].is_title and doc[j + 1].ent_type_ == "":
                j += 1
            runs.append(doc[i:j + 1])
            i = j + 1
        else:
            i += 1
    return runs


def _known(entries: tuple[Entry, ...]) -> bool:
    """A name well enough known to be a place after a bare "in": a country, state, big city or curated place."""
    return any(e.main and (e.population >= BIG or e.feature not in ("city", "county")) for e in entries)


def _surnames(doc: Doc) -> set[str]:
    """Last names of the article's people: "Sadr" after "Moqtada al-Sadr" is the man, not Sadr City."""
    names = {gazetteer.key(e[-1].text) for e in doc.ents if e.label_ == "PERSON" and len(e) > 1}
    return {n for n in names if n and not any(e.feature in ("country", "admin1") for e in gazetteer.lookup(n))}


def _adjectival(span: Span, entries: tuple[Entry, ...]) -> bool:
    """'Sadrist', 'Baathist': follower words the NER takes for places."""
    return not entries and span[-1].lower_.endswith(ADHERENT)


def _plausible_unknown(span: Span) -> bool:
    """A name the gazetteer lacks is kept when its words or its context say place: "Greer Station",
    "in Tskhinvali", "Hot Springs Drive"; a lone unknown name is as often a person the NER mislabelled."""
    return len(span) > 1 or _locative(span) or bool(_kind(span)) or _is_facility(span)


def _unmistakable(entries: tuple[Entry, ...], span: Span) -> bool:
    """Names that are places wherever they stand: countries, states, "X County"."""
    return any(e.main and e.feature in ("country", "admin1", "county") and (e.lat is not None or e.feature == "county")
               for e in entries) or (
        len(span) > 1 and span[-1].text in ("County", "Parish"))


def _accept(span: Span, entries: tuple[Entry, ...], place_keys: set[str], place_tokens: set[int]) -> bool:
    """Whether a name the NER did not call a place is one after all."""
    kind = _kind(span)
    named_kind = kind and kind != "county" and span[-1].lower_ not in cues()["kind_of"]  # not "City of"
    return bool(named_kind or gazetteer.key(span.text) in place_keys
                or entries and (_unmistakable(entries, span) or _coordinated(span, place_tokens)
                                or _locative(span) and _known(entries)))


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
    people = _surnames(doc)
    for ent in doc.ents:
        span = _trim(ent)
        if ent.label_ in PLACE_LABELS:
            entries = gazetteer.lookup(span.text)
            if ent.label_ == "FAC" and not entries and not _is_facility(span):
                continue  # "the White House", "the Pentagon": institutions, not places
            if gazetteer.key(span.text) in people or _adjectival(span, entries) or not (
                    entries or _plausible_unknown(span)):
                continue
            found.append((span, entries, _kind(span)))
        elif ent.label_ in RELABEL:
            doubtful.append(span)
            if ent.label_ == "ORG":
                orgs.append(span)
    doubtful += _propn_runs(doc, {t.i for e in doc.ents for t in e})
    place_keys = {gazetteer.key(s.text) for s, entries, _ in found if entries}
    place_tokens = {i for s, _, _ in found for i in range(s.start, s.end)}
    accepted: set[int] = set()
    for span in doubtful:
        entries = gazetteer.lookup(span.text)
        if gazetteer.key(span.text) not in people and _accept(span, entries, place_keys, place_tokens):
            found.append((span, entries, _kind(span)))
            accepted.add(span.start)
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
    if entries:
        return entries
    if kind == "county" or mention_text.endswith((" County", " Parish")):
        return ()
    return tuple(e for e in gazetteer.lookup_loose(mention_text)
                 if e.geonameid is None and e.lat is not None or e.population >= LOOSE_MIN_POP)


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
    """What the article is about: shares of countries and states, and the points already placed."""

    countries: dict[str, float]
    admin1s: dict[tuple[str, str], float]
    named: dict[str, set[str]]  # country → the keys of the mentions that name it
    points: list[tuple[float, float, str]]  # lat, lon, surface key


def _focus(mentions: list[Mention]) -> Focus:
    countries, admin1s = Counter(), Counter()
    points, named = [], defaultdict(set)
    for m in mentions:
        e = m.choice
        if e is None or e.country is None:
            continue
        if e.feature == "country":
            named[e.country].add(gazetteer.key(m.text))
        w = m.confidence
        countries[e.country] += w
        if e.admin1 and e.feature != "country":
            admin1s[(e.country, e.admin1)] += w
        if m.point and e.feature not in ("country", "continent", "admin1", "region", "water"):
            points.append((*m.point, gazetteer.key(m.text)))
    tc, ta = sum(countries.values()) or 1.0, sum(admin1s.values()) or 1.0
    return Focus({k: v / tc for k, v in countries.items()}, {k: v / ta for k, v in admin1s.items()}, named, points)


def _proximity(e: Entry, focus: Focus, own: str) -> float:
    if e.lat is None or e.feature in ("country", "continent"):
        return 0.0
    near = min((gazetteer.km(e.lat, e.lon, la, lo) for la, lo, k in focus.points if k != own), default=1e9)
    return 2.5 if near < 50 else 1.5 if near < 150 else 0.5 if near < 400 else 0.0


def _world_known(cands: tuple[Entry, ...]) -> bool:
    """Countries, continents and world cities: names that do not tell which state a local story is in."""
    return any(e.main and (e.feature in ("country", "continent", "region") or e.population >= WORLD_CITY)
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


def _score(e: Entry, m: Mention, focus: Focus | None) -> float:
    s = _prior(e, m.kind)
    if e.admin1 and m.support:
        s += ADMIN1_SUPPORT * m.support.get((e.country, e.admin1), 0.0)
    if m.qualifier is not None and m.qualifier.choice is not None:
        s += 4.0 if _contains(m.qualifier.choice, e) else -4.0
    if focus is not None:
        s += COUNTRY_FOCUS * focus.countries.get(e.country, 0.0)
        own = {gazetteer.key(m.text)}
        if focus.named.get(e.country, set()) - own:
            s += NAMED_COUNTRY
        if e.admin1 and e.feature != "admin1":
            s += ADMIN1_FOCUS * focus.admin1s.get((e.country, e.admin1), 0.0)
        s += _proximity(e, focus, gazetteer.key(m.text))
    return s


def _country_over_village(cands: tuple[Entry, ...], m: Mention) -> tuple[Entry, ...]:
    """"Russia", "Middle East": a country or a region the news names means that, not a village called so,
    unless a qualifier says otherwise ("Russia, Ohio")."""
    if m.qualifier is not None or not any(e.main and e.feature in ("country", "continent", "region") for e in cands):
        return cands
    return tuple(e for e in cands if e.feature != "city" or e.population >= WORLD_CITY)


def _own_names_first(cands: tuple[Entry, ...]) -> tuple[Entry, ...]:
    """A place called by its own name beats one for which it is only a variant spelling, unless the
    variant's place is the bigger ("Basra" is the variant of Basrah, 1.3 million, over a Basra village)."""
    top = max((e.population for e in cands if e.main), default=-1)
    return tuple(e for e in cands if e.main or e.population > top)


def _city_over_province(cands: tuple[Entry, ...], kind: str | None) -> tuple[Entry, ...]:
    """"Basra", "Najaf": a big city with the name of its province means the city, unless the context
    says "province". ("New York" is the state: the city's own name is New York City.)"""
    if kind == "admin1":
        return cands
    cities = {e.country for e in cands if e.feature == "city" and e.population >= CITY_OVER_PROVINCE
              and gazetteer.loose_key(e.name) in {gazetteer.loose_key(p.name) for p in cands if p.feature == "admin1"}}
    return tuple(e for e in cands if not (e.feature == "admin1" and e.country in cities)) or cands


def _choose(m: Mention, focus: Focus | None) -> None:
    if not m.cands:
        return
    cands = _country_over_village(_city_over_province(_own_names_first(m.cands), m.kind), m)
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


def _resolve(mentions: list[Mention]) -> None:
    """A few rounds: pick, see what the article is about, pick again in that light."""
    groups: dict[tuple, list[Mention]] = defaultdict(list)
    for m in mentions:
        q = gazetteer.key(m.qualifier.text) if m.qualifier else None
        groups[(gazetteer.key(m.text), q)].append(m)
    heads = [g[0] for g in groups.values()]
    _support(heads)
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
    top = max(focus.countries, key=focus.countries.get, default=None)
    for m in heads:
        e = m.choice
        if e is not None and e.lat is None and e.feature == "county":
            town = _main_city(focus, e.country, e.admin1, heads)
            state = gazetteer.admin1(e.country, e.admin1) if e.admin1 else None
            m.point = town.point if town else (state.lat, state.lon) if state else None
        elif e is None and m.kind == "district" and top:
            town = _main_city(focus, top, None, heads)
            if town:
                m.point, m.choice = town.point, None


# ---------------------------------------------------------------- output
def _link_qualifiers(found: list, doc: Doc) -> list[Mention]:
    mentions = [Mention(s.start_char, s.end_char, s.text, _candidates(s.text, entries, kind), kind)
                for s, entries, kind in found]
    text = doc.text  # rebuilt from the tokens on every access
    for a, b, (sa, _, _), (sb, _, _) in zip(mentions, mentions[1:], found, found[1:]):
        between = text[sa.end_char:sb.start_char]
        if between.strip() == "," and any(e.feature in ("admin1", "country") for e in b.cands):
            a.qualifier = b
    return mentions


@lru_cache(maxsize=512)
def _country_name(iso2: str | None) -> str | None:
    e = gazetteer.country(iso2) if iso2 else None
    return e.name if e else iso2


def _place(m: Mention) -> Place:
    e = m.choice
    lat, lon = m.point if m.point else (None, None)
    if e is None:
        return Place(m.text, m.start, m.end, m.text, None, None, lat, lon, None, m.kind or "unknown")
    admin1 = e.admin1 if e.feature != "country" else None
    return Place(m.text, m.start, m.end, e.name, _country_name(e.country), admin1, lat, lon, e.geonameid, e.feature)


def extract(ctx) -> list[Place]:
    found = _qualifiers(ctx.doc, recognise(ctx.doc))
    mentions = _link_qualifiers(found, ctx.doc)
    _resolve(mentions)
    return [_place(m) for m in mentions]
