"""Event arguments: actors, location, date, fatalities; merging of repeated mentions.

Each event is anchored at its trigger token (else the root of its first evidence sentence). Its arguments
come from the facets already in the record, chosen by the parse: the place and time expression attached
to the trigger's clause first, then the sentence's, then the paragraph's, then the article's focus.
Actors are normalised by the actor dictionary (`lexicon.actors`, with the user's file), deaths are
counted from the syntax of death words (data/arguments/arguments.yaml) and the quantities facet. Mentions of one
event are merged, keeping all their evidence.

A place written as ACLED notes write the coded location, "Oicha (Beni, Nord-Kivu)", is the event's place
in its sentence, resolved within the country and near the units of its bracket. What follows an event
can recode it: a missile intercepted is disrupted weapons use, and the authorities' response to a protest
or riot (dispersal, arrests, lethal force) is part of that event.
"""
from __future__ import annotations

import bisect
import copy
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from ... import lexicon
from ...lexicon import gazetteer
from ...lexicon.actors import ActorBook
from ...nlp.context import FacetInput
from ...record import Actor, Event, EventDate, EventLocation, Evidence, Fatalities, Place, Quantity, Time
from ..base import facet

VIOLENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}
ONE_SIDED_TYPES = {"Explosions/Remote violence", "Violence against civilians"}  # the dead are the target
# The class of actor1 when the text names none, by event type or sub-type: bombs and attacks on civilians
# by unnamed perpetrators are an unidentified armed group's; air strikes and shelling are nobody's guess.
DEFAULT_ACTOR = {"Protests": "protesters", "Riots": "rioters", "Violence against civilians": "gunmen",
                 "Remote explosive/landmine/IED": "gunmen", "Suicide bomb": "gunmen", "Grenade": "gunmen"}
PRECISION = {"city": "town", "town": "town", "village": "town", "district": "district", "facility": "district",
             "neighbourhood": "district", "neighborhood": "district", "admin2": "region", "admin1": "region",
             "region": "region", "county": "region", "water": "region", "country": "country",
             "continent": "country"}
RANK = {"district": 0, "town": 1, "region": 2, "country": 3}
PROTEST_SEVERITY = ["Peaceful protest", "Protest with intervention", "Excessive force against protesters"]
PARAGRAPH_BREAK = re.compile(r"\n\s*")
NOT_ACTORS = {"DATE", "TIME", "GPE", "LOC", "FAC"}
NOT_COUNTS = {"DATE", "TIME", "PERCENT", "MONEY", "ORDINAL", "QUANTITY"}
CONTINUATION_SENTENCES = 3
DEFINITE = {"the", "this", "that", "these", "those"}  # how far after an event its deaths may still be reported


@lru_cache(maxsize=1)
def _words() -> dict[str, Any]:
    data = lexicon.load("arguments/arguments.yaml")
    return {
        "death_verbs": set(data["death_verbs"]),
        "death_nouns": set(data["death_nouns"]),
        "remains_nouns": set(data["remains_nouns"]),
        "numbers": {str(k).lower(): v for k, v in data["numbers"].items()},
        "place_preps": set(data["place_preps"]),
        "qualified": _qualified_regex(data["place_types"], data["name_particles"]),
        "unit_word": re.compile(rf"\s+(?:{'|'.join(map(re.escape, data['place_types']))})$", re.IGNORECASE),
        "intervention": {str(w).lower() for w in data["intervention_words"]},
        "demands": {str(w).lower() for w in data["demand_words"]},
        "disruption": {str(w).lower() for w in data["disruption_words"]},
        "additional": {str(w).lower() for w in data["additional_words"]},
    }


def _qualified_regex(types: list[str], particles: list[str]) -> re.Pattern:
    """A capitalised name, an optional place type, then a bracket of capitalised names: "Tame (Arauca)"."""
    word = r"[A-Z][\w'’.-]*"
    particle = "|".join(map(re.escape, particles))
    name = rf"{word}(?:[ -](?:(?:{particle})[ -])?{word}){{0,4}}"
    kinds = "|".join(map(re.escape, types))
    return re.compile(rf"(?<![\w-])({name})(?:\s+(?:{kinds}))?\s*\(({word}[^()\n\[\]]{{0,80}})\)")


# ---------------------------------------------------------------- the document, indexed once
@dataclass
class Sheet:
    """The parsed document with the facets indexed by sentence and paragraph."""

    doc: Doc
    text: str  # the record's text (Doc.text is rebuilt from the tokens on each access)
    published: dt.date | None
    sents: list[Span]
    starts: list[int]
    paragraphs: list[int]  # start offsets of paragraphs
    places: dict[int, list[Place]] = field(default_factory=dict)
    times: dict[int, list[Time]] = field(default_factory=dict)
    quantities: dict[int, list[Quantity]] = field(default_factory=dict)
    focus: Place | None = None
    country: str | None = None
    country_place: Place | None = None  # the most mentioned country, the place of last resort
    triggers: set[int] = field(default_factory=set)  # sentence indexes holding an event trigger
    not_counts: set[int] = field(default_factory=set)  # tokens of dates, money, percents: never death tolls
    not_places: list[tuple[int, int]] = field(default_factory=list)  # names NER reads as people, groups
    deaths: dict[int, tuple[int, int, int] | None] = field(default_factory=dict)  # per sentence, computed once
    bracketed: set[int] = field(default_factory=set)  # starts of places named with their units in brackets
    additional: set[int] = field(default_factory=set)  # sentences whose deaths add to those told before
    reported: set[int] = field(default_factory=set)  # events dated by another clause of their sentence

    def sentence(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.starts, char) - 1)

    def paragraph(self, char: int) -> int:
        return bisect.bisect_right(self.paragraphs, char) - 1

    def token(self, start: int, end: int) -> Token | None:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return span.root if span is not None and len(span) else None


def _sheet(inp: FacetInput) -> Sheet:
    doc = inp.doc
    sents = list(doc.sents)
    paragraphs = [0] + [m.end() for m in PARAGRAPH_BREAK.finditer(inp.text)]
    sheet = Sheet(doc, inp.text, inp.published, sents, [s.start_char for s in sents], paragraphs)
    ents = doc.ents  # computed over the whole Doc on each access: read once
    sheet.not_counts = {tok.i for e in ents if e.label_ in NOT_COUNTS for tok in e}
    sheet.not_places = [(e.start_char, e.end_char) for e in ents if e.label_ not in ("GPE", "LOC", "FAC")]
    bracketed, brackets = _bracketed_places(inp.text, inp["places"])
    places = [p for p in inp["places"] if not _inside_name(sheet, p)
              and not any(s < p.end and p.start < e for s, e in brackets)] + bracketed
    sheet.bracketed = {p.start for p in bracketed}
    for name, items in (("places", places), ("times", inp["times"]), ("quantities", inp["quantities"])):
        index: dict[int, list] = {}
        for item in items or []:
            index.setdefault(sheet.sentence(item.start), []).append(item)
        setattr(sheet, name, index)
    sheet.focus, sheet.country = _focus(places)
    sheet.country_place = next((p for p in places if _precision(p) == "country" and p.country == sheet.country
                                and p.lat is not None), None)
    return sheet


