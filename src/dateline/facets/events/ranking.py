"""Ranking a snippet's readings: the lead sentence reports the news, later sentences decay unless they
tell how the lead's act was done, a protest told in several sentences is coded by its worst turn; and
each reading becomes an `Event` whose confidence is its weight.
"""
from __future__ import annotations

from ...record import Event, Evidence
from .readings import Reading

# sub-types that tell how a fight or an attack reported earlier was done: a detail of the lead, not an aside
REFINES = {"Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
           "Remote explosive/landmine/IED", "Grenade", "Government regains territory",
           "Non-state actor overtakes territory", "Sexual violence", "Abduction/forced disappearance"}
# how far a protest went: several sentences about one protest are coded by the furthest
SEVERITY = {"Peaceful protest": 0, "Protest with intervention": 1, "Violent demonstration": 2,
            "Excessive force against protesters": 2}


def _lead_index(readings) -> int | None:
    """The first sentence that reports something that happened: the news the snippet is about."""
    return next((idx for idx, _, f, moods in readings if moods.get(f.trigger.start, "occurred") == "occurred"), None)


def _refines(sub: str, told: set[str]) -> bool:
    """A sub-type that tells how the lead's act was done: its weapon, its prize, or how a protest went."""
    return sub in REFINES or (sub in SEVERITY and bool(told & SEVERITY.keys()))


def _position(idx: int, lead: int | None, detail: bool) -> float:
    """The lead reports the news; a later sentence tells its details ("the attackers used grenades") or its
    aftermath and background ("houses were also burned", "rifles were recovered"), which rank lower."""
    decay = 0.12 if lead is None or idx <= lead or detail else 0.2
    return max(0.4, 1.0 - decay * idx)


def _escalate(readings, weights: list[float]) -> list[float]:
    """Mentions of a protest in several sentences tell of one protest, coded by the worst that happened at
    it ("Thousands marched through Orvik. Some of them later clashed with police"): that reading ranks first."""
    told = [i for i, (_, _, f, moods) in enumerate(readings)
            if f.sub in SEVERITY and moods.get(f.trigger.start, "occurred") == "occurred"]
    if len({readings[i][0] for i in told}) < 2:
        return weights
    worst = max(told, key=lambda i: (SEVERITY[readings[i][2].sub], weights[i]))
    out = list(weights)
    out[worst] = max(weights[i] for i in told) + 0.01
    return out


def weights(readings) -> list[float]:
    """Each reading's weight: how specific its trigger is, how central in its sentence, how far its sentence
    is from the lead and whether it tells the lead's details; the worst turn of a protest ranks first."""
    lead = _lead_index(readings)
    told = {f.sub for idx, _, f, _ in readings if idx == lead}
    return _escalate(readings, [f.trigger.weight * f.prominence * _position(idx, lead, _refines(f.sub, told))
                                for idx, _, f, _ in readings])


def make_event(doc, f: Reading, sent, n: int, weight: float, mod: str, lex) -> Event:
    """`weight`: how specific the trigger is, how central in its sentence, how early in the text."""
    spec = lex.types[f.sub]
    trig = doc[f.trigger.start : f.trigger.end]
    text = sent.text.strip()
    start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
    plover = spec["plover"]
    weight *= 1.0 if mod == "occurred" else 0.6
    return Event(
        id=f"ev{n}",
        event_type=spec["event_type"],
        sub_event_type=f.sub,
        modality=mod,
        evidence=[Evidence(start, start + len(text), text)],
        confidence=round(min(0.99, weight), 3),
        plover={"type": plover[0], "mode": plover[1]} if plover else None,
        cameo=spec["cameo"],
        trigger=Evidence(trig.start_char, trig.end_char, trig.text),
    )
