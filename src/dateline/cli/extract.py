"""`dateline extract`: articles in, records out (a report, JSON or JSONL)."""
from __future__ import annotations

import argparse
import sys

from ..corpus.export import jsonl_line
from ..io.documents import Failure
from ..io.files import read_paths
from ..run.local import run
from ._common import add_run_args, announced, count_documents, fail, print_json, progress, settings
from .report import print_record

EXAMPLES = """\
examples:
  dateline extract examples/kirkuk-market-bomb.md     a readable report of one article
  dateline extract article.html --format json         the full record (offsets into "text")
  dateline extract batch.jsonl --format jsonl -w 2    one record a line, on two processes
  cat story.txt | dateline extract - --published 2024-05-03
  dateline extract corpus/ -f jsonl --dask tcp://10.0.0.5:8786   on a Dask cluster

exit status: 0 all documents extracted, 1 some failed (named on stderr), 2 usage error.
"""


def register(sub) -> None:
    p = sub.add_parser(
        "extract", help="extract the record of articles (text, Markdown, HTML, JSONL, WARC)",
        description="Read articles and print their records. PATH is a file, a folder (read recursively), "
                    "or - for standard input. A .jsonl file holds one document a line: "
                    '{"id", "text", and optionally "published" (YYYY-MM-DD), "title", "author", "outlet", "url"}.',
        formatter_class=argparse.RawDescriptionHelpFormatter, epilog=EXAMPLES)
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--format", "-f", choices=["text", "json", "jsonl"], default="text",
                   help="text: a report for people (default); json: the record(s); jsonl: one record a line")
    add_run_args(p, workers_help="worker processes for batches (default 1)",
                 dask_help="extract on a Dask cluster: a scheduler address (tcp://host:8786) or 'local' for "
                           "--workers processes here; needs pip install 'dateline[dask]'")
    p.set_defaults(func=cmd_extract)


def cmd_extract(args: argparse.Namespace) -> int:
    chosen = settings(args)
    failed = ok = 0
    records = []
    results = run(announced(read_paths(args.paths, args.published, chosen.today)), chosen, dask=args.dask)
    for result in progress(results, count_documents(args.paths)):
        if isinstance(result, Failure):
            failed += 1
            fail(f"{result.source}: {result.message}")
            continue
        ok += 1
        record = result.to_dict()
        if args.format == "jsonl":
            sys.stdout.write(jsonl_line(record))
            sys.stdout.flush()
        elif args.format == "json":
            records.append(record)
        else:
            print_record(record)
    if args.format == "json" and records:
        print_json(records[0] if len(records) == 1 else records)
    if failed:
        fail(f"{failed} of {failed + ok} documents failed; the others were extracted")
    return 1 if failed else 0
