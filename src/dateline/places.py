"""Toponyms, recognised and resolved to coordinates offline. Built by issue 4."""
from __future__ import annotations

from .record import Place


def extract(ctx) -> list[Place]:
    return []
