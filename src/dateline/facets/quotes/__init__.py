"""Quotes: direct and indirect speech, with cue, medium, date and resolved speaker."""
from .facet import FACET

__all__ = ["FACET"]
