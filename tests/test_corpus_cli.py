"""The corpus commands end to end: ingest (idempotent, crash-safe, WARC), events, search, export."""
from __future__ import annotations

import csv
import io
import json
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from dateline.cli import main as cli
from dateline.corpus.store import Store

STORY = ("Gunmen killed {n} villagers in Kestrel Ford on Monday, police said.\n\n"
         '"We are hunting them," said district commander Ruth Amani.\n')


def run(capsys, *argv) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def counts(db) -> dict:
    with Store.open(str(db), create=False) as store:
        return store.counts()


@pytest.fixture
def folder(tmp_path):
    news = tmp_path / "news"
    (news / "day2").mkdir(parents=True)
    for n in range(3):
        (news / f"story{n}.txt").write_text(STORY.format(n=n + 2))
    (news / "day2" / "batch.jsonl").write_text(
        "\n".join(json.dumps({"id": f"j{n}", "text": STORY.format(n=n + 10), "outlet": "Kestrel Wire",
                              "published": "2022-03-08"}) for n in range(2)) + "\n")
    return news


def test_ingesting_a_folder_twice_adds_nothing_the_second_time(folder, tmp_path, capsys):
    db = tmp_path / "c.db"
    code, _, err = run(capsys, "ingest", str(folder), "--db", str(db))
    assert code == 0 and "5 documents added" in err
    first = counts(db)
    assert first["articles"] == 5
    code, _, err = run(capsys, "ingest", str(folder), "--db", str(db))
    assert code == 0 and "0 documents added, 5 already stored" in err
    assert counts(db) == first


def test_a_bad_file_is_named_and_the_others_are_stored(folder, tmp_path, capsys):
    (folder / "empty.txt").write_text("")
    (folder / "day2" / "batch.jsonl").write_text('{"id": "ok", "text": "Troops left Kestrel Ford."}\n{broken\n')
    code, _, err = run(capsys, "ingest", str(folder), "--db", str(tmp_path / "c.db"))
    assert code == 1
    assert "empty.txt: the file is empty" in err and "batch.jsonl:2" in err
    assert counts(tmp_path / "c.db")["articles"] == 4


def _warc(path, pages):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, ctype, body in pages:
            http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=http))


def test_warc_archives_give_their_html_pages(tmp_path, capsys):
    paragraphs = "".join(f"<p>{STORY.format(n=n)} Residents of the valley town fled to the hills as the "
                         f"attackers burned several houses and a grain store near the river crossing.</p>"
                         for n in (3, 4, 5))
    html = (f"<html><head><title>Attack in Kestrel Ford</title></head><body><article><h1>Attack in Kestrel "
            f"Ford</h1>{paragraphs}</article></body></html>").encode()
    warc = tmp_path / "crawl.warc.gz"
    _warc(warc, [("https://kestrel.example/attack", "text/html; charset=utf-8", html),
                 ("https://kestrel.example/logo.png", "image/png", b"\x89PNG\r\n")])
    db = tmp_path / "c.db"
    code, _, err = run(capsys, "ingest", str(warc), "--db", str(db))
    assert code == 0, err
    code, out, _ = run(capsys, "articles", "--db", str(db), "--format", "json")
    (article,) = json.loads(out)
    assert article["url"] == "https://kestrel.example/attack"
    assert "Attack in Kestrel Ford" in (article["title"] or "")


def _articles(db) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def _snapshot(db) -> dict:
    conn = sqlite3.connect(db)
    snap = {
        "integrity": conn.execute("PRAGMA integrity_check").fetchone()[0],
        "articles": sorted(conn.execute("SELECT hash, doc_id, (SELECT count(*) FROM events e WHERE e.article_id "
                                        "= a.id), (SELECT count(*) FROM quotes q WHERE q.article_id = a.id) "
                                        "FROM articles a").fetchall()),
        "fts": conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'villagers'").fetchone()[0],
    }
    conn.close()
    return {**snap, **counts(db)}