# ---------------------------------------------------------------- places named with their units in brackets
def _bracketed_places(text: str, found: list[Place]) -> tuple[list[Place], list[tuple[int, int]]]:
    """Places named as ACLED notes name the coded location, "Oicha (Beni, Nord-Kivu)": the places facet's
    reading when it lies in the bracket's country and units, else the gazetteer's within them; and the
    spans of the name and its bracket, whose other toponyms place nothing."""
    places, spans = [], []
    unit_word = _words()["unit_word"]
    by_start = {p.start: p for p in found if p.lat is not None and PRECISION.get(p.feature) in ("town", "district")}
    for m in _words()["qualified"].finditer(text):
        name = unit_word.sub("", m.group(1))  # "Kaura Namoda LGA"
        units = tuple(unit_word.sub("", u.strip()) for u in m.group(2).split(",") if u.strip())
        countries, points = _bracket_context(name, units)
        if not countries:
            continue
        seen = by_start.get(m.start(1))
        if seen is not None and seen.country in {gazetteer.country_name(c) for c in countries} and _near(seen, points):
            place = Place(name, m.start(1), m.start(1) + len(name), seen.name, seen.country, seen.admin1,
                          seen.lat, seen.lon, seen.geonameid, seen.feature)
        else:
            place = _gazetteer_bracketed(name, m.start(1), units)
        if place is not None:
            places.append(place)
            spans.append((m.start(1), m.end(2)))
    return places, spans


def _gazetteer_bracketed(name: str, start: int, units: tuple[str, ...]) -> Place | None:
    found = _resolve_bracketed(name, units)
    if found is None:
        return None
    entry, feature = found
    return Place(name, start, start + len(name), entry.name if feature == "city" else name,
                 _country_of(entry), entry.admin1, entry.lat, entry.lon, entry.geonameid, feature)


def _towns(entries, countries: set[str]) -> list[gazetteer.Entry]:
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
    sure the spelling is (1 exact, 0.5 a guess: "Hiraan" for Hiiraan, "Lasta" for Leste)."""
    exact = gazetteer.lookup(name)
    entries = exact or tuple(e for e in gazetteer.lookup_loose(name) if e.feature == "admin1")
    own = [e for e in entries if e.main] or entries  # "Chin" is Myanmar's state before it is Qinzhou
    weight: Counter = Counter()
    for e in own:
        if e.country:
            weight[e.country] = max(weight[e.country], e.population, 1000)
    return weight, 1.0 if exact else 0.5


def _country_of_town(name: str) -> set[str]:
    towns = [e for e in gazetteer.lookup(name) if e.lat is not None and e.main and not _hamlet(e)
             and PRECISION.get(e.feature) == "town"]
    return {max(towns, key=lambda e: e.population).country} if towns else set()


def _abbreviation(word: str) -> bool:
    return "." in word or (word.isupper() and len(word) <= 5)


def _near(entry: gazetteer.Entry, points: list[tuple[float, float, float]]) -> bool:
    return not points or any(gazetteer.km(entry.lat, entry.lon, lat, lon) < radius for lat, lon, radius in points)


ADMIN = ("admin1", "admin2", "region", "county")
HAMLET = 1000  # a unit found only as a hamlet is a province the gazetteer lacks ("Michoacan"): it places nothing


def _unit_entries(unit: str, countries: set[str]) -> list[gazetteer.Entry]:
    """What a bracketed unit is: a province when one has its name ("Para" is the state, not the city also
    called so), else the towns of that name."""
    entries = [e for e in gazetteer.lookup(unit) if e.country in countries]
    return [e for e in entries if e.feature in ADMIN] or entries


def _hamlet(e: gazetteer.Entry) -> bool:
    return 0 < e.population < HAMLET  # 0: not known


def _unit_points(units: tuple[str, ...], countries: set[str]) -> list[tuple[float, float, float]]:
    """Where the units are, with how far a place inside them may lie: a town's surroundings, or a wide
    radius around a province's nominal centre."""
    return [(e.lat, e.lon, 500.0 if e.feature in ADMIN else 150.0)
            for u in units for e in _unit_entries(u, countries)
            if e.lat is not None and e.main and (e.feature in ADMIN or not _hamlet(e))]  # "San Roman" is not San Ramón


@lru_cache(maxsize=4096)
def _bracket_context(name: str, units: tuple[str, ...]) -> tuple[frozenset[str], tuple]:
    """The countries a bracketed name may be in, and where its units are."""
    countries = frozenset(_bracket_countries(name, units))
    return countries, tuple(_unit_points(units, countries))


@lru_cache(maxsize=4096)
def _resolve_bracketed(name: str, units: tuple[str, ...]) -> tuple[gazetteer.Entry, str] | None:
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


def _holding_unit(units: tuple[str, ...], countries: frozenset[str]) -> tuple[gazetteer.Entry, str] | None:
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


def _inside_name(sheet: Sheet, place: Place) -> bool:
    """A toponym that begins the name of an organisation or a work ("the New York Times") places nothing."""
    return any(s <= place.start and place.end < e and re.match(r"\s+[A-Z]", sheet.text[place.end : e])
               for s, e in sheet.not_places)


def _claimed(sheet: Sheet, start: int, end: int) -> bool:
    """A name NER reads as a person or an organisation, but not "Bangui (Bangui)" read as one."""
    return any(s <= start and end <= e and not sheet.text[s:e].endswith(")") for s, e in sheet.not_places)


def _focus(places: list[Place]) -> tuple[Place | None, str | None]:
    """The article's most mentioned place below country level (earliest on a tie) and its country."""
    local = [p for p in places if p.lat is not None and _precision(p) != "country"]
    countries = Counter(p.country for p in places if p.country)
    if not local:
        return None, countries.most_common(1)[0][0] if countries else None
    counts = Counter(p.name for p in local)
    best = max(local, key=lambda p: (counts[p.name], -p.start))
    return best, best.country or (countries.most_common(1)[0][0] if countries else None)


# ---------------------------------------------------------------- anchoring and attachment
def _anchor(sheet: Sheet, ev: Event) -> Token | None:
    if ev.trigger is not None and not _inside_time(sheet, ev):
        tok = sheet.token(ev.trigger.start, ev.trigger.end)
        if tok is not None:
            return tok
    if ev.evidence:
        return sheet.sents[sheet.sentence(ev.evidence[0].start)].root
    return None


def _clause(tok: Token) -> Token:
    """The verb that governs a token (the token itself when it is a verb)."""
    cur = tok
    for _ in range(8):
        if cur.pos_ in ("VERB", "AUX") or cur.head is cur:
            return cur
        cur = cur.head
    return cur


def _targets(anchor: Token) -> set[int]:
    """The tokens an argument may hang from: the trigger, the words up to its verb, and that verb."""
    clause = _clause(anchor)
    out, cur = {anchor.i, clause.i}, anchor
    while cur.i != clause.i and cur.head is not cur and len(out) < 8:  # "a ceasefire agreement in Bangui"
        cur = cur.head
        out.add(cur.i)
    if clause.dep_ == "conj":
        out.add(clause.head.i)
    return out


