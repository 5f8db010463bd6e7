"""The toponyms of the recognised names: each with the gazetteer entries it may stand for, and linked to
the state or country that qualifies it ("Springfield, Illinois").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Any

from spacy.tokens import Span

from ... import lexicon
from ...lexicon import gazetteer
from ...lexicon.gazetteer import Gazetted

LOOSE_MIN_POP = 100_000  # a spelling the data lacks is trusted for curated places, and for a big city's own name
# (another language's name for it sounds like too many unrelated words: "Fly", "Dulles")


@dataclass
class Toponym:
    """A place name of the text, carried through resolution: what it may stand for and what it was taken for."""

    start: int  # character offsets
    end: int
    text: str
    cands: tuple[Gazetted, ...]
    kind: str | None = None  # what the context calls it: city, district, admin1, ...
    qualifier: Toponym | None = None  # "Springfield, Illinois": the Illinois mention
    support: dict[tuple[str, str], float] | None = None  # states that hold the article's other names
    neighbours: dict[int, float] | None = None  # candidate id → how many other names have a namesake near it
    choice: Gazetted | None = None
    confidence: float = 0.0
    point: tuple[float, float] | None = None
    within: Gazetted | None = None  # the town an unknown district is placed in
    geo: Any = None  # the report's geography (geography.Geography)
    how: str | None = None  # what decided it (Place.basis): qualifier, enclosing-unit, dateline, ...
    is_qualifier: bool = False  # names the unit that holds another name ("Hermosillo, Sonora")
    modifier: bool = False  # it modifies a noun, naming whose rather than where: "the US dollar", "US troops"
    quarter: bool = False  # called a part of a town: "Bom Jardim neighborhood", "Beirut's Hamra district"
    named_after: tuple[Gazetted, ...] = ()  # a facility the gazetteer lacks: the towns it may be named after
    bracketed: bool = False  # its qualifier is stated as the unit that holds it, as analysts write it: "Bamba
    # (Koro, Mopti)", "Shewan area of Bala Buluk district"


# Words after a name that say what kind of unit it is and are not part of it: "Kandahar city", "Raqqa province"
DESIGNATOR_WORDS = frozenset(("city", "town", "village", "province", "governorate", "district", "county", "upazila",
                              "township", "lga", "area", "region", "state", "municipality", "sub-district",
                              "subdistrict", "subdivision", "commune", "department", "neighborhood",
                              "neighbourhood", "quarter", "suburb"))
DESIGNATOR = re.compile(r"\s+(" + "|".join(sorted(DESIGNATOR_WORDS)) + r")$", re.I)
DESIGNATED_KIND = {"city": "city", "town": "city", "village": "city", "area": "district", "province": "admin1",
                   "governorate": "admin1", "state": "admin1", "region": "admin1", "neighborhood": "district",
                   "neighbourhood": "district", "quarter": "district", "suburb": "district"}


@lru_cache(maxsize=1)
def quarter_words() -> frozenset[str]:
    """What a part of a town is called (cues.json)."""
    return frozenset(lexicon.load("places/cues.json").get("quarter_words", ()))


@lru_cache(maxsize=1)
def quarter_prefixes() -> frozenset[str]:
    """What a part of a town is called before its name: "Colonia Libertad" in a note on Acapulco (cues.json)."""
    return frozenset(lexicon.load("places/cues.json").get("quarter_prefixes", ()))


def candidates(mention_text: str, entries: tuple[Gazetted, ...], kind: str | None) -> tuple[Gazetted, ...]:
    """The entries a name may stand for: those looked up under it, else those of a spelling the data lacks."""
    if entries and _abbreviation(mention_text):  # "EU", "UN" are not the towns Eu and Un; "JaS" is not Jos
        return tuple(e for e in entries if e.feature in ("country", "admin1"))
    if entries:
        return entries
    if kind == "county" or mention_text.endswith((" County", " Parish")):
        return ()
    skeleton = gazetteer.loose_key(mention_text)
    # a district's guessed spelling matches too many districts the world over ("Saladin" ~ Saldana, Colombia)
    return tuple(e for e in gazetteer.lookup_loose(mention_text) if e.feature not in ("admin2", "county") and (
        e.geonameid is None and e.lat is not None
        or e.population >= LOOSE_MIN_POP and gazetteer.loose_key(e.name) == skeleton))


def _abbreviation(text: str) -> bool:
    """A group's or an agency's initials: "UN", "SDF", "JaS", "CJNG" (a state's "NY" is still a state)."""
    return len(text) <= 5 and text.isalpha() and sum(c.isupper() for c in text) >= 2 and (
        text.isupper() or not text[1:].islower())


def toponyms(found: list) -> list[Toponym]:
    """A toponym for each recognised (span, entries, kind), in text order; a state or country after a comma
    qualifies the name before it, unless that name ends a list of states ("Georgia, Oklahoma, Pennsylvania")."""
    found = [f for f in found if not _prefix_alone(f[0])]
    mentions = [_toponym(s, entries, kind) for s, entries, kind in found]
    spans = [s for s, _, _ in found]
    for i, (a, b) in enumerate(pairwise(mentions)):
        listed = i > 0 and _comma_between(spans[i - 1], spans[i]) and _regional(mentions[i - 1])
        bracketed = _bracketed(spans[i], spans[i + 1])
        if _enclosed_by(spans[i], spans[i + 1], b) and not any(e.main and e.feature == "country" for e in a.cands):
            a.qualifier, b.is_qualifier, a.bracketed = b, True, True
            continue
        if not bracketed and i + 2 < len(spans) and _conjoined(spans[i + 1], spans[i + 2]):
            continue  # "Mosul, Baghdad and Basra": a list, not a town and its province
        if any(e.main and e.feature == "country" for e in a.cands):
            continue  # "China, Canada": countries are listed, not qualified
        if not listed and (_comma_between(spans[i], spans[i + 1]) or bracketed) and any(
                e.feature in ("admin1", "admin2", "country") for e in b.cands):
            a.qualifier, b.is_qualifier, a.bracketed = b, True, bracketed
        elif bracketed and b.cands:  # "Oicha (Beni, Nord-Kivu)": the district town
            a.qualifier, b.is_qualifier, a.bracketed = b, True, True
    return mentions


ENCLOSING_PREPS = ("of", "in")


def _enclosed_by(a: Span, b: Span, unit: Toponym) -> bool:
    """b names the unit that holds a, as analysts write it: "Shewan area of Bala Buluk district", "a village
    in Idleb province", "Blaj of the Alba county", "Amchide, in Kolofata subdivision"."""
    words = [t.lower_ for t in a.doc[a.end:b.start]]
    if words[:1] == [","]:
        words = words[1:]
    designated = bool(words) and words[0] in DESIGNATOR_WORDS
    if designated:
        words = words[1:]
    if words[-1:] == ["the"]:
        words = words[:-1]
    if words not in (["of"], ["in"]):
        return False
    doc = b.doc
    named_unit = bool(DESIGNATOR.search(b.text)) or b.end < len(doc) and doc[b.end].lower_ in DESIGNATOR_WORDS
    return named_unit or designated and bool(unit.cands) or any(e.feature in ("admin1", "admin2") for e in unit.cands)


def _toponym(span: Span, entries: tuple[Gazetted, ...], kind: str | None) -> Toponym:
    """A toponym; a trailing designator that is not part of the name says its kind ("Raqqa province")."""
    m = DESIGNATOR.search(span.text)
    root = span.root
    modifier = root.dep_ in ("compound", "amod", "nmod") and root.head.pos_ == "NOUN" and root.head.i >= span.end
    doc = span.doc
    quarter = span.end < len(doc) and doc[span.end].lower_ in quarter_words() or (
        len(span) > 1 and span[0].lower_ in quarter_prefixes()) or (
        span.start > 0 and doc[span.start - 1].is_title and doc[span.start - 1].lower_ in quarter_prefixes())
    if not entries and len(span) > 1 and span[-1].lower_ in named_after_words():
        towns = _named_after(span)
        if towns:  # "Donetsk Airport", "Kandahar Airfield": at the town it is named after, once the report's
            return Toponym(span.start_char, span.end_char, span.text, (), "facility", modifier=modifier,  # country
                           named_after=towns)  # is known (`resolve._place_unlocated`)
    if not entries and m and len(span) > 1:
        entries = gazetteer.lookup(span.text[:m.start()])
        kind = kind or DESIGNATED_KIND.get(m.group(1).lower(), "admin2")
        return Toponym(span.start_char, span.end_char, span.text, candidates(span.text[:m.start()], entries, kind),
                       kind, modifier=modifier, quarter=m.group(1).lower() in quarter_words())
    return Toponym(span.start_char, span.end_char, span.text, candidates(span.text, entries, kind), kind,
                   modifier=modifier, quarter=quarter)


@lru_cache(maxsize=1)
def named_after_words() -> frozenset[str]:
    """The last words of a facility named after the town it serves (cues.json)."""
    return frozenset(lexicon.load("places/cues.json").get("named_after_words", ()))


def _named_after(span: Span) -> tuple[Gazetted, ...]:
    """The towns a facility the gazetteer lacks is named after, by its longest leading name that is a town."""
    for n in range(len(span) - 1, 0, -1):
        towns = tuple(e for e in gazetteer.lookup(span[:n].text)
                      if e.main and e.feature == "city" and e.lat is not None)
        if towns:
            return towns
    return ()


def _prefix_alone(span: Span) -> bool:
    """The word "Colonia" of "Colonia Las Tinas" cut off by the NER: a quarter's designation, not Cologne."""
    doc = span.doc
    return len(span) == 1 and span[0].lower_ in quarter_prefixes() and span.end < len(doc) and doc[span.end].is_title


def _conjoined(a: Span, b: Span) -> bool:
    """b follows a in a list: "Baghdad and Basra", "Baghdad, Basra"."""
    between = a.doc[a.end:b.start]
    return 0 < len(between) <= 2 and all(t.text == "," or t.lower_ in ("and", "or") for t in between)


def _bracketed(a: Span, b: Span) -> bool:
    """"Town (District, Province)": b opens the bracket after a, or follows a comma inside it."""
    doc = a.doc
    if b.start == a.end + 2 and doc[a.end + 1].text == "(" and doc[a.end].lower_ in DESIGNATED_KIND:
        return True  # "Zorblat village (Bara district)"
    return b.start == a.end + 1 and doc[a.end].text == "(" or (
        b.start == a.end + 1 and doc[a.end].text == "," and any(t.text == "(" for t in doc[max(0, a.start - 8):a.start])
        and not any(t.text == ")" for t in doc[max(0, a.start - 8):a.start]))


def _regional(m: Toponym) -> bool:
    """A state or country: one that starts a list ("Georgia, Oklahoma, Pennsylvania"), not a qualifier."""
    return any(e.main and e.feature in ("admin1", "country") for e in m.cands)


def _comma_between(a: Span, b: Span) -> bool:
    """A comma, after the designator word that says what a is: "Bala Buluk district, Farah"."""
    end = a.end + 1 if a.end < len(a.doc) and a.doc[a.end].lower_ in DESIGNATOR_WORDS else a.end
    return b.start == end + 1 and a.doc[end].text == ","
