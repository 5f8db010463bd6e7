"""The corpus database (SQLite): articles, their events and quotes, full-text search, event clusters.

One document is written in one transaction (article, events, quotes, search index, cluster links), so a
killed ingest leaves either the whole document or none of it; the content hash makes re-running skip
what is already stored. The schema carries its version in `PRAGMA user_version` and is brought up to
date by the migrations below when a database is opened.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from . import __version__, dedupe
from .ingest import Document

_TOKENIZE = "tokenize='porter unicode61 remove_diacritics 2'"

# Append only: a released migration never changes, since databases out there already ran it.
MIGRATIONS: list[str] = [
    # 1: articles, events (one row per report of an event, with its cluster), quotes
    """
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        hash TEXT NOT NULL UNIQUE,
        doc_id TEXT NOT NULL,
        source TEXT NOT NULL,
        title TEXT, author TEXT, published TEXT, outlet TEXT, url TEXT,
        text TEXT NOT NULL,
        record TEXT NOT NULL,
        version TEXT NOT NULL,
        ingested TEXT NOT NULL
    );
    CREATE INDEX articles_published ON articles(published);
    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        cluster_id INTEGER NOT NULL,
        local_id TEXT,
        event_type TEXT NOT NULL, sub_event_type TEXT NOT NULL, modality TEXT NOT NULL,
        date_start TEXT, date_end TEXT, date_precision TEXT,
        location TEXT, admin1 TEXT, country TEXT, lat REAL, lon REAL, geo_precision TEXT,
        actor1 TEXT, inter1 INTEGER, actor2 TEXT, inter2 INTEGER,
        fatalities INTEGER, fatalities_text TEXT,
        evidence TEXT NOT NULL,
        confidence REAL
    );
    CREATE INDEX events_block ON events(sub_event_type, date_start);
    CREATE INDEX events_cluster ON events(cluster_id);
    CREATE INDEX events_article ON events(article_id);
    CREATE TABLE quotes (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start_char INTEGER, end_char INTEGER,
        text TEXT NOT NULL,
        direct INTEGER, cue TEXT, medium TEXT, date TEXT,
        speaker TEXT, role TEXT
    );
    CREATE INDEX quotes_article ON quotes(article_id);
    """,
    # 2: full-text search over article bodies, quotes and event evidence, filled from the rows already there
    f"""
    CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='id', {_TOKENIZE});
    CREATE VIRTUAL TABLE quotes_fts USING fts5(text, speaker, content='quotes', content_rowid='id', {_TOKENIZE});
    CREATE VIRTUAL TABLE events_fts USING fts5(evidence, content='events', content_rowid='id', {_TOKENIZE});
    INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
    INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild');
    INSERT INTO events_fts(events_fts) VALUES ('rebuild');
    """,
    # 3: indexes for the web workbench (dateline serve), covering its counts: date order and timeline,
    # type counts, country, map bounding boxes, map grids of 1 and 0.1 degree cells, fatalities order, quotes by speaker
    """
    CREATE INDEX events_date_type ON events(date_start, date_end, event_type);
    CREATE INDEX events_type_date ON events(event_type, date_start, date_end);
    CREATE INDEX events_country ON events(country COLLATE NOCASE, date_start, date_end, event_type, lat, lon);
    CREATE INDEX events_latlon ON events(lat, lon);
    CREATE INDEX events_grid1 ON events(CAST(lat + 90 AS INTEGER), CAST(lon + 180 AS INTEGER), event_type,
                                        date_start, date_end, lat, lon);
    CREATE INDEX events_grid10 ON events(CAST((lat + 90) * 10 AS INTEGER), CAST((lon + 180) * 10 AS INTEGER),
                                         event_type, date_start, date_end, lat, lon);
    CREATE INDEX events_fatalities ON events(fatalities);
    CREATE INDEX quotes_speaker ON quotes(speaker COLLATE NOCASE);
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)
DEFAULT_DB = "dateline.db"


class StoreError(Exception):
    """A database that cannot be used, with the reason and what to do."""


def content_hash(document: Document) -> str:
    """The identity of a document: its text and publication metadata, not where the file lies."""
    art = document.article
    key = json.dumps([document.text, art.title, art.published, art.outlet, art.url], ensure_ascii=False)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------- opening and migrating

def _connect(path: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, timeout=30)
    conn.row_factory = sqlite3.Row
    try:
        conn.execute("PRAGMA journal_mode=WAL")
    except sqlite3.OperationalError:  # locked, read-only, missing folder: Store.open says which
        conn.close()
        raise
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"{path} is not a SQLite database ({exc}): name another file with --db") from None
    # WAL + NORMAL: a killed process loses nothing committed; a power cut may lose the last commits,
    # never consistency, and re-running the ingest restores them.
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    return conn


