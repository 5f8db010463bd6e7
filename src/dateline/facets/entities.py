"""Named entities with offsets and one canonical name per person, organisation and place.

spaCy's spans are tidied (no leading "the", no titles inside person names, no stray punctuation),
labels are made consistent within the article, and short mentions are resolved to the fullest name
the article uses: "Maliki" → "Nouri al-Maliki", "ISCI" → "Islamic Supreme Council of Iraq".
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from spacy.tokens import Doc, Span

from .. import lexicon
from ..nlp.context import FacetInput
from ..record import Entity
from .base import facet

KEEP = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART", "LANGUAGE"}
NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
_LEAD = re.compile(r"^(?:the|The|THE)\s+")
_TRAIL = re.compile(r"(?:\s*[(\[,;:]|\s*['’]s|\s+\d+|\s+(?:and|or|&)|[\s.,;:\-–—]+)$")
_PARTICLE = re.compile(r"^(?:al|el|ad|as|ash|at|ar|an|az|ul)[-\s]", re.I)
GENERIC_TAILS = {"militia", "militias", "group", "movement", "forces", "army", "party", "faction"}


@lru_cache(maxsize=1)
def titles() -> frozenset[str]:
    return frozenset(line.strip().lower() for line in lexicon.lines("entities/titles.txt"))


@lru_cache(maxsize=1)
def outlet_words() -> frozenset[str]:
    return frozenset(lexicon.load("places/cues.json").get("outlet_words", ()))


def _strip_title(span: Span) -> tuple[Span, str | None]:
    """'Cameraman Mazin al-Tayar' → ('Mazin al-Tayar', 'cameraman'); the longest title prefix goes."""
    words = [t.lower_ for t in span]
    for n in range(min(4, len(span) - 1), 0, -1):
        if " ".join(words[:n]).replace(" .", ".") in titles():
            return Span(span.doc, span.start + n, span.end, label="PERSON"), span[:n].text
    return span, None


def _title_before(span: Span) -> str | None:
    """A capitalised title right before the name that spaCy left outside it ("General | Omar Haddad")."""
    doc = span.doc
    for n in range(min(4, span.start), 0, -1):
        words = doc[span.start - n : span.start]
        if words[0].is_title and words.text.lower().replace(" .", ".") in titles():
            return words.text
    return None


def _only_title(span: Span) -> bool:
    return span.text.lower() in titles()


def _tidy(doc: Doc, full: str, span: Span) -> Span | None:
    """The span without a leading article, trailing punctuation, possessive or stray digits.

    `full` is doc.text, passed in because spaCy rebuilds that string from every token on each access.
    """
    start, end = span.start_char, span.end_char
    text = full[start:end]
    m = _LEAD.match(text)
    if m:
        start += m.end()
    while True:
        text = full[start:end]
        m = _TRAIL.search(text)
        if not m or m.start() == 0:
            break
        end = start + m.start()
    tidy = doc.char_span(start, end, label=span.label_, alignment_mode="contract")
    return tidy if tidy is not None and len(tidy.text.strip()) > 1 else None


def name_key(name: str) -> list[str]:
    """Comparable words of a name: lower case, Arabic article dropped ("al-Maliki" ~ "Maliki")."""
    return [_PARTICLE.sub("", w) for w in re.findall(r"[\w'’-]+", name.lower())]


def _acronym(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Z][\w'-]*", name) if w[0].isupper())


def _resolve_people(names: list[str]) -> dict[str, str]:
    """Each person name to the longest name in the article that ends with the same surname."""
    out = {}
    full = sorted(dict.fromkeys(names), key=lambda n: -len(name_key(n)))  # ties: first written first
    for n in names:
        key = name_key(n)
        best = n
        for cand in full:
            ck = name_key(cand)
            if len(ck) > len(key) and key and (ck[-len(key):] == key or (len(key) == 1 and key[0] in ck[1:])):
                best = cand
                break
        out[n] = best
    return out


def _resolve_orgs(names: list[str], doc_text: str) -> dict[str, str]:
    """Acronyms to the long name they abbreviate; "X militia" to "X" where the article names X alone."""
    out = {n: n for n in names}
    longs = [n for n in names if len(n.split()) > 1]
    plain = set(names)
    for n in names:
        words = n.split()
        if n.isupper() and 2 <= len(n) <= 8:
            for cand in longs:
                if _acronym(cand) == n or re.search(re.escape(cand) + r"\s*\(\s*" + re.escape(n) + r"\s*\)", doc_text):
                    out[n] = cand
                    break
        elif len(words) > 2 and words[-1].lower() in GENERIC_TAILS and " ".join(words[:-1]) in plain:
            out[n] = " ".join(words[:-1])
    return out


@facet("entities", requires=("places",))
def FACET(inp: FacetInput) -> list[Entity]:
    """Entities with tidied spans, one label per surface form, and canonical names."""
    doc: Doc = inp.doc
    full = inp.text
    # a name the places facet put on the map is a place, whatever the NER took it for ("near the town of
    # Daquq", read as a person)
    placed = {(p.start, p.end) for p in inp["places"] or () if p.lat is not None or p.feature != "unknown"}
    spans: list[tuple[Span, str | None]] = []
    for ent in doc.ents:
        if ent.label_ not in KEEP:
            continue
        span = _tidy(doc, full, ent)
        if span is None:
            continue
        if _only_title(span):
            continue
        if span.label_ in ("PERSON", "ORG") and (span.start_char, span.end_char) in placed:
            span = Span(doc, span.start, span.end, label="GPE")
        elif span.label_ in ("GPE", "LOC") and span[-1].lower_ in outlet_words() and (
                span.start_char, span.end_char) not in placed:
            span = Span(doc, span.start, span.end, label="ORG")  # a news outlet: "the Example Wire"
        title = None
        if ent.label_ in ("PERSON", "ORG"):
            # spaCy sometimes calls "General Petraeus" an ORG: a title makes it a person.
            span, title = _strip_title(span)
            if not any(t.is_alpha for t in span):
                continue
            if span.label_ == "PERSON":
                title = title or _title_before(span)
        spans.append((span, title))

    # One label per surface form: spaCy tags "Basra" GPE in one sentence and PERSON in another.
    votes: dict[str, Counter] = {}
    for span, _ in spans:
        votes.setdefault(span.text, Counter())[span.label_] += 1
    label_of = {text: c.most_common(1)[0][0] for text, c in votes.items()}
    people = [s.text for s, _ in spans if label_of[s.text] == "PERSON"]
    orgs = [s.text for s, _ in spans if label_of[s.text] == "ORG"]
    canon = {**_resolve_orgs(orgs, full), **_resolve_people(people)}
    return [Entity(span.text, span.start_char, span.end_char, label_of[span.text], canon.get(span.text, span.text),
                   title)
            for span, title in spans]
