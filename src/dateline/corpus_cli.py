"""Corpus commands: ingest articles into a database, then search, list, deduplicate and export them."""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import sqlite3
import sys
from collections import deque
from pathlib import Path
from typing import Iterator

from . import export
from .ingest import KNOWN_SUFFIXES, Document, Failure, Item, read_file, read_path
from .store import DEFAULT_DB, EventFilter, Store, StoreError, content_hash
from .warc import is_warc, read_warc

EXIT = "exit status: 0 ok, 1 some documents failed (named on stderr), 2 usage error or unusable database."
QUERY_EXIT = "exit status: 0 ok, 2 usage error or no usable database (the reason is on stderr)."

INGEST_EXAMPLES = f"""\
examples:
  dateline ingest news/                          every .txt .md .html .jsonl .warc(.gz) under news/
  dateline ingest feed.jsonl crawl.warc.gz -w 2  two worker processes, one writer
  dateline ingest news/ --db iraq.db             another database (default {DEFAULT_DB})

Re-running is safe: documents already stored (same text and byline) are skipped, and a killed ingest
keeps every document it finished.

{EXIT}
"""
EVENTS_EXAMPLES = f"""\
examples:
  dateline events --type Battles --country Iraq --from 2008-03-01 --to 2008-04-30
  dateline events --near 30.5,47.8,25 --reports          within 25 km of Basra, each report listed
  dateline events --actor "Mahdi Army" --format csv > mahdi.csv
  dateline events --sub-type "Peaceful protest" --modality planned --format json | jq .

Each row is one event: reports of it from several articles are counted once, with their sources.
Its fatalities are the lowest figure any source gives (ACLED's rule); --reports shows every figure.

{QUERY_EXIT}
"""
EXPORT_EXAMPLES = f"""\
examples:
  dateline export --format acled-csv -o events.csv        ACLED's columns, one row per event
  dateline export --format geojson -o map.geojson --country Iraq
  dateline export --format parquet -o events.parquet      then pandas.read_parquet / DuckDB
  dateline export --format jsonl -o - | head               every event with all its reports

acled-csv keeps only events that occurred unless --modality says otherwise (ACLED codes no plans or
threats) and writes unknown fatalities as 0 like ACLED; jsonl, geojson and parquet keep them null.

{QUERY_EXIT}
"""
SEARCH_EXAMPLES = f"""\
examples:
  dateline search ceasefire                      articles, quotes and event evidence
  dateline search '"Mahdi Army" AND Basra' --kind quote
  dateline search 'offensiv*' --limit 50 --format json

QUERY is FTS5 syntax: words (stemmed: "clash" finds "clashes"), "exact phrases", AND, OR, NOT, prefix*.

{QUERY_EXIT}
"""


# ---------------------------------------------------------------- argument types

def _near(value: str) -> tuple[float, float, float]:
    try:
        lat, lon, km = (float(x) for x in value.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r}: give LAT,LON,KM, e.g. 30.5,47.8,25") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180 and km > 0):
        raise argparse.ArgumentTypeError(f"{value!r}: latitude -90..90, longitude -180..180, km above 0")
    return lat, lon, km


def _db_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default=DEFAULT_DB, metavar="FILE",
                   help=f"the SQLite database (default {DEFAULT_DB} in the current folder)")


def _format_arg(p: argparse.ArgumentParser, choices: list[str]) -> None:
    p.add_argument("--format", "-f", choices=choices, default=choices[0],
                   help=f"{choices[0]} for people (default); " + ", ".join(choices[1:]) + " for other programs")


def _limit_arg(p: argparse.ArgumentParser, default: int | None = None) -> None:
    p.add_argument("--limit", "-n", type=int, default=default, metavar="N",
                   help=f"at most N rows (default {default})" if default else
                   "at most N rows (default 50 in a table, all in machine formats; 0 for all)")