def _attached(tok: Token, anchor: Token, targets: set[int]) -> bool:
    """True when tok's head chain reaches the event's clause without crossing another verb, or the
    anchor's head chain reaches tok (a trigger inside a time phrase: "six days of fighting")."""
    cur = tok
    for _ in range(10):
        if cur.i in targets:
            return True
        if cur.head is cur or (cur is not tok and cur.pos_ in ("VERB", "AUX")):
            break
        cur = cur.head
    cur = anchor
    for _ in range(6):
        if cur.i == tok.i:
            return True
        if cur.head is cur or (cur is not anchor and cur.pos_ in ("VERB", "AUX")):
            return False
        cur = cur.head
    return False


def _pick(items: list, sheet: Sheet, anchor: Token, rank) -> Any | None:
    """The best item by (attached first, rank, distance to the anchor)."""
    targets = _targets(anchor)
    scored = []
    for item in items:
        tok = sheet.token(item.start, item.end)
        if tok is None:
            continue
        attached = _attached(tok, anchor, targets)
        scored.append(((not attached, rank(item), abs(item.start - anchor.idx)), item))
    return min(scored, key=lambda s: s[0])[1] if scored else None


def _paragraph_before(index: dict[int, list], sheet: Sheet, anchor: Token, keep) -> list:
    """Items of the anchor's paragraph that come before its sentence, nearest last."""
    para = sheet.paragraph(anchor.idx)
    here = sheet.sentence(anchor.idx)
    out = []
    for i in range(here - 1, -1, -1):
        if sheet.paragraph(sheet.starts[i]) != para:
            break
        out = [x for x in index.get(i, []) if keep(x)] + out
    return out


# ---------------------------------------------------------------- location
def _precision(place: Place) -> str:
    return PRECISION.get(place.feature, "town")


def _location(sheet: Sheet, anchor: Token) -> EventLocation | None:
    """The place the event attaches to, else the sentence's, the paragraph's, the article's focus, its country."""
    here = sheet.sentence(anchor.idx)
    bracketed = [p for p in sheet.places.get(here, []) if p.start in sheet.bracketed]
    if bracketed:  # the note's coded location
        return _as_location(_pick(bracketed, sheet, anchor, lambda p: RANK[_precision(p)]) or bracketed[0])
    in_sentence = [p for p in sheet.places.get(here, []) if not _nationality_use(sheet, p)]
    best = _pick(in_sentence, sheet, anchor, lambda p: (p.lat is None, RANK[_precision(p)]))
    if best is not None and _precision(best) == "country" and not _attached_place(sheet, best, anchor):
        best = None  # a country named in passing says less than the paragraph's town
    if best is None:
        local = _paragraph_before(sheet.places, sheet, anchor,
                                  lambda p: _precision(p) != "country" and not _nationality_use(sheet, p))
        best = local[-1] if local else sheet.focus
    if best is None or not _attached_place(sheet, best, anchor):
        missed = _unresolved_toponym(sheet, anchor)
        if missed is not None:
            return _as_location(missed) if isinstance(missed, Place) else missed
    if best is None:
        countries = [p for p in in_sentence if _precision(p) == "country"] + [sheet.country_place]
        return _as_location(countries[0]) if countries[0] is not None else None
    location = _as_location(best)
    if location.lat is None and sheet.focus is not None and sheet.focus is not best:
        return _district((best.name, best.start, best.end), sheet.focus)
    return location


def _nationality_use(sheet: Sheet, place: Place) -> bool:
    """A place that acts ("Washington claimed") or owns ("Iran's assistance"), or a country named as a
    modifier ("US officers"), says who, not where."""
    tok = sheet.token(place.start, place.end)
    if tok is None:
        return False
    while tok.dep_ == "conj" and tok.head is not tok:  # "the Pentagon and the White House are celebrating"
        tok = tok.head
    if tok.dep_ in ("nsubj", "nsubjpass", "dobj", "poss"):
        return True
    return _precision(place) == "country" and tok.dep_ in ("compound", "amod", "nmod")


def _attached_place(sheet: Sheet, place: Place, anchor: Token) -> bool:
    tok = sheet.token(place.start, place.end)
    return tok is not None and _attached(tok, anchor, _targets(anchor))


def _attached_time(sheet: Sheet, time: Time, anchor: Token) -> bool:
    tok = sheet.token(time.start, time.end)
    return tok is not None and _attached(tok, anchor, _targets(anchor))


def _as_location(p: Place) -> EventLocation:
    return EventLocation(p.name, p.admin1, p.country, p.lat, p.lon, _precision(p), p.start, p.end)


def _district(named: tuple[str, int, int], city: Place | None) -> EventLocation:
    """A part of a town the gazetteer does not know, placed at its town (ACLED: geo-precision 1)."""
    name, start, end = named
    if city is None:
        return EventLocation(name, None, None, None, None, "district", start, end)
    return EventLocation(name, city.admin1, city.country, city.lat, city.lon, "district", start, end)


def _unresolved_toponym(sheet: Sheet, anchor: Token) -> Place | EventLocation | None:
    """A proper name after in/at/near attached to the event that the places facet missed: resolved in the
    gazetteer when it knows the name ("near Oicha", which NER took for a person), else a part of the town
    the paragraph is about ("in the Qibla area")."""
    preps = _words()["place_preps"]
    known = {p.start for ps in sheet.places.values() for p in ps}
    for t in sorted(_targets(anchor)):
        for prep in sheet.doc[t].children:
            if prep.dep_ != "prep" or prep.lower_ not in preps:
                continue
            for obj in prep.children:
                name = _proper_name(obj) if obj.dep_ == "pobj" else None
                if name is None or name.start_char in known:
                    continue
                found = _gazetteer_place(sheet, name)
                if found is not None:
                    return found
                if not _claimed(sheet, name.start_char, name.end_char):
                    local = _paragraph_before(sheet.places, sheet, anchor, lambda p: _precision(p) == "town")
                    return _district((name.text, name.start_char, name.end_char), local[-1] if local else sheet.focus)
    return None


def _gazetteer_place(sheet: Sheet, name: Span) -> Place | None:
    """The town or district a name is, in the article's country when it has one, else the most populous."""
    entries = [e for e in gazetteer.lookup(name.text) if e.lat is not None and PRECISION.get(e.feature) in ("town", "district")]
    if sheet.country is not None:
        entries = [e for e in entries if _country_of(e) == sheet.country]
    if not entries:
        return None
    e = max(entries, key=lambda e: e.population)
    return Place(name.text, name.start_char, name.end_char, e.name, _country_of(e), e.admin1, e.lat, e.lon,
                 e.geonameid, e.feature)


def _country_of(entry: gazetteer.Entry) -> str | None:
    return gazetteer.country_name(entry.country)


def _proper_name(obj: Token) -> Span | None:
    """The proper name a place phrase holds: "Qibla" in "the Qibla area", "Hayaniyah" in "the district of
    Hayaniyah"."""
    doc = obj.doc
    if obj.pos_ == "PROPN" or any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in obj.children):
        first = obj.i
        while first > obj.left_edge.i and doc[first - 1].pos_ == "PROPN" and doc[first - 1].dep_ == "compound":
            first -= 1
        last = obj.i if obj.pos_ == "PROPN" else obj.i - 1
        return doc[first : last + 1] if last >= first else None
    inner = _prep_object(obj, ("of",))
    return _proper_name(inner) if inner is not None and inner.pos_ == "PROPN" else None


