"""Nouns that take up an act already reported: "the blast", "Saturday's attack", "after the explosion".

A report names its incident once with its details and then refers back to it in a word, in sentences
that hold no cue of their own ("The explosion shattered the windows"). The events facet leaves those
sentences alone (a bare "explosion" needs armed context), so each such noun is added here as a mention of
the report it takes up: the nearest earlier mention of a type the noun can name, else one told just
after it (a headline or a lead that names the act before telling it). It shares that mention's
factuality and event; it never makes an event of its own.
"""
from __future__ import annotations

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
    ordered = sorted(range(len(mentions)), key=lambda i: mentions[i].start)
    covered = [(m.start, m.end) for m in mentions]
    by_sentence: dict[int, set[int]] = {}
    for i, m in enumerate(mentions):
        by_sentence.setdefault(view.sentence(m.start), set()).add(i)
    found: list[tuple[int, Mention]] = []
    for tok in view.doc:
        kinds = types.get(tok.lemma_.lower())
        if kinds is None or not _refers(tok, words["not_reference_words"]):
            continue
        start, end = tok.idx, tok.idx + len(tok.text)
        if any(s < end and start < e for s, e in covered):
            continue
        here = view.sentence(start)
        target = _antecedent(view, mentions, ordered, start, here, kinds)
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


def _refers(tok: Token, blocked: set[str]) -> bool:
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


def _antecedent(view: DocView, mentions: list[Mention], ordered: list[int], start: int, here: int,
                kinds: set[str]) -> int | None:
    before = [i for i in ordered if mentions[i].start < start and mentions[i].event_type in kinds]
    if before:
        return before[-1]
    after = [i for i in ordered if mentions[i].start > start and mentions[i].event_type in kinds
             and view.sentence(mentions[i].start) - here <= AHEAD_SENTENCES]
    return after[0] if after else None
