"""Mentions of one event merged, keeping all their evidence: one event per trigger (its likeliest reading)
and per sub-type, modality, place and date; an effect joins its cause; a bare death report or a definite
mention ("the fighting") joins the event just before it; an undated mention joins a dated one of the same
place.

`merge` is handed events built for it and returns the ones that remain: a host absorbs the mentions it
takes up (their evidence, their toll when larger, the actors and date it lacks). Events are told apart by
identity: `anchors` maps `id(event)` to its anchor token.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Mapping

from spacy.tokens import Token

from ...record import Event
from .actors import agent_token
from .document import DocView
from .factuality import opens_incident
from .fatalities import is_death_verb
from .words import CONTINUATION_SENTENCES, DEFINITE, VIOLENT_TYPES, vocabulary


def _key(ev: Event) -> tuple | None:
    if ev.location is None or ev.date is None:
        return None
    return (ev.sub_event_type, ev.modality, ev.location.name.lower(), ev.date.start, ev.date.end)


# a crowd event is coded at its worst harm (an intervention is read by `recoding`, not taken from a mention)
CROWD_GRAVITY = ["Peaceful protest", "Protest with intervention", "Excessive force against protesters",
                 "Violent demonstration", "Mob violence"]


def absorb(into: Event, other: Event) -> None:
    if into.sub_event_type in CROWD_GRAVITY and other.sub_event_type in CROWD_GRAVITY[2:] \
            and CROWD_GRAVITY.index(other.sub_event_type) > CROWD_GRAVITY.index(into.sub_event_type):
        into.event_type, into.sub_event_type = other.event_type, other.sub_event_type  # fired on: excessive force
        into.plover, into.cameo = other.plover, other.cameo
    into.mentions = into.mentions + [i for i in other.mentions if i not in into.mentions]
    seen = {(e.start, e.end) for e in into.evidence}
    into.evidence = sorted(into.evidence + [e for e in other.evidence if (e.start, e.end) not in seen],
                           key=lambda e: e.start)
    if other.fatalities is not None and (into.fatalities is None
                                         or (other.fatalities.count or 0) > (into.fatalities.count or 0)):
        into.fatalities = other.fatalities
    into.actor1 = into.actor1 or other.actor1
    into.actor2 = into.actor2 or other.actor2
    if into.date is not None and into.date.precision == "publication" and other.date is not None:
        into.date = other.date
    into.confidence = max(into.confidence, other.confidence)


def _undated(ev: Event) -> bool:
    return ev.date is not None and ev.date.precision == "publication"


def _is_death_report(ev: Event, anchor: Token, host: Event) -> bool:
    """An event whose trigger only reports deaths, by no one named or by the host's own actor:
    "3 soldiers were killed", "the militants killed 3 soldiers"."""
    if ev.actor1 is not None and (host.actor1 is None or ev.actor1.name != host.actor1.name):
        return False
    return is_death_verb(anchor) or anchor.lower_ in vocabulary()["death_nouns"]


def _effects(events: list[Event], anchors: Mapping[int, Token | None]) -> list[Event]:
    """Events caused by another event of the same sentence ("an air strike destroyed a house") join it."""
    by_token = {a.i: ev for ev in events if (a := anchors.get(id(ev))) is not None}

    def cause(ev: Event) -> Event | None:
        anchor = anchors.get(id(ev))
        agent = agent_token(anchor) if anchor is not None else None
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
            absorb(root, ev)
    return kept


def _phrase_head(token: Token) -> Token:
    """The noun a compound's word belongs to ("mortar" in "mortar rounds")."""
    while token.dep_ == "compound" and token.head is not token:
        token = token.head
    return token


def _conjoined(events: list[Event], anchors: Mapping[int, Token | None]) -> list[Event]:
    """Acts named in one list of nouns ("faced roadside bombs and mortar rounds", "backed by air strikes and
    artillery barrages") are the means of one incident, not incidents of their own: a later conjunct of the
    same event type joins the first, whose sub-type the event keeps."""
    by_token = {_phrase_head(a).i: ev for ev in events if (a := anchors.get(id(ev))) is not None}
    kept = []
    for ev in events:
        anchor = anchors.get(id(ev))
        host = None
        if anchor is not None and anchor.pos_ == "NOUN":
            first = _phrase_head(anchor)
            while first.dep_ == "conj" and first.head is not first and first.head.pos_ == "NOUN":
                first = first.head
            host = by_token.get(first.i) if first is not _phrase_head(anchor) else None
        if host is not None and host is not ev and (host.event_type, host.modality) == (ev.event_type, ev.modality):
            absorb(host, ev)
        else:
            kept.append(ev)
    return kept


def _same_hands(ev: Event, host: Event) -> bool:
    """Damage done by no one named, or by the host's own actor ("Several houses were set on fire")."""
    return ev.actor1 is None or (host.actor1 is not None and ev.actor1.name == host.actor1.name)


def _death_host(view: DocView, ev: Event, out: list[Event], anchors: Mapping[int, Token | None],
                additional: frozenset[int]) -> Event | None:
    """The violent event a bare death report ("3 soldiers were killed") or damage done in it continues: the
    nearest one before it in the same paragraph, a few sentences back at most (`additional`: the sentences
    whose deaths add to those told before)."""
    anchor = anchors.get(id(ev))
    damage = ev.sub_event_type == "Looting/property destruction"
    if anchor is None or (ev.event_type not in VIOLENT_TYPES and not damage):
        return None
    here, para = view.sentence(anchor.idx), view.paragraph(anchor.idx)
    for prev in reversed(out):
        prev_anchor = anchors.get(id(prev))
        if prev_anchor is None or view.paragraph(prev_anchor.idx) != para:
            return None
        if here - view.sentence(prev_anchor.idx) > CONTINUATION_SENTENCES:
            return None
        if prev.event_type in VIOLENT_TYPES and prev.modality == ev.modality:
            continued = _is_death_report(ev, anchor, prev) or here in additional  # "Another soldier died"
            return prev if continued or (damage and _same_hands(ev, prev)) else None
    return None


