"""The store's schema, as numbered migrations, and opening a database at the current version.

The schema carries its version in `PRAGMA user_version`; a database is brought up to date by the
migrations below when it is opened, and one written by a newer dateline is refused.
"""
from __future__ import annotations

import os
import sqlite3
import time
import urllib.parse
from collections.abc import Iterator

from .. import __version__
from ..errors import StoreError
from . import filters

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
    # 4: the filters compare names without case (corpus/filters.py), so the workbench's indexes are NOCASE;
    # each leads with what a filter narrows by (country, event type, dates, place) and holds every column
    # a count, timeline, map grid or sort reads, so those never touch the table's rows (the grids of
    # migration 3 stay: a map of the whole world counts in their order)
    """
    DROP INDEX events_date_type;
    DROP INDEX events_type_date;
    DROP INDEX events_country;
    DROP INDEX events_latlon;
    DROP INDEX events_fatalities;
    CREATE INDEX events_by_country ON events(country COLLATE NOCASE, event_type COLLATE NOCASE, date_start,
        date_end, sub_event_type COLLATE NOCASE, modality COLLATE NOCASE, lat, lon, fatalities);
    CREATE INDEX events_by_type ON events(event_type COLLATE NOCASE, date_start, date_end, country COLLATE NOCASE,
        sub_event_type COLLATE NOCASE, modality COLLATE NOCASE, lat, lon, fatalities);
    CREATE INDEX events_by_date ON events(date_start, date_end, event_type COLLATE NOCASE, country COLLATE NOCASE,
        sub_event_type COLLATE NOCASE, modality COLLATE NOCASE, lat, lon, fatalities);
    CREATE INDEX events_by_place ON events(lat, lon, event_type COLLATE NOCASE, date_start, date_end,
        country COLLATE NOCASE, sub_event_type COLLATE NOCASE, modality COLLATE NOCASE, fatalities);
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)
DEFAULT_DB = "dateline.db"
BUSY_SECONDS = 30.0


def connect(path: str, readonly: bool = False, immutable: bool = False) -> sqlite3.Connection:
    """A connection that has not touched the file yet: no pragma that writes, no journal mode change.

    `readonly` opens it with SQLite's `mode=ro` (a query never changes a byte of the corpus, and works in
    a read-only folder); `immutable` also skips locking, for a WAL database in a folder nobody can write.
    """
    if readonly:
        uri = f"file:{urllib.parse.quote(os.path.abspath(path))}?mode=ro" + ("&immutable=1" if immutable else "")
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=BUSY_SECONDS)
    else:
        conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_SECONDS)
    conn.row_factory = sqlite3.Row
    filters.register(conn)
    conn.execute(f"PRAGMA busy_timeout={int(BUSY_SECONDS * 1000)}")
    return conn


def check_version(conn: sqlite3.Connection, path: str) -> int:
    """The schema version of a dateline database; a StoreError for a newer one, a foreign one or a file
    that is not SQLite. Reads only: a file refused here is left byte for byte as it was."""
    try:
        # one statement, so one snapshot: read apart, another process's schema could be committed between
        # the two reads, and a new database half-seen (no version yet, tables already) taken for a foreign one
        version, tables = conn.execute(
            "SELECT (SELECT user_version FROM pragma_user_version), (SELECT count(*) FROM sqlite_master)").fetchone()
    except sqlite3.OperationalError:
        raise
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path} is not a SQLite database ({exc}): name another file with --db") from None
    if version > SCHEMA_VERSION:
        raise StoreError(f"{path} has schema version {version}, made by a newer dateline; this one "
                         f"({__version__}) reads up to version {SCHEMA_VERSION}: upgrade dateline")
    if version == 0 and tables:
        raise StoreError(f"{path} is a SQLite database but not a dateline one (it has tables and no "
                         f"dateline schema version): name another file with --db")
    return version


def prepare(conn: sqlite3.Connection, path: str) -> None:
    """Bring a database opened for writing to the current schema, safely under concurrency, and make
    sure it can be written before anything is extracted.

    Checks come first and only read. The migrations then run in one `BEGIN IMMEDIATE` transaction that
    re-reads the version under the write lock: of two processes creating the same new database at once,
    one creates the schema and the other, waiting on the lock (busy timeout), finds it done.
    """
    version = check_version(conn, path)
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        raise StoreError(write_refused(path, exc)) from None
    try:
        version = check_version(conn, path)
        for number in range(version + 1, SCHEMA_VERSION + 1):
            for statement in _statements(MIGRATIONS[number - 1]):
                conn.execute(statement)
        # a write even when nothing migrates: a read-only file or folder fails here, before any extraction
        conn.execute(f"PRAGMA user_version={max(version, SCHEMA_VERSION)}")
        conn.execute("COMMIT" if version < SCHEMA_VERSION else "ROLLBACK")
    except sqlite3.OperationalError as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if cannot_write(exc):
            raise StoreError(write_refused(path, exc)) from None
        raise
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    _use_wal(conn)
    # WAL + NORMAL: a killed process loses nothing committed; a power cut may lose the last commits,
    # never consistency, and re-running the ingest restores them.
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")


def _use_wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL (readers never block the writer). It needs the file to itself for a moment, so a
    concurrent opener may have to retry; a database that stays in rollback mode works all the same."""
    deadline = time.monotonic() + 5
    while True:
        try:
            mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
            if mode == "wal" or conn.execute("PRAGMA journal_mode=WAL").fetchone()[0] == "wal":
                return
        except sqlite3.OperationalError:
            pass
        if time.monotonic() > deadline:
            return
        time.sleep(0.05)


def cannot_write(exc: Exception) -> bool:
    """SQLite's ways of saying the file or its folder cannot be written (the -wal, -shm or journal file)."""
    return any(s in str(exc) for s in ("readonly", "read-only", "unable to open"))


def write_refused(path: str, exc: Exception) -> str:
    return (f"cannot write to {path} ({exc}): the file or its folder is read-only; give a writable --db "
            f"(queries such as `dateline events --db {path}` still read it)")


def _statements(script: str) -> Iterator[str]:
    """The statements of a migration: they hold no ';' inside strings or triggers."""
    return (s.strip() for s in script.split(";") if s.strip())
