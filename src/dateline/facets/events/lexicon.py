"""The event lexicon (data/events/lexicon.json), loaded once per process, and its matcher over a Doc.

A phrase matches consecutive tokens by lemma or lower-case form, so "air strikes", "airstrikes" and
"struck by air strikes" need no inflection lists; one dictionary lookup per token keeps the pass cheap.
Phrase syntax in the JSON: "word/V" or "word/N" restricts the first word's part of speech, "~0.7"
scales the kind's weight, a final "!" marks a word that needs armed context in its sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ... import lexicon as data

POS = {"V": {"VERB", "AUX"}, "N": {"NOUN"}}
# spaCy splits a hyphen between letters into its own token ("cease-fire" -> cease - fire), not "F-16"
DATES = {"DATE", "TIME"}
PARTICLES = {"out", "back", "up", "down", "off", "over", "away"}
# a trigger word inside an organisation's name names it ("National Liberation Front", "Rapid Support Forces")
NAME_ENTS = {"ORG", "WORK_OF_ART", "LAW"}
HYPHEN = re.compile(r"(?<=[a-z])-(?=[a-z])")


@dataclass(frozen=True)
class Phrase:
    """A phrase of the lexicon: the words it matches and the trigger kind or cue it names."""

    words: tuple[str, ...]
    pos: frozenset[str] | None  # allowed coarse tags of the first word
    group: str  # "kind" or "cue"
    name: str
    weight: float
    contextual: bool = False  # a word with peaceful senses too ("attacked the plan"): needs armed context


@dataclass(frozen=True)
class PhraseMatch:
    """A lexicon phrase found in a Doc: its kind or cue, its tokens and its weight."""

    group: str
    name: str
    start: int  # token index in the Doc
    end: int
    weight: float
    contextual: bool = False


@dataclass(frozen=True)
class Lexicon:
    types: dict
    kinds: dict
    modality: dict[str, frozenset[str]]
    index: dict[str, tuple[Phrase, ...]]
    facilities: frozenset[str]  # nouns a weapon word may only name ("missile base"), not fire


def _phrase(text: str, group: str, name: str, base: float) -> Phrase:
    contextual = text.endswith("!")
    text, _, w = text.rstrip("!").partition("~")
    text, _, pos = text.partition("/")
    return Phrase(tuple(HYPHEN.sub(" - ", text.lower()).split()), frozenset(POS[pos]) if pos else None, group, name,
                 base * (float(w) if w else 1.0), contextual)


@lru_cache(maxsize=1)
def load() -> Lexicon:
    raw = data.load("events/lexicon.json", required=("kinds", "cues"))
    entries = [_phrase(p, "kind", name, spec["weight"])
               for name, spec in raw["kinds"].items() for p in spec["phrases"]]
    entries += [_phrase(p, "cue", name, 1.0) for name, phrases in raw["cues"].items() for p in phrases]
    index: dict[str, list[Phrase]] = {}
    for e in entries:
        index.setdefault(e.words[0], []).append(e)
    return Lexicon(
        types=raw["types"],
        kinds=raw["kinds"],
        modality={k: frozenset(v) for k, v in raw["modality"].items()},
        index={k: tuple(v) for k, v in index.items()},
        facilities=frozenset(raw["facilities"]),
    )


def _word_ok(tok, word: str) -> bool:
    return tok.lower_ == word or tok.lemma_.lower() == word


def _at(doc, i: int, entry: Phrase, stop: int) -> int | None:
    """End of `entry` matched from token i (exclusive), or None."""
    n = len(entry.words)
    if entry.pos is not None and doc[i].pos_ not in entry.pos:
        return None
    if (n == 2 and entry.words[1] in PARTICLES and doc[i].pos_ == "VERB"  # "drove the rebels out"
            and any(c.dep_ in ("prt", "prep", "advmod") and c.lower_ == entry.words[1] for c in doc[i].children)):
        return i + 1
    if i + n > stop:
        return None
    for k in range(1, n):
        if not _word_ok(doc[i + k], entry.words[k]):
            return None
    return i + n


def match(doc, start: int, end: int, lex: Lexicon) -> list[PhraseMatch]:
    """Every kind and cue phrase within tokens [start, end)."""
    found = []
    index = lex.index
    for i in range(start, end):
        tok = doc[i]
        if tok.ent_type_ in DATES or (tok.ent_type_ == "PERSON" and tok.pos_ == "PROPN"):  # "March 21"
            continue
        lower, lemma = tok.lower_, tok.lemma_.lower()
        if tok.pos_ == "PROPN" and lemma == lower and lower.endswith("s"):  # "Rockets struck": no lemma
            lemma = lower[:-1]
        cands = index.get(lower, ())
        if lemma != lower:
            cands = cands + index.get(lemma, ())
        seen = set()
        named = tok.pos_ == "PROPN" and tok.ent_type_ in NAME_ENTS and not tok.is_sent_start  # not a headline word
        for entry in cands:
            key = (entry.group, entry.name, entry.words)
            if key in seen:
                continue
            if entry.group == "kind" and named:
                continue
            stop = _at(doc, i, entry, end)
            if stop is not None:
                seen.add(key)
                found.append(PhraseMatch(entry.group, entry.name, i, stop, entry.weight, entry.contextual))
    return found


def drop_nested(matches: list[PhraseMatch]) -> list[PhraseMatch]:
    """A match inside a longer match of another name in its group is part of that phrase ("strike" in
    "air strike", "riot" in "riot police")."""
    keep = []
    for m in matches:
        if any(o.group == m.group and o.name != m.name and o.start <= m.start and m.end <= o.end
               and (o.end - o.start) > (m.end - m.start) for o in matches):
            continue
        keep.append(m)
    return keep
