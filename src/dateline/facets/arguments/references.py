"""Nouns that take up an act already reported: "the blast", "Saturday's attack", "after the explosion".

A report names its incident once with its details and then refers back to it in a word, in sentences
that hold no cue of their own ("The explosion shattered the windows"). The events facet leaves those
sentences alone (a bare "explosion" needs armed context), so each such noun is added here as a mention of
the report it takes up: the nearest earlier mention of a type the noun can name, else one told just
after it (a headline or a lead that names the act before telling it). It shares that mention's
factuality and event; it never makes an event of its own.
"""
from __future__ import annotations

import bisect

from spacy.tokens import Token

from ...record import Mention
from .document import DocView
from .words import vocabulary

AHEAD_SENTENCES = 2  # how far before the report it names a noun may stand (a headline, a lead)


def take_up(view: DocView, mentions: list[Mention]) -> list[tuple[int, Mention]]:
    """The nouns of the document that refer to one of `mentions`, each with the index of the mention it
    takes up, as new mentions."""
    if not mentions:
        return []
    words = vocabulary()
    types: dict[str, set[str]] = words["reference_nouns"]
    by_type: dict[str, tuple[list[int], list[int]]] = {}  # each type's mention starts and indices, in order
    for i in sorted(range(len(mentions)), key=lambda i: mentions[i].start):
        starts, indices = by_type.setdefault(mentions[i].event_type, ([], []))
        starts.append(mentions[i].start)
        indices.append(i)
    covered = {c for m in mentions for c in range(m.start, m.end)}
    by_sentence: dict[int, set[int]] = {}
    for i, m in enumerate(mentions):
        by_sentence.setdefault(view.sentence(m.start), set()).add(i)
    found: list[tuple[int, Mention]] = []
    for tok in view.doc:
        kinds = types.get(tok.lemma_.lower())
        if kinds is None or not refers(tok, words["not_reference_words"]):
            continue
        start, end = tok.idx, tok.idx + len(tok.text)
        if any(c in covered for c in range(start, end)):
            continue
        here = view.sentence(start)
        target = _antecedent(view, mentions, by_type, start, here, kinds)
        if target is None:
            continue
        # a sentence that already reports the act needs no second mention of it
        same = by_sentence.get(here, set())
        if any(mentions[i].event == mentions[target].event if mentions[target].event else i == target for i in same):
            continue
        m = mentions[target]
        found.append((target, Mention(m.event_type, m.sub_event_type, start, end, tok.text, m.factuality, m.event)))
        by_sentence.setdefault(here, set()).add(target)
    return found


def refers(tok: Token, blocked: set[str]) -> bool:
    """The noun names an act of its own, not a kind of thing ("an attack helicopter", "no attack", "another
    attack", "the 2011 bombing": a modifier, a negation, another incident, another time)."""
    if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ == "compound":
        return False
    for child in tok.children:
        if child.dep_ == "neg" or child.lower_ in blocked or (child.like_num and len(child.text) == 4):
            return False
        if child.dep_ == "poss" and any(c.lower_ in blocked for c in child.subtree):  # "last year's blast"
            return False
    return True


def _antecedent(view: DocView, mentions: list[Mention], by_type: dict[str, tuple[list[int], list[int]]],
                start: int, here: int, kinds: set[str]) -> int | None:
    """The nearest earlier mention of a type the noun names, else the first one within a few sentences after."""
    before: list[int] = []
    after: list[int] = []
    for kind in kinds & by_type.keys():
        starts, indices = by_type[kind]
        at = bisect.bisect_left(starts, start)
        if at:
            before.append(indices[at - 1])
        if at < len(starts):
            after.append(indices[at])
    if before:
        return max(before, key=lambda i: (mentions[i].start, i))
    ahead = [i for i in after if view.sentence(mentions[i].start) - here <= AHEAD_SENTENCES]
    return min(ahead, key=lambda i: (mentions[i].start, i)) if ahead else None
