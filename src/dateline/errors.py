"""The errors dateline raises on purpose: each says what went wrong and what to do next.

The command line catches `DatelineError` once and prints its message; anything else is a bug.
"""
from __future__ import annotations


class DatelineError(Exception):
    """A problem the user can fix: the message names the file, option or setting and the remedy."""


class SettingsError(DatelineError):
    """An option or environment variable that cannot be used (a missing model, a bad actor file)."""


class LexiconError(DatelineError):
    """A data file that is missing or not shaped as its loader expects."""


class StoreError(DatelineError):
    """A database that cannot be opened, is too new, or is not dateline's."""


class ClusterError(DatelineError):
    """The Dask cluster cannot be used: Dask missing or the scheduler unreachable."""


class QueryError(DatelineError):
    """A search or filter the store cannot run: the message says what is wrong and how to write it."""
