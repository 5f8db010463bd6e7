"""Reports of one event across articles become one event; different events stay apart.

The records are written here (invented outlets, towns and figures) in the CONTRACT.md shape, so the
clustering is tested whatever the event facets find today.
"""
from __future__ import annotations

import pytest

from dateline.corpus import dedupe
from dateline.corpus.store import EventFilter, Store

ASHGROVE = (-1.20, 36.90)
NEAR_ASHGROVE = (-1.23, 36.93)  # about 4.7 km away
MILLBROOK = (-0.40, 36.10)  # about 125 km away


def event(sub="Armed clash", etype="Battles", start="2021-05-03", end=None, place="Ashgrove", point=ASHGROVE,
          precision="town", country="Kenya", actor1=("Military Forces of Kenya", 1),
          actor2=("Ashgrove Liberation Front", 2), dead=None, modality="occurred",
          sentence="Soldiers fought rebels in Ashgrove on Monday."):
    lat, lon = point if point else (None, None)
    return {
        "id": "E1", "event_type": etype, "sub_event_type": sub, "modality": modality,
        "date": {"start": start, "end": end or start, "precision": "day"},
        "location": {"name": place, "admin1": None, "country": country, "lat": lat, "lon": lon,
                     "precision": precision},
        "actor1": {"name": actor1[0], "inter": actor1[1]} if actor1 else None,
        "actor2": {"name": actor2[0], "inter": actor2[1]} if actor2 else None,
        "fatalities": {"count": dead, "text": f"{dead} killed"} if dead is not None else None,
        "evidence": [{"start": 0, "end": 0, "text": sentence}], "confidence": 0.9,
    }


def record(doc_id, outlet, *events, published="2021-05-04"):
    text, evs = "", []
    for n, ev in enumerate(events, 1):
        sentence = ev["evidence"][0]["text"]
        ev = {**ev, "id": f"E{n}", "evidence": [{"start": len(text), "end": len(text) + len(sentence),
                                                  "text": sentence}]}
        text += sentence + " "
        evs.append(ev)
    return {"id": doc_id, "article": {"title": doc_id, "author": None, "published": published, "outlet": outlet,
                                      "url": None},
            "text": text, "entities": [], "times": [], "places": [], "quantities": [], "quotes": [], "events": evs}


def clusters_of(*records) -> list[dict]:
    with Store.open(":memory:") as store:
        for n, rec in enumerate(records):
            store.add(rec, f"hash{n}", rec["id"])
        return store.clusters(EventFilter())


def test_two_outlets_reporting_one_battle_give_one_event_with_two_reports():
    found = clusters_of(
        record("a", "Lakeside Courier", event(dead=12, point=ASHGROVE)),
        record("b", "Hill Country Wire", event(dead=15, point=NEAR_ASHGROVE, start="2021-05-04")),
    )
    assert len(found) == 1
    ev = found[0]
    assert [r["outlet"] for r in ev["reports"]] == ["Lakeside Courier", "Hill Country Wire"]
    assert ev["sources"] == ["Lakeside Courier", "Hill Country Wire"]


def test_cluster_fatalities_take_the_lowest_figure_and_keep_each_source():
    (ev,) = clusters_of(record("a", "Lakeside Courier", event(dead=15)),
                        record("b", "Hill Country Wire", event(dead=12)),
                        record("c", "Valley Post", event()))
    fat = ev["fatalities"]
    assert fat["count"] == 12 and fat["disagree"]
    assert {(f["outlet"], f["count"]) for f in fat["reports"]} == {("Lakeside Courier", 15), ("Hill Country Wire", 12)}


def test_no_figure_anywhere_leaves_fatalities_unknown():
    (ev,) = clusters_of(record("a", "Lakeside Courier", event()), record("b", "Valley Post", event()))
    assert ev["fatalities"] is None


@pytest.mark.parametrize("other", [
    event(sub="Shelling/artillery/missile attack", etype="Explosions/Remote violence"),
    event(point=MILLBROOK, place="Millbrook"),
    event(start="2021-05-06"),
    event(modality="planned"),
    event(actor2=("Police Forces of Kenya", 1)),
    event(country="Uganda", point=None),
])
def test_different_events_stay_apart(other):
    assert len(clusters_of(record("a", "Lakeside Courier", event()), record("b", "Valley Post", other))) == 2


