"""`dateline ingest`: extract articles into the corpus database, idempotent and crash-safe."""
from __future__ import annotations

import argparse
import sqlite3
import sys
from collections import deque
from collections.abc import Iterable, Iterator

from ..corpus.migrations import DEFAULT_DB
from ..corpus.store import Store, content_hash
from ..io.documents import Document, Failure, Item
from ..io.files import read_paths
from ..run.local import run
from ._common import add_run_args, announced, check_run_args, fail, progress, settings
from ._corpus_args import EXIT, db_arg

INGEST_EXAMPLES = f"""\
examples:
  dateline ingest news/                          every .txt .md .html .jsonl .warc(.gz) under news/
  dateline ingest feed.jsonl crawl.warc.gz -w 2  two worker processes, one writer
  dateline ingest news/ --db iraq.db             another database (default {DEFAULT_DB})

Re-running is safe: documents already stored (same text and byline) are skipped, and a killed ingest
keeps every document it finished.

{EXIT}
"""


def register(sub) -> None:
    raw = argparse.RawDescriptionHelpFormatter
    p = sub.add_parser("ingest", help="extract articles into a database (idempotent, crash-safe)",
                       description="Extract articles and store them with their events and quotes. PATH is a "
                                   "file, a folder (read recursively), a .jsonl batch, a WARC archive, or -.",
                       formatter_class=raw, epilog=INGEST_EXAMPLES)
    p.add_argument("paths", nargs="+", metavar="PATH")
    db_arg(p)
    add_run_args(p, workers_help="extraction processes (default 1); the database has one writer",
                 dask_help="extract on a Dask cluster (tcp://host:8786, or 'local'); this process stays the one "
                           "writer")
    p.set_defaults(func=cmd_ingest)


class _NewOnly:
    """Passes on the documents not stored yet, remembering each one's hash for the writer.

    `run` may consume this from its feeding thread while the writer pops `pending` in the main
    thread: deque append/popleft are thread-safe, and results come back in input order.
    """

    def __init__(self, items: Iterable[Item], known: set[str]):
        self.items, self.known = items, known
        self.pending: deque[tuple[str, str] | None] = deque()
        self.skipped = 0

    def __iter__(self) -> Iterator[Item]:
        for item in self.items:
            if isinstance(item, Document):
                digest = content_hash(item)
                if digest in self.known:
                    self.skipped += 1
                    continue
                self.known.add(digest)
                self.pending.append((digest, item.source))
            else:
                self.pending.append(None)
            yield item


def cmd_ingest(args: argparse.Namespace) -> int:
    check_run_args(args)
    with Store.open(args.db) as store:  # refused (read-only, foreign, newer) before any model is loaded
        chosen = settings(args)
        new = _NewOnly(announced(read_paths(args.paths, args.published, chosen.today)), store.hashes())
        added = failed = 0
        try:
            for result in progress(run(new, chosen, dask=args.dask), None, "ingesting"):
                entry = new.pending.popleft()
                if isinstance(result, Failure):
                    failed += 1
                    fail(f"{result.source}: {result.message}")
                    continue
                assert entry is not None  # a document's result pairs with its own pending entry
                digest, source = entry
                added += store.add(result, digest, source) is not None
        except sqlite3.Error as exc:
            fail(f"cannot write to {args.db} ({exc}); the {added} documents stored so far are kept: "
                 f"re-run to add the rest")
            return 1
        counts = store.counts()
    print(f"dateline: {added} documents added, {new.skipped} already stored, {failed} failed; {args.db} holds "
          f"{counts['articles']} articles, {counts['clusters']} events from {counts['events']} reports, "
          f"{counts['quotes']} quotes", file=sys.stderr)
    return 1 if failed else 0
