"""How a facet declares itself, as spaCy's factories do: its name, what it requires, what it assigns."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ..nlp.context import FacetInput


@dataclass(frozen=True)
class Facet:
    name: str
    assigns: str  # the output's name: a field of the record, or an intermediate product such as "readings"
    requires: tuple[str, ...]  # outputs of earlier facets it reads
    extract: Callable[[FacetInput], Any]


def facet(name: str, *, assigns: str | None = None, requires: tuple[str, ...] = ()) -> Callable:
    """Declare `extract(inp: FacetInput)` as a facet; the module keeps the declaration as `FACET`."""

    def declare(func: Callable[[FacetInput], Any]) -> Facet:
        return Facet(name, assigns or name, tuple(requires), func)

    return declare


def check_order(facets: Iterable[Facet]) -> None:
    """Every requirement assigned by an earlier facet, every output assigned once."""
    assigned: set[str] = set()
    for f in facets:
        missing = [r for r in f.requires if r not in assigned]
        if missing:
            raise ValueError(f"facet {f.name!r} requires {missing}, which no earlier facet assigns")
        if f.assigns in assigned:
            raise ValueError(f"facet {f.name!r} assigns {f.assigns!r}, which an earlier facet assigned")
        assigned.add(f.assigns)
