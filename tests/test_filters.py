"""The one event filter and its SQL (corpus/filters.py): what it selects, for the command line and the
workbench alike, which index each filter searches by, and the workbench's cache of what it computed."""
from __future__ import annotations

import dataclasses
import sqlite3

import pytest

from dateline.corpus.dedupe import km_between
from dateline.corpus.filters import EventFilter, event_where, longest_event_days, narrowing
from dateline.corpus.store import Store
from dateline.errors import QueryError

pytest.importorskip("fastapi")
from dateline.web import queries  # noqa: E402

SENTENCE = "Gunmen raided the ferry landing at Coldwater on Friday, killing two boatmen."


def record(doc_id: str, country: str, point: tuple[float, float], start: str,
           event_type: str = "Violence against civilians", sub: str = "Attack", actor: str = "Gunmen",
           end: str | None = None) -> dict:
    return {
        "id": doc_id,
        "article": {"title": "Ferry landing raided", "author": None, "published": start, "outlet": "Delta Mail",
                    "url": None},
        "text": SENTENCE, "entities": [], "times": [], "places": [], "quantities": [], "quotes": [],
        "events": [{"id": "E1", "event_type": event_type, "sub_event_type": sub, "modality": "occurred",
                    "date": {"start": start, "end": end or start, "precision": "day" if end is None else "year"},
                    "location": {"name": "Coldwater", "admin1": None, "country": country, "lat": point[0],
                                 "lon": point[1], "precision": "town"},
                    "actor1": {"name": actor, "inter": 3}, "actor2": {"name": "Civilians", "inter": 7},
                    "fatalities": {"count": 2, "text": "two boatmen"},
                    "evidence": [{"start": 0, "end": len(SENTENCE), "text": SENTENCE}], "confidence": 0.8}],
    }


REPORTS = [  # one event each: different days, so none is a report of another's event
    record("a", "Kenya", (0.0, 0.0), "2020-01-10"),
    record("b", "Kenya", (0.5, 0.5), "2020-02-10", "Battles", "Armed clash", "Front_A 100%"),
    record("c", "Kenya", (0.8, 0.8), "2020-03-10"),
    record("d", "Fiji", (-17.8, 179.9), "2020-04-10", "Protests", "Peaceful protest", "Protesters"),
    record("e", "Fiji", (-17.8, -179.9), "2021-05-10"),
    record("f", "Chile", (-33.4, -70.6), "2021-06-10", "Battles", "Armed clash"),
]


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "corpus.db")
    with Store.open(path) as store:
        for i, rec in enumerate(REPORTS):
            store.add(rec, f"h{i}", f"{rec['id']}.txt")
    return path


def _where(db: str, flt: EventFilter) -> set[str]:
    """The articles (by document id) of the reports the builder selects."""
    with Store.open(db, create=False) as store:
        w, params = event_where(flt, conn=store.conn)
        rows = store.conn.execute(f"SELECT a.doc_id FROM events e JOIN articles a ON a.id = e.article_id "
                                  f"WHERE {w}", params)
        return {r[0] for r in rows}


@pytest.mark.parametrize(("flt", "expected"), [
    (EventFilter(country="KENYA"), {"a", "b", "c"}),
    (EventFilter(event_type="battles", sub_event_type="ARMED CLASH"), {"b", "f"}),
    (EventFilter(modality="Occurred", country="chile"), {"f"}),
    (EventFilter(actor="_a 100%"), {"b"}),  # "%" and "_" are the characters themselves
    (EventFilter(actor="A_1"), set()),
    (EventFilter(date_from="2020-02-10", date_to="2020-04-10"), {"b", "c", "d"}),
    # within 100 km of (0, 0): (0.5, 0.5) is 79 km away; (0.8, 0.8) is inside the box but 126 km away
    (EventFilter(near=(0.0, 0.0, 100)), {"a", "b"}),
    (EventFilter(bbox=(179.0, -20.0, -179.0, -15.0)), {"d", "e"}),  # across the antimeridian
    (EventFilter(bbox=(-80.0, -40.0, -60.0, -30.0), event_type="Battles"), {"f"}),
    (EventFilter(q="ferry landing", country="Fiji"), {"d", "e"}),
    (EventFilter(q="helicopter"), set()),
    (EventFilter(), {"a", "b", "c", "d", "e", "f"}),
])
def test_the_builder_selects_the_reports_every_filter_names(db, flt, expected):
    assert _where(db, flt) == expected


@pytest.mark.parametrize("centre", [(0.0, 0.0), (61.0, 25.0), (-45.0, 170.0)])
def test_near_selects_exactly_the_points_within_its_distance(tmp_path, centre):
    """The box inside the circle that spares the distance function never lets in a point beyond it."""
    path = str(tmp_path / "near.db")
    lat, lon = centre
    points = [(lat + dy / 10, lon + dx / 10) for dy in range(-12, 13) for dx in range(-25, 26)]
    with Store.open(path) as store:
        for i, (y, x) in enumerate(points):
            store.add(record(f"p{i}", "Nowhere", (y, x), f"{2000 + i // 365}-01-01"), f"p{i}", f"p{i}.txt")
        for km in (15.0, 60.0, 110.0):
            w, params = event_where(EventFilter(near=(lat, lon, km)))
            got = {(r[0], r[1]) for r in store.conn.execute(f"SELECT e.lat, e.lon FROM events e WHERE {w}", params)}
            assert got == {p for p in points if km_between(lat, lon, *p) <= km}
            assert got


