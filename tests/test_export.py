"""Exports load in the tools they are for: csv with ACLED's columns, valid GeoJSON, Parquet in pyarrow."""
from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest

from dateline.corpus import export
from dateline.corpus.store import EventFilter, Store


def event(dead=None, point=(-1.2, 36.9), start="2021-05-03", end=None, modality="occurred", precision="day",
          actor2=("Civilians (Kenya)", 7)):
    sentence = "Militiamen attacked villagers in Ashgrove."
    return {"id": "E1", "event_type": "Violence against civilians", "sub_event_type": "Attack",
            "modality": modality, "date": {"start": start, "end": end or start, "precision": precision},
            "location": {"name": "Ashgrove", "admin1": "Nairobi", "country": "Kenya",
                         "lat": point[0] if point else None, "lon": point[1] if point else None,
                         "precision": "town"},
            "actor1": {"name": "Ashgrove Youth Militia", "inter": 4},
            "actor2": {"name": actor2[0], "inter": actor2[1]} if actor2 else None,
            "fatalities": {"count": dead, "text": f"{dead} dead"} if dead is not None else None,
            "evidence": [{"start": 0, "end": len(sentence), "text": sentence}], "confidence": 0.7}


def record(doc_id, outlet, ev):
    return {"id": doc_id, "article": {"title": doc_id, "author": None, "published": "2021-05-04",
                                      "outlet": outlet, "url": f"https://{doc_id}.example"},
            "text": ev["evidence"][0]["text"], "entities": [], "times": [], "places": [], "quantities": [],
            "quotes": [], "events": [ev]}


@pytest.fixture
def events():
    """One attack reported twice with different tolls, and one event without a place on the map."""
    with Store.open(":memory:") as store:
        store.add(record("a", "Lakeside Courier", event(dead=7)), "h1", "a")
        store.add(record("b", "Valley Post", event(dead=5)), "h2", "b")
        store.add(record("c", "Valley Post", event(point=None, start="2021-07-01", actor2=None)), "h3", "c")
        return store.clusters(EventFilter())


def test_acled_csv_has_acleds_columns_and_one_row_per_event(events):
    out = io.StringIO()
    assert export.write_acled_csv(events, out) == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(rows[0]) == export.ACLED_COLUMNS
    attack = rows[0]
    assert attack["event_id_cnty"].startswith("KEN")
    assert (attack["event_date"], attack["year"], attack["time_precision"]) == ("2021-05-03", "2021", "1")
    assert (attack["inter1"], attack["inter2"], attack["interaction"]) == ("4", "7", "47")
    assert (attack["latitude"], attack["longitude"], attack["geo_precision"]) == ("-1.2", "36.9", "1")
    assert attack["source"] == "Lakeside Courier; Valley Post"
    assert attack["fatalities"] == "5"
    assert "Lakeside Courier: 7" in attack["notes"] and "Valley Post: 5" in attack["notes"]
    lone = rows[1]
    assert (lone["fatalities"], lone["interaction"], lone["latitude"]) == ("0", "40", "")


def test_geojson_is_a_feature_collection_of_points(events):
    out = io.StringIO()
    written, skipped = export.write_geojson(events, out)
    assert (written, skipped) == (1, 1)
    data = json.loads(out.getvalue())
    assert data["type"] == "FeatureCollection"
    (feature,) = data["features"]
    assert feature["type"] == "Feature" and feature["geometry"] == {"type": "Point", "coordinates": [36.9, -1.2]}
    props = feature["properties"]
    assert props["fatalities"] == 5
    assert [r["fatalities"] for r in props["reports"]] == [7, 5]


def test_parquet_loads_in_pyarrow_with_types_and_reports(events, tmp_path):
    path = tmp_path / "events.parquet"
    assert export.write_parquet(events, str(path)) == 2
    table = pq.read_table(path)
    assert set(export.ACLED_COLUMNS) <= set(table.column_names)
    rows = table.to_pylist()
    assert str(rows[0]["event_date"]) == "2021-05-03" and rows[0]["fatalities"] == 5
    assert rows[1]["fatalities"] is None  # unknown stays unknown outside ACLED's own format
    assert [r["outlet"] for r in rows[0]["reports"]] == ["Lakeside Courier", "Valley Post"]


def test_jsonl_keeps_every_report_and_figure(events):
    out = io.StringIO()
    assert export.write_jsonl(events, out) == 2
    first = json.loads(out.getvalue().splitlines()[0])
    assert [f["count"] for f in first["fatalities"]["reports"]] == [7, 5]


@pytest.mark.parametrize("date,expected", [
    ({"start": "2021-05-03", "end": "2021-05-03", "precision": "day"}, 1),
    ({"start": "2021-05-03", "end": "2021-05-06", "precision": "range"}, 2),
    ({"start": "2021-05-01", "end": "2021-05-31", "precision": "month"}, 3),
    ({"start": "2021-05-04", "end": "2021-05-04", "precision": "publication"}, 2),
    (None, None),
])
def test_time_precision_follows_acled(date, expected):
    assert export.time_precision(date) == expected


def test_country_codes():
    assert export.iso3("Kenya") == "KEN" and export.iso3("ke") == "KEN" and export.iso3(None) == "XXX"
