"""Recognition of toponyms in the parse: spaCy's GPE/LOC/FAC spans, plus gazetteer names the NER missed or
mislabelled when the context says "place" ("the district of X", "X area", "in X", "Sadr City and X", "an X
man"), and every other mention of a town so found. Adjectives, speakers and organisations are not places,
though a place inside an organisation's name is ("Alexandria police").
"""
from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise

import numpy
from spacy.attrs import ENT_IOB, IS_TITLE, POS
from spacy.parts_of_speech import PROPN
from spacy.tokens import Doc, Span

from ... import lexicon
from ...lexicon import gazetteer
from ...lexicon.gazetteer import Gazetted
from .candidates import DESIGNATOR_WORDS

PLACE_LABELS = {"GPE", "LOC", "FAC"}
RELABEL = {"PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "EVENT", ""}  # labels the NER gives places it misses
TOWN = 1_000  # population of a town that a name modifying a noun may be ("an Alexandria man")
BIG = 50_000  # population above which a bare "in X" is enough to call X a place
ADHERENT = ("ist", "ists", "ite", "ites")


@lru_cache(maxsize=1)
def cues() -> dict:
    data = lexicon.load("places/cues.json",
                        required=("kind_of", "locative", "modifiers", "facility_words", "speech_verbs"))
    return {"kind_of": data["kind_of"], "locative": frozenset(data["locative"]),
            "modifiers": frozenset(data["modifiers"]), "facility_words": frozenset(data["facility_words"]),
            "speech_verbs": frozenset(data["speech_verbs"]),
            "common_words": frozenset(data.get("common_words", ())),
            "outlet_words": frozenset(data.get("outlet_words", ()))}


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
    ("West | Virginia", "Fort | Worth"), or the hyphenated rest of its name ("Ivano | -Frankivsk")."""
    doc = span.doc
    end = span.end
    if end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and doc[end + 1].is_title:
        joined = doc[span.start:end + 2]  # "Ivano | -Frankivsk"
        if any(e.main for e in gazetteer.lookup(joined.text)):
            return joined
    if span.start == 0 or not doc[span.start - 1].is_title or doc[span.start - 1].ent_type_:
        return span
    wider = doc[span.start - 1:span.end]
    return wider if any(e.main for e in gazetteer.lookup(wider.text)) else span


def _kind(span: Span) -> str | None:
    """The kind of place the words around the name say it is: "city of X", "X district"."""
    doc, kinds = span.doc, cues()["kind_of"]
    if span.end < len(doc) and doc[span.end].lower_ in kinds:
        return kinds[doc[span.end].lower_]
    if span.start >= 2 and doc[span.start - 1].lower_ == "of" and doc[span.start - 2].lower_ in kinds and not (
            span.start >= 3 and doc[span.start - 3].pos_ == "PROPN"):  # "the Zaytun district of Kirkuk": Zaytun's
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


def _known(entries: tuple[Gazetted, ...]) -> bool:
    """A name well enough known to be a place after a bare "in": a country, state, big city or curated place."""
    return any(e.main and (e.population >= BIG or e.feature not in ("city", "county", "admin2")) for e in entries)


def _surnames(ents: Sequence[Span]) -> set[str]:
    """Last names of the article's people: "Sadr" after "Moqtada al-Sadr" is the man, not Sadr City."""
    names = {gazetteer.key(e[-1].text) for e in ents if e.label_ == "PERSON" and len(e) > 1}
    return {n for n in names if n and not any(e.feature in ("country", "admin1") for e in gazetteer.lookup(n))}


def _speaks(span: Span) -> bool:
    """The subject of "said", "told": a person or an organisation, not a place."""
    root = span.root
    return root.dep_ == "nsubj" and root.head.lemma_ in cues()["speech_verbs"]


def _person_words(ents: Sequence[Span]) -> set[str]:
    """Every word of the article's full personal names: "Alexandria" alone after "Alexandria Smith" is her."""
    return {gazetteer.key(t.text) for e in ents if e.label_ == "PERSON" and len(e) > 1 for t in e}


def _adjectival(span: Span, entries: tuple[Gazetted, ...]) -> bool:
    """'Sadrist', 'Baathist': follower words the NER takes for places."""
    return not entries and span[-1].lower_.endswith(ADHERENT)


def _plausible_unknown(span: Span) -> bool:
    """A name the gazetteer lacks is kept when its words or its context say place: "Greer Station",
    "in Tskhinvali", "Hot Springs Drive"; a lone unknown name is as often a person the NER mislabelled, and
    one that ends like a news outlet's name is the outlet ("(Example Wire) -", "told the Harbor Post")."""
    if span[-1].lower_ in cues()["outlet_words"]:
        return False
    return len(span) > 1 or _locative(span) or bool(_kind(span)) or _is_facility(span)


def _unmistakable(entries: tuple[Gazetted, ...], span: Span) -> bool:
    """Names that are places wherever they stand: countries, states, "X County". ("Kent", "Clare" are
    counties too, and people.)"""
    return any((e.feature == "country" or e.main and e.feature == "admin1" and e.population > 0) and e.lat is not None
               for e in entries) or (
        len(span) > 1 and span[-1].text in ("County", "Parish"))


def _named_kind(span: Span) -> bool:
    """Called a place by the word after or before it: "Herat province", "the city of Aleppo"."""
    kind = _kind(span)
    return bool(kind and kind != "county" and span[-1].lower_ not in cues()["kind_of"] and gazetteer.lookup(span.text))


def _accept(span: Span, entries: tuple[Gazetted, ...], place_keys: set[str], place_tokens: set[int]) -> bool:
    """Whether a name the NER did not call a place is one after all."""
    kind = _kind(span)
    named_kind = kind and kind != "county" and span[-1].lower_ not in cues()["kind_of"]  # not "City of"
    return bool(named_kind or gazetteer.key(span.text) in place_keys
                or entries and (_unmistakable(entries, span) or _coordinated(span, place_tokens)
                                or _locative(span) and _known(entries) or _modifies_noun(span) and _town(entries)
                                and span.text.lower() not in cues()["common_words"]))  # "Police forces"


def _placed_town(span: Span, entries: tuple[Gazetted, ...], person: bool) -> bool:
    """A small town after in/near that the NER took for a group or a people ("near Opytne", "in Halba"): an
    analyst's note names villages no bigger than these with nothing else around them. Not a person's name
    (but "near" a name is near a place), nor a word that is also a town somewhere ("in Police custody")."""
    doc = span.doc
    if person and doc[span.start - 1].lower_ != "near":
        return False
    after = doc[span.end] if span.end < len(doc) else None
    cut = after is not None and (after.tag_ == "POS" or after.text == "-" and not doc[span.end - 1].whitespace_ or (
        after.lower_ in PARTICLES and span.end + 1 < len(doc) and doc[span.end + 1].is_alpha))  # "Bom Jesus do Galho"
    return _locative(span) and not cut and span.text.lower() not in cues()["common_words"] and not span.text.isupper() \
        and not (len(span) == 1 and span[0].is_stop) and any(
        e.main and e.feature == "city" and e.population >= TOWN for e in entries)


@lru_cache(maxsize=1)
def _demonyms() -> frozenset[str]:
    """Nationality words, which are no places ("Afghan forces")."""
    return frozenset(lexicon.load("actors/actors.yaml").get("demonyms") or {})


def _modifies_noun(span: Span) -> bool:
    """A name used as a modifier of a common noun ("an Alexandria man", "Dublin police"): a person's name
    does not stand there, a place's does. Not an acronym ("UN officials", "SEC rules")."""
    doc = span.doc
    if span.text.isupper() or span.end >= len(doc):
        return False
    after = doc[span.end]
    return after.pos_ == "NOUN" and after.is_lower and span.root.dep_ in ("compound", "nmod", "amod") and (
        span.root.head.i >= span.end)


def _town(entries: tuple[Gazetted, ...]) -> bool:
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


def recognise(doc: Doc) -> list[tuple[Span, tuple[Gazetted, ...], str | None]]:
    """(span, gazetteer entries, kind) for every toponym of the document."""
    found: list[tuple[Span, tuple[Gazetted, ...], str | None]] = []
    doubtful: list[Span] = []
    orgs: list[Span] = []
    persons: set[int] = set()  # starts of the names the NER reads as people
    peoples: set[int] = set()  # and as a people ("Arab cities"): places only when the words around say so
    ents = doc.ents  # built anew on every access
    people = _surnames(ents)
    for ent in ents:
        span = _trim(ent, directions=ent.label_ != "ORG")
        if ent.label_ in PLACE_LABELS:
            for part in _split(_widen(span)):
                entries = gazetteer.lookup(part.text)
                if ent.label_ == "FAC" and not entries and not _is_facility(part):
                    orgs.append(part)  # "the White House", "the Hall County Jail": institutions, places inside
                elif gazetteer.key(part.text) not in people and not _adjectival(part, entries) and (
                        entries or _plausible_unknown(part)):
                    found.append((part, entries, _kind(part)))
        elif ent.label_ in RELABEL:
            doubtful += _split(span)
            if ent.label_ == "ORG":
                orgs.append(span)
            elif ent.label_ == "PERSON":
                persons.add(span.start)
        elif ent.label_ == "NORP" and span.text not in _demonyms():  # "in Halba", "Herat province" read as a people
            doubtful.append(span)
            peoples.add(span.start)
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
            if (_named_kind(span) if span.start in peoples else _accept(span, entries, place_keys, place_tokens)) \
                    or _placed_town(span, entries, span.start in persons):
                found.append((span, entries, _kind(span)))
                accepted.add(span.start)
        place_keys |= {gazetteer.key(s.text) for s, entries, _ in found if s.start in accepted and _town(entries)}
    place_keys = {gazetteer.key(s.text) for s, entries, _ in found if entries}
    for org in orgs:
        sub = None if org.start in accepted else _embedded(org, place_keys)
        if sub is not None:
            found.append((sub, gazetteer.lookup(sub.text), None))
    return _joined(sorted(map(_prefixed, found), key=lambda f: f[0].start))


def _prefixed(f: tuple[Span, tuple[Gazetted, ...], str | None]) -> tuple[Span, tuple[Gazetted, ...], str | None]:
    """With the article the NER left off a hyphenated name, when the whole is a known name: "As- | Sweida"."""
    span, _, kind = f
    doc, i = span.doc, span.start
    if i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_ and (
            doc[i - 2].is_title):
        entries = gazetteer.lookup(doc[i - 2:span.end].text)
        if entries:
            return doc[i - 2:span.end], entries, kind
    return f


def _split(span: Span) -> list[Span]:
    """A town and its unit that the NER took for one name: "Nis, Serbia", "Kelly in Idleb", "Chatsworth
    (eThekwini"; a name the gazetteer knows whole stays whole."""
    if len(span) < 3 or gazetteer.lookup(span.text):
        return [span]
    for t in span[1:-1]:
        if t.text in (",", "(") or t.lower_ == "in":  # not "of": "Democratic Republic of the Congo"
            left, right = span.doc[span.start:t.i], _trim(span.doc[t.i + 1:span.end])
            if gazetteer.lookup(left.text) or gazetteer.lookup(right.text):
                return [left, right]
    return [span]


def _joined(found: list) -> list:
    """Two names side by side that make one state or country the NER cut in two: "Baja | California"."""
    out: list = []
    for f in found:
        if out and out[-1][0].end == f[0].start:
            joined = f[0].doc[out[-1][0].start:f[0].end]
            entries = gazetteer.lookup(joined.text)
            if any(e.main and e.feature in ("admin1", "country") for e in entries):
                out[-1] = (joined, entries, out[-1][2])
                continue
        out.append(f)
    return out


def _bracket_units(doc: Doc, i: int, starts: set[int], seen: list | None = None) -> list:
    """The units in the bracket that opens at token i, as analysts write them: "(Koro, Mopti)"; those
    already recognised go to `seen`."""
    out: list = []
    j = i + 1
    while j < len(doc) and j < i + 16:
        k = j
        while k < len(doc) and doc[k].text not in (",", ")", "(") and k < j + 5:
            k += 1
        unit = doc[j:k]
        if len(unit) and any(c.isupper() for c in unit[0].text):  # "Koro", "eThekwini", "KwaZulu-Natal"
            entries = gazetteer.lookup(unit.text)
            if entries:
                (out if j not in starts else seen if seen is not None else []).append((unit, entries, None))
        if k >= len(doc) or doc[k].text != ",":
            break
        j = k + 1
    return out


def add_qualifiers(doc: Doc, found: list) -> list:
    """Add the state or country after "Town, " when the NER missed it ("Louisville, Ky."), and the units
    of an analyst's bracket ("Bamba (Koro, Mopti)")."""
    starts = {f[0].start for f in found}
    ends = {f[0].end for f in found}
    extra = []
    for tok in doc:  # "Musawa (Musawa, Katsina)": a name before a bracket of units is a place, known or not
        if tok.text == "(" and tok.i not in ends and tok.i > 1 and doc[tok.i - 1].lower_ in cues()["kind_of"] and (
                tok.i - 1 in ends):
            extra += _bracket_units(doc, tok.i, starts)  # "Zorblat village (Bara district)"
        elif tok.text == "(" and tok.i not in ends and tok.i > 0 and doc[tok.i - 1].is_title:
            seen: list = []
            units = _bracket_units(doc, tok.i, starts, seen)
            if any(e.feature in ("admin1", "admin2", "country") for _, entries, _ in units + seen for e in entries):
                first = tok.i - 1
                while first > tok.i - 4 and first > 0 and doc[first - 1].is_title and doc[first - 1].pos_ == "PROPN":
                    first -= 1
                name = _trim(doc[first:tok.i])
                if not any(s.start <= name.start < s.end for s, _, _ in found):
                    extra.append((name, gazetteer.lookup(name.text), _kind(name)))
                    extra += units
    for span, _, _ in found:
        i = span.end
        if i + 1 < len(doc) and doc[i].lower_ in DESIGNATOR_WORDS and doc[i + 1].text == ",":
            i += 1  # "Bala Buluk district, Farah"
        if i < len(doc) and doc[i].text == "(":
            extra += _bracket_units(doc, i, starts)
            continue
        if i + 1 < len(doc) and doc[i].text == "," and i + 1 not in starts:
            for n in (4, 3, 2, 1):  # "Mato Grosso do Sul"
                cand = doc[i + 1:i + 1 + n]
                if len(cand) == n and cand[0].is_title and not cand[-1].is_punct and (
                        n > 1 or cand[0].lower_ not in cues()["modifiers"]) and any(  # "Dahuk, Northern Iraq"
                        e.feature in ("admin1", "country") for e in gazetteer.lookup(cand.text)):
                    extra.append((cand, gazetteer.lookup(cand.text), None))
                    break
    return sorted(found + extra, key=lambda f: f[0].start)


PARTICLES = frozenset(("de", "do", "da", "dos", "das", "del", "la", "las", "los", "el", "di", "du", "des"))


def add_town_state(doc: Doc, found: list) -> list:
    """"in Acatlan, Hidalgo", "near Popasna, Luhansk", "in Tecpan de Galeana, Guerrero": a name after a
    locative word and before a comma and a state (or country) the gazetteer knows is a town of it, though the
    NER saw neither name; the state is added with it, to qualify it."""
    taken = {i for s, _, _ in found for i in range(s.start, s.end)}
    extra: list = []
    for comma in (t for t in doc if t.text == "," and 0 < t.i < len(doc) - 1):
        first = comma.i
        while first > 0 and first > comma.i - 6 and (doc[first - 1].is_title and doc[first - 1].pos_ == "PROPN"
                                                     or doc[first - 1].lower_ in PARTICLES and first < comma.i):
            first -= 1
        if first == comma.i or doc[first].lower_ in PARTICLES or first == 0 or (
                doc[first - 1].lower_ not in cues()["locative"]):
            continue
        last = comma.i + 1
        while last < len(doc) and last < comma.i + 6 and (doc[last].is_title and doc[last].pos_ == "PROPN" or (
                doc[last].lower_ in PARTICLES and last + 1 < len(doc) and doc[last + 1].is_title)):
            last += 1  # "Mato Grosso do Sul"
        town, state = doc[first:comma.i], doc[comma.i + 1:last]
        if not len(state) or any(i in taken for i in range(first, comma.i)):
            continue
        units = [e for e in gazetteer.lookup(state.text) if e.feature in ("admin1", "country") and e.lat is not None]
        if units and not any(e.feature == "country" and e.main for e in gazetteer.lookup(town.text)):
            extra.append((town, gazetteer.lookup(town.text), _kind(town)))
            if not any(i in taken for i in range(comma.i + 1, last)):
                extra.append((state, gazetteer.lookup(state.text), None))
            taken |= set(range(first, last))
    return sorted(found + extra, key=lambda f: f[0].start)


LOWER_SHARE = 0.02  # below this share of capitalised words a document is written in lower case
LOWER_MIN_LEN = 4
LOWER_TOWN = 100_000  # a town found in lower-case text: this big in the report's country
LOWER_STATE_TOWN = 20_000  # or this big in its state


def lower_case(doc: Doc) -> bool:
    """A document written all in lower case (some newspapers' archives): the NER sees no names there."""
    words = [t for t in doc if t.is_alpha]
    return len(words) >= 20 and sum(t.is_title or t.is_upper for t in words) < LOWER_SHARE * len(words)


def lower_case_places(doc: Doc, found: list, countries: set[str], states: set[tuple[str, str]]) -> list:
    """Towns, states and countries of a lower-case document, matched without case: a country or a state
    anywhere, a town only when it is a sizeable one in the report's country (or state), never a stop word
    or a common word that is also a town somewhere ("police", "post")."""
    taken = {i for s, _, _ in found for i in range(s.start, s.end)}
    common = cues()["common_words"]
    out = []
    i = 0
    while i < len(doc):
        hit = None
        for n in (3, 2, 1):
            span = doc[i:i + n]
            if len(span) < n or any(t.i in taken or not t.is_alpha for t in span):
                continue
            if n == 1 and (span[0].is_stop or len(span.text) < LOWER_MIN_LEN or span[0].lower_ in common
                           or span[0].pos_ not in ("NOUN", "PROPN", "ADJ")):
                continue
            entries = gazetteer.lookup(span.text)
            if any(_lower_place(e, countries, states) for e in entries):
                hit = (span, entries, _kind(span))
                break
        if hit:
            out.append(hit)
            i = hit[0].end
        else:
            i += 1
    return sorted(found + out, key=lambda f: f[0].start)


def _lower_place(e: Gazetted, countries: set[str], states: set[tuple[str, str]]) -> bool:
    if not e.main or e.lat is None:
        return False
    if e.feature == "country":
        return True
    if e.feature == "admin1":
        return not countries or e.country in countries
    return e.feature == "city" and e.country in countries and (
        e.population >= LOWER_TOWN or (e.country, e.admin1) in states and e.population >= LOWER_STATE_TOWN)


NOT_NAMES = ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "QUANTITY", "PERCENT", "NORP", "LAW")


