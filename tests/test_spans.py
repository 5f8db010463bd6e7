"""SpanIndex answers range questions like a scan over every span would, without the scan."""
from __future__ import annotations

import random

from dateline.nlp.spans import SpanIndex


def test_within_and_overlaps_agree_with_a_scan():
    rng = random.Random(7)
    spans = [(a, a + rng.randint(0, 30)) for a in (rng.randint(0, 500) for _ in range(200))]
    index = SpanIndex(spans)
    for _ in range(300):
        s = rng.randint(0, 520)
        e = s + rng.randint(1, 60)
        assert sorted(index.within(s, e)) == sorted(x for x in spans if s <= x[0] and x[1] <= e)
        assert index.overlaps(s, e) == any(a < e and s < b for a, b in spans)


def test_an_empty_index_holds_nothing():
    index = SpanIndex([])
    assert list(index.within(0, 10)) == [] and not index.overlaps(0, 10)
