"""What a reader yields: a Document (cleaned text and article metadata) or a Failure naming its source."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..record import Article

MAX_CHARS = 2_000_000
"""The longest document dateline reads, in characters (about 300,000 words, a 1,000-page book): a longer
one is refused with a Failure naming it, never cut, so no record silently covers part of a text. Split
such a file into articles (e.g. one a line in a .jsonl batch). Extraction time grows in proportion to
length and peak memory hardly at all (about 0.6 GB RSS at 1,000,000 characters, bench/long_document.py)."""


def too_long(chars: int) -> str:
    return (f"the document is {chars:,} characters long, more than dateline reads in one document "
            f"({MAX_CHARS:,}): split it into articles, e.g. one a line in a .jsonl batch")


@dataclass
class Document:
    id: str
    text: str
    article: Article
    source: str  # file, or file:line, for messages
    warnings: list[str] = field(default_factory=list)  # what was repaired on the way in, for stderr


@dataclass
class Failure:
    source: str
    message: str


Item = Document | Failure