def _ingest(batch, db, *options):
    """An ingest in its own process; its messages go to DB.log for the assertion messages."""
    with open(f"{db}.log", "a") as log:
        return subprocess.Popen([sys.executable, "-m", "dateline", "ingest", str(batch), "--db", str(db), *options],
                                stdout=subprocess.DEVNULL, stderr=log)


def _log(db) -> str:
    return open(f"{db}.log").read()[-600:]


def test_kill_9_midway_then_rerunning_equals_one_clean_run(tmp_path):
    total = 300
    batch = tmp_path / "batch.jsonl"
    batch.write_text("".join(json.dumps({"id": f"d{n}", "text": STORY.format(n=n % 9 + 2).replace(
        "Kestrel Ford", f"Kestrel Ford {n}"), "published": "2022-03-08"}) + "\n" for n in range(total)))
    killed, clean = tmp_path / "killed.db", tmp_path / "clean.db"
    clean_run = _ingest(batch, clean)  # alongside, to keep the test short
    proc = _ingest(batch, killed)
    deadline = time.monotonic() + 45
    while _articles(killed) < total // 10:
        assert proc.poll() is None, f"the ingest ended before it could be killed:\n{_log(killed)}"
        assert time.monotonic() < deadline, "the ingest stored too little in 45 s"
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert 0 < _articles(killed) < total
    assert _ingest(batch, killed, "--workers", "2").wait() == 0, _log(killed)  # parallel, one writer, same result
    assert clean_run.wait() == 0, _log(clean)
    after, once = _snapshot(killed), _snapshot(clean)
    assert after == once and after["articles"] == total and after["integrity"] == "ok"


# ---------------------------------------------------------------- reading: two outlets, one event

def _event(dead, outlet_sentence):
    return {"id": "E1", "event_type": "Battles", "sub_event_type": "Armed clash", "modality": "occurred",
            "date": {"start": "2022-03-07", "end": "2022-03-07", "precision": "day"},
            "location": {"name": "Kestrel Ford", "admin1": None, "country": "Kenya", "lat": -0.9, "lon": 36.4,
                         "precision": "town"},
            "actor1": {"name": "Military Forces of Kenya", "inter": 1},
            "actor2": {"name": "Kestrel Ford Defence Front", "inter": 2},
            "fatalities": {"count": dead, "text": f"{dead} killed"},
            "evidence": [{"start": 0, "end": len(outlet_sentence), "text": outlet_sentence}], "confidence": 0.9}


@pytest.fixture
def corpus(tmp_path):
    """Two invented outlets report one clash with different tolls; a third article plans a protest."""
    db = str(tmp_path / "c.db")
    reports = [("Kestrel Wire", "Soldiers and rebels clashed at Kestrel Ford, leaving 9 dead.", 9),
               ("Valley Herald", "Eleven people died in fighting between troops and rebels at Kestrel Ford.", 11)]
    with Store.open(db) as store:
        for n, (outlet, sentence, dead) in enumerate(reports):
            store.add({"id": f"r{n}", "article": {"title": sentence, "author": None, "published": "2022-03-08",
                                                   "outlet": outlet, "url": None},
                       "text": sentence, "entities": [], "times": [], "places": [], "quantities": [], "quotes": [],
                       "events": [_event(dead, sentence)]}, f"h{n}", f"r{n}")
        protest = {**_event(None, "Traders will march on Friday."), "event_type": "Protests",
                   "sub_event_type": "Peaceful protest", "modality": "planned", "fatalities": None}
        store.add({"id": "p", "article": {"title": "March", "author": None, "published": "2022-03-08",
                                          "outlet": "Valley Herald", "url": None},
                   "text": "Traders will march on Friday.", "entities": [], "times": [], "places": [],
                   "quantities": [], "quotes": [], "events": [protest]}, "hp", "p")
    return db


