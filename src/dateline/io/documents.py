"""What a reader yields: a Document (cleaned text and article metadata) or a Failure naming its source."""
from __future__ import annotations

from dataclasses import dataclass

from ..record import Article


@dataclass
class Document:
    id: str
    text: str
    article: Article
    source: str  # file, or file:line, for messages


@dataclass
class Failure:
    source: str
    message: str


Item = Document | Failure