def _name_runs(doc: Doc) -> list[Span]:
    """Capitalised proper-noun runs, whatever the NER took them for ("Bala Buluk" as a building, "Logar" as
    a person); not dates, numbers or nationalities, nor an acronym's letters ("HTS")."""
    runs, start = [], None
    for t in doc:
        ok = t.pos_ == "PROPN" and t.is_title and t.ent_type_ not in NOT_NAMES or start is not None and (
            t.text == "-" and not t.whitespace_ and t.i + 1 < len(doc) and doc[t.i + 1].is_title
            or doc[t.i - 1].text == "-" and t.is_title) or (  # "As-Sweida", its article read as a word
            t.is_title and not t.whitespace_ and t.i + 2 < len(doc) and doc[t.i + 1].text == "-"
            and doc[t.i + 2].is_title)
        if ok and start is None:
            start = t.i
        elif not ok and start is not None:
            runs.append(doc[start:t.i])
            start = None
    if start is not None:
        runs.append(doc[start:len(doc)])
    return runs


def _link(doc: Doc, a: Span, b: Span) -> str | None:
    """The words between a town and the unit that holds it, as analysts write them: "area of", "village in",
    ", in", "of the"; with the designator word, if any, that says what the town is."""
    words = [t.lower_ for t in doc[a.end:b.start]]
    if words[:1] == [","]:
        words = words[1:]
    designator = words[0] if words and words[0] in DESIGNATOR_WORDS else None
    words = words[1:] if designator else words
    if words[-1:] == ["the"]:
        words = words[:-1]
    return (designator or "") if words in (["of"], ["in"]) else None