def test_two_reports_from_two_outlets_are_one_event_with_two_reports(corpus, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "240")  # the table is for a terminal: give it a wide one
    code, out, _ = run(capsys, "events", "--db", corpus, "--type", "Battles", "--format", "json")
    assert code == 0
    (event,) = json.loads(out)
    assert [r["outlet"] for r in event["reports"]] == ["Kestrel Wire", "Valley Herald"]
    assert event["fatalities"]["count"] == 9
    code, out, _ = run(capsys, "events", "--db", corpus, "--type", "Battles", "--reports")
    assert "Kestrel Wire" in out and "Valley Herald" in out and "9 (9–11)" in out


def test_events_filters_and_csv(corpus, capsys):
    code, out, _ = run(capsys, "events", "--db", corpus, "--near=-0.9,36.45,10", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 2 and rows[0]["event_id_cnty"].startswith("KEN")
    code, out, _ = run(capsys, "events", "--db", corpus, "--modality", "planned", "--format", "json")
    assert [e["sub_event_type"] for e in json.loads(out)] == ["Peaceful protest"]


def test_search_command(corpus, capsys):
    code, out, _ = run(capsys, "search", "fighting", "--db", corpus, "--format", "json")
    assert code == 0 and {h["kind"] for h in json.loads(out)} == {"article", "evidence"}


def test_articles_list_and_one_record(corpus, capsys):
    code, out, _ = run(capsys, "articles", "--db", corpus, "--outlet", "herald", "--format", "csv")
    assert code == 0 and [r["id"] for r in csv.DictReader(io.StringIO(out))] == ["2", "3"]
    code, out, _ = run(capsys, "articles", "--db", corpus, "--record", "1")
    record = json.loads(out)
    assert code == 0 and record["text"].startswith("Soldiers") and record["events"][0]["fatalities"]["count"] == 9
    code, _, err = run(capsys, "articles", "--db", corpus, "--record", "99")
    assert code == 2 and "no article 99" in err


def test_export_acled_csv_codes_only_what_occurred(corpus, tmp_path, capsys):
    target = tmp_path / "out.csv"
    code, _, err = run(capsys, "export", "--db", corpus, "--format", "acled-csv", "-o", str(target))
    assert code == 0 and "1 events written" in err
    with open(target, newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["sub_event_type"] for r in rows] == ["Armed clash"]
    assert rows[0]["source"] == "Kestrel Wire; Valley Herald" and rows[0]["fatalities"] == "9"


def test_export_geojson_and_parquet_files(corpus, tmp_path, capsys):
    import pyarrow.parquet as pq

    assert run(capsys, "export", "--db", corpus, "-f", "geojson", "-o", str(tmp_path / "m.geojson"))[0] == 0
    assert json.loads((tmp_path / "m.geojson").read_text())["type"] == "FeatureCollection"
    assert run(capsys, "export", "--db", corpus, "-f", "parquet", "-o", str(tmp_path / "e.parquet"))[0] == 0
    assert pq.read_table(tmp_path / "e.parquet").num_rows == 2


def test_usage_errors_exit_2_with_a_reason(corpus, tmp_path, capsys):
    code, _, err = run(capsys, "events", "--db", str(tmp_path / "none.db"))
    assert code == 2 and "no database" in err
    code, _, err = run(capsys, "export", "--db", corpus, "-f", "parquet", "-o", "-")
    assert code == 2 and "give a file name" in err
    with pytest.raises(SystemExit) as exc:
        cli.main(["events", "--db", corpus, "--near", "north"])
    assert exc.value.code == 2 and "LAT,LON,KM" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["ingest", "search", "events", "quotes", "articles", "export"])
def test_every_command_explains_itself_with_examples(command, capsys):
    with pytest.raises(SystemExit):
        cli.main([command, "--help"])
    assert "examples:" in capsys.readouterr().out
