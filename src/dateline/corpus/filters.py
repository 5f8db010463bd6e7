"""Which events a query selects: the one filter and the one builder of its SQL, shared by the command
line (`dateline events`, `export`) and the workbench, so both select the same reports for the same words.

Every comparison of names is case-insensitive (the indexes of migration 4 are NOCASE to match); `actor`
matches literally, "%" and "_" included; `near` is a true great-circle distance (the `dl_km` function
every corpus connection registers), after a bounding box the indexes can use.
"""
from __future__ import annotations

import datetime as dt
import math
import sqlite3
from dataclasses import dataclass, fields
from typing import Any

from . import dedupe, fts

SQLParam = str | int | float | None  # a value bound to a `?` of a query
_KM_PER_DEGREE = 111.0


@dataclass(frozen=True)
class EventFilter:
    """What a list, map, timeline or export selects; every field is optional, None means no filter.
    Frozen, so that a filter is the key of what was computed for it."""

    event_type: str | None = None
    sub_event_type: str | None = None
    country: str | None = None
    near: tuple[float, float, float] | None = None  # lat, lon, km
    actor: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    modality: str | None = None
    q: str | None = None  # a search (dateline search syntax) over the events' evidence
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north

    def active(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not None}


# The columns the index of each narrowing filter (migration 4) can range over, in its order.
_INDEXED = {"country": {"country", "event_type", "date"}, "event_type": {"event_type", "date"}, "date": {"date"},
            "place": {"place"}}
_LOCAL_DEGREES = 10.0  # a box or radius smaller than this narrows more than any other filter


def narrowing(flt: EventFilter) -> str | None:
    """The filter an index narrows the search by: a small area, else the country, the event type, the
    dates; None when there is none (the search reads a covering index from end to end).

    SQLite keeps no statistics of value ranges here, so left to itself it takes any latitude range,
    a box around the whole world included, for a narrow one and reads the corpus through it. This
    order is what the filters usually select: a country a few percent of the corpus, a type a sixth.
    Words (`q`) never narrow: they may match any share of the corpus, and reading the rows of each
    match costs more than checking every entry of a covering index against the set of matches."""
    box = flt.bbox
    if flt.near and flt.near[2] / _KM_PER_DEGREE < _LOCAL_DEGREES:
        return "place"
    if box and box[3] - box[1] < _LOCAL_DEGREES and 0 <= box[2] - box[0] < _LOCAL_DEGREES:
        return "place"
    if flt.country:
        return "country"
    if flt.event_type:
        return "event_type"
    if flt.date_from or flt.date_to:
        return "date"
    return None