def test_the_longest_event_bounds_the_start_dates_without_losing_one(db):
    with Store.open(db) as store:
        store.add(record("long", "Kenya", (0.2, 0.2), "2019-01-01", end="2020-12-31"), "h-long", "long.txt")
        longest = longest_event_days(store.conn)
        assert longest == 730
        for flt in (EventFilter(date_from="2020-06-01"), EventFilter(date_from="2020-01-10", date_to="2020-02-28")):
            w, params = event_where(flt, longest_days=longest)
            bounded = {r[0] for r in store.conn.execute(f"SELECT e.id FROM events e WHERE {w}", params)}
            w, params = event_where(flt)
            assert bounded == {r[0] for r in store.conn.execute(f"SELECT e.id FROM events e WHERE {w}", params)}
            assert "long" in {r[0] for r in store.conn.execute(
                f"SELECT a.doc_id FROM events e JOIN articles a ON a.id = e.article_id WHERE {w}", params)}


def test_the_command_line_and_the_workbench_select_the_same_events(db):
    web = queries.Database(db)
    for flt in (EventFilter(country="kenya", date_to="2020-02-28"), EventFilter(near=(0.0, 0.0, 100)),
                EventFilter(event_type="BATTLES"), EventFilter(q="boatmen", date_from="2021-01-01")):
        with Store.open(db, create=False) as store:
            cli = {c["id"] for c in store.clusters(flt)}
        page = queries.events(web, flt, limit=500)
        assert cli and cli == {r["cluster_id"] for r in page.rows}
        assert page.total == len(page.rows) == sum(page.by_type.values())


def test_a_search_fts5_refuses_is_a_query_error_before_anything_runs(db):
    with pytest.raises(QueryError, match="quote is not closed"):
        event_where(EventFilter(q='"ferry'))
    with Store.open(db, create=False) as store, pytest.raises(QueryError, match="not a search"):
        event_where(EventFilter(q="NEAR(ferry landing, x)"), conn=store.conn)


@pytest.mark.parametrize(("flt", "narrows", "index"), [
    (EventFilter(country="Kenya", bbox=(-180.0, -85.0, 180.0, 85.0)), "country", "events_by_country"),
    (EventFilter(event_type="Battles", date_from="2020-01-01"), "event_type", "events_by_type"),
    (EventFilter(date_from="2020-01-01", date_to="2020-06-30", bbox=(-90.0, -60.0, 90.0, 60.0)), "date",
     "events_by_date"),
    (EventFilter(bbox=(-1.0, -1.0, 1.0, 1.0), country="Kenya"), "place", "events_by_place"),
    (EventFilter(near=(0.0, 0.0, 50), event_type="Battles"), "place", "events_by_place"),
    (EventFilter(q="ferry"), None, "COVERING INDEX"),  # checked against the matches, row by index entry
])
def test_only_the_narrowing_filter_searches_an_index(db, flt, narrows, index):
    """Without statistics of ranges SQLite takes a whole-world box for a narrow one: the builder marks
    every other term so that the plan is the narrowing filter's index, and never reads the table."""
    assert narrowing(flt) == narrows
    with Store.open(db, create=False) as store:
        w, params = event_where(flt)
        plan = " / ".join(r[3] for r in store.conn.execute(
            f"EXPLAIN QUERY PLAN SELECT e.event_type, count(*) FROM events e WHERE {w} GROUP BY 1", params))
    assert index in plan and "COVERING" in plan, plan


def test_a_filter_is_a_key(db):
    a, b = EventFilter(country="Kenya"), EventFilter(country="Kenya")
    assert hash(a) == hash(b) and a == b and dataclasses.replace(a, country="Fiji") != a
    assert a.active() == {"country": "Kenya"}


# ---------------------------------------------------------------- the workbench's cache

def test_what_the_workbench_computed_is_kept_until_an_ingest_commits_beside_it(db):
    web = queries.Database(db)
    flt = EventFilter(country="Kenya")
    calls = []
    compute = lambda: calls.append(1) or len(calls)  # noqa: E731
    assert web.cached(("probe", flt), compute) == web.cached(("probe", flt), compute) == 1
    assert queries.type_counts(web, flt) == {"Violence against civilians": 2, "Battles": 1}
    before = queries.timeline(web, flt)
    assert before["total"] == 3

    with Store.open(db) as store:  # another connection, as `dateline ingest` beside the server
        store.add(record("g", "Kenya", (0.1, 0.1), "2020-01-20"), "h-new", "g.txt")

    assert web.cached(("probe", flt), compute) == 2
    assert queries.type_counts(web, flt) == {"Violence against civilians": 3, "Battles": 1}
    assert queries.timeline(web, flt)["total"] == 4
    assert queries.events(web, flt).total == 4


def test_the_cache_sees_a_commit_whichever_thread_asks(db):
    """`PRAGMA data_version` is comparable only on one connection: every thread asks the same one."""
    import threading

    web = queries.Database(db)
    flt = EventFilter()
    assert queries.type_counts(web, flt)["Battles"] == 2
    with Store.open(db) as store:
        store.add(record("h", "Chile", (-33.0, -70.0), "2022-01-01", "Battles", "Armed clash"), "h-2", "h.txt")
    seen: list[int] = []
    worker = threading.Thread(target=lambda: seen.append(queries.type_counts(web, flt)["Battles"]))
    worker.start()
    worker.join()
    assert seen == [3]


def test_the_old_schema_is_migrated_with_the_workbench_indexes(tmp_path):
    from dateline.corpus.migrations import MIGRATIONS, SCHEMA_VERSION

    path = str(tmp_path / "v3.db")
    old = sqlite3.connect(path)
    old.executescript(";".join(MIGRATIONS[:3]) + ";PRAGMA user_version=3;")
    old.close()
    with Store.open(path) as store:
        store.add(REPORTS[0], "h0", "a.txt")
        names = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert {"events_by_country", "events_by_type", "events_by_date", "events_by_place"} <= names
    assert "events_type_date" not in names
