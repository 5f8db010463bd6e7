"""The SQL of the workbench: paged, indexed reads of the corpus database, opened read-only.

Every dateline module the web uses is imported here, and only here (the web's one seam with the rest).
The database is opened through a `file:...?mode=ro` URI with `PRAGMA query_only`: no route can write,
and the journal mode is left as the database has it.
"""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..corpus import dedupe, export, filters  # noqa: F401  (export is re-exported for app.py)
from ..corpus.filters import EventFilter as Filters
from ..corpus.filters import SQLParam, event_where
from ..corpus.migrations import SCHEMA_VERSION
from ..corpus.store import Store

MIN_SCHEMA = 2  # full-text search tables; versions 3 and 4 add the indexes that keep pages fast
MAX_POINTS = 1000  # above this many events in view, the map gets a grid of counts instead of points
GRID_CELLS = 40  # cells across the longer side of the view for that grid
SORTS = {"date": "e.date_start", "id": "e.id", "type": "e.event_type", "sub_type": "e.sub_event_type",
         "country": "e.country", "location": "e.location", "actor": "e.actor1", "fatalities": "e.fatalities"}


class DatabaseError(Exception):
    """A database the workbench cannot serve, with the reason and what to do."""


@dataclass
class Page:
    rows: list[dict]
    total: int
    by_type: dict[str, int] = field(default_factory=dict)


# ---------------------------------------------------------------- the connection

class Database:
    """One read-only connection per thread (the server runs sync routes on a thread pool)."""

    def __init__(self, path: str):
        self.path = str(path)
        p = Path(self.path)
        if not p.is_file():
            raise DatabaseError(f"no database at {self.path}: run `dateline ingest PATH --db {self.path}` first")
        self.uri = p.resolve().as_uri() + "?mode=ro"
        self._local = threading.local()
        self._cache: dict[tuple, Any] = {}
        self._cache_lock = threading.Lock()
        self._watch: sqlite3.Connection | None = None  # asked, under the lock, whether others have written
        self.version = self.check()

    def check(self) -> int:
        try:
            conn = self.conn
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise DatabaseError(f"{self.path} is not a readable SQLite database ({exc})") from None
        if version > SCHEMA_VERSION:
            raise DatabaseError(f"{self.path} has schema version {version}, newer than this dateline reads "
                                f"({SCHEMA_VERSION}): upgrade dateline")
        if version < MIN_SCHEMA:
            raise DatabaseError(f"{self.path} is not a dateline database of schema version {MIN_SCHEMA} or newer "
                                f"(it has {version}): `dateline events --db {self.path} -n 1` migrates it")
        return version

    @property
    def conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.uri, uri=True, check_same_thread=False, timeout=5)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA query_only=ON")
            conn.execute("PRAGMA mmap_size=1073741824")  # pages shared through the OS cache, no copies
            conn.execute("PRAGMA cache_size=-32768")
            filters.register(conn)
            self._local.conn = conn
        return conn

    def stamp(self) -> int:
        """Changes whenever another connection (an ingest beside the server) commits: `PRAGMA data_version`
        of one connection kept for asking it, since its values are comparable only on one connection."""
        with self._cache_lock:
            if self._watch is None:
                self._watch = sqlite3.connect(self.uri, uri=True, check_same_thread=False, timeout=5)
            return self._watch.execute("PRAGMA data_version").fetchone()[0]

    def cached(self, key: tuple, compute):
        """compute(), or what it gave before for `key` while the database has not changed."""
        full = (self.stamp(), *key)
        with self._cache_lock:
            if full in self._cache:
                return self._cache[full]
        value = compute()
        with self._cache_lock:
            if len(self._cache) > 256:
                self._cache.clear()
            self._cache[full] = value
        return value


# ---------------------------------------------------------------- filters

def where(db: Database, f: Filters) -> tuple[str, list[SQLParam]]:
    """The WHERE clause (over `events e`) of the filters, and its parameters: the corpus's own builder."""
    longest = db.cached(("longest",), lambda: filters.longest_event_days(db.conn)) if f.date_from else None
    return event_where(f, "e", db.conn, longest)


# ---------------------------------------------------------------- events

_ROW = ("e.id, e.article_id, e.cluster_id, e.local_id, e.event_type, e.sub_event_type, e.modality, e.date_start, "
        "e.date_end, e.date_precision, e.location, e.admin1, e.country, e.lat, e.lon, e.geo_precision, e.actor1, "
        "e.inter1, e.actor2, e.inter2, e.fatalities, e.fatalities_text, e.evidence, e.confidence")


_DATE_ORDERED = {("event_type", "date"), ("date", "date")}  # (narrowing filter, sort) its index walks in order