def _event_filter_args(p: argparse.ArgumentParser, date_arg) -> None:
    g = p.add_argument_group("which events (all given filters must hold for one of an event's reports)")
    g.add_argument("--type", dest="event_type", metavar="T", help='ACLED event type, e.g. "Battles"')
    g.add_argument("--sub-type", dest="sub_event_type", metavar="S", help='ACLED sub-event type, e.g. "Armed clash"')
    g.add_argument("--country", metavar="C", help="country name, e.g. Iraq")
    g.add_argument("--near", type=_near, metavar="LAT,LON,KM",
                   help="within KM kilometres of a point; a negative LAT needs =, e.g. --near=-1.3,36.8,20")
    g.add_argument("--actor", metavar="A", help="actor 1 or 2 contains A (case-insensitive)")
    g.add_argument("--from", dest="date_from", type=date_arg, metavar="DATE", help="on or after DATE (YYYY-MM-DD)")
    g.add_argument("--to", dest="date_to", type=date_arg, metavar="DATE", help="on or before DATE (YYYY-MM-DD)")
    g.add_argument("--modality", choices=["occurred", "planned", "threatened", "negated", "hypothetical"],
                   help="only events that occurred, or were planned, threatened, denied, imagined")


def _article_filter_args(p: argparse.ArgumentParser, date_arg) -> None:
    p.add_argument("--outlet", metavar="O", help="outlet name contains O")
    p.add_argument("--from", dest="date_from", type=date_arg, metavar="DATE", help="published on or after DATE")
    p.add_argument("--to", dest="date_to", type=date_arg, metavar="DATE", help="published on or before DATE")


def register(sub) -> None:
    """Add the corpus subcommands to the `dateline` parser."""
    from .cli import _date_arg

    raw = argparse.RawDescriptionHelpFormatter
    p = sub.add_parser("ingest", help="extract articles into a database (idempotent, crash-safe)",
                       description="Extract articles and store them with their events and quotes. PATH is a "
                                   "file, a folder (read recursively), a .jsonl batch, a WARC archive, or -.",
                       formatter_class=raw, epilog=INGEST_EXAMPLES)
    p.add_argument("paths", nargs="+", metavar="PATH")
    _db_arg(p)
    p.add_argument("--workers", "-w", type=int, default=1, metavar="N",
                   help="extraction processes (default 1); the database has one writer")
    p.add_argument("--published", type=_date_arg, metavar="DATE",
                   help="publication date (YYYY-MM-DD) of every document, the anchor of relative dates; "
                        "overrides the byline")
    p.add_argument("--dask", metavar="ADDRESS",
                   help="extract on a Dask cluster (tcp://host:8786, or 'local'); this process stays the one writer")
    p.add_argument("--actors", metavar="FILE", help="your actor dictionary (YAML or JSON) extending the built-in one")
    p.add_argument("--model", metavar="NAME", help="spaCy pipeline to load (also DATELINE_MODEL)")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("search", help="full-text search over articles, quotes and event evidence",
                       description="Find articles, quotes and event evidence sentences by their words.",
                       formatter_class=raw, epilog=SEARCH_EXAMPLES)
    p.add_argument("query", metavar="QUERY")
    _db_arg(p)
    p.add_argument("--kind", action="append", choices=["article", "quote", "evidence"],
                   help="search only these (repeatable; default all three)")
    _limit_arg(p, 20)
    _format_arg(p, ["table", "json"])
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("events", help="events of the corpus, deduplicated across articles",
                       description="List events, each counted once however many articles report it.",
                       formatter_class=raw, epilog=EVENTS_EXAMPLES)
    _db_arg(p)
    _event_filter_args(p, _date_arg)
    p.add_argument("--reports", action="store_true", help="list each report of an event: outlet, figures, evidence")
    _limit_arg(p)
    _format_arg(p, ["table", "json", "csv"])
    p.set_defaults(func=cmd_events)

    p = sub.add_parser("quotes", help="who said what, across the corpus",
                       description="List quotes with their speakers and articles.", formatter_class=raw,
                       epilog='examples:\n  dateline quotes --speaker Maliki\n'
                              '  dateline quotes --outlet Reuters --from 2008-04-01 --format json\n\n' + QUERY_EXIT)
    _db_arg(p)
    p.add_argument("--speaker", metavar="S", help="speaker's name contains S")
    _article_filter_args(p, _date_arg)
    _limit_arg(p)
    _format_arg(p, ["table", "json", "csv"])
    p.set_defaults(func=cmd_quotes)

    p = sub.add_parser("articles", help="the articles stored, or one article's full record",
                       description="List stored articles with their counts of events and quotes.",
                       formatter_class=raw,
                       epilog="examples:\n  dateline articles --outlet Reuters --from 2008-04-01\n"
                              "  dateline articles --record 17      the stored record of article 17 (JSON)\n\n"
                              + QUERY_EXIT)
    _db_arg(p)
    _article_filter_args(p, _date_arg)
    p.add_argument("--record", type=int, metavar="ID", help="print the full record of article ID as JSON")
    _limit_arg(p)
    _format_arg(p, ["table", "json", "csv"])
    p.set_defaults(func=cmd_articles)

    p = sub.add_parser("export", help="events out as ACLED CSV, JSONL, GeoJSON or Parquet",
                       description="Write the corpus's events, one per event (not per report), to a file.",
                       formatter_class=raw, epilog=EXPORT_EXAMPLES)
    _db_arg(p)
    p.add_argument("--format", "-f", required=True, choices=export.FORMATS)
    p.add_argument("--output", "-o", required=True, metavar="FILE", help="the file to write; - for standard output "
                                                                         "(not for parquet)")
    _event_filter_args(p, _date_arg)
    p.set_defaults(func=cmd_export)


