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

from dataclasses import dataclass, field, replace

from spacy.tokens import Token

from ...lexicon.actors import ActorBook
from ...nlp.context import FacetInput
from ...record import Event, Mention
from ..base import facet
from .actors import default_actor, event_country, parties, protest_sides, the_dead
from .anchoring import anchor_of, triggered
from .date import date_of, is_reported, is_said
from .document import DocView, read_document
from .factuality import OCCURRED, factuality, news_reference, see_also_start
from .fatalities import SentenceDeaths, count_fatalities, death_sentences
from .incidents import group, known_only
from .location import locate
from .merging import merge
from .recoding import by_sides, recode
from .references import take_up

ONE_SIDED_TYPES = {"Explosions/Remote violence", "Violence against civilians"}  # the dead are the target


@dataclass
class Incidents:
    """What the facet finds: the events (incidents told as news) and every mention of an act."""

    events: list[Event] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


@facet("arguments", assigns="incidents", requires=("quantities", "times", "places", "readings"))
def FACET(inp: FacetInput) -> Incidents:
    """The events of the record: the readings' events with actors, place, date and fatalities filled,
    each told as news or not (`factuality`), the mentions of one incident one event (`incidents`)."""
    readings: list[Event] = inp["readings"].events
    if not readings:
        return Incidents()
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
    reference, appendix = news_reference(view), see_also_start(view)
    mentions: list[Mention] = []
    news: list[Event] = []
    for ev in events:
        told = factuality(view, ev, anchors[id(ev)], reference, appendix)
        span = ev.trigger or ev.evidence[0]
        ev.mentions = [len(mentions)]
        mentions.append(Mention(ev.event_type, ev.sub_event_type, span.start, span.end, span.text, told))
        if told == OCCURRED or told == ev.modality:  # a plan or a threat stays an event with its modality
            by_sides(ev)
            news.append(ev)

    def order(e: Event) -> tuple[int, float]:
        anchor = anchors[id(e)]
        return (anchor.idx if anchor is not None else 1 << 30, -e.confidence)

    ordered = sorted(news, key=order)
    merged = recode(view, merge(view, ordered, anchors, reported, frozenset(additional)), anchors)
    said = {id(ev) for ev in merged if id(ev) in reported and is_said(view, ev.date)}
    merged = group(view, merged, anchors, said)
    by_mention = [anchors[id(ev)] for ev in events]  # mention k is the mention of events[k]
    out: list[Event] = []
    for ev in merged:
        if known_only(view, ev, by_mention):
            for i in ev.mentions:
                mentions[i] = replace(mentions[i], factuality="background")
            continue
        anchor = anchors[id(ev)]
        if ev.event_type == "Protests":  # actor1 is the protest, the force that intervened actor2
            actor1, actor2 = protest_sides(book, ev, ev.actor1, ev.actor2, event_country(view, ev))
            ev = replace(ev, actor1=actor1, actor2=actor2)
        if ev.actor1 is None:
            ev = replace(ev, actor1=default_actor(book, ev, event_country(view, ev)))
        if ev.actor2 is None and ev.event_type in ONE_SIDED_TYPES:
            ev = replace(ev, actor2=the_dead(view, book, ev))
        # "Another soldier later died" adds up; an incident that took up a mention read as no killing ("13
        # soldiers were killed and 5 vehicles destroyed") counts the deaths of all the sentences it rests on
        if anchor is not None and (ev.fatalities is None or any(view.sentence(e.start) in additional
                                                                for e in ev.evidence)):
            read = death_sentences(view, triggers, ev, anchor)
            ev = replace(ev, fatalities=count_fatalities(view, deaths, read, view.sentence(anchor.idx)))
            additional |= {i for i in read if deaths.adds_up(i)}
        out.append(ev)
    for n, ev in enumerate(out, 1):
        ev.id = f"ev{n}"
        for i in ev.mentions:
            mentions[i].event = ev.id
    by_id = {ev.id: ev for ev in out}
    for _, ref in take_up(view, mentions):  # "the blast" in a later sentence: one more report of its act
        if ref.event is not None:
            by_id[ref.event].mentions.append(len(mentions))
        mentions.append(ref)
    return Incidents(out, _in_text_order(mentions, out))


def _in_text_order(mentions: list[Mention], events: list[Event]) -> list[Mention]:
    """The mentions sorted by where they stand, each event's indices following them."""
    order = sorted(range(len(mentions)), key=lambda i: (mentions[i].start, i))
    new = {old: n for n, old in enumerate(order)}
    for ev in events:
        ev.mentions = sorted(new[i] for i in ev.mentions)
    return [mentions[i] for i in order]


@facet("events", assigns="events", requires=("incidents",))
def EVENTS(inp: FacetInput) -> list[Event]:
    """The record's events: the incidents told as news."""
    return inp["incidents"].events


@facet("mentions", assigns="mentions", requires=("incidents",))
def MENTIONS(inp: FacetInput) -> list[Mention]:
    """The record's mentions: every report of an act, with the event it belongs to."""
    return inp["incidents"].mentions


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
        ev = replace(ev, fatalities=count_fatalities(view, deaths, read, view.sentence(anchor.idx)))
    return ev, by_report, read
