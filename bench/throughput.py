"""Throughput of `dateline extract` against bare spaCy `nlp.pipe` on the same texts, in one run.

    .venv/bin/python bench/throughput.py [--input PATH] [--repeat 3] [--limit N]

PATH is a folder of .txt/.md/.html files or a .jsonl batch (default: PolNeAR dev texts when
../shared is beside the checkout, else examples/). The two are timed alternately on each batch of 16
articles, `--repeat` times, and each batch's best time of each is kept, so a noisy machine hurts
both alike. Prints articles/s, words/s,
the ratio extract/bare, and peak memory (RSS) of the process.
"""
from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

from dateline.io.documents import Document
from dateline.io.files import read_path
from dateline.nlp import language
from dateline.run.local import run
from dateline.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
BATCH = 16
DEFAULT_INPUTS = [ROOT.parent / "shared/eval/data/polnear/dev/text", ROOT / "examples"]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--input", type=Path, default=next((p for p in DEFAULT_INPUTS if p.exists()), None))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    docs = [d for d in read_path(str(args.input)) if isinstance(d, Document)]
    if args.limit:
        docs = docs[: args.limit]
    texts = [d.text for d in docs]
    words = sum(language.count_words(t) for t in texts)
    nlp = language.load()
    list(nlp.pipe(texts[:2]))  # warm up both paths once
    settings = Settings(batch_size=BATCH)
    list(run(docs[:2], settings))
    batches = [docs[i : i + BATCH] for i in range(0, len(docs), BATCH)]
    best = {"nlp.pipe": [float("inf")] * len(batches), "extract": [float("inf")] * len(batches)}
    for _ in range(args.repeat):
        for i, batch in enumerate(batches):
            t = time.perf_counter()
            for _doc in nlp.pipe([d.text for d in batch], batch_size=BATCH):
                pass
            best["nlp.pipe"][i] = min(best["nlp.pipe"][i], time.perf_counter() - t)
            t = time.perf_counter()
            for _rec in run(batch, settings):
                pass
            best["extract"][i] = min(best["extract"][i], time.perf_counter() - t)
    best = {name: sum(times) for name, times in best.items()}
    print(f"input: {args.input} ({len(docs)} articles, {words} words), best of {args.repeat}")
    print(f"{'':10} {'articles/s':>11} {'words/s':>10}")
    for name, secs in best.items():
        print(f"{name:10} {len(docs) / secs:11.2f} {words / secs:10.0f}")
    print(f"ratio extract / nlp.pipe: {best['nlp.pipe'] / best['extract']:.3f}")
    print(f"peak memory (RSS): {peak_mb():.0f} MB")


if __name__ == "__main__":
    sys.exit(main())