def events(db: Database, f: Filters, sort: str = "date", desc: bool = True, limit: int = 50,
           offset: int = 0) -> Page:
    """One page of reports matching the filters, with the total and the count of each event type."""
    conn = db.conn
    w, params = where(db, f)
    by_type = type_counts(db, f)
    direction = "DESC" if desc else "ASC"
    order = f"{SORTS[sort]} {direction}, e.id {direction}" if sort != "id" else f"e.id {direction}"
    # when a filter narrows the search, its matches are sorted rather than an index of the order walked
    # (and every row it passes tested) until the page is full, unless its own index is in date order
    narrow = filters.narrowing(f)
    inner = order.replace("e.", "+e.") if narrow and (narrow, sort) not in _DATE_ORDERED else order
    rows = conn.execute(
        f"SELECT {_ROW}, a.title, a.outlet, a.published, a.doc_id, "
        f"(SELECT count(*) FROM events c WHERE c.cluster_id = e.cluster_id) AS reports "
        f"FROM (SELECT e.id FROM events e WHERE {w} ORDER BY {inner} LIMIT ? OFFSET ?) AS page "
        f"JOIN events e ON e.id = page.id JOIN articles a ON a.id = e.article_id ORDER BY {order}",
        [*params, limit, offset]).fetchall()
    return Page([dict(r) for r in rows], sum(by_type.values()), by_type)


def type_counts(db: Database, f: Filters) -> dict[str, int]:
    """Reports matching the filters by event type, most first: one count the list pages through and the
    API repeats, so kept until the database changes."""
    def compute():
        w, params = where(db, f)
        rows = db.conn.execute(f"SELECT e.event_type, count(*) FROM events e WHERE {w} "
                               f"GROUP BY e.event_type COLLATE NOCASE", params).fetchall()
        return dict(sorted(((r[0], r[1]) for r in rows), key=lambda kv: -kv[1]))
    return db.cached(("types", f), compute)


def options(db: Database) -> dict[str, list[str]]:
    """Values for the filter form's lists: countries, event types, sub-types (cached until new events)."""
    def compute():
        c = db.conn
        one = lambda sql: [r[0] for r in c.execute(sql) if r[0]]  # noqa: E731
        return {"countries": one("SELECT DISTINCT country COLLATE NOCASE FROM events ORDER BY 1"),
                "event_types": one("SELECT DISTINCT event_type FROM events ORDER BY 1"),
                "sub_types": one("SELECT DISTINCT sub_event_type FROM events ORDER BY 1")}
    return db.cached(("options",), compute)


def timeline(db: Database, f: Filters) -> dict[str, Any]:
    """Events per day, week or month (whichever keeps the bars under ~200) and type, for the filters."""
    def compute():
        conn = db.conn
        w, params = where(db, f)
        # grouped in the order of the type-and-date indexes, so an unfiltered or typed timeline needs no sort
        rows = conn.execute(f"SELECT e.date_start, e.event_type, count(*) FROM events e WHERE {w} "
                            f"AND +e.date_start IS NOT NULL GROUP BY e.event_type COLLATE NOCASE, e.date_start",
                            params).fetchall()
        if not rows:
            return {"bucket": "day", "types": [], "bins": [], "total": 0}
        first = dt.date.fromisoformat(min(r[0] for r in rows))
        last = dt.date.fromisoformat(max(r[0] for r in rows))
        span = (last - first).days
        bucket = "day" if span <= 200 else "week" if span <= 1400 else "month"
        bins: dict[str, Counter] = {}
        types: Counter = Counter()
        keys_of: dict[str, str] = {}
        for day, etype, n in rows:
            key = keys_of.get(day)
            if key is None:
                key = keys_of[day] = _bucket(dt.date.fromisoformat(day), bucket)
            bins.setdefault(key, Counter())[etype] += n
            types[etype] += n
        keys = _all_buckets(_bucket(first, bucket), _bucket(last, bucket), bucket)
        return {"bucket": bucket, "types": [t for t, _ in types.most_common()], "total": sum(types.values()),
                "bins": [{"start": k, "end": _bucket_end(k, bucket), "counts": dict(bins.get(k, {}))} for k in keys]}
    return db.cached(("timeline", f), compute)


def _bucket(day: dt.date, bucket: str) -> str:
    if bucket == "week":
        day = day - dt.timedelta(days=day.weekday())
    elif bucket == "month":
        day = day.replace(day=1)
    return day.isoformat()


