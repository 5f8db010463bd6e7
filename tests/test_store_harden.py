"""Issue 16, the corpus: concurrent first ingests, read-only and foreign databases, safe exports,
search syntax checked (never silently re-run), LIKE filters that match % and _ literally."""
from __future__ import annotations

import contextlib
import hashlib
import multiprocessing as mp
import os
import shutil
import sqlite3
import subprocess

import pytest

from dateline.corpus.store import EventFilter, Store
from dateline.errors import DatelineError, StoreError
from test_store import record


def _ingest_in_child(db: str, n: int, barrier) -> None:
    barrier.wait()
    with Store.open(db) as store:
        for k in range(3):
            rec = record(doc_id=f"p{n}-{k}", start=f"2021-0{1 + n % 9}-1{k}", outlet=f"Outlet {n}")
            rec["text"] = f"Report {k} of writer {n}: " + rec["text"]
            assert store.add(rec, hashlib.sha256(rec["text"].encode()).hexdigest(), f"p{n}-{k}") is not None


def test_first_ingests_racing_into_a_new_database_all_succeed(tmp_path):
    db = str(tmp_path / "new.db")
    writers = 6
    ctx = mp.get_context("fork")
    barrier = ctx.Barrier(writers)
    procs = [ctx.Process(target=_ingest_in_child, args=(db, n, barrier)) for n in range(writers)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0] * writers
    with Store.open(db, create=False) as store:
        counts = store.counts()
    assert counts["articles"] == writers * 3 and counts["quotes"] == writers * 3 and counts["events"] == writers * 3


def _bytes(path) -> bytes:
    with open(path, "rb") as f:
        return f.read()


def _stored(db: str) -> None:
    with Store.open(db) as store:
        store.add(record(), "h1", "r1.txt")


def test_queries_never_write_not_even_the_journal_mode(tmp_path):
    db = str(tmp_path / "c.db")
    _stored(db)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()
    before = _bytes(db)
    with Store.open(db, create=False) as store:
        assert store.counts()["articles"] == 1
        assert store.search("shells")
        with pytest.raises(sqlite3.OperationalError):
            store.conn.execute("DELETE FROM articles")
    assert _bytes(db) == before
    assert sqlite3.connect(db).execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert not os.path.exists(db + "-wal")


@contextlib.contextmanager
def read_only(folder: str):
    """A folder nobody can write in, root included (chattr +i), else by its mode bits."""
    if os.getuid() == 0:
        if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", folder]).returncode != 0:
            pytest.skip("running as root without chattr: cannot make a read-only folder")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", folder])
    else:
        os.chmod(folder, 0o555)
        try:
            yield
        finally:
            os.chmod(folder, 0o755)


