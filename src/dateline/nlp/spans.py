"""Spans of a document indexed by position, so that a facet asks "which of these lie within, or
overlap, this range?" in logarithmic time instead of scanning every span for every question."""
from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Iterator
from itertools import accumulate
from typing import Generic, TypeVar

T = TypeVar("T")


def _bounds(item) -> tuple[int, int]:
    return (item[0], item[1]) if isinstance(item, tuple) else (item.start, item.end)


class SpanIndex(Generic[T]):
    """Items with `start`/`end` (or `(start, end)` tuples), sorted by start once."""

    def __init__(self, items: Iterable[T], bounds: Callable[[T], tuple[int, int]] = _bounds):
        pairs = sorted(((bounds(x), x) for x in items), key=lambda p: p[0])
        self.items = [x for _, x in pairs]
        self.starts = [b[0] for b, _ in pairs]
        self.ends = [b[1] for b, _ in pairs]
        self._reach = list(accumulate(self.ends, max))  # the furthest end among the first k spans

    def within(self, start: int, end: int) -> Iterator[T]:
        """The items lying wholly inside [start, end), in order."""
        i = bisect.bisect_left(self.starts, start)
        while i < len(self.starts) and self.starts[i] <= end:
            if self.ends[i] <= end:
                yield self.items[i]
            i += 1

    def overlaps(self, start: int, end: int) -> bool:
        """Whether any item shares a character with [start, end)."""
        k = bisect.bisect_left(self.starts, end)  # items starting before `end`
        return k > 0 and self._reach[k - 1] > start
