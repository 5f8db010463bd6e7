"""Long documents cost time in proportion to their length: no step scans the whole document, or all its
events, once per sentence, event or quotation; and a long document does not keep short ones waiting."""
from __future__ import annotations

from collections.abc import Sequence
from types import SimpleNamespace

from dateline.facets.quotes.cues import widen
from dateline.io.documents import Document
from dateline.record import Article
from dateline.run.local import batches


def _doc(name: str, chars: int) -> Document:
    return Document(name, "x" * chars, Article(), f"{name}.txt")


def test_a_long_document_travels_alone():
    items = [_doc("a", 10), _doc("b", 10), _doc("long", 500), _doc("c", 10), _doc("d", 10)]
    assert [[d.id for d in b] for b in batches(items, size=10, chars=100)] == [["a", "b"], ["long"], ["c", "d"]]


def test_short_documents_share_batches_of_at_most_the_batch_length():
    items = [_doc(str(i), 30) for i in range(7)]
    assert [len(b) for b in batches(items, size=10, chars=100)] == [3, 3, 1]
    assert [len(b) for b in batches(items, size=2, chars=100)] == [2, 2, 2, 1]


class _Counted(Sequence):
    """A list that counts how many of its items are read."""

    def __init__(self, items: list):
        self.items, self.reads = items, 0

    def __getitem__(self, i):
        self.reads += 1
        return self.items[i]

    def __len__(self) -> int:
        return len(self.items)


def test_widening_a_content_reads_only_the_quotations_near_it():
    spans = [(i * 100, i * 100 + 40) for i in range(10_000)]  # a quotation in every paragraph
    quotes = _Counted(spans)
    t = SimpleNamespace(quotes=quotes, quote_ends=[e for _, e in spans])
    # a content from inside one quotation to inside the next, its cue between them
    assert widen(500_020, 500_120, 500_060, t) == (500_000, 500_140, False)
    assert quotes.reads <= 3
    assert widen(500_010, 500_030, 400_000, t) == (500_000, 500_040, True)
