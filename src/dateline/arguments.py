"""Event arguments: actors, location, date, fatalities; merging of repeated mentions. Built by issue 7."""
from __future__ import annotations

from .record import Event


def extract(ctx) -> list[Event]:
    return ctx.record.events
