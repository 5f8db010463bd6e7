"""One colour per ACLED event type, the same on the map, the timeline and the badges.

Okabe & Ito's colourblind-safe palette (2008). The page gets it twice: as CSS custom properties
(/palette.css) and as JSON in a data- attribute for the scripts.
"""
from __future__ import annotations

import json
import re

EVENT_TYPES: dict[str, str] = {
    "Battles": "#D55E00",                     # vermillion
    "Explosions/Remote violence": "#E69F00",  # orange
    "Violence against civilians": "#CC79A7",  # reddish purple
    "Protests": "#56B4E9",                    # sky blue
    "Riots": "#009E73",                       # bluish green
    "Strategic developments": "#0072B2",      # blue
}
OTHER = "#999999"


def slug(event_type: str | None) -> str:
    """A CSS-safe name of an event type: 'Explosions/Remote violence' -> 'explosions-remote-violence'."""
    return re.sub(r"[^a-z0-9]+", "-", (event_type or "other").lower()).strip("-") or "other"


def colour(event_type: str | None) -> str:
    return EVENT_TYPES.get(event_type or "", OTHER)


def css() -> str:
    lines = ([":root {"] + [f"  --type-{slug(t)}: {c};" for t, c in EVENT_TYPES.items()]
             + [f"  --type-other: {OTHER};", "}"])
    for t in [*EVENT_TYPES, "other"]:
        lines.append(f".type-{slug(t)} {{ --type: var(--type-{slug(t)}); }}")
    return "\n".join(lines) + "\n"


def as_json() -> str:
    return json.dumps({"types": EVENT_TYPES, "other": OTHER}, separators=(",", ":"))
