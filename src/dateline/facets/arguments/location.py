"""Where an event happened: the place attached to its trigger's clause, else its sentence's, its
paragraph's, the article's focus, its country. A place written as ACLED notes write the coded location is
the event's place in its sentence; a proper name after in/at/near that the places facet missed is looked
up in the gazetteer, else placed as a part of the paragraph's town."""
from __future__ import annotations

from spacy.tokens import Span, Token

from ...lexicon import gazetteer
from ...record import EventLocation, Place
from .anchoring import is_attached, paragraph_before, pick, prep_object, targets_of
from .document import DocView, name_holding
from .words import PRECISION, RANK, country_of, precision_of, vocabulary


def locate(view: DocView, anchor: Token) -> EventLocation | None:
    """The place the event attaches to, else the sentence's, the paragraph's, the article's focus, its country."""
    here = view.sentence(anchor.idx)
    in_sentence = _finest([p for p in view.places.get(here, []) if not _nationality_use(view, p)
                           and not _source_place(view, p, anchor)])
    bracketed = [p for p in in_sentence if p.start in view.bracketed]  # not a province holding a named town
    if bracketed:  # the note's coded location
        return _as_location(pick(bracketed, view, anchor, lambda p: RANK[precision_of(p)]) or bracketed[0])
    best = pick(in_sentence, view, anchor, lambda p: (p.lat is None, RANK[precision_of(p)]))
    if best is not None and precision_of(best) == "country" and not _attached_place(view, best, anchor):
        best = None  # a country named in passing says less than the paragraph's town
    if best is None:
        local = _finest(paragraph_before(view.places, view, anchor,
                                         lambda p: precision_of(p) != "country" and not _nationality_use(view, p)))
        best = local[-1] if local else view.focus
    if best is None or not _attached_place(view, best, anchor):
        missed = _unresolved_toponym(view, anchor)
        if missed is not None:
            return _as_location(missed) if isinstance(missed, Place) else missed
    if best is None:  # "the high US dollar exchange rate" is no place of last resort
        last = None if view.country_place is None or _modifier(view, view.country_place) else view.country_place
        countries = [p for p in in_sentence if precision_of(p) == "country"] + [last]
        return _as_location(countries[0]) if countries[0] is not None else None
    location = _as_location(best)
    if location.lat is None and view.focus is not None and view.focus is not best:
        return _district((best.name, best.start, best.end), view.focus)
    return location


def _nationality_use(view: DocView, place: Place) -> bool:
    """A place that acts ("Washington claimed") or owns ("Iran's assistance"), or a country named as a
    modifier ("US officers") or as whose a thing is ("the military forces of Azerbaijan"), says who, not
    where."""
    tok = view.token(place.start, place.end)
    if tok is None:
        return False
    while tok.dep_ == "conj" and tok.head is not tok:  # "the Pentagon and the White House are celebrating"
        tok = tok.head
    if tok.dep_ in ("nsubj", "nsubjpass", "dobj", "poss"):
        return True
    if precision_of(place) != "country":
        return False
    owner = tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ == "NOUN" and (
        tok.head.head.lower_ in vocabulary()["owned_nouns"])
    return owner or tok.dep_ in ("compound", "amod", "nmod")


def _source_place(view: DocView, place: Place, anchor: Token) -> bool:
    """A place in the subject of a verb of saying ("authorities in Gao said", "police in Kirkuk told
    reporters") is where the source sits, not where the act it reports happened."""
    tok = view.token(place.start, place.end)
    speech = vocabulary()["speech_verbs"]
    while tok is not None and tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        if tok.dep_ == "nsubj" and tok.head.lemma_.lower() in speech:
            return not tok.left_edge.i <= anchor.i <= tok.right_edge.i
        tok = tok.head
    return False


def _modifier(view: DocView, place: Place) -> bool:
    tok = view.token(place.start, place.end)
    return tok is not None and tok.dep_ in ("compound", "amod", "nmod")


def _finest(places: list[Place]) -> list[Place]:
    """The places that hold no other place of the list: "Jussara, Goias" is Jussara, "the village of Hajin
    in the countryside of Deir-ez-Zor" Hajin, "near Terter ... of Azerbaijan" Terter; as ACLED codes the
    finest place its note names."""
    return [p for p in places if not any(_holds(p, q) for q in places)] or places


