"""Issue 16, the command line: values out of range are usage errors with a reason, full or closed
output and Ctrl-C end quietly, CSV cells cannot run as spreadsheet formulas. Never a traceback."""
from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from conftest import SRC, assert_no_traceback, run_dateline
from dateline.corpus.export import write_acled_csv
from dateline.corpus.store import Store
from test_store import record


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "c.db")
    with Store.open(path) as store:
        store.add(record(), "h1", "r1.txt")
    return path


@pytest.mark.parametrize("argv,reason", [
    (["articles", "--limit", "-1"], "below 0"),
    (["events", "--limit", "-5"], "below 0"),
    (["search", "shells", "--limit", "-1"], "below 0"),
    (["articles", "--record", "99999999999999999999999"], "not an article id"),
    (["articles", "--record", "abc"], "not an article id"),
    (["events", "--from", "2021-06-01", "--to", "2021-05-01"], "after --to"),
    (["quotes", "--from", "2021-06-01", "--to", "2021-05-01"], "after --to"),
    (["extract", "x.txt", "--dask", "not a url"], "not a Dask scheduler address"),
    (["extract", "x.txt", "--workers", "0"], "from 1 to"),
])
def test_values_out_of_range_are_usage_errors_with_a_reason(cli, db, argv, reason):
    code, out, err = cli(*argv, *(["--db", db] if argv[0] != "extract" else []))
    assert code == 2 and reason in err and out == ""


def test_a_record_id_past_the_last_is_no_such_article(cli, db):
    code, _, err = cli("articles", "--record", str(2**63 - 1), "--db", db)
    assert code == 2 and "no article" in err


def test_dask_addresses_that_are_fine():
    from dateline.cli._common import dask_arg

    for address in ("local", "tcp://10.0.0.5:8786", "scheduler:8786", "tls://dask.example.org:8786"):
        assert dask_arg(address) == address


def test_a_full_disk_on_stdout_is_a_message(db):
    with open("/dev/full", "wb") as full:
        proc = run_dateline("articles", "--db", db, "--format", "json", stdout=full)
    assert proc.returncode == 2 and b"cannot write the output" in proc.stderr


def test_a_reader_that_leaves_early_ends_the_output_quietly(tmp_path):
    db = str(tmp_path / "c.db")
    with Store.open(db) as store:
        for n in range(300):
            store.add(record(doc_id=f"d{n}", start=f"20{10 + n % 10}-05-0{1 + n % 9}"), f"h{n}", f"r{n}")
    env = {**os.environ, "PYTHONPATH": SRC}
    proc = subprocess.Popen([sys.executable, "-m", "dateline", "export", "--db", db, "-f", "jsonl", "-o", "-"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    proc.stdout.read(10)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(60) == 0
    assert_no_traceback(err)


def test_ctrl_c_with_a_worker_pool_is_a_quiet_130(tmp_path):
    batch = tmp_path / "batch.jsonl"
    story = "Gunmen killed {n} villagers in Kestrel Ford on Monday, police said. " * 40
    batch.write_text("\n".join(json.dumps({"id": f"d{n}", "text": story.format(n=n)}) for n in range(400)))
    env = {**os.environ, "PYTHONPATH": SRC}
    proc = subprocess.Popen([sys.executable, "-m", "dateline", "extract", str(batch), "-f", "jsonl", "-w", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True)
    deadline = time.monotonic() + 90
    first = proc.stdout.readline()  # the pool is running once records come out
    assert first and time.monotonic() < deadline
    os.killpg(proc.pid, signal.SIGINT)  # as a terminal does: the whole process group
    proc.stdout.read()
    err = proc.stderr.read().decode()
    assert proc.wait(60) == 130
    assert_no_traceback(err)
    assert "KeyboardInterrupt" not in err
    assert err.strip().startswith("dateline: interrupted") and len(err.strip().splitlines()) == 1


def test_csv_cells_cannot_run_as_formulas():
    event = {"id": 7, "event_type": "Riots", "sub_event_type": "Mob violence", "modality": "occurred",
             "date": {"start": "2021-05-04", "end": "2021-05-04"},
             "location": {"name": "@Ashgrove", "country": "Kenya", "lat": -1.2, "lon": 36.9},
             "actor1": {"name": "=HYPERLINK(\"http://evil.example\",\"x\")", "inter": 5},
             "actor2": {"name": "+Rioters", "inter": None}, "notes": "-2+3 said the mob", "sources": ["\tTab Times"],
             "fatalities": {"count": 3}, "reports": []}
    out = io.StringIO()
    write_acled_csv([event], out)
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["actor1"].startswith("'=") and row["actor2"] == "'+Rioters" and row["location"] == "'@Ashgrove"
    assert row["notes"].startswith("'-2+3") and row["source"] == "'\tTab Times"
    assert row["latitude"] == "-1.2" and row["fatalities"] == "3" and row["event_date"] == "2021-05-04"


def test_csv_listings_are_safe_too(cli, tmp_path):
    db = str(tmp_path / "c.db")
    rec = record()
    rec["article"]["outlet"] = "=cmd|' /C calc'!A0"
    with Store.open(db) as store:
        store.add(rec, "h1", "r1.txt")
    code, out, _ = cli("articles", "--db", db, "--format", "csv")
    row = next(csv.DictReader(io.StringIO(out)))
    assert code == 0 and row["outlet"].startswith("'=")


def test_stdin_binary_and_empty_through_the_command(tmp_path):
    proc = run_dateline("extract", "-", stdin=bytes(range(256)) * 8)
    assert proc.returncode == 1 and b"binary, not text" in proc.stderr


def test_an_interrupt_a_finaliser_swallowed_still_stops_the_run(monkeypatch):
    from dateline.cli import _common

    monkeypatch.setattr(_common._Interrupts, "seen", True)  # Ctrl-C came while a __del__ ran, which ate it
    with pytest.raises(KeyboardInterrupt):
        next(_common.progress(iter(["a record", "another"]), 2))
