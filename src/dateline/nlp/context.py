"""What a facet is handed: one parsed document, its publication date, the process's dictionaries and
the outputs of the facets it declared it requires. Frozen: a facet reads it and returns its own output.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from spacy.tokens import Doc

from ..lexicon.actors import ActorBook


@dataclass(frozen=True)
class FacetInput:
    doc: Doc
    text: str  # doc.text, read once: spaCy rebuilds it on each access
    published: dt.date | None  # the anchor of relative dates, set at ingest
    actors: ActorBook
    found: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))  # required facets' outputs

    def __getitem__(self, name: str) -> Any:
        """The output of a facet this one requires: `inp["places"]`."""
        try:
            return self.found[name]
        except KeyError:
            raise KeyError(f"{name!r} was not declared in this facet's `requires`") from None
