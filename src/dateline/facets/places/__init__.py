"""Places: toponyms recognised in the parse and resolved offline against the gazetteer."""
from .places import FACET

__all__ = ["FACET"]
