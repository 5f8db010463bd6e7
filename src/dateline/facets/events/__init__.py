"""Events: what each sentence reports, coded in ACLED's taxonomy, with modality and evidence."""
from .facet import FACET, Readings

__all__ = ["FACET", "Readings"]
