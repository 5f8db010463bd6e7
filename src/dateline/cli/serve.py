"""`dateline serve`: the analyst's workbench, a read-only web application over a corpus database."""
from __future__ import annotations

import argparse
import ipaddress
import sys

from ..corpus.migrations import DEFAULT_DB, SCHEMA_VERSION

SERVE_EXAMPLES = f"""\
examples:
  dateline serve                          {DEFAULT_DB} on http://127.0.0.1:8000
  dateline serve --db iraq.db --port 8080
  dateline serve --host 0.0.0.0           reachable from other machines (read-only, no login: think first)

The database is opened read-only: the workbench never writes to it, and an ingest may run beside it.
exit status: 0 stopped, 2 usage error or unusable database.
"""
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def register(sub) -> None:
    p = sub.add_parser("serve", help="the analyst's workbench: browse, map and export the corpus in a browser",
                       description="Serve a read-only web application over a corpus database: events with "
                                   "filters, map and timeline, each event's supporting words, articles, quotes, "
                                   "and a JSON API (/docs).",
                       formatter_class=argparse.RawDescriptionHelpFormatter, epilog=SERVE_EXAMPLES)
    p.add_argument("--db", default=DEFAULT_DB, metavar="FILE", help=f"the SQLite database (default {DEFAULT_DB})")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.set_defaults(func=cmd_serve)


def host_warning(host: str) -> str | None:
    """What to say on stderr before listening on an address other machines can reach."""
    if host in LOOPBACK:
        return None
    try:
        if ipaddress.ip_address(host).is_loopback:
            return None
    except ValueError:
        pass
    return (f"dateline: warning: listening on {host}: anyone who can reach this machine can read the whole "
            f"corpus (there is no login). Use the default --host 127.0.0.1 unless you mean it.")


def cmd_serve(args: argparse.Namespace) -> int:
    if not 0 < args.port < 65536:
        print(f"dateline: --port {args.port}: give 1..65535", file=sys.stderr)
        return 2
    warning = host_warning(args.host)
    if warning:
        print(warning, file=sys.stderr)
    try:
        import uvicorn

        from ..web.app import create_app
        from ..web.queries import DatabaseError
    except ImportError as exc:
        print(f"dateline: serve needs its web dependencies ({exc.name} is missing): pip install dateline",
              file=sys.stderr)
        return 2
    try:
        app = create_app(args.db)
    except DatabaseError as exc:
        print(f"dateline: {exc}", file=sys.stderr)
        return 2
    if app.state.db.version < SCHEMA_VERSION:
        print(f"dateline: {args.db} has schema version {app.state.db.version}: pages work but are slower without "
              f"the newer indexes; `dateline events --db {args.db} -n 1` migrates it", file=sys.stderr)
    print(f"dateline: serving {args.db} read-only on http://{args.host}:{args.port}/ (Ctrl-C stops)", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", access_log=False)
    return 0