def _holds(big: Place, small: Place) -> bool:
    """Whether `big` is a unit that holds `small`: its country, its province, its district, or a city named
    like its province written after the town as the unit ("Kansafra in Idleb countryside")."""
    if big is small or small.lat is None or not big.country or big.country != small.country:
        return False
    outer, inner = precision_of(big), precision_of(small)
    if inner == "country" or big.name == small.name:
        return False
    if outer == "country":
        return True
    if big.feature == "admin1" and small.feature == "admin2":  # "Jaghuri district in Ghazni"
        return big.admin1 is not None and small.admin1 == big.admin1
    if inner not in ("town", "district"):
        return False
    if big.feature == "admin1":
        return big.admin1 is not None and small.admin1 == big.admin1
    if big.feature == "admin2":
        return big.admin2 is not None and small.admin2 == big.admin2
    return (outer == "town" and small.start < big.start and big.admin1 is not None and small.admin1 == big.admin1
            and gazetteer.loose_key(big.name) == gazetteer.loose_key(big.admin1))


def _attached_place(view: DocView, place: Place, anchor: Token) -> bool:
    tok = view.token(place.start, place.end)
    return tok is not None and is_attached(tok, anchor, targets_of(anchor))


def _as_location(p: Place) -> EventLocation:
    return EventLocation(p.name, p.admin1, p.country, p.lat, p.lon, precision_of(p), p.start, p.end)


def _district(named: tuple[str, int, int], city: Place | None) -> EventLocation:
    """A part of a town the gazetteer does not know, placed at its town (ACLED: geo-precision 1)."""
    name, start, end = named
    if city is None:
        return EventLocation(name, None, None, None, None, "district", start, end)
    return EventLocation(name, city.admin1, city.country, city.lat, city.lon, "district", start, end)


def _unresolved_toponym(view: DocView, anchor: Token) -> Place | EventLocation | None:
    """A proper name after in/at/near attached to the event that the places facet missed: resolved in the
    gazetteer when it knows the name ("near Oicha", which NER took for a person), else a part of the town
    the paragraph is about ("in the Qibla area")."""
    preps = vocabulary()["place_preps"]
    for t in sorted(targets_of(anchor)):
        for prep in view.doc[t].children:
            if prep.dep_ != "prep" or prep.lower_ not in preps:
                continue
            for obj in prep.children:
                name = _proper_name(obj) if obj.dep_ == "pobj" else None
                if name is None or name.start_char in view.place_starts:
                    continue
                found = _gazetteer_place(view, name)
                if found is not None:
                    return found
                if not _claimed(view, name.start_char, name.end_char):
                    local = paragraph_before(view.places, view, anchor, lambda p: precision_of(p) == "town")
                    return _district((name.text, name.start_char, name.end_char), local[-1] if local else view.focus)
    return None


def _gazetteer_place(view: DocView, name: Span) -> Place | None:
    """The town or district a name is, in the article's country when it has one, else the most populous when
    all its namesakes are in one country (a report that names no country does not say which La Sabana)."""
    entries = [e for e in gazetteer.lookup(name.text)
               if e.lat is not None and PRECISION.get(e.feature) in ("town", "district")]
    if view.country is not None:
        entries = [e for e in entries if country_of(e) == view.country]
    if not entries or len({e.country for e in entries}) > 1:
        return None
    e = max(entries, key=lambda e: e.population)
    return Place(name.text, name.start_char, name.end_char, e.name, country_of(e), e.admin1, e.lat, e.lon,
                 e.geonameid, e.feature)


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
    inner = prep_object(obj, ("of",))
    return _proper_name(inner) if inner is not None and inner.pos_ == "PROPN" else None


def _claimed(view: DocView, start: int, end: int) -> bool:
    """A name NER reads as a person or an organisation, but not "Bangui (Bangui)" read as one."""
    name = name_holding(view.not_places, start)
    return name is not None and end <= name[1] and not view.text[name[0] : name[1]].endswith(")")
