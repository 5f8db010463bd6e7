"""Event arguments: actors, location, date, fatalities; merging of repeated mentions. Built by issue 7.

Each event is anchored at its trigger token (else the root of its first evidence sentence). Its arguments
come from the facets already in the record, chosen by the parse: the place and time expression attached
to the trigger's clause first, then the sentence's, then the paragraph's, then the article's focus.
Actors are normalised by the actor dictionary (actors.py; a user file through DATELINE_ACTORS), deaths are
counted from the syntax of death words (data/arguments.yaml) and the quantities facet. Mentions of one
event are merged, keeping all their evidence.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml
from spacy.tokens import Doc, Span, Token

from . import gazetteer
from .actors import ActorBook, load_actors
from .record import Actor, Event, EventDate, EventLocation, Fatalities, Place, Quantity, Time

VIOLENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}
# The class of actor1 when the text names none, by event type or sub-type: bombs and attacks on civilians
# by unnamed perpetrators are an unidentified armed group's; air strikes and shelling are nobody's guess.
DEFAULT_ACTOR = {"Protests": "protesters", "Riots": "rioters", "Violence against civilians": "gunmen",
                 "Remote explosive/landmine/IED": "gunmen", "Suicide bomb": "gunmen", "Grenade": "gunmen"}
PRECISION = {"city": "town", "town": "town", "village": "town", "district": "district", "facility": "district",
             "neighbourhood": "district", "neighborhood": "district", "admin2": "region", "admin1": "region",
             "region": "region", "county": "region", "water": "region", "country": "country",
             "continent": "country"}
RANK = {"district": 0, "town": 1, "region": 2, "country": 3}
PARAGRAPH_BREAK = re.compile(r"\n\s*")
NOT_ACTORS = {"DATE", "TIME", "GPE", "LOC", "FAC"}
NOT_COUNTS = {"DATE", "TIME", "PERCENT", "MONEY", "ORDINAL", "QUANTITY"}
CONTINUATION_SENTENCES = 3
DEFINITE = {"the", "this", "that", "these", "those"}  # how far after an event its deaths may still be reported


@lru_cache(maxsize=1)
def _words() -> dict[str, Any]:
    with resources.files("dateline.data").joinpath("arguments.yaml").open(encoding="utf-8") as f:
        data = yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return {
        "death_verbs": set(data["death_verbs"]),
        "death_nouns": set(data["death_nouns"]),
        "remains_nouns": set(data["remains_nouns"]),
        "numbers": {str(k).lower(): v for k, v in data["numbers"].items()},
        "place_preps": set(data["place_preps"]),
    }


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

    def sentence(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.starts, char) - 1)

    def paragraph(self, char: int) -> int:
        return bisect.bisect_right(self.paragraphs, char) - 1

    def token(self, start: int, end: int) -> Token | None:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return span.root if span is not None and len(span) else None


def _sheet(ctx) -> Sheet:
    doc = ctx.doc
    sents = list(doc.sents)
    paragraphs = [0] + [m.end() for m in PARAGRAPH_BREAK.finditer(ctx.text)]
    sheet = Sheet(doc, ctx.text, ctx.published, sents, [s.start_char for s in sents], paragraphs)
    ents = doc.ents  # computed over the whole Doc on each access: read once
    sheet.not_counts = {tok.i for e in ents if e.label_ in NOT_COUNTS for tok in e}
    sheet.not_places = [(e.start_char, e.end_char) for e in ents if e.label_ not in ("GPE", "LOC", "FAC")]
    places = [p for p in ctx.record.places or [] if not _inside_name(sheet, p)]
    for name, items in (("places", places), ("times", ctx.record.times), ("quantities", ctx.record.quantities)):
        index: dict[int, list] = {}
        for item in items or []:
            index.setdefault(sheet.sentence(item.start), []).append(item)
        setattr(sheet, name, index)
    sheet.focus, sheet.country = _focus(places)
    sheet.country_place = next((p for p in places if _precision(p) == "country" and p.country == sheet.country
                                and p.lat is not None), None)
    return sheet


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
    country = gazetteer.country(entry.country) if entry.country else None
    return country.name if country is not None else entry.country


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
        # paragraph's running date comes first
        before = _paragraph_before(sheet.times, sheet, anchor, lambda t: usable(t) and t.type != "DURATION")
        best = before[-1] if before else best
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
    heads = [c for c in verb.children if c.dep_ in roles]
    if not heads and verb.dep_ in ("acl", "amod") and verb.head.pos_ in ("NOUN", "NUM", "PRON"):
        heads = [verb.head]
    if verb.lemma_ == "lose" and not any(c.lemma_ == "life" for c in verb.children):
        return None
    if verb.lemma_ == "lose":
        heads = [c for c in verb.children if c.dep_ == "nsubj"]
    victims = [v for h in heads for v in _victims(h)]
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
    return max(known, key=lambda t: t[0]) if known else None


def _fatalities(sheet: Sheet, ev: Event, anchor: Token) -> Fatalities | None:
    here = sheet.sentence(anchor.idx)
    indexes = {here} | {sheet.sentence(e.start) for e in ev.evidence}
    if ev.event_type in VIOLENT_TYPES:
        indexes |= _untriggered_neighbours(sheet, here)
    for i in indexes - sheet.deaths.keys():
        sheet.deaths[i] = _sentence_deaths(sheet, i)
    reports = [sheet.deaths[i] for i in sorted(indexes) if sheet.deaths[i] is not None]
    if not reports:
        return None
    count, start, end = max(reports, key=lambda r: r[0])
    return Fatalities(count, sheet.text[start:end], start, end)


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
        if w.is_punct or w.dep_ in ("relcl", "acl", "cc", "conj"):
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


def _same_place_undated(ev: Event, kept: Event) -> bool:
    return (ev.date is not None and ev.date.precision == "publication" and kept.location is not None
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


def _death_host(sheet: Sheet, ev: Event, out: list[Event], anchors: dict[int, Token | None]) -> Event | None:
    """The violent event a bare death report ("3 soldiers were killed") continues: the nearest one
    before it in the same paragraph, a few sentences back at most."""
    anchor = anchors.get(id(ev))
    if anchor is None or ev.event_type not in VIOLENT_TYPES:
        return None
    here, para = sheet.sentence(anchor.idx), sheet.paragraph(anchor.idx)
    for prev in reversed(out):
        prev_anchor = anchors.get(id(prev))
        if prev_anchor is None or sheet.paragraph(prev_anchor.idx) != para:
            return None
        if here - sheet.sentence(prev_anchor.idx) > CONTINUATION_SENTENCES:
            return None
        if prev.event_type in VIOLENT_TYPES and prev.modality == ev.modality:
            return prev if _is_death_report(ev, anchor, prev) else None
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
                or next((k for k in out if _same_place_undated(ev, k)), None))
        if host is not None:
            _absorb(host, ev)
            continue
        out.append(ev)
        if key is not None:
            by_key[key] = ev
        if trigger is not None:
            by_trigger[trigger] = ev
    return out


# ---------------------------------------------------------------- the facet
def extract(ctx) -> list[Event]:
    events = ctx.record.events or []
    if not events:
        return events
    sheet = _sheet(ctx)
    book = load_actors()
    anchors = {id(ev): _anchor(sheet, ev) for ev in events}
    sheet.triggers = {sheet.sentence(a.idx) for a in anchors.values() if a is not None}
    for ev in events:
        anchor = anchors[id(ev)]
        if anchor is None:
            continue
        _fill(sheet, book, ev, anchor)
    ordered = sorted(events, key=lambda e: (anchors[id(e)].idx if anchors[id(e)] is not None else 1 << 30,
                                            -e.confidence))
    merged = _merge(sheet, ordered, anchors)
    for ev in merged:
        if ev.actor1 is None:
            ev.actor1 = _default_actor(book, ev, _country(sheet, ev))
    return merged


def _country(sheet: Sheet, ev: Event) -> str | None:
    return (ev.location.country if ev.location else None) or sheet.country


def _inside_time(sheet: Sheet, ev: Event) -> bool:
    """A trigger that the times facet reads as a date ("March" in "3 March 2019") anchors nothing: the
    event is then read from its sentence's root."""
    if ev.trigger is None:
        return False
    times = sheet.times.get(sheet.sentence(ev.trigger.start), [])
    return any(t.start <= ev.trigger.start and ev.trigger.end <= t.end for t in times)


def _fill(sheet: Sheet, book: ActorBook, ev: Event, anchor: Token) -> None:
    """Fill the arguments an event lacks, from its anchor token."""
    if ev.location is None:
        ev.location = _location(sheet, anchor)
    if ev.date is None:
        ev.date = _date(sheet, anchor)
    if ev.actor1 is None and ev.actor2 is None:
        ev.actor1, ev.actor2 = _actors(book, ev, anchor, _country(sheet, ev))
    if ev.fatalities is None:
        ev.fatalities = _fatalities(sheet, ev, anchor)
