"""The corpus database (SQLite): articles, their events and quotes, full-text search, event clusters.

One document is written in one transaction (article, events, quotes, search index, cluster links), so a
killed ingest leaves either the whole document or none of it; the content hash makes re-running skip
what is already stored. The schema and its migrations are in `migrations`.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import QueryError, StoreError
from ..io.documents import Document
from ..record import Event, Quote, Record, from_dict
from . import dedupe, fts
from .filters import EventFilter, SQLParam, event_where
from .migrations import DEFAULT_DB, SCHEMA_VERSION, cannot_write, check_version, connect, prepare, write_refused


def content_hash(document: Document) -> str:
    """The identity of a document: its text and publication metadata, not where the file lies."""
    art = document.article
    key = json.dumps([document.text, art.title, art.published, art.outlet, art.url], ensure_ascii=False)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


class Store:
    """One open corpus database."""

    def __init__(self, conn: sqlite3.Connection, path: str):
        self.conn = conn
        self.path = path

    @classmethod
    def open(cls, path: str = DEFAULT_DB, create: bool = True) -> Store:
        """The database at `path`: for writing (created if missing, migrated, checked writable) when
        `create`, else for reading only (`mode=ro`: nothing is written, not even the journal mode)."""
        if not create:
            return cls._open_readonly(path)
        try:
            conn = connect(path)
        except sqlite3.OperationalError as exc:
            raise StoreError(f"cannot open or create {path} ({exc}): check that its folder exists and "
                             f"can be written") from None
        try:
            prepare(conn, path)
        except sqlite3.OperationalError as exc:
            conn.close()
            if cannot_write(exc):
                raise StoreError(write_refused(path, exc)) from None
            raise StoreError(f"cannot use {path}: {exc}") from None
        except BaseException:
            conn.close()
            raise
        return cls(conn, path)

    @classmethod
    def _open_readonly(cls, path: str) -> Store:
        if not Path(path).is_file():
            raise StoreError(f"no database at {path}: run `dateline ingest PATH --db {path}` first")
        conn = None
        for immutable in (False, True):  # immutable: a WAL database in a folder this process cannot write
            try:
                conn = connect(path, readonly=True, immutable=immutable)
                version = check_version(conn, path)
                break
            except sqlite3.OperationalError as exc:
                if conn is not None:
                    conn.close()
                    conn = None
                if immutable:
                    raise StoreError(f"cannot read {path}: {exc}") from None
            except BaseException:
                if conn is not None:
                    conn.close()
                raise
        assert conn is not None
        if version == SCHEMA_VERSION:
            conn.execute("PRAGMA query_only=1")
            return cls(conn, path)
        conn.close()
        if version == 0:
            raise StoreError(f"{path} holds no dateline corpus yet: run `dateline ingest PATH --db {path}` first")
        if not (os.access(path, os.W_OK) and os.access(os.path.dirname(os.path.abspath(path)), os.W_OK)):
            raise StoreError(f"{path} was written by an older dateline (schema version {version}, this one uses "
                             f"{SCHEMA_VERSION}) and upgrading it needs write access, which this folder or file "
                             f"does not give: copy it somewhere writable and query the copy")
        cls.open(path, create=True).close()  # migrate once, where it may be written
        return cls._open_readonly(path)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------ writing

    def hashes(self) -> set[str]:
        return {row[0] for row in self.conn.execute("SELECT hash FROM articles")}

    def add(self, record: Record | dict[str, Any], hash_: str, source: str) -> int | None:
        """Store one extracted record (or its JSON form) in one transaction; None if its hash is already stored."""
        rec = record if isinstance(record, Record) else Record.from_dict(record)
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        try:
            if c.execute("SELECT 1 FROM articles WHERE hash = ?", (hash_,)).fetchone():
                c.execute("ROLLBACK")
                return None
            article_id = self._insert_article(rec, hash_, source)
            for event in rec.events:
                self._insert_event(article_id, event)
            for quote in rec.quotes:
                self._insert_quote(article_id, quote)
            c.execute("COMMIT")
            return article_id
        except BaseException:
            c.execute("ROLLBACK")
            raise

    def _insert_article(self, rec: Record, hash_: str, source: str) -> int:
        art = rec.article
        body = rec.to_dict()
        del body["text"]  # stored once, in its own column
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        cur = self.conn.execute(
            "INSERT INTO articles (hash, doc_id, source, title, author, published, outlet, url, text, record, "
            "version, ingested) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (hash_, str(rec.id), source, art.title, art.author, art.published, art.outlet, art.url, rec.text,
             json.dumps(body, ensure_ascii=False), __version__, now))
        article_id = _rowid(cur)
        self.conn.execute("INSERT INTO articles_fts(rowid, title, text) VALUES (?,?,?)",
                          (article_id, art.title or "", rec.text))
        return article_id

    def _insert_event(self, article_id: int, event: Event) -> None:
        row = event_row(event)
        cols = ", ".join(row)
        cur = self.conn.execute(
            f"INSERT INTO events (article_id, cluster_id, {cols}) VALUES (?, 0, {', '.join('?' * len(row))})",
            (article_id, *row.values()))
        event_id = _rowid(cur)
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

    def _insert_quote(self, article_id: int, quote: Quote) -> None:
        who = quote.speaker
        name, role = (who.name, who.role) if who is not None else (None, None)
        cur = self.conn.execute(
            "INSERT INTO quotes (article_id, start_char, end_char, text, direct, cue, medium, date, speaker, role) "
            "VALUES (?,?,?,?,?,?,?,?,?,?)",
            (article_id, quote.start, quote.end, quote.text or "", int(bool(quote.direct)), quote.cue, quote.medium,
             quote.date, name, role))
        self.conn.execute("INSERT INTO quotes_fts(rowid, text, speaker) VALUES (?,?,?)",
                          (cur.lastrowid, quote.text or "", name or ""))

    # ------------------------------------------------------------ reading

    def counts(self) -> dict[str, int]:
        one = lambda sql: self.conn.execute(sql).fetchone()[0]  # noqa: E731
        return {"articles": one("SELECT count(*) FROM articles"),
                "events": one("SELECT count(*) FROM events"),
                "clusters": one("SELECT count(DISTINCT cluster_id) FROM events"),
                "quotes": one("SELECT count(*) FROM quotes")}

    def clusters(self, flt: EventFilter) -> list[dict]:
        """Events (clusters of reports) with at least one report matching the filter, oldest first, undated last."""
        where, params = event_where(flt, conn=self.conn)
        ids = [r[0] for r in self.conn.execute(f"SELECT DISTINCT e.cluster_id FROM events e WHERE {where}", params)]
        out: list[dict[str, Any]] = []
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

    def quotes(self, speaker: str | None = None, outlet: str | None = None, date_from: str | None = None,
               date_to: str | None = None, limit: int | None = None) -> list[dict]:
        where: list[str] = ["1"]
        params: list[SQLParam] = []
        if speaker:
            where.append("q.speaker LIKE ? ESCAPE '\\'")
            params.append(fts.like(speaker))
        _article_filters(where, params, outlet, date_from, date_to)
        sql = (f"SELECT q.*, a.doc_id, a.outlet, a.published, a.title FROM quotes q JOIN articles a "
               f"ON a.id = q.article_id WHERE {' AND '.join(where)} ORDER BY a.published, q.id")
        return [dict(r) for r in self.conn.execute(sql + _limit(limit), params)]

    def articles(self, outlet: str | None = None, date_from: str | None = None, date_to: str | None = None,
                 limit: int | None = None) -> list[dict]:
        where: list[str] = ["1"]
        params: list[SQLParam] = []
        _article_filters(where, params, outlet, date_from, date_to)
        sql = (f"SELECT a.id, a.doc_id, a.published, a.outlet, a.title, a.author, a.url, a.source, "
               f"(SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events, "
               f"(SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quotes "
               f"FROM articles a WHERE {' AND '.join(where)} ORDER BY a.published, a.id")
        return [dict(r) for r in self.conn.execute(sql + _limit(limit), params)]

    def record(self, article_id: int) -> dict | None:
        if not 0 < article_id < 2**63:  # not a row id SQLite can hold: no such article
            return None
        row = self.conn.execute("SELECT text, record FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            return None
        body = json.loads(row["record"])
        return {"id": body.pop("id"), "article": body.pop("article"), "text": row["text"], **body}

    def search(self, query: str, kinds: tuple[str, ...] = ("article", "quote", "evidence"),
               limit: int = 20) -> list[dict]:
        """Best matches of an FTS5 query (words, "phrases", AND/OR/NOT, prefix*) across the kinds asked."""
        if limit < 0:
            raise QueryError(f"the limit must be 0 (all) or more, not {limit}")
        match = fts.fts_query(query)
        hits: list[dict] = []
        for kind in kinds:
            hits.extend(self._search_kind(kind, match, limit, query))
        hits.sort(key=lambda h: h["rank"])
        return hits[:limit] if limit else hits

    def _search_kind(self, kind: str, query: str, limit: int, typed: str) -> list[dict]:
        table, column, join = _SEARCH[kind]
        sql = (f"SELECT a.id AS article_id, a.doc_id, a.title, a.outlet, a.published, {table}.rowid AS ref, "
               f"snippet({table}, {column}, '«', '»', '…', 16) AS snippet, bm25({table}) AS rank "
               f"FROM {table} {join} WHERE {table} MATCH ? ORDER BY rank LIMIT ?")
        try:
            rows = self.conn.execute(sql, (query, limit or -1)).fetchall()
        except sqlite3.OperationalError as exc:
            if "fts5" in str(exc) or "syntax error" in str(exc) or "no such column" in str(exc):
                raise fts.explain(exc, typed) from None
            raise
        return [{"kind": kind, **dict(r)} for r in rows]


_SEARCH = {
    "article": ("articles_fts", 1, "JOIN articles a ON a.id = articles_fts.rowid"),
    "quote": ("quotes_fts", 0, "JOIN quotes q ON q.id = quotes_fts.rowid JOIN articles a ON a.id = q.article_id"),
    "evidence": ("events_fts", 0, "JOIN events e ON e.id = events_fts.rowid JOIN articles a ON a.id = e.article_id"),
}


def _limit(limit: int | None) -> str:
    if limit is not None and limit < 0:
        raise QueryError(f"the limit must be 0 (all) or more, not {limit}")
    return f" LIMIT {int(limit)}" if limit else ""


def _rowid(cur: sqlite3.Cursor) -> int:
    """The id of the row an INSERT just wrote (always set after an INSERT; typed optional by sqlite3)."""
    if cur.lastrowid is None:
        raise StoreError("the database did not report the id of the row just inserted")
    return cur.lastrowid


def _chunks(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _article_filters(where: list[str], params: list[SQLParam], outlet: str | None, date_from: str | None,
                     date_to: str | None) -> None:
    if outlet:
        where.append("a.outlet LIKE ? ESCAPE '\\'")
        params.append(fts.like(outlet))
    if date_from:
        where.append("a.published >= ?")
        params.append(date_from)
    if date_to:
        where.append("a.published <= ?")
        params.append(date_to)


def event_row(event: Event | dict[str, Any]) -> dict[str, Any]:
    """The columns of one event of a record, dates widened to full days."""
    ev = event if isinstance(event, Event) else from_dict(Event, event)
    date, loc, a1, a2, fat = ev.date, ev.location, ev.actor1, ev.actor2, ev.fatalities
    start, end = dedupe.date_bounds(date.start if date else None, date.end if date else None)
    return {
        "local_id": ev.id, "event_type": ev.event_type or "",
        "sub_event_type": ev.sub_event_type or "", "modality": ev.modality or "occurred",
        "date_start": start, "date_end": end, "date_precision": date.precision if date else None,
        "location": loc.name if loc else None, "admin1": loc.admin1 if loc else None,
        "country": loc.country if loc else None, "lat": loc.lat if loc else None, "lon": loc.lon if loc else None,
        "geo_precision": loc.precision if loc else None,
        "actor1": a1.name if a1 else None, "inter1": _int(a1.inter) if a1 else None,
        "actor2": a2.name if a2 else None, "inter2": _int(a2.inter) if a2 else None,
        "fatalities": _int(fat.count) if fat else None, "fatalities_text": fat.text if fat else None,
        "evidence": " … ".join(e.text or "" for e in ev.evidence),
        "confidence": ev.confidence,
    }


def _int(value: Any) -> int | None:
    """Counts and codes as integers (a facet may give 600.0 or "1"); anything else is unknown."""
    try:
        return None if value is None else int(value)
    except (TypeError, ValueError):
        return None
