"""Arguments: each event's actors, place, date and fatalities; mentions of one event merged."""
from .facet import EVENTS, FACET, MENTIONS, Incidents

__all__ = ["EVENTS", "FACET", "MENTIONS", "Incidents"]
