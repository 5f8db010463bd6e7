"""How `dateline extract` scales with the length of one document: time and peak memory per size.

    python bench/long_document.py [--sizes 100K,250K,1M,4M] [--timeout 1800] [--profile]

Each size is one document built by concatenating invented news paragraphs (places, dates, numbers,
quotes, actors; seeded, so every run reads the same text), extracted in a fresh child process (spaCy
parse, then every facet), so each row's peak RSS is that size's alone (os.wait4). Times are the
child's CPU seconds (process_time), which another job on a shared machine slows far less than the
wall clock; the wall-clock total is shown beside them. The last columns are the growth per 4x of
length in CPU time: 4.0 is linear, 16.0 quadratic. Sizes over MAX_CHARS are measured
anyway (the child lifts the limit; the command line refuses them, see README).
"""
from __future__ import annotations

import argparse
import json
import math
import os
import random
import subprocess
import sys
import time

PLACES = ["Basra", "Kirkuk", "Mosul", "Nasiriyah", "Kut", "Tikrit", "Ramadi", "Samarra", "Hilla", "Amarah",
          "Kestrel Ford", "Ashgrove", "Marlow Crossing", "Tell Yasir", "Qasr Dunah"]
ACTORS = ["gunmen", "Iraqi soldiers", "police", "the Mahdi Army", "militants", "protesters", "rebels",
          "security forces", "tribal fighters", "unidentified attackers"]
TARGETS = ["villagers", "a police patrol", "a market", "a checkpoint", "pilgrims", "a convoy", "traders",
           "a school", "farmers", "an army base"]
SPEAKERS = [("Ruth Amani", "district commander"), ("Ali Hassan", "a local official"),
            ("Mary Otieno", "a trader"), ("Karim Saleh", "a police spokesman"),
            ("Layla Aziz", "the provincial governor"), ("Omar Fadel", "a hospital director")]
DAYS = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday", "on Sunday",
        "last week", "yesterday", "early on Tuesday", "late on Friday night"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"]
NUMBERS = ["two", "three", "four", "five", "seven", "nine", "11", "14", "at least 20", "more than 30",
           "dozens of", "about 40", "12"]

TEMPLATES = [
    "{actor} attacked {target} in {place} {day}, killing {n} people and wounding {m} others, {speaker_role} "
    "{speaker} said.",
    '"We will not leave {place} until the attackers are found," said {speaker}, {speaker_role}, on {month} {d}.',
    "A roadside bomb exploded near {place} {day}, killing {n} soldiers, according to {speaker}, {speaker_role}.",
    "Hundreds of protesters marched through {place} on {month} {d}, {year}, demanding the release of {n} "
    "detainees. {actor} fired tear gas, {speaker} told reporters.",
    '{speaker}, {speaker_role}, said the fighting in {place} had displaced {m} families. "The situation is '
    'very bad," {speaker} said. "People have nothing to eat."',
    "Clashes between {actor} and {actor2} in {place} left {n} dead {day}, the ministry said in a statement "
    "on {month} {d}.",
    "{actor} seized {n} weapons and {m} vehicles at a checkpoint outside {place} {day}, officials said.",
    "The governor of {place} announced a curfew from {month} {d} to {month} {d2} after {n} people were "
    "killed in clashes.",
]


def paragraph(rng: random.Random) -> str:
    speaker, role = rng.choice(SPEAKERS)
    return rng.choice(TEMPLATES).format(
        actor=rng.choice(ACTORS), actor2=rng.choice(ACTORS),
        target=rng.choice(TARGETS), place=rng.choice(PLACES), day=rng.choice(DAYS), n=rng.choice(NUMBERS),
        m=rng.choice(NUMBERS), speaker=speaker, speaker_role=role, month=rng.choice(MONTHS),
        d=rng.randint(1, 28), d2=rng.randint(1, 28), year=rng.choice([2007, 2008, 2009]))


def document(size: int, seed: int = 16) -> str:
    """An invented report of about `size` characters: a headline, a byline, then paragraphs."""
    rng = random.Random(seed)
    parts = ["Violence spreads across the provinces", "By Jane Roe, April 4, 2008"]
    total = sum(len(p) + 2 for p in parts)
    while total < size:
        p = paragraph(rng)
        parts.append(p[0].upper() + p[1:])
        total += len(p) + 2
    return "\n\n".join(parts)[:size]


def parse_size(text: str) -> int:
    text = text.strip().upper()
    scale = {"K": 1000, "M": 1000_000}.get(text[-1], 1)
    return int(float(text.rstrip("KM")) * scale)