def _anaphor_host(view: DocView, ev: Event, out: list[Event], anchors: Mapping[int, Token | None]) -> Event | None:
    """The event a definite mention takes up ("... fought militants. 8 died in the fighting."): the nearest
    one of the same type before it in the paragraph, at no other place."""
    anchor = anchors.get(id(ev))
    if anchor is None or not any(c.dep_ == "det" and c.lower_ in DEFINITE for c in anchor.children):
        return None
    here, para = view.sentence(anchor.idx), view.paragraph(anchor.idx)
    for prev in reversed(out):
        prev_anchor = anchors.get(id(prev))
        if prev_anchor is None or view.paragraph(prev_anchor.idx) != para or here == view.sentence(prev_anchor.idx):
            return None
        if here - view.sentence(prev_anchor.idx) > CONTINUATION_SENTENCES:
            return None
        if (prev.event_type, prev.modality) == (ev.event_type, ev.modality):
            same_place = ev.location is None or prev.location is None or ev.location.name == prev.location.name
            return prev if same_place else None
    return None


def _definite_undated(ev: Event, anchors: Mapping[int, Token | None]) -> bool:
    """An undated definite mention ("the uneasy truce"): it takes up the article's last event of its kind,
    wherever that happened."""
    anchor = anchors.get(id(ev))
    if anchor is None or ev.date is None or ev.date.precision != "publication":
        return False
    return any(c.dep_ == "det" and c.lower_ in DEFINITE for c in anchor.children)


class _Kept:
    """The events kept so far, indexed for the hosts looked up by kind and place, so that a long report
    costs no scan of all its events per mention. A kept event's kind and place never change here, and its
    date only goes from the report's to its own."""

    def __init__(self) -> None:
        self.events: list[Event] = []
        self.by_key: dict[tuple, Event] = {}
        self.by_trigger: dict[tuple[int, int], Event] = {}
        self.last_of_kind: dict[tuple, Event] = {}
        self.first_at: dict[tuple, Event] = {}  # the first event of a kind at a place
        self.undated_at: dict[tuple, deque[Event]] = {}  # those of a kind at a place kept undated, in order

    def add(self, ev: Event, key: tuple | None, trigger: tuple[int, int] | None) -> None:
        self.events.append(ev)
        if key is not None:
            self.by_key[key] = ev
        if trigger is not None:
            self.by_trigger[trigger] = ev
        kind = (ev.sub_event_type, ev.modality)
        self.last_of_kind[kind] = ev
        if ev.location is not None:
            self.first_at.setdefault((*kind, ev.location.name), ev)
            if _undated(ev):
                self.undated_at.setdefault((*kind, ev.location.name), deque()).append(ev)

    def same_place_undated(self, ev: Event) -> Event | None:
        """The first kept event at the place of `ev` and of its kind, either of them undated: a headline
        and its story."""
        if ev.location is None:
            return None
        at = (ev.sub_event_type, ev.modality, ev.location.name)
        if _undated(ev):
            return self.first_at.get(at)
        waiting = self.undated_at.get(at)
        while waiting and not _undated(waiting[0]):  # dated since by a later mention
            waiting.popleft()
        return waiting[0] if waiting else None


def merge(view: DocView, events: list[Event], anchors: Mapping[int, Token | None], reported: set[int],
          additional: frozenset[int]) -> list[Event]:
    """One event per trigger (its likeliest reading) and per sub-type, modality, place and date; an effect
    joins its cause; a bare death report or a definite mention ("the fighting") joins the event just before
    it; an undated mention joins a dated one of the same place. `reported`: the ids of the events dated by
    another clause of their sentence, updated in place (a host dated by a later mention is no longer dated by
    the report); `additional`: the sentences whose deaths add to those told before."""
    by_report = reported
    kept = _Kept()
    out = kept.events
    for ev in _conjoined(_effects(events, anchors), anchors):
        key = _key(ev)
        trigger = (ev.trigger.start, ev.trigger.end) if ev.trigger is not None else None
        if opens_incident(anchors.get(id(ev))):  # "another clash erupted": an incident of its own
            key = None
        host = ((kept.by_trigger.get(trigger) if trigger is not None else None)
                or _death_host(view, ev, out, anchors, additional)
                or _anaphor_host(view, ev, out, anchors)
                or (kept.by_key.get(key) if key is not None else None)
                or (kept.same_place_undated(ev) if key is not None else None)
                or (kept.last_of_kind.get((ev.sub_event_type, ev.modality)) if _definite_undated(ev, anchors)
                    else None))
        if host is not None:
            if id(host) in by_report and id(ev) not in by_report and ev.date is not None \
                    and ev.date.precision != "publication":
                host.date = ev.date  # "..., officials said on Tuesday. The attack took place on Monday."
                by_report.discard(id(host))
            had = host.date
            absorb(host, ev)
            if host.date is not had and id(ev) in by_report:
                by_report.add(id(host))  # a headline dated by its lead's "officials said on Tuesday"
            continue
        kept.add(ev, key, trigger)
    return out