# ---------------------------------------------------------------- date
def _interval(value: str, published: dt.date | None) -> tuple[dt.date, dt.date, str] | None:
    """A TIMEX3 value as (start, end, precision); durations end at the publication date."""
    value = value or ""
    try:
        if re.match(r"\d{4}-\d\d-\d\d", value):
            d = dt.date.fromisoformat(value[:10])
            return d, d, "day"
        m = re.match(r"(\d{4})-W(\d\d)", value)
        if m:
            start = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
            return start, start + dt.timedelta(days=6), "week"
        m = re.match(r"(\d{4})-(\d\d)$", value)
        if m:
            start = dt.date(int(m.group(1)), int(m.group(2)), 1)
            nxt = dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
            return start, nxt - dt.timedelta(days=1), "month"
        m = re.match(r"(\d{4})$", value)
        if m:
            return dt.date(int(value), 1, 1), dt.date(int(value), 12, 31), "year"
        m = re.match(r"P(\d+)([DW])$", value)
        if m and published is not None:
            days = int(m.group(1)) * (7 if m.group(2) == "W" else 1)
            return published - dt.timedelta(days=days), published - dt.timedelta(days=1), "range"
    except ValueError:
        return None
    return None


def _date(sheet: Sheet, anchor: Token) -> EventDate | None:
    def usable(t: Time) -> bool:
        return t.type != "SET" and _interval(t.value, sheet.published) is not None

    here = [t for t in sheet.times.get(sheet.sentence(anchor.idx), []) if usable(t)]
    best = _pick(here, sheet, anchor, lambda t: t.type == "DURATION")
    if best is None or not _attached_time(sheet, best, anchor):
        # a time of another clause ("after MPs travelled on Friday") dates another event: the
        # paragraph's running date comes first, then one told just after ("... officials said on
        # Tuesday. The attack took place on Monday.")
        before = _paragraph_before(sheet.times, sheet, anchor, lambda t: usable(t) and t.type != "DURATION")
        after = [t for i in sorted(_untriggered_neighbours(sheet, sheet.sentence(anchor.idx)))
                 if i > sheet.sentence(anchor.idx) for t in sheet.times.get(i, []) if usable(t) and t.type == "DATE"]
        best = before[-1] if before else after[0] if after else best
    if best is not None:
        start, end, precision = _interval(best.value, sheet.published)
        return EventDate(start.isoformat(), end.isoformat(), precision, best.text, best.start, best.end)
    if sheet.published is not None:
        day = sheet.published.isoformat()
        return EventDate(day, day, "publication")
    return None


# ---------------------------------------------------------------- fatalities
def _number(tok: Token) -> int | None:
    text = tok.lower_.replace(",", "")
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return int(float(text))
    return _words()["numbers"].get(text)


def _count(noun: Token) -> int | None:
    """How many people a victim phrase names: its number, else 1 for a singular person noun."""
    numbers = _words()["numbers"]
    if noun.like_num or (noun.lower_ in numbers and noun.pos_ in ("NUM", "NOUN", "PRON")):
        return _number(noun)  # "killing 2", "dozens of people", "one of them"
    for child in noun.children:
        if child.dep_ == "nummod" or (child.dep_ == "det" and child.lower_ in ("a", "an", "one")):
            value = _number(child)
            if value is not None:
                return value
    if noun.pos_ in ("NOUN", "PROPN") and noun.tag_ in ("NN", "NNP") or noun.lower_ in ("he", "she", "him", "her"):
        return 1
    return None


def _victims(noun: Token) -> list[Token]:
    """The victim and the people listed with it (conjuncts; a comma list parsed as apposition)."""
    out, todo = [], [noun]
    while todo:
        cur = todo.pop()
        out.append(cur)
        counted = cur.like_num or any(c.dep_ == "nummod" for c in cur.children)  # "4 people (2 soldiers ...)"
        todo += [c for c in cur.children if c.dep_ == "conj" or (
            c.dep_ == "appos" and not counted and c.pos_ == "NOUN" and any(g.dep_ == "conj" for g in c.children))]
    return out


def _is_death_verb(tok: Token) -> bool:
    words = _words()["death_verbs"]
    if tok.lemma_.lower() in words:
        return True
    return any(f"{tok.lemma_.lower()} {c.lower_}" in words or f"{tok.lemma_.lower()} {c.lemma_.lower()}" in words
               for c in tok.children if c.dep_ in ("oprd", "prt", "acomp", "advmod", "dobj", "xcomp"))


Toll = tuple[int, int, int]  # deaths, and the start and end offsets of the words that report them


def _toll(count: int, tokens: list[Token]) -> Toll:
    return count, min(t.idx for t in tokens), max(t.idx + len(t) for t in tokens)


def _verb_deaths(verb: Token) -> Toll | None:
    """Victims counted at a death verb: "killed 2 civilians", "3 were killed", "2 died", "2 people killed"."""
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
    roles = ("nsubjpass",) if passive else ("dobj",) if any(c.dep_ == "dobj" for c in verb.children) else ("nsubj",)
    if passive and not any(c.dep_ in ("aux", "auxpass", "dobj") for c in verb.children):
        roles = ("nsubjpass", "nsubj")  # a headline-style list, "3 soldiers and 5 militants killed", parsed apart
    heads = [c for c in verb.children if c.dep_ in roles]
    if not heads and verb.dep_ in ("acl", "amod") and verb.head.pos_ in ("NOUN", "NUM", "PRON", "PROPN"):
        first = verb.head
        while first.dep_ == "conj" and first.head is not first:  # "3 soldiers and 5 militants killed"
            first = first.head
        heads = [first]
    if verb.lemma_ == "lose" and not any(c.lemma_ == "life" for c in verb.children):
        return None
    if verb.lemma_ == "lose":
        heads = [c for c in verb.children if c.dep_ == "nsubj"]
    victims = [v for h in heads for v in _victims(h)]
    listed = {v.i for v in victims}  # a number heading a noun it counts is one victim, not two ("Eleven people")
    victims = [v for v in victims if not (v.head.i in listed and v.head.i != v.i and v.dep_ in ("nummod", "compound", "amod"))]
    known = [c for c in (_count(v) for v in victims) if c is not None]
    return _toll(sum(known), [verb, *victims, *(h.left_edge for h in heads)]) if known else None


