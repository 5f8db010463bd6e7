"""Places: toponyms recognised in the parse (`recognise`), given their gazetteer candidates (`candidates`)
and resolved offline against the gazetteer (`resolve`); the facet is `places.FACET`."""
from .places import FACET

__all__ = ["FACET"]