def add_enclosing(doc: Doc, found: list) -> list:
    """The names of an analyst's "X area of Y district", "X village in Y province", "X of the Y region": the
    pattern says both are places, whatever the NER took them for. A name with no designator of its own
    counts as a unit only when the gazetteer knows it as one."""
    runs = _name_runs(doc)
    extra: list = []
    for a, b in pairwise(runs):
        designator = _link(doc, a, b)
        if designator is None or gazetteer.lookup(doc[a.start:b.end].text):
            continue  # one name: "Democratic Republic of the Congo"
        b_designated = b.end < len(doc) and doc[b.end].lower_ in DESIGNATOR_WORDS
        b_entries = gazetteer.lookup(b.text)
        if not (b_designated or any(e.feature in ("admin1", "admin2") for e in b_entries)):
            continue  # "Assad in Damascus": a person where a city is
        placed = a.start > 0 and doc[a.start - 1].lower_ in cues()["locative"] or a.root.dep_ == "dobj"
        if not designator and not placed:
            continue  # "members of Jaysh al Islam in Idleb"
        for span, kind in ((a, designator and cues()["kind_of"].get(designator)),
                           (b, b_designated and cues()["kind_of"].get(doc[b.end].lower_))):
            if not any(s.start <= span.start < s.end or span.start <= s.start < span.end for s, _, _ in found + extra):
                extra.append((span, gazetteer.lookup(span.text), kind or _kind(span)))
    return sorted(found + extra, key=lambda f: f[0].start)
