"""Named entities with a canonical name per person/organisation/place. (being built)"""
from __future__ import annotations

from .record import Entity


def extract(ctx) -> list[Entity]:
    return [Entity(e.text, e.start_char, e.end_char, e.label_, e.text) for e in ctx.doc.ents]