def child(size: int, profile: bool) -> None:
    """Extract one document of `size` characters here; print a JSON line of timings."""
    from dateline.io import documents
    from dateline.io.formats import from_text
    from dateline.nlp import language
    from dateline.run.pipeline import Extractor
    from dateline.settings import Settings

    documents.MAX_CHARS = 10**12  # measure past the limit; the command line refuses these sizes
    extractor = Extractor.load(Settings())
    text = document(size)
    wall = time.perf_counter()
    t0 = time.process_time()
    doc_in = from_text(text, "long", "<bench>", published="2008-04-04")
    t1 = time.process_time()
    parsed = next(language.parse(extractor.nlp, [doc_in.text]))
    t2 = time.process_time()
    if profile:
        import cProfile
        import pstats

        prof = cProfile.Profile()
        prof.enable()
    record = extractor.build(doc_in, parsed)
    t3 = time.process_time()
    wall = time.perf_counter() - wall
    if profile:
        prof.disable()
        pstats.Stats(prof, stream=sys.stderr).sort_stats("tottime").print_stats(25)
    print(json.dumps({"chars": len(doc_in.text), "words": len(parsed), "read": t1 - t0, "parse": t2 - t1,
                      "facets": t3 - t2, "total": t3 - t0, "wall": wall, "events": len(record.events),
                      "quotes": len(record.quotes), "places": len(record.places)}))


def measure(size: int, timeout: float, profile: bool) -> dict:
    cmd = [sys.executable, __file__, "--child", str(size)] + (["--profile"] if profile else [])
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    deadline = time.monotonic() + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            proc.kill()
            _, status, usage = os.wait4(proc.pid, 0)
            return {"size": size, "timeout": True, "rss_mb": usage.ru_maxrss / 1024}
        time.sleep(0.2)
    out = proc.stdout.read()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        return {"size": size, "failed": proc.returncode, "rss_mb": usage.ru_maxrss / 1024}
    return {"size": size, **json.loads(out.strip().splitlines()[-1]), "rss_mb": usage.ru_maxrss / 1024}


def growth(a: dict, b: dict, key: str) -> str:
    """The factor by which `key` grows per 4x of length between rows a and b (power law fit)."""
    if key not in a or key not in b or a[key] <= 0:
        return "-"
    k = math.log(b[key] / a[key]) / math.log(b["chars"] / a["chars"])
    return f"{4 ** k:5.1f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="100K,250K,1M,4M")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds per size before giving up")
    ap.add_argument("--profile", action="store_true", help="cProfile the facets of each size (stderr)")
    ap.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, args.profile)
        return
    print(f"{'size':>6} {'chars':>9} {'words':>8} {'parse s':>8} {'facets s':>9} {'total s':>8} {'wall s':>7}"
          f" {'peak MB':>8}"
          f" {'x4 parse':>8} {'x4 facets':>9} {'x4 total':>8} {'x4 RSS':>7}", flush=True)
    rows: list[dict] = []
    for size in (parse_size(s) for s in args.sizes.split(",")):
        row = measure(size, args.timeout, args.profile)
        label = f"{size // 1000}K" if size < 1000_000 else f"{size / 1e6:g}M"
        if "total" not in row:
            why = f"timed out after {args.timeout:.0f} s" if row.get("timeout") else f"failed ({row.get('failed')})"
            print(f"{label:>6} {why}; peak {row['rss_mb']:.0f} MB", flush=True)
            continue
        prev = rows[-1] if rows else None
        rss = {**row, "total": row["rss_mb"]}
        grow = [growth(prev, row, k) for k in ("parse", "facets", "total")] if prev else ["-"] * 3
        grow.append(growth({**prev, "total": prev["rss_mb"]}, rss, "total") if prev else "-")
        print(f"{label:>6} {row['chars']:>9} {row['words']:>8} {row['parse']:>8.1f} {row['facets']:>9.1f} "
              f"{row['total']:>8.1f} {row['wall']:>7.1f} {row['rss_mb']:>8.0f} "
              f"{grow[0]:>8} {grow[1]:>9} {grow[2]:>8} {grow[3]:>7}",
              flush=True)
        rows.append(row)
    print("seconds are the child's CPU time, wall s its elapsed time; x4: growth factor of CPU time per 4x of"
          " length between this size and the one above (4 = linear, 16 = quadratic)")


if __name__ == "__main__":
    main()
