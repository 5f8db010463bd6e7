"""Times: time expressions and their TIMEX3 values (grammar → parse checks → resolver)."""
from .tagger import FACET

__all__ = ["FACET"]
