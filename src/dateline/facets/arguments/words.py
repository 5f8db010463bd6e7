"""What the jobs share: the word lists of data/arguments/arguments.yaml, the event types and place
precisions they test, and how far after an event a sentence may still tell of it."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ... import lexicon
from ...lexicon import gazetteer
from ...record import Place

VIOLENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}
PRECISION = {"city": "town", "town": "town", "village": "town", "district": "district", "facility": "district",
             "neighbourhood": "district", "neighborhood": "district", "admin2": "region", "admin1": "region",
             "region": "region", "county": "region", "water": "region", "country": "country",
             "continent": "country"}
RANK = {"district": 0, "town": 1, "region": 2, "country": 3}
CONTINUATION_SENTENCES = 3  # how far after an event its deaths may still be reported
DEFINITE = {"the", "this", "that", "these", "those"}  # the determiners of a mention that takes up an event


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, Any]:
    """The word lists of data/arguments/arguments.yaml, read once."""
    data = lexicon.load("arguments/arguments.yaml")
    return {
        "death_verbs": set(data["death_verbs"]),
        "death_nouns": set(data["death_nouns"]),
        "remains_nouns": set(data["remains_nouns"]),
        "numbers": {str(k).lower(): v for k, v in data["numbers"].items()},
        "place_preps": set(data["place_preps"]),
        "qualified": _qualified_regex(data["place_types"], data["name_particles"]),
        "unit_word": re.compile(rf"\s+(?:{'|'.join(map(re.escape, data['place_types']))})$", re.IGNORECASE),
        "intervention": {str(w).lower() for w in data["intervention_words"]},
        "demands": {str(w).lower() for w in data["demand_words"]},
        "disruption": {str(w).lower() for w in data["disruption_words"]},
        "additional": {str(w).lower() for w in data["additional_words"]},
        **{key: {str(w).lower() for w in data[key]} for key in (
            "claim_verbs", "responsibility_nouns", "claimed_verbs", "blame_verbs", "responsible_words",
            "speech_verbs", "spokesman_nouns", "denial_verbs", "attack_nouns", "below_words", "frame_marks",
            "cumulative_words", "finding_verbs", "continuation_words", "pronoun_subjects", "victim_verbs",
            "continuation_adverbs", "detention_topics", "not_reference_words", "people_suffixes",
            "coded_toll_nouns", "coded_toll_openers", "coded_toll_verbs", "coded_share_preps", "coded_share_units",
            "death_of_nouns", "dying_verbs", "owned_nouns")},
        "reference_nouns": {str(k).lower(): set(v) for k, v in data["reference_nouns"].items()},
        "multipliers": {str(k).lower(): v for k, v in data["multipliers"].items()},
    }


def _qualified_regex(types: list[str], particles: list[str]) -> re.Pattern:
    """A capitalised name, an optional place type, then a bracket of capitalised names: "Tame (Arauca)"."""
    word = r"[A-Z][\w'’.-]*"
    particle = "|".join(map(re.escape, particles))
    name = rf"{word}(?:[ -](?:(?:{particle})[ -])?{word}){{0,4}}"
    kinds = "|".join(map(re.escape, types))
    return re.compile(rf"(?<![\w-])({name})(?:\s+(?:{kinds}))?\s*\(({word}[^()\n\[\]]{{0,80}})\)")


def precision_of(place: Place) -> str:
    return PRECISION.get(place.feature, "town")


def country_of(entry: gazetteer.Gazetted) -> str | None:
    return gazetteer.country_name(entry.country)