def test_a_database_in_a_read_only_folder_can_be_queried_and_ingest_is_refused(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    db = str(folder / "c.db")
    _stored(db)  # left in WAL mode, its -wal and -shm files gone
    before = _bytes(db)
    with read_only(str(folder)):
        with Store.open(db, create=False) as store:
            assert store.counts()["articles"] == 1 and len(store.search("shells")) == 3
        with pytest.raises(StoreError, match="read-only"):
            Store.open(db)
    assert _bytes(db) == before


@pytest.mark.parametrize("create", [True, False])
def test_a_foreign_sqlite_file_is_refused_untouched(tmp_path, create):
    db = str(tmp_path / "other.sqlite")
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('Ruth Amani')")
    conn.commit()
    conn.close()
    before = _bytes(db)
    with pytest.raises(StoreError, match="not a dateline one"):
        Store.open(db, create=create)
    assert _bytes(db) == before and not os.path.exists(db + "-wal")


def test_ingest_refuses_a_foreign_database_before_extracting(tmp_path, cli):
    db = tmp_path / "other.sqlite"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.commit()
    conn.close()
    before = _bytes(db)
    story = tmp_path / "s.txt"
    story.write_text("Rebels shelled Ashgrove on Monday.")
    code, _, err = cli("ingest", story, "--db", db, "--model", "no_such_model_at_all")
    assert code == 2 and "not a dateline one" in err  # refused before the (bad) model was even looked at
    assert _bytes(db) == before


def test_export_onto_the_database_is_refused(tmp_path, cli):
    db = str(tmp_path / "c.db")
    _stored(db)
    before = _bytes(db)
    for target in (db, db + "-wal", str(tmp_path / "." / "c.db")):
        code, _, err = cli("export", "--db", db, "-f", "jsonl", "-o", target)
        assert code == 2 and "corpus database" in err
    assert _bytes(db) == before and Store.open(db, create=False).counts()["articles"] == 1
    link = tmp_path / "link.csv"
    link.symlink_to(db)
    code, _, err = cli("export", "--db", db, "-f", "acled-csv", "-o", link)
    assert code == 2 and _bytes(db) == before


def test_a_failed_export_keeps_what_was_at_the_output(tmp_path, cli, monkeypatch):
    from dateline.corpus import export

    db = str(tmp_path / "c.db")
    _stored(db)
    out = tmp_path / "events.parquet"
    out.write_bytes(b"yesterday's export")

    def broken(events, path):
        with open(path, "wb") as f:
            f.write(b"half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export, "write_parquet", broken)
    code, _, err = cli("export", "--db", db, "-f", "parquet", "-o", out)
    assert code == 2 and "No space left" in err
    assert out.read_bytes() == b"yesterday's export"
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_export_replaces_a_file_and_still_streams_to_stdout(tmp_path, cli):
    db = str(tmp_path / "c.db")
    _stored(db)
    out = tmp_path / "events.jsonl"
    out.write_text("old\n")
    assert cli("export", "--db", db, "-f", "jsonl", "-o", out)[0] == 0
    assert '"Ashgrove"' in out.read_text() and "old" not in out.read_text()
    code, stdout, _ = cli("export", "--db", db, "-f", "jsonl", "-o", "-")
    assert code == 0 and '"Ashgrove"' in stdout


@pytest.mark.parametrize("query,hint", [("", "empty"), ("   ", "empty"), ("shells -police", "use NOT"),
                                        ("AND AND", "needs a word"), ("NEAR(", "not closed"),
                                        ('"unbalanced', "quote is not closed"), ("shells NOT", "needs a word"),
                                        ("(shells", "not closed"), ("shells)", "closes nothing")])
def test_a_malformed_search_says_what_is_wrong(tmp_path, query, hint):
    db = str(tmp_path / "c.db")
    _stored(db)
    with Store.open(db, create=False) as store, pytest.raises(DatelineError, match=hint):
        store.search(query)


def test_search_keeps_its_operators_and_reads_hyphenated_words(tmp_path):
    db = str(tmp_path / "c.db")
    _stored(db)
    with Store.open(db, create=False) as store:
        assert store.search("shells NOT trader") == [] or all("trader" not in h["snippet"] for h in store.search(
            "shells NOT trader"))
        assert store.search("Mary-Otieno", kinds=("quote",))  # as the phrase "Mary Otieno"
        assert store.search("NEAR(shells fall, 3)", kinds=("quote",))


def test_search_command_exits_2_with_the_reason(tmp_path, cli):
    db = str(tmp_path / "c.db")
    _stored(db)
    code, out, err = cli("search", "shells -police", "--db", db)
    assert code == 2 and "use NOT, e.g. 'bomb NOT police'" in err and out == ""


def test_like_filters_match_percent_and_underscore_literally(tmp_path):
    db = str(tmp_path / "c.db")
    with Store.open(db) as store:
        store.add(record(doc_id="a", actor2="Front_A 100%"), "ha", "a")
        store.add(record(doc_id="b", actor2="FrontXA 1000"), "hb", "b")
    with Store.open(db, create=False) as store:
        assert len(store.clusters(EventFilter(actor="%"))) == 1
        assert len(store.clusters(EventFilter(actor="Front_A"))) == 1
        assert len(store.quotes(speaker="_")) == 0
        assert len(store.quotes(speaker="Otieno")) == 2
