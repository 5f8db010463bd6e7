"""`dateline export`: the corpus's events to ACLED CSV, JSONL, GeoJSON or Parquet."""
from __future__ import annotations

import argparse
import dataclasses
import sys

from ..corpus import export
from ._common import fail
from ._corpus_args import QUERY_EXIT, db_arg, event_filter, event_filter_args, open_store

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

def register(sub) -> None:
    raw = argparse.RawDescriptionHelpFormatter
    p = sub.add_parser("export", help="events out as ACLED CSV, JSONL, GeoJSON or Parquet",
                       description="Write the corpus's events, one per event (not per report), to a file.",
                       formatter_class=raw, epilog=EXPORT_EXAMPLES)
    db_arg(p)
    p.add_argument("--format", "-f", required=True, choices=export.FORMATS)
    p.add_argument("--output", "-o", required=True, metavar="FILE", help="the file to write; - for standard output "
                                                                         "(not for parquet)")
    event_filter_args(p)
    p.set_defaults(func=cmd_export)


def _write(events: list[dict], fmt: str, output: str) -> tuple[int, str]:
    """Write the events; the count written and a note on what was left out. A file is written beside
    its target and moved into place only once complete, so a failed export leaves the old file."""
    if output == "-":
        return _write_to(events, fmt, sys.stdout)
    with export.replacing(output) as tmp:
        if fmt == "parquet":
            return export.write_parquet(events, tmp), ""
        with open(tmp, "w", encoding="utf-8", newline="") as out:
            return _write_to(events, fmt, out)


def _write_to(events: list[dict], fmt: str, out) -> tuple[int, str]:
    if fmt == "acled-csv":
        return export.write_acled_csv(events, out), ""
    if fmt == "jsonl":
        return export.write_jsonl(events, out), ""
    n, skipped = export.write_geojson(events, out)
    return n, f" ({skipped} without coordinates left out)" if skipped else ""


def cmd_export(args: argparse.Namespace) -> int:
    if args.format == "parquet" and args.output == "-":
        fail("parquet is a binary file format: give a file name with -o, e.g. -o events.parquet")
        return 2
    flt = event_filter(args)
    if args.format == "acled-csv" and flt.modality is None:
        flt = dataclasses.replace(flt, modality="occurred")
    if args.output != "-":
        export.refuse_database(args.output, args.db)
    with open_store(args.db) as store:
        events = store.clusters(flt)
    try:
        n, note = _write(events, args.format, args.output)
    except OSError as exc:
        if args.output == "-":  # a closed pipe or a full disk on standard output: main says which
            raise
        fail(f"cannot write {args.output}: {exc.strerror or exc}")
        return 2
    print(f"dateline: {n} events written to {args.output}{note}", file=sys.stderr)
    return 0
