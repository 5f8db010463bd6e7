"""Arguments: each event's actors, place, date and fatalities; mentions of one event merged."""
from .facet import FACET

__all__ = ["FACET"]
