"""Ingest rate against `extract` alone, on the same documents, in one run.

    .venv/bin/python bench/ingest.py PATH... [--workers N] [--repeat R]

Rows: `extract` (records as JSONL to /dev/null) and `ingest` into a new database, both run R times
alternating with the best time kept; `ingest` again (every document already stored, so only reading
and hashing); and the database writes alone (store.add of records already extracted). The model and
the facets' data are loaded before any timing; every row reads the files itself, as the commands do.

Each row gives wall-clock and CPU seconds (this process and its worker processes): on a shared
machine the wall clock measures the neighbours too, so the ratio is taken on CPU time.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from dateline.cli import main as cli
from dateline.corpus.store import Store, content_hash
from dateline.io.documents import Document, Failure
from dateline.io.files import read_paths as read_inputs
from dateline.nlp import language
from dateline.run.local import run


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the pool's workers)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def timed(fn) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), cpu_seconds()
    with open(os.devnull, "w") as null, contextlib.redirect_stdout(null), contextlib.redirect_stderr(null):
        fn()
    return time.perf_counter() - wall, cpu_seconds() - cpu


def best(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return min(w for w, _ in runs), min(c for _, c in runs)


def warm_up(paths: list[str]) -> None:
    """Load the model and every facet's lazy data before timing, so the first row does not pay for it."""
    language.load()
    first = [d for d, _ in zip((d for d in read_inputs(paths) if isinstance(d, Document)), range(2))]
    list(run(first))


def write_only(paths: list[str], db: str) -> tuple[int, float]:
    """Extract first (untimed), then time only the database writes."""
    docs = [d for d in read_inputs(paths) if isinstance(d, Document)]
    records = [r for r in run(docs) if not isinstance(r, Failure)]
    with Store.open(db) as store:
        start = time.perf_counter()
        for doc, rec in zip(docs, records):
            store.add(rec, content_hash(doc), doc.source)
        return len(records), time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="+", metavar="PATH")
    parser.add_argument("--workers", "-w", type=int, default=1)
    parser.add_argument("--repeat", "-r", type=int, default=2, help="runs of extract and ingest, best kept")
    args = parser.parse_args()
    warm_up(args.paths)
    w = ["-w", str(args.workers)]
    with tempfile.TemporaryDirectory() as tmp:
        extract, ingest = [], []
        for n in range(args.repeat):  # alternating, best of each: the machine is shared
            db = str(Path(tmp) / f"bench{n}.db")
            extract.append(timed(lambda: cli.main(["extract", *args.paths, "-f", "jsonl", *w])))
            ingest.append(timed(lambda db=db: cli.main(["ingest", *args.paths, "--db", db, *w])))
        rows = [("extract", best(extract)), ("ingest, new database", best(ingest)),
                ("ingest again, all stored", timed(lambda: cli.main(["ingest", *args.paths, "--db", db, *w])))]
        with Store.open(db) as store:
            counts = store.counts()
        n, write_s = write_only(args.paths, str(Path(tmp) / "writes.db"))
    docs = sum(1 for d in read_inputs(args.paths) if isinstance(d, Document))
    print(f"{docs} documents read, {counts['articles']} stored ({docs - counts['articles']} failed to extract), "
          f"{counts['events']} event reports in {counts['clusters']} events, {counts['quotes']} quotes; "
          f"workers={args.workers}, best of {args.repeat}")
    print(f"{'step':<26}{'wall s':>8}{'docs/s':>8}{'CPU s':>8}{'docs/CPU s':>12}{'vs extract (CPU)':>18}")
    base = rows[0][1][1]
    for name, (wall, cpu) in rows:
        print(f"{name:<26}{wall:>8.2f}{docs / wall:>8.1f}{cpu:>8.2f}{docs / cpu:>12.1f}{base / cpu:>17.2f}x")
    print(f"{'database writes alone':<26}{write_s:>8.2f}{n / write_s:>8.1f}"
          f"   ({1000 * write_s / max(n, 1):.2f} ms/document)")


if __name__ == "__main__":
    sys.exit(main())
