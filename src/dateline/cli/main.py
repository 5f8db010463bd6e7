"""The `dateline` command: its parser, and the one place where errors become messages."""
from __future__ import annotations

import argparse
import errno
import os
import sys

from .. import __version__
from ..errors import DatelineError
from . import export, extract, ingest, query, serve
from ._common import check_interrupted, fail, watch_interrupts

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
    date_from, date_to = getattr(args, "date_from", None), getattr(args, "date_to", None)
    if date_from and date_to and date_from > date_to:
        parser.error(f"--from {date_from} is after --to {date_to}: give the earlier date to --from")
    watch_interrupts()
    try:
        code = args.func(args)
        check_interrupted()
        sys.stdout.flush()
        return code
    except DatelineError as exc:
        fail(str(exc))
        return 2
    except KeyboardInterrupt:
        _quiet_stdout()
        fail("interrupted")
        return 130
    except BrokenPipeError:  # the reader of our output left (`| head`): nothing more to say
        _quiet_stdout()
        return 0
    except OSError as exc:
        if exc.filename is not None or exc.errno not in _OUTPUT_ERRORS:
            raise
        _quiet_stdout()
        fail(f"cannot write the output: {exc.strerror or exc} (the disk or device is full, or gone); "
             "what was written before is incomplete")
        return 2


_OUTPUT_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EFBIG, errno.EPIPE}


def _quiet_stdout() -> None:
    """Standard output pointed at /dev/null, so the flush at exit cannot fail again with a traceback."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