# ---------------------------------------------------------------- ingest

def _walk(folder: Path, published: str | None) -> Iterator[Item]:
    files = sorted(f for f in folder.rglob("*") if f.is_file()
                   and not any(part.startswith(".") for part in f.relative_to(folder).parts)
                   and (is_warc(f) or f.suffix.lower() in KNOWN_SUFFIXES))
    if not files:
        yield Failure(str(folder), "folder holds no .txt, .md, .html, .jsonl or .warc files")
    for f in files:
        yield from read_warc(str(f), published) if is_warc(f) else read_file(f, published)


def read_inputs(paths: list[str], published: str | None = None) -> Iterator[Item]:
    """Every document under the paths: what `extract` reads, plus WARC archives."""
    for path in paths:
        if is_warc(path):
            yield from read_warc(path, published)
        elif path != "-" and Path(path).is_dir():
            yield from _walk(Path(path), published)
        else:
            yield from read_path(path, published)


class _NewOnly:
    """Passes on the documents not stored yet, remembering each one's hash for the writer.

    pipeline.run may consume this from its feeding thread while the writer pops `pending` in the main
    thread: deque append/popleft are thread-safe, and results come back in input order.
    """

    def __init__(self, items, known: set[str]):
        self.items, self.known = items, known
        self.pending: deque[tuple[str, str] | None] = deque()
        self.skipped = 0

    def __iter__(self) -> Iterator[Item]:
        for item in self.items:
            if isinstance(item, Document):
                digest = content_hash(item)
                if digest in self.known:
                    self.skipped += 1
                    continue
                self.known.add(digest)
                self.pending.append((digest, item.source))
            else:
                self.pending.append(None)
            yield item


