"""Reading the corpus: `dateline search`, `events`, `quotes` and `articles`."""
from __future__ import annotations

import argparse
import json
import sys

from ..corpus.export import write_acled_csv, write_csv_rows
from ._common import fail, id_arg, print_json
from ._corpus_args import (
    QUERY_EXIT,
    article_filter_args,
    db_arg,
    event_filter,
    event_filter_args,
    format_arg,
    limit_arg,
    open_store,
)

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
SEARCH_EXAMPLES = f"""\
examples:
  dateline search ceasefire                      articles, quotes and event evidence
  dateline search '"Mahdi Army" AND Basra' --kind quote
  dateline search 'offensiv*' --limit 50 --format json

QUERY is FTS5 syntax: words (stemmed: "clash" finds "clashes"), "exact phrases", AND, OR, NOT, prefix*.

{QUERY_EXIT}
"""



def register(sub) -> None:
    raw = argparse.RawDescriptionHelpFormatter
    p = sub.add_parser("search", help="full-text search over articles, quotes and event evidence",
                       description="Find articles, quotes and event evidence sentences by their words.",
                       formatter_class=raw, epilog=SEARCH_EXAMPLES)
    p.add_argument("query", metavar="QUERY")
    db_arg(p)
    p.add_argument("--kind", action="append", choices=["article", "quote", "evidence"],
                   help="search only these (repeatable; default all three)")
    limit_arg(p, 20)
    format_arg(p, ["table", "json"])
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("events", help="events of the corpus, deduplicated across articles",
                       description="List events, each counted once however many articles report it.",
                       formatter_class=raw, epilog=EVENTS_EXAMPLES)
    db_arg(p)
    event_filter_args(p)
    p.add_argument("--reports", action="store_true", help="list each report of an event: outlet, figures, evidence")
    limit_arg(p)
    format_arg(p, ["table", "json", "csv"])
    p.set_defaults(func=cmd_events)

    p = sub.add_parser("quotes", help="who said what, across the corpus",
                       description="List quotes with their speakers and articles.", formatter_class=raw,
                       epilog='examples:\n  dateline quotes --speaker Maliki\n'
                              '  dateline quotes --outlet Reuters --from 2008-04-01 --format json\n\n' + QUERY_EXIT)
    db_arg(p)
    p.add_argument("--speaker", metavar="S", help="speaker's name contains S")
    article_filter_args(p)
    limit_arg(p)
    format_arg(p, ["table", "json", "csv"])
    p.set_defaults(func=cmd_quotes)

    p = sub.add_parser("articles", help="the articles stored, or one article's full record",
                       description="List stored articles with their counts of events and quotes.",
                       formatter_class=raw,
                       epilog="examples:\n  dateline articles --outlet Reuters --from 2008-04-01\n"
                              "  dateline articles --record 17      the stored record of article 17 (JSON)\n\n"
                              + QUERY_EXIT)
    db_arg(p)
    article_filter_args(p)
    p.add_argument("--record", type=id_arg, metavar="ID", help="print the full record of article ID as JSON")
    limit_arg(p)
    format_arg(p, ["table", "json", "csv"])
    p.set_defaults(func=cmd_articles)


def _print_csv(rows: list[dict], columns: list[str]) -> None:
    write_csv_rows(rows, columns, sys.stdout)


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
    with open_store(args.db) as store:
        hits = store.search(args.query, tuple(args.kind or ("article", "quote", "evidence")), args.limit)
    if args.format == "json":
        print_json(hits)
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
    with open_store(args.db) as store:
        events = store.clusters(event_filter(args))
    if args.format == "json":
        print_json(_limited(events, args.limit))
    elif args.format == "csv":
        write_acled_csv(_limited(events, args.limit), sys.stdout)
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
    with open_store(args.db) as store:
        quotes = store.quotes(args.speaker, args.outlet, args.date_from, args.date_to)
    return _print_rows("Quotes", quotes, QUOTE_COLUMNS, "text", args)


def cmd_articles(args: argparse.Namespace) -> int:
    with open_store(args.db) as store:
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
        print_json(_limited(rows, args.limit))
    elif args.format == "csv":
        _print_csv(_limited(rows, args.limit), columns)
    else:
        shown = _limited(rows, 50 if args.limit is None else args.limit)
        cols = columns[:TABLE_COLUMNS]
        _print_table(title, cols, [[r[c] for c in cols] for r in shown], len(shown), len(rows),
                     wide=cols.index(wide))
    return 0


