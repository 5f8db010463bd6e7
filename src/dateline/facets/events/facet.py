"""What happened: event detection and ACLED coding with evidence.

Each sentence is read as a whole (`readings`): the trigger phrases it holds (data/events/lexicon.json, by
lemma), the cues around them (weapons, victims, protesters, disasters, crime; named armed groups from the
actor dictionary count as non-state even when their names say "Army" or "Forces") and the syntax of the
trigger (`syntax`: its subject and object, the verbs that govern it). Triggers that do not report their act
are dropped (`triggers`), and precedence rules (`precedence`) turn the rest into ACLED sub-event types, one
event per sub-type and sentence; modality comes from the governing verbs ("vowed to attack", "called for a
march", "did not attack"). The readings of all sentences are ranked (`ranking`). Merging mentions across
sentences and filling actors, places, dates and fatalities is the next facet's work (`facets.arguments`),
which reads these events and their syntax from this facet's `Readings`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...lexicon.actors import ActorBook
from ...nlp.context import FacetInput
from ...record import Event
from ..base import facet
from .discipline import keep as disciplined
from .lexicon import load as load_lexicon
from .modality import of as modality_of
from .precedence import NVTT, VIOLENT_KINDS, peaceful_takeovers, resolve
from .ranking import make_event, weights
from .readings import Reading, read_sentence
from .syntax import objects_of, phrase_head, prominence, subject_of

FORCEFUL = {"overrun", "overran", "storm", "assault", "conquer", "wrest"}


def sentence_events(doc, sent, lex, book: ActorBook) -> tuple[list[Reading], dict[int, str], bool]:
    """The rules' readings of one sentence, the modality of each trigger, and whether it tells of a disaster."""
    s, moods = read_sentence(doc, sent, lex, book)
    if not s.kinds and not s.has("dispersal"):
        return [], moods, s.has("disaster")
    readings = resolve(doc, s, lex, moods)
    fought = bool(VIOLENT_KINDS & s.read)
    for f in readings:
        f.prominence = prominence(phrase_head(doc, f.trigger))
        f.fought = fought
        f.forced = phrase_head(doc, f.trigger).lemma_.lower() in FORCEFUL
    return readings, moods, s.has("disaster")


def _syntax(doc, f: Reading, sent) -> dict:
    head = phrase_head(doc, f.trigger)
    subj = subject_of(head)
    return {
        "kind": f.kind,
        "trigger_token": head.i,
        "sentence_tokens": [sent.start, sent.end],
        "subject_token": subj.i if subj is not None else None,
        "object_tokens": [o.i for o in objects_of(head)],
    }


@dataclass(frozen=True)
class Readings:
    """The events each sentence reports, before their arguments are filled and their mentions merged,
    with each event's syntax (trigger, subject and object tokens) by event id."""

    events: list[Event]
    syntax: dict[str, dict[str, Any]]


@facet("events", assigns="readings")
def FACET(inp: FacetInput) -> Readings:
    """ACLED-coded events per sentence, with modality, evidence and confidence."""
    doc = inp.doc
    lex = load_lexicon()
    per_sentence = [(idx, sent, *sentence_events(doc, sent, lex, inp.actors)) for idx, sent in enumerate(doc.sents)]
    # a bare blast in a snippet about a fire or a gas leak is that accident ("the blasts killed 50 workers")
    disaster = any(d for *_, d in per_sentence)
    readings = [(idx, sent, f, moods) for idx, sent, found, moods, _ in per_sentence for f in found
                if not (disaster and f.kind == "explosion")]
    readings = disciplined(doc, peaceful_takeovers(readings), lex)
    if any(f.sub == NVTT for _, _, f, _ in readings):
        # the withdrawal that let others take over is that transfer, told in another sentence
        readings = [r for r in readings if r[2].kind != "withdraw"]
    events: list[Event] = []
    syntax: dict[str, dict] = {}
    for (_idx, sent, f, moods), weight in zip(readings, weights(readings)):
        mood = moods.get(f.trigger.start) or modality_of(phrase_head(doc, f.trigger), lex) or "occurred"  # cue-led
        ev = make_event(doc, f, sent, len(events) + 1, weight, mood, lex)
        events.append(ev)
        syntax[ev.id] = _syntax(doc, f, sent)
    return Readings(events, syntax)