def _noun_deaths(noun: Token, skip: set[int]) -> Toll | None:
    """A number reported with a death noun: "3 dead", "bodies of 4 men", "the death toll rose to 12"."""
    victims = [c for c in noun.children if c.dep_ == "dobj"]  # "shot dead a shopkeeper", parsed around "dead"
    if victims:
        return _verb_deaths(noun)
    whose = _prep_object(noun, ("of",)) if noun.lower_ in _words()["remains_nouns"] else None
    if whose is not None and whose.pos_ in ("NOUN", "PROPN", "NUM"):  # "the bodies of four men"
        listed = _victims(whose)
        counts = [c for c in (_count(v) for v in listed) if c is not None]
        if counts:
            return _toll(sum(counts), [noun, *listed])
    inside = {w.i for w in noun.subtree}
    for tok in sorted(_clause(noun).subtree, key=lambda t: (t.i not in inside, abs(t.i - noun.i))):
        if tok.i in skip or tok.i == noun.i or not (tok.like_num or tok.lower_ in _words()["numbers"]):
            continue
        if tok.lower_ in ("a", "an", "one") and tok.head.i != noun.i:
            continue
        value = _number(tok)
        if value is not None and not (1900 <= value <= 2100 and tok.like_num):
            return _toll(value, [noun, tok])
    return None


def _sentence_deaths(sheet: Sheet, index: int) -> Toll | None:
    """The deaths a sentence reports: the largest figure among its death words, else the quantities facet's."""
    sent = sheet.sents[index]
    skip = {tok.i for t in sheet.times.get(index, []) for tok in sheet.doc.char_span(t.start, t.end, alignment_mode="expand") or []}
    skip |= sheet.not_counts
    skip |= {tok.i for q in sheet.quantities.get(index, []) if q.kind not in ("fatalities", "people", "count")
             for tok in sheet.doc.char_span(q.start, q.end, alignment_mode="expand") or []}
    found = []
    for tok in sent:
        if tok.pos_ in ("VERB", "AUX") and _is_death_verb(tok):
            found.append(_verb_deaths(tok))
        elif tok.lower_ in _words()["death_nouns"] and tok.pos_ in ("NOUN", "ADJ"):
            found.append(_noun_deaths(tok, skip))
    facet = [(int(q.value), q.start, q.end) for q in sheet.quantities.get(index, [])
             if q.kind == "fatalities" and q.value is not None]
    known = [t for t in found if t is not None] or facet
    best = max(known, key=lambda t: t[0]) if known else None
    if best is not None and _adds_up(sheet.doc.char_span(best[1], best[2], alignment_mode="expand")):
        sheet.additional.add(index)
    return best


def _adds_up(words: Span | None) -> bool:
    """Deaths reported as more than those already told: "another soldier died", "two more bodies"."""
    extra = _words()["additional"]
    return words is not None and any(
        t.lower_ in extra and t.dep_ in ("det", "amod", "advmod")
        and (t.lower_ != "more" or (t.i > 0 and t.nbor(-1).like_num))  # "two more", never "more than 600"
        for t in words)


def _fatalities(sheet: Sheet, ev: Event, anchor: Token) -> Fatalities | None:
    if ev.event_type == "Strategic developments" or ev.sub_event_type == "Peaceful protest":
        return None  # deaths in the sentence are another event's: arrests and agreements kill no one
    here = sheet.sentence(anchor.idx)
    indexes = {here} | {sheet.sentence(e.start) for e in ev.evidence}
    if ev.event_type in VIOLENT_TYPES:
        indexes |= _untriggered_neighbours(sheet, here)
    for i in indexes - sheet.deaths.keys():
        sheet.deaths[i] = _sentence_deaths(sheet, i)
    reports = [sheet.deaths[i] for i in sorted(indexes) if sheet.deaths[i] is not None and i not in sheet.additional]
    if not reports:
        return None
    count, start, end = max(reports, key=lambda r: r[0])
    more = sum(sheet.deaths[i][0] for i in indexes & sheet.additional if sheet.deaths[i] is not None)
    return Fatalities(count + more, sheet.text[start:end], start, end)


def _untriggered_neighbours(sheet: Sheet, here: int) -> set[int]:
    """Sentences of the same paragraph next to an event's, up to the nearest other event on each side:
    their deaths belong to it ("The bodies of 5 men were found. They had been killed by militants.")."""
    para = sheet.paragraph(sheet.starts[here])
    out: set[int] = set()
    for step in (1, -1):
        i = here + step
        while 0 <= i < len(sheet.sents) and abs(i - here) <= CONTINUATION_SENTENCES:
            if i in sheet.triggers or sheet.paragraph(sheet.starts[i]) != para:
                break
            out.add(i)
            i += step
    return out


# ---------------------------------------------------------------- actors
def _phrase(tok: Token) -> Span:
    """The words of a noun phrase up to its head and a few after it ("soldiers of the Iraqi army")."""
    end = tok.i + 1
    for w in tok.doc[tok.i + 1 : min(tok.right_edge.i + 1, tok.i + 5)]:
        if w.is_punct or w.dep_ in ("relcl", "acl", "cc", "conj") or w.pos_ in ("VERB", "AUX"):
            break
        end = w.i + 1
    return tok.doc[tok.left_edge.i if tok.left_edge.i >= tok.i - 6 else tok.i : end]


def _actor(book: ActorBook, tok: Token | None, where: str | None, crowd: str | None = None) -> Actor | None:
    """The actor a noun (or one of its conjuncts) names; people who protest or riot are that crowd."""
    if tok is None:
        return None
    shared = book.nationality(_phrase(tok).text)
    for cand in [tok, *tok.conjuncts]:
        span = _phrase(cand)
        match = (book.normalise(span.text, cand.lemma_, where, shared)
                 or book.normalise(span.text, cand.text, where, shared))
        if match is None and cand.dep_ in ("compound", "amod", "nmod", "poss") and book.nationality(cand.text):
            match = book.normalise(f"{cand.text} forces", "forces", where)
        if match is not None and match.kind == "civilians" and crowd:
            match = book.normalise(span.text + f" {crowd}", crowd, where)
        if match is not None:
            return Actor(match.name, match.inter, span.text, span.start_char, span.end_char)
    return None


def _child(tok: Token, *deps: str) -> Token | None:
    return next((c for c in tok.children if c.dep_ in deps), None)


def _prep_object(tok: Token, words: tuple[str, ...]) -> Token | None:
    """The object of the first of `words` that heads a prepositional phrase of tok, times and places aside."""
    for word in words:
        for prep in tok.children:
            if prep.dep_ in ("prep", "agent") and prep.lower_ == word:
                obj = _child(prep, "pobj")
                if obj is not None and obj.ent_type_ not in NOT_ACTORS:
                    return obj
    return None