def _bucket_end(start: str, bucket: str) -> str:
    day = dt.date.fromisoformat(start)
    if bucket == "week":
        return (day + dt.timedelta(days=6)).isoformat()
    if bucket == "month":
        return ((day + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)).isoformat()
    return start


def _all_buckets(first: str, last: str, bucket: str) -> list[str]:
    out, day, end = [], dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    while day <= end:
        out.append(day.isoformat())
        day = (day + dt.timedelta(days=7 if bucket == "week" else 1 if bucket == "day" else 32))
        if bucket == "month":
            day = day.replace(day=1)
    return out


def geojson(db: Database, f: Filters) -> dict[str, Any]:
    """Points for the map in the filters' bounding box, or, when too many, a grid of counts (kept until
    the database changes: panning back, or another analyst's same view, costs nothing)."""
    conn = db.conn
    w, params = where(db, f)
    w += " AND +e.lat IS NOT NULL AND +e.lon IS NOT NULL"  # tested, never searched by (see filters.narrowing)
    # how many, from the covering indexes alone, before reading any row
    n = conn.execute(f"SELECT count(*) FROM (SELECT 1 FROM events e WHERE {w} LIMIT ?)",
                     [*params, MAX_POINTS + 1]).fetchone()[0]
    if n > MAX_POINTS:
        features = db.cached(("grid", f), lambda: _grid(conn, f, w, params))
        return {"type": "FeatureCollection", "aggregated": True, "features": features,
                "total": sum(ft["properties"]["count"] for ft in features)}
    rows = conn.execute(f"SELECT e.id, e.event_type, e.sub_event_type, e.date_start, e.location, e.country, "
                        f"e.fatalities, e.lat, e.lon FROM events e WHERE {w}", params).fetchall()
    return {"type": "FeatureCollection", "aggregated": False, "total": len(rows), "features": [
        {"type": "Feature", "id": r["id"], "geometry": {"type": "Point", "coordinates": [r["lon"], r["lat"]]},
         "properties": {"id": r["id"], "event_type": r["event_type"], "sub_event_type": r["sub_event_type"],
                        "date": r["date_start"], "location": r["location"], "country": r["country"],
                        "fatalities": r["fatalities"], "url": f"/events/{r['id']}"}}
        for r in rows]}


def _grid(conn: sqlite3.Connection, f: Filters, w: str, params: list) -> list[dict]:
    """Counts of events per cell of a grid GRID_CELLS wide over the view, by type, at each cell's centroid.

    With no narrower filter (a wide view, of every type or of some), the counting reads the
    expression indexes of 1 and 0.1 degree cells (migration 3) in their order, so a view of the whole
    world sums ~100,000 index entries without touching the table or sorting them.
    """
    west, south, east, north = f.bbox or (-180.0, -90.0, 180.0, 90.0)
    width = (east - west) % 360 or 360.0
    cell = max(width, north - south, 1e-6) / GRID_CELLS
    if cell >= 1:
        gy, gx = "CAST(e.lat + 90 AS INTEGER)", "CAST(e.lon + 180 AS INTEGER)"
        rng: list[float] = [int(south + 90), int(north + 90)]
    elif cell >= 0.1:
        gy, gx = "CAST((e.lat + 90) * 10 AS INTEGER)", "CAST((e.lon + 180) * 10 AS INTEGER)"
        rng = [int((south + 90) * 10), int((north + 90) * 10)]
    else:
        gy, gx = "e.lat", "e.lon"
        rng = [south, north + 1]
    hint, hint_params = "", []
    if filters.narrowing(f) is None and not (f.actor or f.sub_event_type or f.modality):
        hint, hint_params = f"{gy} BETWEEN ? AND ? AND ", rng  # type and dates are in the grid index
    grid: dict[tuple[int, int], dict] = {}
    sql = (f"SELECT {gy}, {gx}, e.event_type, count(*), sum(e.lat), sum(e.lon) FROM events e "
           f"WHERE {hint}{w} GROUP BY 1, 2, 3")
    for _, _, etype, n, slat, slon in conn.execute(sql, [*hint_params, *params]):
        lat, lon = slat / n, slon / n  # each fine cell's centroid falls in one display cell
        key = (int((lat - south) // cell), int(((lon - west) % 360) // cell))
        g = grid.setdefault(key, {"count": 0, "lat": 0.0, "lon": 0.0, "types": {}})
        g["count"] += n
        g["lat"] += slat
        g["lon"] += slon
        g["types"][etype] = g["types"].get(etype, 0) + n
    return [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [round(g["lon"] / g["count"], 5),
                                                                             round(g["lat"] / g["count"], 5)]},
             "properties": {"aggregate": True, "count": g["count"], "types": g["types"],
                            "event_type": max(g["types"], key=g["types"].get)}}
            for g in grid.values()]


