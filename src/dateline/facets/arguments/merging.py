"""Mentions of one event merged, keeping all their evidence: one event per trigger (its likeliest reading)
and per sub-type, modality, place and date; an effect joins its cause; a bare death report or a definite
mention ("the fighting") joins the event just before it; an undated mention joins a dated one of the same
place.

`merge` is handed events built for it and returns the ones that remain: a host absorbs the mentions it
takes up (their evidence, their toll when larger, the actors and date it lacks). Events are told apart by
identity: `anchors` maps `id(event)` to its anchor token.
"""
from __future__ import annotations

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


def _same_place_undated(ev: Event, kept: Event) -> bool:
    """Either of two mentions at one place carries no date of its own: a headline and its story."""
    return ((_undated(ev) or _undated(kept)) and kept.location is not None
            and ev.location is not None and ev.location.name == kept.location.name
            and (ev.sub_event_type, ev.modality) == (kept.sub_event_type, kept.modality))


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


def _earlier_referent(ev: Event, out: list[Event], anchors: Mapping[int, Token | None]) -> Event | None:
    """An undated definite mention ("the uneasy truce") takes up the article's last event of its kind,
    wherever that happened."""
    anchor = anchors.get(id(ev))
    if anchor is None or ev.date is None or ev.date.precision != "publication":
        return None
    if not any(c.dep_ == "det" and c.lower_ in DEFINITE for c in anchor.children):
        return None
    return next((k for k in reversed(out) if (k.sub_event_type, k.modality) == (ev.sub_event_type, ev.modality)), None)


def merge(view: DocView, events: list[Event], anchors: Mapping[int, Token | None], reported: frozenset[int],
          additional: frozenset[int]) -> list[Event]:
    """One event per trigger (its likeliest reading) and per sub-type, modality, place and date; an effect
    joins its cause; a bare death report or a definite mention ("the fighting") joins the event just before
    it; an undated mention joins a dated one of the same place. `reported`: the ids of the events dated by
    another clause of their sentence; `additional`: the sentences whose deaths add to those told before."""
    by_report = set(reported)  # a host dated by a later mention is no longer dated by the report
    out: list[Event] = []
    by_key: dict[tuple, Event] = {}
    by_trigger: dict[tuple[int, int], Event] = {}
    for ev in _effects(events, anchors):
        key = _key(ev)
        trigger = (ev.trigger.start, ev.trigger.end) if ev.trigger is not None else None
        if opens_incident(anchors.get(id(ev))):  # "another clash erupted": an incident of its own
            key = None
        host = ((by_trigger.get(trigger) if trigger is not None else None)
                or _death_host(view, ev, out, anchors, additional)
                or _anaphor_host(view, ev, out, anchors)
                or (by_key.get(key) if key is not None else None)
                or next((k for k in out if key is not None and _same_place_undated(ev, k)), None)
                or _earlier_referent(ev, out, anchors))
        if host is not None:
            if id(host) in by_report and id(ev) not in by_report and ev.date is not None \
                    and ev.date.precision != "publication":
                host.date = ev.date  # "..., officials said on Tuesday. The attack took place on Monday."
                by_report.discard(id(host))
            absorb(host, ev)
            continue
        out.append(ev)
        if key is not None:
            by_key[key] = ev
        if trigger is not None:
            by_trigger[trigger] = ev
    return out