def _verb_roles(verb: Token) -> tuple[Token | None, list[Token]]:
    """The agent and the candidate patients of a verb, passives included; a subjectless verb borrows its
    head's subject."""
    passive = any(c.dep_ in ("auxpass", "nsubjpass", "agent") for c in verb.children)
    if passive:
        agent = _prep_object(verb, ("by",))
        patients = [_child(verb, "nsubjpass")]
    else:
        agent = _child(verb, "nsubj")
        patients = [_child(verb, "dobj"), _prep_object(verb, ("on", "against", "with", "at"))]
        patients += [_child(c, "dobj") for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    cur = verb
    for _ in range(4):  # "police and troops use the opportunity to ... and round up militants"
        if agent is not None or cur.dep_ not in ("conj", "xcomp", "advcl") or cur.head is cur:
            break
        cur = cur.head
        agent = _child(cur, "nsubj")
    if agent is None and verb.dep_ == "relcl":
        agent = verb.head
    if passive and patients == [None] and verb.dep_ == "acl":
        patients = [verb.head]
    return agent, [p for p in patients if p is not None]


def _noun_roles(noun: Token) -> tuple[list[Token], Token | None]:
    """Candidate agents (modifiers, "by", the governing verb's subject) and the patient of an event noun."""
    head = noun.head
    governs = head.pos_ in ("VERB", "AUX") and noun.dep_ in ("nsubj", "nsubjpass")  # "clashes erupted between"
    between = _prep_object(noun, ("between",)) or (_prep_object(head, ("between",)) if governs else None)
    if between is not None:
        return [between], next(iter(between.conjuncts), None)
    agents = [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod", "poss")]
    by = _prep_object(noun, ("by", "from"))
    agents = ([by] if by is not None else []) + agents
    patient = _prep_object(noun, ("on", "against", "with", "at", "of"))
    if noun.dep_ in ("dobj", "attr") and head.pos_ in ("VERB", "AUX"):
        agents.append(_child(head, "nsubj"))
    elif noun.dep_ == "nsubj" and head.pos_ in ("VERB", "AUX"):
        patient = patient or _child(head, "dobj")
    elif noun.dep_ == "pobj" and head.dep_ == "agent":
        patient = patient or _child(head.head, "nsubjpass")
    elif noun.dep_ == "pobj":  # "killed 14 bandits in an exchange of fire": the clause's parties
        agent, patients = _verb_roles(_clause(noun))
        agents.append(agent)
        patient = patient or next(iter(patients), None)
    return [a for a in agents if a is not None and a.i != noun.i], patient


def _default_actor(book: ActorBook, ev: Event, where: str | None) -> Actor | None:
    """actor1 as a coder names it when the text does not: protesters, rioters, an unidentified armed group."""
    kind = DEFAULT_ACTOR.get(ev.event_type) or DEFAULT_ACTOR.get(ev.sub_event_type)
    match = book.normalise(kind, kind, where) if kind else None
    return Actor(match.name, match.inter) if match else None


def _agent_token(anchor: Token) -> Token | None:
    """The syntactic agent of the trigger (a verb's subject, "by" object), which may be another event."""
    return _verb_roles(anchor)[0] if anchor.pos_ in ("VERB", "AUX") else None


def _actors(book: ActorBook, ev: Event, anchor: Token, where: str | None) -> tuple[Actor | None, Actor | None]:
    crowd = DEFAULT_ACTOR.get(ev.event_type) if ev.event_type in ("Protests", "Riots") else None
    while anchor.dep_ == "compound" and anchor.head is not anchor:  # "ceasefire" in "ceasefire agreement"
        anchor = anchor.head
    itself = _actor(book, anchor, where, crowd) if anchor.pos_ in ("NOUN", "PROPN") else None
    if itself is not None:  # the trigger names a party ("dispersed the protesters", "protesters marched")
        if anchor.dep_ in ("nsubj", "ROOT"):
            victims = _verb_roles(anchor.head)[1] if anchor.dep_ == "nsubj" else []
            return itself, next(filter(None, (_actor(book, p, where) for p in victims)), None)
        other = _actor(book, _verb_roles(_clause(anchor))[0], where, crowd)
        return (other, itself) if other is not None and other.name != itself.name else (itself, None)
    between = _prep_object(anchor, ("between",))
    if between is not None:  # "fighting between the army and Al Shabaab"
        return _actor(book, between, where), _actor(book, next(iter(between.conjuncts), None), where)
    if anchor.pos_ in ("VERB", "AUX"):
        agent_tok, patient_toks = _verb_roles(anchor)
        agent = _actor(book, agent_tok, where, crowd)
    else:
        agent_toks, patient_tok = _noun_roles(anchor)
        agent = next(filter(None, (_actor(book, a, where, crowd) for a in agent_toks)), None)
        patient_toks = [patient_tok]
    patient = next(filter(None, (_actor(book, p, where) for p in patient_toks)), None)
    if patient is not None and agent is not None and patient.name == agent.name:
        patient = None
    return agent, patient


# ---------------------------------------------------------------- merging
def _key(ev: Event) -> tuple | None:
    if ev.location is None or ev.date is None:
        return None
    return (ev.sub_event_type, ev.modality, ev.location.name.lower(), ev.date.start, ev.date.end)


def _absorb(into: Event, other: Event) -> None:
    seen = {(e.start, e.end) for e in into.evidence}
    into.evidence = sorted(into.evidence + [e for e in other.evidence if (e.start, e.end) not in seen],
                           key=lambda e: e.start)
    if other.fatalities is not None and (into.fatalities is None or (other.fatalities.count or 0) > (into.fatalities.count or 0)):
        into.fatalities = other.fatalities
    into.actor1 = into.actor1 or other.actor1
    into.actor2 = into.actor2 or other.actor2
    if into.date is not None and into.date.precision == "publication" and other.date is not None:
        into.date = other.date
    into.confidence = max(into.confidence, other.confidence)


def _undated(ev: Event) -> bool:
    return ev.date is not None and ev.date.precision == "publication"


def _same_place_undated(ev: Event, kept: Event) -> bool:
    """Either of two mentions at one place carries no date of its own: a headline and its story."""
    return ((_undated(ev) or _undated(kept)) and kept.location is not None
            and ev.location is not None and ev.location.name == kept.location.name
            and (ev.sub_event_type, ev.modality) == (kept.sub_event_type, kept.modality))


def _is_death_report(ev: Event, anchor: Token, host: Event) -> bool:
    """An event whose trigger only reports deaths, by no one named or by the host's own actor:
    "3 soldiers were killed", "the militants killed 3 soldiers"."""
    if ev.actor1 is not None and (host.actor1 is None or ev.actor1.name != host.actor1.name):
        return False
    return _is_death_verb(anchor) or anchor.lower_ in _words()["death_nouns"]


def _effects(events: list[Event], anchors: dict[int, Token | None]) -> list[Event]:
    """Events caused by another event of the same sentence ("an air strike destroyed a house") join it."""
    by_token = {a.i: ev for ev in events if (a := anchors.get(id(ev))) is not None}

    def cause(ev: Event) -> Event | None:
        anchor = anchors.get(id(ev))
        agent = _agent_token(anchor) if anchor is not None else None
        found = by_token.get(agent.i) if agent is not None else None
        return found if found is not ev else None

    kept = []
    for ev in events:
        root, steps = cause(ev), 0
        while root is not None and (up := cause(root)) is not None and steps < 4:  # the first cause of a chain
            root, steps = up, steps + 1
        if root is None:
            kept.append(ev)
        else:
            _absorb(root, ev)
    return kept


def _same_hands(ev: Event, host: Event) -> bool:
    """Damage done by no one named, or by the host's own actor ("Several houses were set on fire")."""
    return ev.actor1 is None or (host.actor1 is not None and ev.actor1.name == host.actor1.name)


def _death_host(sheet: Sheet, ev: Event, out: list[Event], anchors: dict[int, Token | None]) -> Event | None:
    """The violent event a bare death report ("3 soldiers were killed") or damage done in it continues: the
    nearest one before it in the same paragraph, a few sentences back at most."""
    anchor = anchors.get(id(ev))
    damage = ev.sub_event_type == "Looting/property destruction"
    if anchor is None or (ev.event_type not in VIOLENT_TYPES and not damage):
        return None
    here, para = sheet.sentence(anchor.idx), sheet.paragraph(anchor.idx)
    for prev in reversed(out):
        prev_anchor = anchors.get(id(prev))
        if prev_anchor is None or sheet.paragraph(prev_anchor.idx) != para:
            return None
        if here - sheet.sentence(prev_anchor.idx) > CONTINUATION_SENTENCES:
            return None
        if prev.event_type in VIOLENT_TYPES and prev.modality == ev.modality:
            continued = _is_death_report(ev, anchor, prev) or here in sheet.additional  # "Another soldier died"
            return prev if continued or (damage and _same_hands(ev, prev)) else None
    return None


def _anaphor_host(sheet: Sheet, ev: Event, out: list[Event], anchors: dict[int, Token | None]) -> Event | None:
    """The event a definite mention takes up ("... fought militants. 8 died in the fighting."): the nearest
    one of the same type before it in the paragraph, at no other place."""
    anchor = anchors.get(id(ev))
    if anchor is None or not any(c.dep_ == "det" and c.lower_ in DEFINITE for c in anchor.children):
        return None
    here, para = sheet.sentence(anchor.idx), sheet.paragraph(anchor.idx)
    for prev in reversed(out):
        prev_anchor = anchors.get(id(prev))
        if prev_anchor is None or sheet.paragraph(prev_anchor.idx) != para or here == sheet.sentence(prev_anchor.idx):
            return None
        if here - sheet.sentence(prev_anchor.idx) > CONTINUATION_SENTENCES:
            return None
        if (prev.event_type, prev.modality) == (ev.event_type, ev.modality):
            same_place = ev.location is None or prev.location is None or ev.location.name == prev.location.name
            return prev if same_place else None
    return None


def _earlier_referent(ev: Event, out: list[Event], anchors: dict[int, Token | None]) -> Event | None:
    """An undated definite mention ("the uneasy truce") takes up the article's last event of its kind,
    wherever that happened."""
    anchor = anchors.get(id(ev))
    if anchor is None or ev.date is None or ev.date.precision != "publication":
        return None
    if not any(c.dep_ == "det" and c.lower_ in DEFINITE for c in anchor.children):
        return None
    return next((k for k in reversed(out) if (k.sub_event_type, k.modality) == (ev.sub_event_type, ev.modality)), None)


def _merge(sheet: Sheet, events: list[Event], anchors: dict[int, Token | None]) -> list[Event]:
    """One event per trigger (its likeliest reading) and per sub-type, modality, place and date; an effect
    joins its cause; a bare death report or a definite mention ("the fighting") joins the event just before
    it; an undated mention joins a dated one of the same place."""
    out: list[Event] = []
    by_key: dict[tuple, Event] = {}
    by_trigger: dict[tuple[int, int], Event] = {}
    for ev in _effects(events, anchors):
        key = _key(ev)
        trigger = (ev.trigger.start, ev.trigger.end) if ev.trigger is not None else None
        host = (by_trigger.get(trigger) or _death_host(sheet, ev, out, anchors) or _anaphor_host(sheet, ev, out, anchors)
                or (by_key.get(key) if key is not None else None)
                or next((k for k in out if _same_place_undated(ev, k)), None)
                or _earlier_referent(ev, out, anchors))
        if host is not None:
            if id(host) in sheet.reported and id(ev) not in sheet.reported and ev.date is not None \
                    and ev.date.precision != "publication":
                host.date = ev.date  # "..., officials said on Tuesday. The attack took place on Monday."
                sheet.reported.discard(id(host))
            _absorb(host, ev)
            continue
        out.append(ev)
        if key is not None:
            by_key[key] = ev
        if trigger is not None:
            by_trigger[trigger] = ev
    return out


# ---------------------------------------------------------------- outcomes that recode an event
def _said(sent: Span, words: set[str]) -> set[int]:
    """The tokens of a sentence that say one of `words`, as a lemma or as a lemma and the next word
    ("break up", "stun grenades")."""
    out: set[int] = set()
    for tok in sent:
        lemma = tok.lemma_.lower()
        if lemma in words or tok.lower_ in words:
            out.add(tok.i)
        nxt = tok.nbor() if tok.i + 1 < sent.end else None
        if nxt is not None and (f"{lemma} {nxt.lower_}" in words or f"{tok.lower_} {nxt.lower_}" in words):
            out |= {tok.i, nxt.i}
    return out


def _following(sheet: Sheet, anchor: Token) -> list[int]:
    """The anchor's sentence and the next few of its paragraph."""
    here, para = sheet.sentence(anchor.idx), sheet.paragraph(anchor.idx)
    last = min(len(sheet.sents) - 1, here + CONTINUATION_SENTENCES)
    return [i for i in range(here, last + 1) if sheet.paragraph(sheet.starts[i]) == para]


def _intervened(sheet: Sheet, ev: Event, anchor: Token) -> tuple[int, set[int]] | None:
    """The sentence in which the authorities break up a peaceful protest ("Police dispersed them"), and
    the tokens that say how."""
    if ev.sub_event_type not in ("Peaceful protest", "Protest with intervention") or ev.modality != "occurred":
        return None
    words = _words()["intervention"]
    for i in _following(sheet, anchor):
        said = {t for t in _said(sheet.sents[i], words) if _asserted(sheet.doc[t]) and _done_to(sheet.doc[t])}
        if said:
            return i, said
    return None


def _done_to(tok: Token) -> bool:
    """Force used on someone: "police dispersed them", "were arrested", not "the crowd dispersed
    peacefully" nor "demanded the arrest of"."""
    if tok.pos_ == "VERB":
        return any(c.dep_ in ("dobj", "nsubjpass", "auxpass", "agent") for c in tok.children)
    return not (tok.head.pos_ == "VERB" and tok.head.lemma_.lower() in _words()["demands"])


def _asserted(tok: Token) -> bool:
    """A word of a clause that tells what happened, not of one that describes a noun ("the release of
    demonstrators detained at the rally")."""
    return _clause(tok).dep_ not in ("acl", "relcl", "amod", "pcomp", "pobj", "csubj")


def _disrupted(sheet: Sheet, strike: Event, ev: Event, anchors: dict[int, Token | None]) -> bool:
    """A disruption that stops the weapon of the strike just before it ("The missile was intercepted")."""
    a, b = anchors.get(id(strike)), anchors.get(id(ev))
    if a is None or b is None or strike.event_type != "Explosions/Remote violence" or strike.modality != ev.modality:
        return False
    if sheet.sentence(b.idx) not in _following(sheet, a) or not _said(sheet.sents[sheet.sentence(b.idx)], _words()["disruption"]):
        return False
    weapon = next(iter(_verb_roles(b)[1]), None) if b.pos_ in ("VERB", "AUX") else None
    return weapon is not None and (weapon.pos_ == "PRON" or any(c.dep_ == "det" and c.lower_ in DEFINITE for c in weapon.children))


def _outcomes(sheet: Sheet, events: list[Event], anchors: dict[int, Token | None]) -> list[Event]:
    """What happened next changes what is coded: a missile intercepted is disrupted weapons use; the
    authorities' response to a protest or riot is part of it, and a protest broken up is a protest with
    intervention (or met with excessive force)."""
    out: list[Event] = []
    for ev in events:
        if out and ev.sub_event_type == "Disrupted weapons use" and _disrupted(sheet, out[-1], ev, anchors):
            _absorb(ev, out[-1])
            out[-1] = ev
            continue
        out.append(ev)
    for ev in list(out):
        anchor = anchors.get(id(ev))
        if any(o is ev for o in out) and anchor is not None and ev.event_type in ("Protests", "Riots") \
                and ev.modality == "occurred":
            _take_responses(sheet, ev, anchor, out, anchors)
            _take_intervention(sheet, ev, anchor, out, anchors)
    return out


def _take(host: Event, other: Event, out: list[Event]) -> None:
    _absorb(host, other)
    out[:] = [o for o in out if o is not other]


def _responds(sheet: Sheet, other: Event, host: Event, anchor: Token, anchors: dict[int, Token | None]) -> bool:
    """An intervention, excessive force or arrests by others just after a protest, at its place: the
    response to it."""
    a = anchors.get(id(other))
    if a is None or other is host or other.modality != "occurred" or a.i <= anchor.i:
        return False
    if not (other.event_type == "Protests" and other.sub_event_type != "Peaceful protest" or other.sub_event_type == "Arrests"):
        return False
    if other.actor1 is None or other.actor1.inter in (5, 6, 7):
        return False  # the crowd again ("residents took to the streets in protest"), not those who answer it
    same_place = other.location is None or host.location is None or other.location.name == host.location.name
    return same_place and sheet.sentence(a.idx) in _following(sheet, anchor)


def _take_responses(sheet: Sheet, host: Event, anchor: Token, out: list[Event], anchors: dict[int, Token | None]) -> None:
    for other in [o for o in out if _responds(sheet, o, host, anchor, anchors)]:
        if host.event_type == "Protests":
            harsher = other.sub_event_type if other.event_type == "Protests" else "Protest with intervention"
            host.sub_event_type = max(host.sub_event_type, harsher, key=PROTEST_SEVERITY.index)
        host.actor2 = host.actor2 or other.actor1  # the police who responded, not the protesters again
        _take(host, other, out)


def _take_intervention(sheet: Sheet, host: Event, anchor: Token, out: list[Event], anchors: dict[int, Token | None]) -> None:
    """A peaceful protest broken up ("Police dispersed them with tear gas") is a protest with intervention;
    the means of breaking it up (stun grenades, arrests) are part of it."""
    found = _intervened(sheet, host, anchor)
    if found is None:
        return
    i, said = found
    host.sub_event_type = max(host.sub_event_type, "Protest with intervention", key=PROTEST_SEVERITY.index)
    for other in [o for o in out if o is not host and (a := anchors.get(id(o))) is not None
                  and sheet.sentence(a.idx) == i and (i != sheet.sentence(anchor.idx) or a.i in said)]:
        _take(host, other, out)
    sent = sheet.sents[i]
    if all(e.start != sent.start_char for e in host.evidence):
        host.evidence = sorted(host.evidence + [Evidence(sent.start_char, sent.end_char, sheet.text[sent.start_char:sent.end_char])],
                               key=lambda e: e.start)


# ---------------------------------------------------------------- the facet
@facet("arguments", assigns="events", requires=("quantities", "times", "places", "readings"))
def FACET(inp: FacetInput) -> list[Event]:
    """The events of the record: the readings' events with actors, place, date and fatalities filled,
    mentions of one event merged."""
    events = copy.deepcopy(inp["readings"].events)  # filled in place below; the readings stay as found
    if not events:
        return events
    sheet = _sheet(inp)
    book = inp.actors
    anchors = {id(ev): _anchor(sheet, ev) for ev in events}
    sheet.triggers = {sheet.sentence(a.idx) for a in anchors.values() if a is not None}
    for ev in events:
        anchor = anchors[id(ev)]
        if anchor is None:
            continue
        _fill(sheet, book, ev, anchor)
    ordered = sorted(events, key=lambda e: (anchors[id(e)].idx if anchors[id(e)] is not None else 1 << 30,
                                            -e.confidence))
    merged = _outcomes(sheet, _merge(sheet, ordered, anchors), anchors)
    for ev in merged:
        if ev.actor1 is None:
            ev.actor1 = _default_actor(book, ev, _country(sheet, ev))
        if ev.actor2 is None and ev.event_type in ONE_SIDED_TYPES:
            ev.actor2 = _the_dead(sheet, book, ev)
        if anchors[id(ev)] is not None and any(sheet.sentence(e.start) in sheet.additional for e in ev.evidence):
            ev.fatalities = _fatalities(sheet, ev, anchors[id(ev)])  # "Another soldier later died" adds up
    return merged


def _the_dead(sheet: Sheet, book: ActorBook, ev: Event) -> Actor | None:
    """Who a bomb or an attack killed, when the syntax named no target: "..., killing four civilians"."""
    where = _country(sheet, ev)
    for index in sorted({sheet.sentence(e.start) for e in ev.evidence}):
        for tok in sheet.sents[index]:
            if tok.pos_ not in ("VERB", "AUX") or not _is_death_verb(tok):
                continue
            for victim in (_actor(book, c, where) for c in tok.children if c.dep_ in ("dobj", "nsubjpass")):
                if victim is not None and (ev.actor1 is None or victim.name != ev.actor1.name):
                    return victim
    return None


def _country(sheet: Sheet, ev: Event) -> str | None:
    return (ev.location.country if ev.location else None) or sheet.country


def _inside_time(sheet: Sheet, ev: Event) -> bool:
    """A trigger that the times facet reads as a date ("March" in "3 March 2019") anchors nothing: the
    event is then read from its sentence's root."""
    if ev.trigger is None:
        return False
    times = sheet.times.get(sheet.sentence(ev.trigger.start), [])
    return any(t.start <= ev.trigger.start and ev.trigger.end <= t.end for t in times)


def _reported_date(sheet: Sheet, date: EventDate | None, anchor: Token) -> bool:
    """A date of the event's sentence that hangs on another clause, mostly the report's ("officials said
    on Tuesday"): a later mention that dates the event itself overrides it."""
    if date is None or date.text_start is None or sheet.sentence(date.text_start) != sheet.sentence(anchor.idx):
        return False
    tok = sheet.token(date.text_start, date.text_end)
    return tok is not None and not _attached(tok, anchor, _targets(anchor))


def _fill(sheet: Sheet, book: ActorBook, ev: Event, anchor: Token) -> None:
    """Fill the arguments an event lacks, from its anchor token."""
    if ev.location is None:
        ev.location = _location(sheet, anchor)
    if ev.date is None:
        ev.date = _date(sheet, anchor)
        if _reported_date(sheet, ev.date, anchor):
            sheet.reported.add(id(ev))
    if ev.actor1 is None and ev.actor2 is None:
        ev.actor1, ev.actor2 = _actors(book, ev, anchor, _country(sheet, ev))
    if ev.fatalities is None:
        ev.fatalities = _fatalities(sheet, ev, anchor)