def test_reports_dated_only_to_the_year_are_too_vague_to_merge():
    assert len(clusters_of(record("a", "Lakeside Courier", event(start="2021")),
                           record("b", "Valley Post", event(start="2021")))) == 2


def test_the_same_named_place_matches_without_coordinates():
    found = clusters_of(record("a", "Lakeside Courier", event(point=None)),
                        record("b", "Valley Post", event(point=MILLBROOK)))
    assert len(found) == 1


def test_the_same_name_in_two_provinces_is_two_places():
    east, west = event(point=None), event(point=MILLBROOK)
    east["location"]["admin1"], west["location"]["admin1"] = "Eastern", "Western"
    assert len(clusters_of(record("a", "Lakeside Courier", east), record("b", "Valley Post", west))) == 2


def test_a_whole_country_is_not_a_shared_place():
    only_country = dict(place="Kenya", point=None, precision="country")
    found = clusters_of(record("a", "Lakeside Courier", event(**only_country)),
                        record("b", "Valley Post", event(**only_country)))
    assert len(found) == 2
    named_country = dict(place="Kenya", point=None, precision=None)
    found = clusters_of(record("a", "Lakeside Courier", event(**named_country)),
                        record("b", "Valley Post", event(**named_country)))
    assert len(found) == 2


def test_battle_sides_may_be_named_in_either_order():
    swapped = event(actor1=("Ashgrove Liberation Front", 2), actor2=("Military Forces of Kenya", 1))
    assert len(clusters_of(record("a", "Lakeside Courier", event()), record("b", "Valley Post", swapped))) == 1


def test_an_unidentified_group_may_be_the_named_rebels_but_not_the_police():
    gunmen = event(actor2=("Unidentified Armed Group (Kenya)", 3))
    police = event(actor1=("Police Forces of Kenya", 1), actor2=("Ashgrove Liberation Front", 2))
    assert len(clusters_of(record("a", "Lakeside Courier", event()), record("b", "Valley Post", gunmen))) == 1
    assert len(clusters_of(record("a", "Lakeside Courier", event()), record("b", "Valley Post", police))) == 2


def test_two_events_of_one_article_are_not_merged_with_each_other():
    found = clusters_of(record("a", "Lakeside Courier", event(sentence="A clash at dawn."),
                               event(sentence="A second clash at dusk.")))
    assert len(found) == 2


def test_a_report_matching_two_clusters_joins_them():
    west = event(point=(-1.20, 36.86), place="Westgate")
    east = event(point=(-1.20, 36.98), place="Eastgate")  # 13 km apart: two events until a report between
    middle = event(point=(-1.20, 36.92))
    assert len(clusters_of(record("a", "Lakeside Courier", west), record("b", "Valley Post", east))) == 2
    found = clusters_of(record("a", "Lakeside Courier", west), record("b", "Valley Post", east),
                        record("c", "Hill Country Wire", middle))
    assert len(found) == 1 and len(found[0]["reports"]) == 3


def test_the_event_takes_each_field_from_its_most_precise_report():
    vague = event(start="2021-05", point=None, actor2=("Unidentified Armed Group (Kenya)", 3))
    (ev,) = clusters_of(record("a", "Lakeside Courier", vague), record("b", "Valley Post", event()))
    assert (ev["date"]["start"], ev["date"]["end"]) == ("2021-05-03", "2021-05-03")
    assert (ev["location"]["lat"], ev["location"]["lon"]) == ASHGROVE
    assert ev["actor2"]["name"] == "Ashgrove Liberation Front"


@pytest.mark.parametrize("start,end,expected", [
    ("2021-05-03", None, ("2021-05-03", "2021-05-03")),
    ("2021-05-03", "2021-05-07", ("2021-05-03", "2021-05-07")),
    ("2021-02", None, ("2021-02-01", "2021-02-28")),
    ("2021-W18", None, ("2021-05-03", "2021-05-09")),
    ("2021", None, ("2021-01-01", "2021-12-31")),
    ("2021-05-03TNI", None, ("2021-05-03", "2021-05-03")),
    ("sometime", None, (None, None)),
    (None, None, (None, None)),
])
def test_event_dates_widen_to_the_days_they_cover(start, end, expected):
    assert dedupe.date_bounds(start, end) == expected


def test_distance_is_great_circle_kilometres():
    assert dedupe.km_between(0.0, 0.0, 0.0, 1.0) == pytest.approx(111.2, abs=0.1)