def cmd_ingest(args: argparse.Namespace) -> int:
    from . import pipeline
    from .cli import fail, prepare, progress

    if not prepare(args):
        return 2
    try:
        store = Store.open(args.db)
    except StoreError as exc:
        fail(str(exc))
        return 2
    with store:
        new = _NewOnly(read_inputs(args.paths, args.published), store.hashes())
        added = failed = 0
        try:
            for result in progress(pipeline.run(new, workers=args.workers, dask=args.dask), None, "ingesting"):
                entry = new.pending.popleft()
                if isinstance(result, Failure):
                    failed += 1
                    fail(f"{result.source}: {result.message}")
                    continue
                digest, source = entry
                added += store.add(result, digest, source) is not None
        except sqlite3.Error as exc:
            fail(f"cannot write to {args.db} ({exc}); the {added} documents stored so far are kept: "
                 f"re-run to add the rest")
            return 1
        counts = store.counts()
    print(f"dateline: {added} documents added, {new.skipped} already stored, {failed} failed; {args.db} holds "
          f"{counts['articles']} articles, {counts['clusters']} events from {counts['events']} reports, "
          f"{counts['quotes']} quotes", file=sys.stderr)
    return 1 if failed else 0


# ---------------------------------------------------------------- reading the corpus

def _open(db: str) -> Store | None:
    from .cli import fail

    try:
        return Store.open(db, create=False)
    except StoreError as exc:
        fail(str(exc))
        return None


def _event_filter(args: argparse.Namespace) -> EventFilter:
    return EventFilter(event_type=args.event_type, sub_event_type=args.sub_event_type, country=args.country,
                       near=args.near, actor=args.actor, date_from=args.date_from, date_to=args.date_to,
                       modality=args.modality)


def _print_json(rows: list) -> None:
    sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")


def _print_csv(rows: list[dict], columns: list[str]) -> None:
    import csv

    writer = csv.DictWriter(sys.stdout, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)


