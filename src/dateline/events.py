"""What happened: event detection and ACLED coding with evidence. Built by issue 6."""
from __future__ import annotations

from .record import Event


def extract(ctx) -> list[Event]:
    return []
