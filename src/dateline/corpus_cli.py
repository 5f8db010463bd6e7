"""Corpus commands (ingest, search, events, quotes, articles, export). Built by issue 8."""
from __future__ import annotations


def register(sub) -> None:
    """Add the corpus subcommands to the `dateline` parser."""