def event_where(flt: EventFilter, alias: str = "e", conn: sqlite3.Connection | None = None,
                longest_days: int | None = None) -> tuple[str, list[SQLParam]]:
    """The WHERE clause over `events {alias}` that selects the reports matching `flt`, and its parameters.

    `longest_days`, the span of the longest stored event (`longest_event_days`), turns "ends on or after
    the first date" into a range of start dates too, one an index can search instead of every earlier start.

    Only the terms of the `narrowing` filter can drive an index; the others carry a unary `+` (SQLite's
    way of saying "test this, do not search by it"). A malformed `q` raises a QueryError saying what is
    wrong; given `conn`, so does one FTS5 itself refuses (tried here, so that it never fails half-way
    through a page)."""
    usable = _INDEXED.get(narrowing(flt) or "", set())

    def col(name: str, kind: str | None = None) -> str:
        return f"{alias}.{name}" if (kind or name) in usable else f"+{alias}.{name}"

    sql: list[str] = ["1"]
    params: list[SQLParam] = []
    for column, value in (("country", flt.country), ("event_type", flt.event_type),
                          ("sub_event_type", flt.sub_event_type), ("modality", flt.modality)):
        if value:
            sql.append(f"{col(column)} = ? COLLATE NOCASE")
            params.append(value)
    if flt.actor:
        sql.append(f"({alias}.actor1 LIKE ? ESCAPE '\\' OR {alias}.actor2 LIKE ? ESCAPE '\\')")
        params += [fts.like(flt.actor)] * 2
    if flt.date_from:
        sql.append(f"{col('date_end', 'date')} >= ?")
        params.append(flt.date_from)
        earliest = _days_before(flt.date_from, longest_days)
        if earliest:
            sql.append(f"{col('date_start', 'date')} >= ?")
            params.append(earliest)
    if flt.date_to:
        sql.append(f"{col('date_start', 'date')} <= ?")
        params.append(flt.date_to)
    lat, lon = col("lat", "place"), col("lon", "place")
    if flt.near:
        y, x, km = flt.near
        dlat = km / _KM_PER_DEGREE
        dlon = min(km / max(_KM_PER_DEGREE * math.cos(math.radians(y)), 1e-6), 360.0)
        inner = _inner_box(y, x, km)
        sql.append(f"{lat} BETWEEN ? AND ? AND {lon} BETWEEN ? AND ? AND "
                   f"(({alias}.lat BETWEEN ? AND ? AND {alias}.lon BETWEEN ? AND ?) "
                   f"OR dl_km({alias}.lat, {alias}.lon, ?, ?) <= ?)")
        params += [y - dlat, y + dlat, x - dlon, x + dlon, *inner, y, x, km]
    if flt.bbox:
        west, south, east, north = flt.bbox
        sql.append(f"{lat} BETWEEN ? AND ?")
        params += [south, north]
        if west <= east:
            sql.append(f"{lon} BETWEEN ? AND ?")
            params += [west, east]
        else:  # across the antimeridian
            sql.append(f"({lon} >= ? OR {lon} <= ?)")
            params += [west, east]
    if flt.q:
        query = fts.fts_query(flt.q)
        if conn is not None:
            try:
                conn.execute("SELECT rowid FROM events_fts WHERE events_fts MATCH ? LIMIT 1", (query,)).fetchall()
            except sqlite3.OperationalError as exc:
                raise fts.explain(exc, flt.q) from None
        sql.append(f"+{alias}.id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)")
        params.append(query)
    return " AND ".join(sql), params


def _inner_box(lat: float, lon: float, km: float) -> tuple[float, float, float, float]:
    """South, north, west, east of a box every point of which is within `km` of (lat, lon), so that the
    distance (a Python function, one call per row) is computed only for the rows outside it.

    A point of the box is reached from the centre along its meridian, then along its parallel, each leg
    at most km/2 (a parallel's degree is shortest where the box is furthest from the equator); the
    great circle is no longer than that path. An empty box when the circle is too large for the bound.
    """
    per_degree = dedupe.EARTH_KM * math.pi / 180
    half = 0.999 * km / 2 / per_degree
    south, north = lat - half, lat + half
    if half >= 45 or south < -90 or north > 90:
        return 0.0, -1.0, 0.0, -1.0
    widest = 1.0 if south <= 0 <= north else math.cos(math.radians(min(abs(south), abs(north))))
    return south, north, lon - half / widest, lon + half / widest


def longest_event_days(conn: sqlite3.Connection) -> int:
    """The span in days of the longest stored event (dates are whole days, start <= end)."""
    days = conn.execute("SELECT max(julianday(date_end) - julianday(date_start)) FROM events").fetchone()[0]
    return max(0, math.ceil(days or 0))


def _days_before(day: str, days: int | None) -> str | None:
    if days is None:
        return None
    try:
        return (dt.date.fromisoformat(day) - dt.timedelta(days=days)).isoformat()
    except (ValueError, OverflowError):  # not a whole date, or before year 1: no bound to add
        return None


def register(conn: sqlite3.Connection) -> None:
    """The SQL functions the builder's clauses call, on one connection."""
    conn.create_function("dl_km", 4, _km, deterministic=True)


def _km(lat1: float | None, lon1: float | None, lat2: float, lon2: float) -> float | None:
    if lat1 is None or lon1 is None:
        return None
    return dedupe.km_between(lat1, lon1, lat2, lon2)
