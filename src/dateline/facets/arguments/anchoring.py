"""Where an event is read from, and what hangs from it.

Each event is anchored at its trigger token (else the root of its first evidence sentence). An argument
belongs to the event when the parse attaches it to the trigger's clause; the sentences next to the event's,
up to the nearest other trigger, still tell of it. The sentences holding a trigger are computed once, from
all the anchors, and handed to the jobs that read neighbouring sentences.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from spacy.tokens import Token

from ...record import Event
from .document import DocView
from .words import CONTINUATION_SENTENCES

NOT_ACTORS = {"DATE", "TIME", "GPE", "LOC", "FAC"}


def anchor_of(view: DocView, ev: Event) -> Token | None:
    """The token an event is read from: its trigger, else the root of its first evidence sentence."""
    if ev.trigger is not None and not _inside_time(view, ev):
        tok = view.token(ev.trigger.start, ev.trigger.end)
        if tok is not None:
            return tok
    if ev.evidence:
        return view.sents[view.sentence(ev.evidence[0].start)].root
    return None


def triggered(view: DocView, anchors: list[Token | None]) -> frozenset[int]:
    """The sentence indexes that hold an event's anchor."""
    return frozenset(view.sentence(a.idx) for a in anchors if a is not None)


def _inside_time(view: DocView, ev: Event) -> bool:
    """A trigger that the times facet reads as a date ("March" in "3 March 2019") anchors nothing: the
    event is then read from its sentence's root."""
    if ev.trigger is None:
        return False
    times = view.times.get(view.sentence(ev.trigger.start), [])
    return any(t.start <= ev.trigger.start and ev.trigger.end <= t.end for t in times)


def clause_of(tok: Token) -> Token:
    """The verb that governs a token (the token itself when it is a verb)."""
    cur = tok
    for _ in range(8):
        if cur.pos_ in ("VERB", "AUX") or cur.head is cur:
            return cur
        cur = cur.head
    return cur


def targets_of(anchor: Token) -> set[int]:
    """The tokens an argument may hang from: the trigger, the words up to its verb, and that verb."""
    clause = clause_of(anchor)
    out, cur = {anchor.i, clause.i}, anchor
    while cur.i != clause.i and cur.head is not cur and len(out) < 8:  # "a ceasefire agreement in Bangui"
        cur = cur.head
        out.add(cur.i)
    if clause.dep_ == "conj":
        out.add(clause.head.i)
    return out


def is_attached(tok: Token, anchor: Token, targets: set[int]) -> bool:
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


def pick(items: list, view: DocView, anchor: Token, rank) -> Any | None:
    """The best item by (attached first, rank, distance to the anchor)."""
    targets = targets_of(anchor)
    scored = []
    for item in items:
        tok = view.token(item.start, item.end)
        if tok is None:
            continue
        attached = is_attached(tok, anchor, targets)
        scored.append(((not attached, rank(item), abs(item.start - anchor.idx)), item))
    return min(scored, key=lambda s: s[0])[1] if scored else None


def paragraph_before(index: Mapping[int, list], view: DocView, anchor: Token, keep) -> list:
    """Items of the anchor's paragraph that come before its sentence, nearest last."""
    para = view.paragraph(anchor.idx)
    here = view.sentence(anchor.idx)
    out: list = []
    for i in range(here - 1, -1, -1):
        if view.paragraph(view.starts[i]) != para:
            break
        out = [x for x in index.get(i, []) if keep(x)] + out
    return out


def untriggered_neighbours(view: DocView, triggers: frozenset[int], here: int) -> set[int]:
    """Sentences of the same paragraph next to an event's, up to the nearest other event on each side:
    their deaths belong to it ("The bodies of 5 men were found. They had been killed by militants.")."""
    para = view.paragraph(view.starts[here])
    out: set[int] = set()
    for step in (1, -1):
        i = here + step
        while 0 <= i < len(view.sents) and abs(i - here) <= CONTINUATION_SENTENCES:
            if i in triggers or view.paragraph(view.starts[i]) != para:
                break
            out.add(i)
            i += step
    return out


def child_of(tok: Token, *deps: str) -> Token | None:
    return next((c for c in tok.children if c.dep_ in deps), None)


def prep_object(tok: Token, words: tuple[str, ...]) -> Token | None:
    """The object of the first of `words` that heads a prepositional phrase of tok, times and places aside."""
    for word in words:
        for prep in tok.children:
            if prep.dep_ in ("prep", "agent") and prep.lower_ == word:
                obj = child_of(prep, "pobj")
                if obj is not None and obj.ent_type_ not in NOT_ACTORS:
                    return obj
    return None
