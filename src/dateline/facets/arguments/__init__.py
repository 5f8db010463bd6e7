"""Arguments: each event's actors, place, date and fatalities; mentions of one event merged."""
from .arguments import FACET

__all__ = ["FACET"]
