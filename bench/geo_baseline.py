"""The population-prior baseline: every toponym goes to the biggest place of that name.

Same recognition and gazetteer as dateline; only the choice among candidates differs. Use it in place of
the dateline command so that the scorer measures it the same way:

    python ../shared/eval/score.py geo ../shared/eval/data/geo/lgl.xml \
        --dateline ".venv/bin/python bench/geo_baseline.py"
"""
from __future__ import annotations

import sys

from dateline.cli import main as cli
from dateline.facets.places import resolve
from dateline.facets.places.candidates import Toponym


def _biggest(m: Toponym, focus=None) -> None:
    located = [e for e in m.cands if e.lat is not None or e.feature == "county"]
    if not located:
        return
    e = max(located, key=lambda e: e.population)
    m.choice, m.confidence = e, 1.0
    m.point = (e.lat, e.lon) if e.lat is not None else None


resolve._choose = _biggest

if __name__ == "__main__":
    sys.exit(cli.main())
