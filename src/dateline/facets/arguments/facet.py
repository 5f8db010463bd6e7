"""The arguments facet: each event's actors, place, date and fatalities; mentions of one event merged.

The document is indexed once (`document`). Each event is anchored at its trigger token (`anchoring`); the
arguments it lacks are read from the facets already in the record, chosen by the parse: its place
(`location`), its date (`date`), its actors (`actors`) and its toll (`fatalities`). Mentions of one event
are then merged (`merging`), and what follows an event can recode it (`recoding`). Last, the actors a coder
names when the text does not, and the tolls that add up over the merged mentions.

Each step returns what the next one reads: the sentences that hold a trigger, the events dated by the
report rather than by their own clause, and the sentences whose deaths add to those told before.
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from ...lexicon.actors import ActorBook
from ...nlp.context import FacetInput
from ...record import Event
from ..base import facet
from .actors import default_actor, event_country, parties, the_dead
from .anchoring import anchor_of, triggered
from .date import date_of, is_reported
from .document import DocView, read_document
from .fatalities import SentenceDeaths, count_fatalities, death_sentences
from .location import locate
from .merging import merge
from .recoding import recode

ONE_SIDED_TYPES = {"Explosions/Remote violence", "Violence against civilians"}  # the dead are the target


@facet("arguments", assigns="events", requires=("quantities", "times", "places", "readings"))
def FACET(inp: FacetInput) -> list[Event]:
    """The events of the record: the readings' events with actors, place, date and fatalities filled,
    mentions of one event merged."""
    readings: list[Event] = inp["readings"].events
    if not readings:
        return []
    view = read_document(inp)
    book = inp.actors
    deaths = SentenceDeaths(view)
    anchored = [anchor_of(view, ev) for ev in readings]
    triggers = triggered(view, anchored)
    events: list[Event] = []  # new events, handed to merging: the readings stay as found
    reported: set[int] = set()  # ids of the events dated by another clause of their sentence
    counted: set[int] = set()  # the sentences whose deaths were read
    for ev, anchor in zip(readings, anchored):
        if anchor is None:
            events.append(replace(ev))
            continue
        filled, by_report, read = _fill(view, book, deaths, triggers, ev, anchor)
        events.append(filled)
        if by_report:
            reported.add(id(filled))
        counted |= read
    anchors = {id(ev): anchor for ev, anchor in zip(events, anchored)}
    additional = {i for i in counted if deaths.adds_up(i)}
    ordered = sorted(events, key=lambda e: (anchors[id(e)].idx if anchors[id(e)] is not None else 1 << 30,
                                            -e.confidence))
    merged = recode(view, merge(view, ordered, anchors, frozenset(reported), frozenset(additional)), anchors)
    out: list[Event] = []
    for ev in merged:
        anchor = anchors[id(ev)]
        if ev.actor1 is None:
            ev = replace(ev, actor1=default_actor(book, ev, event_country(view, ev)))
        if ev.actor2 is None and ev.event_type in ONE_SIDED_TYPES:
            ev = replace(ev, actor2=the_dead(view, book, ev))
        if anchor is not None and any(view.sentence(e.start) in additional for e in ev.evidence):
            read = death_sentences(view, triggers, ev, anchor)
            ev = replace(ev, fatalities=count_fatalities(view, deaths, read))  # "Another soldier later died" adds up
            additional |= {i for i in read if deaths.adds_up(i)}
        out.append(ev)
    return out


def _fill(view: DocView, book: ActorBook, deaths: SentenceDeaths, triggers: frozenset[int], ev: Event,
          anchor: Token) -> tuple[Event, bool, frozenset[int]]:
    """The event with the arguments it lacks read from its anchor token; whether its date is the report's
    (another clause of its sentence); and the sentences whose deaths were read."""
    location = ev.location if ev.location is not None else locate(view, anchor)
    date, by_report = ev.date, False
    if date is None:
        date = date_of(view, anchor, triggers)
        by_report = is_reported(view, date, anchor)
    ev = replace(ev, location=location, date=date)
    if ev.actor1 is None and ev.actor2 is None:
        actor1, actor2 = parties(book, ev, anchor, event_country(view, ev))
        ev = replace(ev, actor1=actor1, actor2=actor2)
    read: frozenset[int] = frozenset()
    if ev.fatalities is None:
        read = death_sentences(view, triggers, ev, anchor)
        ev = replace(ev, fatalities=count_fatalities(view, deaths, read))
    return ev, by_report, read