def bounds(db: Database, f: Filters) -> list[float] | None:
    """[south, west, north, east] of the events matching the filters (for the map's first view)."""
    def compute():
        conn = db.conn
        w, params = where(db, f)
        r = conn.execute(f"SELECT min(e.lat), min(e.lon), max(e.lat), max(e.lon) FROM events e WHERE {w} "
                         f"AND +e.lat IS NOT NULL AND +e.lon IS NOT NULL", params).fetchone()
        return None if r[0] is None else [r[0], r[1], r[2], r[3]]
    return db.cached(("bounds", repr(f)), compute)


def report(db: Database, event_id: int) -> dict | None:
    """One report (a row of events) with its article's byline."""
    r = db.conn.execute(f"SELECT {_ROW}, a.title, a.outlet, a.published, a.doc_id, a.url, a.author "
                        f"FROM events e JOIN articles a ON a.id = e.article_id WHERE e.id = ?", (event_id,)).fetchone()
    return dict(r) if r else None


def cluster(db: Database, cluster_id: int, limit: int = 24) -> list[dict]:
    rows = db.conn.execute(f"SELECT {_ROW}, a.title, a.outlet, a.published, a.doc_id, a.url FROM events e "
                           f"JOIN articles a ON a.id = e.article_id WHERE e.cluster_id = ? ORDER BY e.id LIMIT ?",
                           (cluster_id, limit)).fetchall()
    return [dict(r) for r in rows]


def summary(reports: list[dict]) -> dict:
    """The event a cluster of reports makes (dedupe's rules: lowest credible figure, most precise fields)."""
    return dedupe.summarize(reports[0]["cluster_id"], reports)


def article(db: Database, article_id: int) -> dict | None:
    """An article row with its stored record (`record`, offsets into `text`)."""
    r = db.conn.execute("SELECT id, doc_id, source, title, author, published, outlet, url, text, record, version, "
                        "ingested FROM articles WHERE id = ?", (article_id,)).fetchone()
    if r is None:
        return None
    out = dict(r)
    out["record"] = json.loads(out["record"])
    return out


def article_of(db: Database, article_id: int) -> dict:
    """The article a stored report belongs to: always there (reports reference their article), else the
    database is damaged."""
    art = article(db, article_id)
    if art is None:
        raise DatabaseError(f"{db.path}: article {article_id}, which a stored report belongs to, is missing")
    return art


def article_events(db: Database, article_id: int) -> list[dict]:
    rows = db.conn.execute(f"SELECT {_ROW}, (SELECT count(*) FROM events c WHERE c.cluster_id = e.cluster_id) "
                           f"AS reports FROM events e WHERE e.article_id = ? ORDER BY e.id", (article_id,))
    return [dict(r) for r in rows]


def quotes(db: Database, speaker: str | None, limit: int, offset: int) -> Page:
    conn = db.conn
    w, params = "1", []
    if speaker:
        w, params = "q.speaker LIKE ?", [f"%{speaker}%"]
    total = conn.execute(f"SELECT count(*) FROM quotes q WHERE {w}", params).fetchone()[0]
    rows = conn.execute(
        f"SELECT q.id, q.article_id, q.start_char, q.end_char, q.text, q.direct, q.cue, q.medium, q.date, "
        f"q.speaker, q.role, a.title, a.outlet, a.published, a.doc_id, "
        f"q.id - (SELECT min(m.id) FROM quotes m WHERE m.article_id = q.article_id) AS n FROM quotes q JOIN articles a "
        f"ON a.id = q.article_id WHERE {w} ORDER BY q.speaker COLLATE NOCASE, q.id "
        f"LIMIT ? OFFSET ?", [*params, limit, offset]).fetchall()
    return Page([dict(r) for r in rows], total)


def speakers(db: Database, limit: int = 60) -> list[dict]:
    def compute():
        rows = db.conn.execute("SELECT speaker, count(*) AS n FROM quotes WHERE speaker IS NOT NULL "
                               "GROUP BY speaker COLLATE NOCASE ORDER BY n DESC, speaker LIMIT ?", (limit,))
        return [dict(r) for r in rows]
    return db.cached(("speakers", limit), compute)


def search(db: Database, q: str, limit: int = 20) -> list[dict]:
    """Best FTS5 matches across articles, quotes and event evidence (the store's own search)."""
    return Store(db.conn, db.path).search(q, limit=limit)


def export_events(db: Database, f: Filters) -> list[dict]:
    """The events (clusters, as `dateline export` writes them) with a report matching the filters."""
    return Store(db.conn, db.path).clusters(f)
