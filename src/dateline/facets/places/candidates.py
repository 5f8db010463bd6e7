"""The toponyms of the recognised names: each with the gazetteer entries it may stand for, and linked to
the state or country that qualifies it ("Springfield, Illinois").
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from spacy.tokens import Span

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


def candidates(mention_text: str, entries: tuple[Gazetted, ...], kind: str | None) -> tuple[Gazetted, ...]:
    """The entries a name may stand for: those looked up under it, else those of a spelling the data lacks."""
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


def toponyms(found: list) -> list[Toponym]:
    """A toponym for each recognised (span, entries, kind), in text order; a state or country after a comma
    qualifies the name before it, unless that name ends a list of states ("Georgia, Oklahoma, Pennsylvania")."""
    mentions = [Toponym(s.start_char, s.end_char, s.text, candidates(s.text, entries, kind), kind)
                for s, entries, kind in found]
    spans = [s for s, _, _ in found]
    for i, (a, b) in enumerate(pairwise(mentions)):
        listed = i > 0 and _comma_between(spans[i - 1], spans[i]) and _regional(mentions[i - 1])
        if not listed and _comma_between(spans[i], spans[i + 1]) and any(
                e.feature in ("admin1", "country") for e in b.cands):
            a.qualifier = b
    return mentions


def _regional(m: Toponym) -> bool:
    """A state or country: one that starts a list ("Georgia, Oklahoma, Pennsylvania"), not a qualifier."""
    return any(e.main and e.feature in ("admin1", "country") for e in m.cands)


def _comma_between(a: Span, b: Span) -> bool:
    return b.start == a.end + 1 and a.doc[a.end].text == ","
