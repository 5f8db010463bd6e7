"""Options shared by the corpus commands: the database, output formats, limits and event filters."""
from __future__ import annotations

import argparse

from ..corpus.migrations import DEFAULT_DB
from ..corpus.store import EventFilter, Store
from ._common import count_arg, date_arg

EXIT = "exit status: 0 ok, 1 some documents failed (named on stderr), 2 usage error or unusable database."
QUERY_EXIT = "exit status: 0 ok, 2 usage error or no usable database (the reason is on stderr)."


def near_arg(value: str) -> tuple[float, float, float]:
    try:
        lat, lon, km = (float(x) for x in value.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r}: give LAT,LON,KM, e.g. 30.5,47.8,25") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180 and km > 0):
        raise argparse.ArgumentTypeError(f"{value!r}: latitude -90..90, longitude -180..180, km above 0")
    return lat, lon, km


def db_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default=DEFAULT_DB, metavar="FILE",
                   help=f"the SQLite database (default {DEFAULT_DB} in the current folder)")


def format_arg(p: argparse.ArgumentParser, choices: list[str]) -> None:
    p.add_argument("--format", "-f", choices=choices, default=choices[0],
                   help=f"{choices[0]} for people (default); " + ", ".join(choices[1:]) + " for other programs")


def limit_arg(p: argparse.ArgumentParser, default: int | None = None) -> None:
    p.add_argument("--limit", "-n", type=count_arg, default=default, metavar="N",
                   help=f"at most N rows (default {default})" if default else
                   "at most N rows (default 50 in a table, all in machine formats; 0 for all)")


def event_filter_args(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("which events (all given filters must hold for one of an event's reports)")
    g.add_argument("--type", dest="event_type", metavar="T", help='ACLED event type, e.g. "Battles"')
    g.add_argument("--sub-type", dest="sub_event_type", metavar="S", help='ACLED sub-event type, e.g. "Armed clash"')
    g.add_argument("--country", metavar="C", help="country name, e.g. Iraq")
    g.add_argument("--near", type=near_arg, metavar="LAT,LON,KM",
                   help="within KM kilometres of a point; a negative LAT needs =, e.g. --near=-1.3,36.8,20")
    g.add_argument("--actor", metavar="A", help="actor 1 or 2 contains A (case-insensitive)")
    g.add_argument("--from", dest="date_from", type=date_arg, metavar="DATE", help="on or after DATE (YYYY-MM-DD)")
    g.add_argument("--to", dest="date_to", type=date_arg, metavar="DATE", help="on or before DATE (YYYY-MM-DD)")
    g.add_argument("--modality", choices=["occurred", "planned", "threatened", "negated", "hypothetical"],
                   help="only events that occurred, or were planned, threatened, denied, imagined")


def article_filter_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--outlet", metavar="O", help="outlet name contains O")
    p.add_argument("--from", dest="date_from", type=date_arg, metavar="DATE", help="published on or after DATE")
    p.add_argument("--to", dest="date_to", type=date_arg, metavar="DATE", help="published on or before DATE")



def open_store(db: str) -> Store:
    """An existing database, for reading; a StoreError says why it cannot be used."""
    return Store.open(db, create=False)


def event_filter(args: argparse.Namespace) -> EventFilter:
    return EventFilter(event_type=args.event_type, sub_event_type=args.sub_event_type, country=args.country,
                       near=args.near, actor=args.actor, date_from=args.date_from, date_to=args.date_to,
                       modality=args.modality)
