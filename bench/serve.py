"""Latency of `dateline serve` on a synthetic store of 100,000 events.

    .venv/bin/python bench/serve.py [--events 100000] [--requests 200] [--concurrency 4] [--db PATH] [--keep]

Builds the store (schema and migrations by Store.open, rows written directly with SQL: articles with
plausible invented texts and records whose spans point into them, events of every ACLED type across
a few dozen places and six years, quotes, the full-text indexes, some multi-report clusters), starts
`dateline serve` on a free port of 127.0.0.1 in a subprocess, sends `--requests` requests per route
from `--concurrency` threads (to 127.0.0.1 only), prints p50/p95/max and errors per route, and stops
the server. A store already at --db with the right number of events is reused (migrated first).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from dateline.corpus.store import Store  # noqa: E402

PLACES = [  # name, admin1, country, lat, lon
    ("Kirkuk", "Kirkuk", "Iraq", 35.468, 44.392), ("Mosul", "Nineveh", "Iraq", 36.340, 43.130),
    ("Basra", "Basra", "Iraq", 30.508, 47.783), ("Baghdad", "Baghdad", "Iraq", 33.341, 44.401),
    ("Aleppo", "Aleppo", "Syria", 36.202, 37.134), ("Idlib", "Idlib", "Syria", 35.931, 36.633),
    ("Deir ez-Zor", "Deir ez-Zor", "Syria", 35.336, 40.141), ("Maiduguri", "Borno", "Nigeria", 11.846, 13.160),
    ("Kaduna", "Kaduna", "Nigeria", 10.523, 7.438), ("Gao", "Gao", "Mali", 16.272, -0.044),
    ("Mopti", "Mopti", "Mali", 14.493, -4.188), ("Kharkiv", "Kharkiv", "Ukraine", 49.994, 36.231),
    ("Donetsk", "Donetsk", "Ukraine", 48.015, 37.803), ("El Fasher", "North Darfur", "Sudan", 13.627, 25.349),
    ("Khartoum", "Khartoum", "Sudan", 15.552, 32.532), ("Cauca", "Cauca", "Colombia", 2.440, -76.613),
    ("Cucuta", "Norte de Santander", "Colombia", 7.894, -72.508), ("Sittwe", "Rakhine", "Myanmar", 20.146, 92.898),
    ("Mandalay", "Mandalay", "Myanmar", 21.975, 96.083), ("Goma", "North Kivu", "DR Congo", -1.679, 29.222),
    ("Bunia", "Ituri", "DR Congo", 1.567, 30.252), ("Mogadishu", "Banadir", "Somalia", 2.037, 45.342),
    ("Kismayo", "Lower Juba", "Somalia", -0.358, 42.545),
    ("Peshawar", "Khyber Pakhtunkhwa", "Pakistan", 34.008, 71.578),
    ("Quetta", "Balochistan", "Pakistan", 30.184, 67.000), ("Port-au-Prince", "Ouest", "Haiti", 18.594, -72.307),
    ("Sanaa", "Amanat al Asimah", "Yemen", 15.355, 44.207), ("Taiz", "Taiz", "Yemen", 13.579, 44.021),
    ("Kabul", "Kabul", "Afghanistan", 34.528, 69.172), ("Tripoli", "Tripoli", "Libya", 32.887, 13.191),
]
TYPES = [  # event type, sub-type, verb phrase, weight
    ("Battles", "Armed clash", "clashed with", 30),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED", "bombed a convoy of", 20),
    ("Explosions/Remote violence", "Air/drone strike", "struck positions of", 10),
    ("Violence against civilians", "Attack", "attacked", 15),
    ("Protests", "Peaceful protest", "marched against", 12),
    ("Riots", "Violent demonstration", "rioted against", 6),
    ("Strategic developments", "Arrests", "detained members of", 7),
]
ACTORS = [("Military Forces", 1), ("Rebel Group", 2), ("Militia", 3), ("Police Forces", 1), ("Protesters", 6),
          ("Rioters", 5), ("Civilians", 7), ("Unidentified Armed Group", 3)]
OUTLETS = ["Example Wire", "Harbor Post", "Valley Herald", "Northern Courier", "Evening Ledger"]
EVENTS_PER_ARTICLE = 5


def _text_and_record(rng: random.Random, art_no: int, day0: int) -> tuple[str, dict, list[dict]]:
    """An invented report of EVENTS_PER_ARTICLE events with a record whose spans point into the text."""
    import datetime as dt

    outlet = rng.choice(OUTLETS)
    published = dt.date(2018, 1, 1) + dt.timedelta(days=day0)
    title = f"Violence and unrest reported across the region, report {art_no}"
    text = f"{title}\n\nBy Staff Reporter, {published.isoformat()}\n\n"
    events, rows = [], []
    for k in range(EVENTS_PER_ARTICLE):
        etype, sub, verb, _ = rng.choices(TYPES, weights=[t[3] for t in TYPES])[0]
        place = rng.choice(PLACES)
        a1, a2 = rng.sample(ACTORS, 2)
        dead = rng.choice([None, 0, 1, 2, 3, 5, 8, 12]) if etype not in ("Protests", "Strategic developments") else None
        day = published - dt.timedelta(days=rng.randint(0, 3))
        a1n, a2n = f"{a1[0]} ({place[2]})", f"{a2[0]} ({place[2]})"
        s0 = len(text)
        pieces = [(None, f"{a1[0]} "), ("trigger", verb), (None, " "), ("actor2", a2[0].lower()), (None, " in "),
                  ("place", place[0]), (None, " on "), ("date", day.strftime("%d %B %Y")), (None, ", ")]
        if dead is not None:
            pieces += [("fatalities", f"killing {dead} people"), (None, ", ")]
        pieces += [(None, f"{outlet} said.")]
        spans = {}
        for name, piece in pieces:
            if name:
                spans[name] = (len(text), len(text) + len(piece))
            text += piece
        spans["actor1"] = (s0, s0 + len(a1[0]))
        sentence = text[s0:]
        text += " " if k % 2 == 0 else "\n\n"
        jitter = (rng.uniform(-0.15, 0.15), rng.uniform(-0.15, 0.15))
        ev = {"id": f"ev{k + 1}", "event_type": etype, "sub_event_type": sub, "modality": "occurred",
              "evidence": [{"start": s0, "end": s0 + len(sentence), "text": sentence}], "confidence": 0.8,
              "trigger": {"start": spans["trigger"][0], "end": spans["trigger"][1], "text": verb},
              "date": {"start": day.isoformat(), "end": day.isoformat(), "precision": "day",
                       "text": day.strftime("%d %B %Y"), "text_start": spans["date"][0], "text_end": spans["date"][1]},
              "location": {"name": place[0], "admin1": place[1], "country": place[2], "lat": place[3] + jitter[0],
                           "lon": place[4] + jitter[1], "precision": "town",
                           "text_start": spans["place"][0], "text_end": spans["place"][1]},
              "actor1": {"name": a1n, "inter": a1[1], "text": a1[0], "start": spans["actor1"][0],
                         "end": spans["actor1"][1]},
              "actor2": {"name": a2n, "inter": a2[1], "text": a2[0].lower(), "start": spans["actor2"][0],
                         "end": spans["actor2"][1]},
              "fatalities": None if dead is None else {"count": dead, "text": f"killing {dead} people",
                                                       "start": spans["fatalities"][0], "end": spans["fatalities"][1]}}
        events.append(ev)
        rows.append(ev)
    q0 = len(text)
    quote = "We will not accept this violence in our city"
    text += f'"{quote}," said governor Amal Farouk.\n'
    record = {"id": f"synthetic-{art_no}",
              "article": {"title": title, "author": "Staff Reporter", "published": published.isoformat(),
                          "outlet": outlet, "url": None},
              "entities": [], "times": [], "places": [], "quantities": [],
              "quotes": [{"text": quote, "start": q0 + 1, "end": q0 + 1 + len(quote), "direct": True, "cue": "said",
                          "medium": None, "date": None,
                          "speaker": {"name": "Amal Farouk", "text": "Amal Farouk", "start": len(text) - 13,
                                      "end": len(text) - 2, "role": "governor"}}],
              "events": events}
    return text, record, rows


def build(path: str, n_events: int, seed: int = 7) -> None:
    from dateline.corpus.store import event_row

    rng = random.Random(seed)
    if os.path.exists(path):
        os.remove(path)
    with Store.open(path) as store:
        c = store.conn
        c.execute("BEGIN")
        event_id = quote_id = 0
        recent: list[tuple[int, dict]] = []
        for art_no in range(1, n_events // EVENTS_PER_ARTICLE + 1):
            text, record, evs = _text_and_record(rng, art_no, rng.randint(0, 6 * 365))
            body = {k: v for k, v in record.items() if k != "text"}
            art = record["article"]
            c.execute("INSERT INTO articles (id, hash, doc_id, source, title, author, published, outlet, url, text, "
                      "record, version, ingested) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                      (art_no, f"h{art_no}", record["id"], "bench", art["title"], art["author"], art["published"],
                       art["outlet"], None, text, json.dumps(body), "bench", "2024-01-01T00:00:00+00:00"))
            c.execute("INSERT INTO articles_fts(rowid, title, text) VALUES (?,?,?)", (art_no, art["title"], text))
            for ev in evs:
                event_id += 1
                row = event_row(ev)
                cluster = event_id
                if recent and rng.random() < 0.1:  # another outlet's report of an earlier event
                    cluster = rng.choice(recent)[0]
                cols = ", ".join(row)
                c.execute(f"INSERT INTO events (id, article_id, cluster_id, {cols}) VALUES (?, ?, ?, "
                          f"{', '.join('?' * len(row))})", (event_id, art_no, cluster, *row.values()))
                c.execute("INSERT INTO events_fts(rowid, evidence) VALUES (?,?)", (event_id, row["evidence"]))
                recent.append((cluster, row))
                recent = recent[-50:]
            for q in record["quotes"]:
                quote_id += 1
                c.execute("INSERT INTO quotes (id, article_id, start_char, end_char, text, direct, cue, speaker, role) "
                          "VALUES (?,?,?,?,?,?,?,?,?)", (quote_id, art_no, q["start"], q["end"], q["text"], 1, "said",
                                                         q["speaker"]["name"], q["speaker"]["role"]))
                c.execute("INSERT INTO quotes_fts(rowid, text, speaker) VALUES (?,?,?)",
                          (quote_id, q["text"], q["speaker"]["name"]))
        c.execute("COMMIT")
        c.execute("ANALYZE")
        c.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def routes(rng: random.Random, n_events: int) -> dict:
    n_articles = n_events // EVENTS_PER_ARTICLE
    countries = sorted({p[2] for p in PLACES})
    types = sorted({t[0] for t in TYPES})

    def filters() -> dict:
        f = {}
        r = rng.random()
        if r < 0.3:
            f["country"] = rng.choice(countries)
        elif r < 0.5:
            f["type"] = rng.choice(types)
        elif r < 0.6:
            f["q"] = rng.choice(["clashed", "bombed convoy", "marched", "detained"])
        elif r < 0.7:
            p = rng.choice(PLACES)
            f["near"] = f"{p[3]},{p[4]},50"
        if rng.random() < 0.4:
            y = rng.randint(2018, 2023)
            f["from"], f["to"] = f"{y}-{rng.randint(1, 6):02d}-01", f"{y}-{rng.randint(7, 12):02d}-28"
        return f

    def bbox() -> dict:
        if rng.random() < 0.3:
            return {"bbox": "-180,-85,180,85"}
        p = rng.choice(PLACES)
        d = rng.choice([0.5, 2, 8, 25])
        return {"bbox": f"{max(-180, p[4] - d):.3f},{max(-85, p[3] - d):.3f},{min(180, p[4] + d):.3f},"
                        f"{min(85, p[3] + d):.3f}"}

    return {
        "events page /": lambda: ("/", {**filters(), "offset": rng.choice([0, 0, 50, 500, 5000]),
                                        "sort": rng.choice(["date", "date", "fatalities", "id"])}),
        "events API /api/events": lambda: ("/api/events", {**filters(), "limit": 50}),
        "map /api/events.geojson": lambda: ("/api/events.geojson", {**filters(), **bbox()}),
        "timeline /api/timeline": lambda: ("/api/timeline", filters()),
        "event page /events/{id}": lambda: (f"/events/{rng.randint(1, n_events)}", {}),
        "article page /articles/{id}": lambda: (f"/articles/{rng.randint(1, n_articles)}", {}),
        "quotes page /quotes": lambda: ("/quotes", {"offset": rng.choice([0, 100, 1000])}),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=200, help="requests per route (default 200)")
    ap.add_argument("--concurrency", type=int, default=4)
    ap.add_argument("--db", default=None, help="where the synthetic store goes (default a temporary folder)")
    ap.add_argument("--keep", action="store_true", help="keep the store afterwards")
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="dateline-bench-")
    db = args.db or os.path.join(tmp, "bench.db")
    reuse = False
    if os.path.exists(db):
        import sqlite3

        with sqlite3.connect(db) as conn:
            reuse = conn.execute("SELECT count(*) FROM events").fetchone()[0] == args.events
        if reuse:
            Store.open(db).close()  # an older store gets this version's migrations, as the CLI would give it
    if not reuse:
        t0 = time.perf_counter()
        build(db, args.events)
        print(f"built {db}: {args.events:,} events in {time.perf_counter() - t0:.1f} s "
              f"({os.path.getsize(db) / 1e6:.0f} MB)", flush=True)
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    server = subprocess.Popen([sys.executable, "-m", "dateline", "serve", "--db", db, "--port", str(port)],
                              env=env, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=30) as client:
            for _ in range(200):
                try:
                    client.get("/api/events", params={"limit": 1})
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            else:
                print("server did not start: " + (server.stderr.read() if server.poll() is not None else ""))
                return 1
            rng = random.Random(11)
            load = os.getloadavg()[0]
            print(f"{args.requests} requests per route, {args.concurrency} concurrent, to {base} "
                  f"(load average before: {load:.1f} on {os.cpu_count()} cores)")
            print(f"{'route':34} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'errors':>7}")
            worst = 0.0
            for name, make in routes(rng, args.events).items():
                jobs = [make() for _ in range(args.requests)]

                def hit(job):
                    path, params = job
                    t = time.perf_counter()
                    try:
                        r = client.get(path, params=params)
                        ok = r.status_code == 200
                    except httpx.HTTPError:
                        ok = False
                    return (time.perf_counter() - t) * 1000, ok

                for job in jobs[:5]:  # warm the server's connections and caches of page templates
                    hit(job)
                with ThreadPoolExecutor(args.concurrency) as pool:
                    results = list(pool.map(hit, jobs))
                times = sorted(t for t, _ in results)
                p50 = statistics.median(times)
                p95 = times[int(0.95 * (len(times) - 1))]
                errors = sum(not ok for _, ok in results)
                worst = max(worst, p95)
                print(f"{name:34} {p50:8.1f} {p95:8.1f} {times[-1]:8.1f} {errors:7d}", flush=True)
            print(f"worst p95: {worst:.1f} ms ({'under' if worst < 200 else 'OVER'} the 200 ms budget)")
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
        if not args.keep and not args.db:
            for f in Path(tmp).glob("*"):
                f.unlink()
            os.rmdir(tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
