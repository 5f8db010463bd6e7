"""The `dateline` command: its parser, and the one place where errors become messages."""
from __future__ import annotations

import argparse
import os
import sys

from .. import __version__
from ..errors import DatelineError
from . import export, extract, ingest, query, serve
from ._common import fail

EXAMPLES = """\
examples:
  dateline extract examples/kirkuk-market-bomb.md     a readable report of one article
  dateline ingest news/ && dateline events --country Iraq
  dateline COMMAND --help                             each command's options and examples

exit status: 0 ok, 1 some documents failed (named on stderr), 2 usage error.
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dateline",
        description="Turn news reports of conflict and politics into verifiable event data: who did what to "
                    "whom, when and where, how many died, who said so, each field with the text that says it.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=EXAMPLES,
    )
    parser.add_argument("--version", action="version", version=f"dateline {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for group in (extract, ingest, query, export, serve):
        group.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return args.func(args)
    except DatelineError as exc:
        fail(str(exc))
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