def _check_version(conn: sqlite3.Connection, path: str) -> int:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise StoreError(f"{path} has schema version {version}, made by a newer dateline; this one "
                         f"({__version__}) reads up to version {SCHEMA_VERSION}: upgrade dateline")
    if version == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        raise StoreError(f"{path} is a SQLite database but not a dateline one (it has tables and no "
                         f"dateline schema version): name another file with --db")
    return version


def _migrate(conn: sqlite3.Connection, version: int) -> None:
    for number in range(version + 1, SCHEMA_VERSION + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(MIGRATIONS[number - 1]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version={number}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def _statements(script: str) -> Iterator[str]:
    """The statements of a migration: they hold no ';' inside strings or triggers."""
    return (s.strip() for s in script.split(";") if s.strip())


@dataclass
class EventFilter:
    """What `dateline events` and `export` select; every field is optional."""

    event_type: str | None = None
    sub_event_type: str | None = None
    country: str | None = None
    near: tuple[float, float, float] | None = None  # lat, lon, km
    actor: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    modality: str | None = None


class Store:
    """One open corpus database."""

    def __init__(self, conn: sqlite3.Connection, path: str):
        self.conn = conn
        self.path = path

    @classmethod
    def open(cls, path: str = DEFAULT_DB, create: bool = True) -> "Store":
        if not create and not Path(path).exists():
            raise StoreError(f"no database at {path}: run `dateline ingest PATH --db {path}` first")
        try:
            conn = _connect(path)
        except sqlite3.OperationalError as exc:
            raise StoreError(f"cannot open {path}: {exc}") from None
        try:
            _migrate(conn, _check_version(conn, path))
        except BaseException:
            conn.close()
            raise
        return cls(conn, path)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------ writing

    def hashes(self) -> set[str]:
        return {row[0] for row in self.conn.execute("SELECT hash FROM articles")}

    def add(self, record: dict, hash_: str, source: str) -> int | None:
        """Store one extracted record in one transaction; None if its hash is already stored."""
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        try:
            if c.execute("SELECT 1 FROM articles WHERE hash = ?", (hash_,)).fetchone():
                c.execute("ROLLBACK")
                return None
            article_id = self._insert_article(record, hash_, source)
            for event in record.get("events") or []:
                self._insert_event(article_id, event)
            for quote in record.get("quotes") or []:
                self._insert_quote(article_id, quote)
            c.execute("COMMIT")
            return article_id
        except BaseException:
            c.execute("ROLLBACK")
            raise

    def _insert_article(self, record: dict, hash_: str, source: str) -> int:
        art = record.get("article") or {}
        body = {k: v for k, v in record.items() if k != "text"}
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        cur = self.conn.execute(
            "INSERT INTO articles (hash, doc_id, source, title, author, published, outlet, url, text, record, "
            "version, ingested) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (hash_, str(record.get("id")), source, art.get("title"), art.get("author"), art.get("published"),
             art.get("outlet"), art.get("url"), record["text"], json.dumps(body, ensure_ascii=False),
             __version__, now))
        self.conn.execute("INSERT INTO articles_fts(rowid, title, text) VALUES (?,?,?)",
                          (cur.lastrowid, art.get("title") or "", record["text"]))
        return cur.lastrowid

    def _insert_event(self, article_id: int, event: dict) -> None:
        row = event_row(event)
        cols = ", ".join(row)
        cur = self.conn.execute(
            f"INSERT INTO events (article_id, cluster_id, {cols}) VALUES (?, 0, {', '.join('?' * len(row))})",
            (article_id, *row.values()))
        event_id = cur.lastrowid
        self.conn.execute("INSERT INTO events_fts(rowid, evidence) VALUES (?,?)", (event_id, row["evidence"]))
        self._link(event_id, {**row, "article_id": article_id})

    def _link(self, event_id: int, report: dict) -> None:
        """Join the new report to every cluster it matches, merging them (clusters = connected reports)."""
        clusters = {r["cluster_id"] for r in self._candidates(report) if dedupe.same_event(report, r)}
        target = min(clusters | {event_id})
        self.conn.execute("UPDATE events SET cluster_id = ? WHERE id = ?", (target, event_id))
        others = clusters - {target}
        if others:
            marks = ",".join("?" * len(others))
            self.conn.execute(f"UPDATE events SET cluster_id = ? WHERE cluster_id IN ({marks})", (target, *others))

    def _candidates(self, report: dict) -> list[dict]:
        """Reports that may be the same event: same sub-type and modality, dates within the tolerance."""
        if not dedupe.matchable(report):
            return []
        lo, hi = dedupe.date_window(report["date_start"], report["date_end"])
        rows = self.conn.execute(  # a range on the index, however many events the corpus holds
            "SELECT * FROM events WHERE sub_event_type = ? AND date_start BETWEEN ? AND ? "
            "AND date_end >= ? AND modality = ? AND article_id != ?",
            (report["sub_event_type"], dedupe.earliest_start(lo), hi, lo, report["modality"], report["article_id"]))
        return [dict(r) for r in rows]

    def _insert_quote(self, article_id: int, quote: dict) -> None:
        speaker = quote.get("speaker") or {}
        cur = self.conn.execute(
            "INSERT INTO quotes (article_id, start_char, end_char, text, direct, cue, medium, date, speaker, role) "
            "VALUES (?,?,?,?,?,?,?,?,?,?)",
            (article_id, quote.get("start"), quote.get("end"), quote.get("text") or "", int(bool(quote.get("direct"))),
             quote.get("cue"), quote.get("medium"), quote.get("date"), speaker.get("name"), speaker.get("role")))
        self.conn.execute("INSERT INTO quotes_fts(rowid, text, speaker) VALUES (?,?,?)",
                          (cur.lastrowid, quote.get("text") or "", speaker.get("name") or ""))

    # ------------------------------------------------------------ reading

    def counts(self) -> dict[str, int]:
        one = lambda sql: self.conn.execute(sql).fetchone()[0]  # noqa: E731
        return {"articles": one("SELECT count(*) FROM articles"),
                "events": one("SELECT count(*) FROM events"),
                "clusters": one("SELECT count(DISTINCT cluster_id) FROM events"),
                "quotes": one("SELECT count(*) FROM quotes")}

    def clusters(self, flt: EventFilter) -> list[dict]:
        """Events (clusters of reports) with at least one report matching the filter, oldest first, undated last."""
        where, params = _event_where(flt)
        rows = self.conn.execute(f"SELECT DISTINCT cluster_id FROM events WHERE {where}", params).fetchall()
        ids = [r[0] for r in rows]
        if flt.near:
            ids = self._near(ids, flt.near)
        out = []
        for chunk in _chunks(ids, 500):
            marks = ",".join("?" * len(chunk))
            reports = self.conn.execute(
                f"SELECT e.*, a.doc_id, a.outlet, a.published, a.title, a.url FROM events e "
                f"JOIN articles a ON a.id = e.article_id WHERE e.cluster_id IN ({marks}) ORDER BY e.id", chunk)
            grouped: dict[int, list[dict]] = {}
            for r in reports:
                grouped.setdefault(r["cluster_id"], []).append(dict(r))
            out.extend(dedupe.summarize(cid, reps) for cid, reps in grouped.items())
        out.sort(key=lambda c: (c["date"] is None, (c["date"] or {}).get("start") or "", c["id"]))
        return out

    def _near(self, cluster_ids: list[int], near: tuple[float, float, float]) -> list[int]:
        lat, lon, km = near
        keep = set()
        for chunk in _chunks(cluster_ids, 500):
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(f"SELECT cluster_id, lat, lon FROM events WHERE cluster_id IN ({marks}) "
                                     f"AND lat IS NOT NULL AND lon IS NOT NULL", chunk)
            keep.update(r[0] for r in rows if dedupe.km_between(lat, lon, r[1], r[2]) <= km)
        return [c for c in cluster_ids if c in keep]

    def quotes(self, speaker: str | None = None, outlet: str | None = None, date_from: str | None = None,
               date_to: str | None = None, limit: int | None = None) -> list[dict]:
        where, params = ["1"], []
        if speaker:
            where.append("q.speaker LIKE ?")
            params.append(f"%{speaker}%")
        _article_filters(where, params, outlet, date_from, date_to)
        sql = (f"SELECT q.*, a.doc_id, a.outlet, a.published, a.title FROM quotes q JOIN articles a "
               f"ON a.id = q.article_id WHERE {' AND '.join(where)} ORDER BY a.published, q.id")
        return [dict(r) for r in self.conn.execute(sql + _limit(limit), params)]

    def articles(self, outlet: str | None = None, date_from: str | None = None, date_to: str | None = None,
                 limit: int | None = None) -> list[dict]:
        where, params = ["1"], []
        _article_filters(where, params, outlet, date_from, date_to)
        sql = (f"SELECT a.id, a.doc_id, a.published, a.outlet, a.title, a.author, a.url, a.source, "
               f"(SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events, "
               f"(SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quotes "
               f"FROM articles a WHERE {' AND '.join(where)} ORDER BY a.published, a.id")
        return [dict(r) for r in self.conn.execute(sql + _limit(limit), params)]

    def record(self, article_id: int) -> dict | None:
        row = self.conn.execute("SELECT text, record FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            return None
        body = json.loads(row["record"])
        return {"id": body.pop("id"), "article": body.pop("article"), "text": row["text"], **body}

    def search(self, query: str, kinds: tuple[str, ...] = ("article", "quote", "evidence"),
               limit: int = 20) -> list[dict]:
        """Best matches of an FTS5 query (words, "phrases", AND/OR/NOT, prefix*) across the kinds asked."""
        hits: list[dict] = []
        for kind in kinds:
            hits.extend(self._search_kind(kind, query, limit))
        hits.sort(key=lambda h: h["rank"])
        return hits[:limit]

    def _search_kind(self, kind: str, query: str, limit: int) -> list[dict]:
        table, column, join = _SEARCH[kind]
        sql = (f"SELECT a.id AS article_id, a.doc_id, a.title, a.outlet, a.published, {table}.rowid AS ref, "
               f"snippet({table}, {column}, '«', '»', '…', 16) AS snippet, bm25({table}) AS rank "
               f"FROM {table} {join} WHERE {table} MATCH ? ORDER BY rank LIMIT ?")
        try:
            rows = self.conn.execute(sql, (query, limit)).fetchall()
        except sqlite3.OperationalError:
            rows = self.conn.execute(sql, (_literal(query), limit)).fetchall()
        return [{"kind": kind, **dict(r)} for r in rows]


_SEARCH = {
    "article": ("articles_fts", 1, "JOIN articles a ON a.id = articles_fts.rowid"),
    "quote": ("quotes_fts", 0, "JOIN quotes q ON q.id = quotes_fts.rowid JOIN articles a ON a.id = q.article_id"),
    "evidence": ("events_fts", 0, "JOIN events e ON e.id = events_fts.rowid JOIN articles a ON a.id = e.article_id"),
}


def _literal(query: str) -> str:
    """A query FTS5 cannot parse (stray quotes, hyphens, colons) searched as plain words."""
    return " ".join('"' + w.replace('"', '""') + '"' for w in query.split())


def _limit(limit: int | None) -> str:
    return f" LIMIT {int(limit)}" if limit else ""


def _chunks(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _article_filters(where: list[str], params: list, outlet: str | None, date_from: str | None,
                     date_to: str | None) -> None:
    if outlet:
        where.append("a.outlet LIKE ?")
        params.append(f"%{outlet}%")
    if date_from:
        where.append("a.published >= ?")
        params.append(date_from)
    if date_to:
        where.append("a.published <= ?")
        params.append(date_to)


def _event_where(flt: EventFilter) -> tuple[str, list[Any]]:
    where, params = ["1"], []
    for column, value in (("event_type", flt.event_type), ("sub_event_type", flt.sub_event_type),
                          ("country", flt.country), ("modality", flt.modality)):
        if value:
            where.append(f"{column} = ? COLLATE NOCASE")
            params.append(value)
    if flt.actor:
        where.append("(actor1 LIKE ? OR actor2 LIKE ?)")
        params += [f"%{flt.actor}%"] * 2
    if flt.date_from:
        where.append("date_end >= ?")
        params.append(flt.date_from)
    if flt.date_to:
        where.append("date_start <= ?")
        params.append(flt.date_to)
    if flt.near:
        lat, lon, km = flt.near
        dlat = km / 111.0
        dlon = km / max(111.0 * math.cos(math.radians(lat)), 1e-6)
        where.append("lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?")
        params += [lat - dlat, lat + dlat, lon - dlon, lon + dlon]
    return " AND ".join(where), params


def event_row(event: dict) -> dict[str, Any]:
    """The columns of one event of a record (CONTRACT.md shape), dates widened to full days."""
    date = event.get("date") or {}
    loc = event.get("location") or {}
    a1, a2 = event.get("actor1") or {}, event.get("actor2") or {}
    fat = event.get("fatalities") or {}
    start, end = dedupe.date_bounds(date.get("start"), date.get("end"))
    return {
        "local_id": event.get("id"), "event_type": event.get("event_type") or "",
        "sub_event_type": event.get("sub_event_type") or "", "modality": event.get("modality") or "occurred",
        "date_start": start, "date_end": end, "date_precision": date.get("precision"),
        "location": loc.get("name"), "admin1": loc.get("admin1"), "country": loc.get("country"),
        "lat": loc.get("lat"), "lon": loc.get("lon"), "geo_precision": loc.get("precision"),
        "actor1": a1.get("name"), "inter1": _int(a1.get("inter")),
        "actor2": a2.get("name"), "inter2": _int(a2.get("inter")),
        "fatalities": _int(fat.get("count")), "fatalities_text": fat.get("text"),
        "evidence": " … ".join(e.get("text") or "" for e in event.get("evidence") or []),
        "confidence": event.get("confidence"),
    }


def _int(value: Any) -> int | None:
    """Counts and codes as integers (a facet may give 600.0 or "1"); anything else is unknown."""
    try:
        return None if value is None else int(value)
    except (TypeError, ValueError):
        return None