def _print_table(title: str, columns: list[str], rows: list[list], shown: int, total: int, wide: int = -1) -> None:
    """A table for a terminal; the column at index `wide` holds running text and gets most room."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"{title} ({total})", title_justify="left", expand=True, show_lines=True)
    wide %= len(columns)
    for n, col in enumerate(columns):
        table.add_column(col, overflow="fold", ratio=1 if n == wide else None)
    for row in rows:
        table.add_row(*(Text("" if v is None else str(v)) for v in row))
    console = Console()
    console.print(table)
    if shown < total:
        console.print(f"{shown} of {total} shown: --limit 0 shows all", style="dim")


def _limited(rows: list, limit: int | None) -> list:
    return rows[:limit] if limit else rows


def cmd_search(args: argparse.Namespace) -> int:
    store = _open(args.db)
    if store is None:
        return 2
    with store:
        hits = store.search(args.query, tuple(args.kind or ("article", "quote", "evidence")), args.limit or 20)
    if args.format == "json":
        _print_json(hits)
    else:
        rows = [[h["kind"], h["published"], h["outlet"], h["title"] or h["doc_id"], h["snippet"]] for h in hits]
        _print_table(f"Matches for {args.query!r}", ["kind", "published", "outlet", "article", "text"],
                     rows, len(rows), len(rows))
    return 0


def _dead(event: dict) -> str:
    fat = event.get("fatalities")
    if not fat:
        return ""
    if not fat["disagree"]:
        return str(fat["count"])
    counts = sorted(f["count"] for f in fat["reports"])
    return f"{fat['count']} ({counts[0]}–{counts[-1]})"


def _report_lines(event: dict) -> str:
    lines = []
    for r in event["reports"]:
        dead = "" if r["fatalities"] is None else f", {r['fatalities']} dead"
        evidence = " ".join(r["evidence"].split())[:160]
        lines.append(f"{r['outlet'] or r['doc_id']} {r['published'] or ''}{dead}: {evidence}")
    return "\n".join(lines)


def _event_row(event: dict, with_reports: bool) -> list:
    date, loc = event.get("date") or {}, event.get("location") or {}
    a1, a2 = event.get("actor1") or {}, event.get("actor2") or {}
    when = date.get("start") or "?"
    if date.get("end") and date["end"] != date.get("start"):
        when += f" – {date['end']}"
    return [event["id"], when, f"{event['event_type']}\n{event['sub_event_type']}", event["modality"],
            ", ".join(x for x in (loc.get("name"), loc.get("country")) if x) or "?",
            f"{a1.get('name') or '?'} → {a2.get('name') or '—'}", _dead(event),
            _report_lines(event) if with_reports else f"{len(event['reports'])}: " + "; ".join(event["sources"])]


def cmd_events(args: argparse.Namespace) -> int:
    store = _open(args.db)
    if store is None:
        return 2
    with store:
        events = store.clusters(_event_filter(args))
    if args.format == "json":
        _print_json(_limited(events, args.limit))
    elif args.format == "csv":
        export.write_acled_csv(_limited(events, args.limit), sys.stdout)
    else:
        shown = _limited(events, 50 if args.limit is None else args.limit)
        rows = [_event_row(e, args.reports) for e in shown]
        _print_table("Events", ["id", "date", "type", "modality", "where", "who → whom", "dead",
                                "reports" if args.reports else "reports: sources"], rows, len(rows), len(events))
    return 0


QUOTE_COLUMNS = ["published", "outlet", "speaker", "role", "text", "direct", "cue", "doc_id", "article_id"]
ARTICLE_COLUMNS = ["id", "published", "outlet", "title", "events", "quotes", "author", "doc_id", "url", "source"]
TABLE_COLUMNS = 6  # the leading columns above fit a terminal; machine formats get them all


def cmd_quotes(args: argparse.Namespace) -> int:
    store = _open(args.db)
    if store is None:
        return 2
    with store:
        quotes = store.quotes(args.speaker, args.outlet, args.date_from, args.date_to)
    return _print_rows("Quotes", quotes, QUOTE_COLUMNS, "text", args)


def cmd_articles(args: argparse.Namespace) -> int:
    from .cli import fail

    store = _open(args.db)
    if store is None:
        return 2
    with store:
        if args.record is not None:
            record = store.record(args.record)
            if record is None:
                fail(f"no article {args.record} in {args.db}: `dateline articles` lists their ids")
                return 2
            sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=1) + "\n")
            return 0
        articles = store.articles(args.outlet, args.date_from, args.date_to)
    return _print_rows("Articles", articles, ARTICLE_COLUMNS, "title", args)


def _print_rows(title: str, rows: list[dict], columns: list[str], wide: str, args: argparse.Namespace) -> int:
    if args.format == "json":
        _print_json(_limited(rows, args.limit))
    elif args.format == "csv":
        _print_csv(_limited(rows, args.limit), columns)
    else:
        shown = _limited(rows, 50 if args.limit is None else args.limit)
        cols = columns[:TABLE_COLUMNS]
        _print_table(title, cols, [[r[c] for c in cols] for r in shown], len(shown), len(rows),
                     wide=cols.index(wide))
    return 0


def _write(events: list[dict], fmt: str, output: str) -> tuple[int, str]:
    """Write the events; the count written and a note on what was left out."""
    if fmt == "parquet":
        return export.write_parquet(events, output), ""
    target = open(output, "w", encoding="utf-8", newline="") if output != "-" else contextlib.nullcontext(sys.stdout)
    with target as out:
        if fmt == "acled-csv":
            return export.write_acled_csv(events, out), ""
        if fmt == "jsonl":
            return export.write_jsonl(events, out), ""
        n, skipped = export.write_geojson(events, out)
        return n, f" ({skipped} without coordinates left out)" if skipped else ""


def cmd_export(args: argparse.Namespace) -> int:
    from .cli import fail

    if args.format == "parquet" and args.output == "-":
        fail("parquet is a binary file format: give a file name with -o, e.g. -o events.parquet")
        return 2
    store = _open(args.db)
    if store is None:
        return 2
    flt = _event_filter(args)
    if args.format == "acled-csv" and flt.modality is None:
        flt.modality = "occurred"
    with store:
        events = store.clusters(flt)
    try:
        n, note = _write(events, args.format, args.output)
    except OSError as exc:
        fail(f"cannot write {args.output}: {exc.strerror or exc}")
        return 2
    print(f"dateline: {n} events written to {args.output}{note}", file=sys.stderr)
    return 0
