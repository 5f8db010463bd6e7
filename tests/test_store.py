"""The corpus database: schema versions, one-transaction writes, content-hash idempotence, search, filters."""
from __future__ import annotations

import sqlite3

import pytest

from dateline.corpus.migrations import MIGRATIONS, SCHEMA_VERSION
from dateline.corpus.store import EventFilter, Store, content_hash
from dateline.errors import DatelineError, StoreError
from dateline.io.formats import from_text
from dateline.record import Record

SENTENCE = "Rebels shelled the market in Ashgrove on Tuesday, killing four traders."


def record(doc_id="r1", outlet="Lakeside Courier", country="Kenya", point=(-1.2, 36.9),
           actor2="Ashgrove Liberation Front", start="2021-05-04"):
    text = SENTENCE + ' "We saw the shells fall," said Mary Otieno, a trader.'
    return {
        "id": doc_id,
        "article": {"title": "Market shelled", "author": None, "published": "2021-05-05", "outlet": outlet,
                    "url": "https://courier.example/market"},
        "text": text, "entities": [], "times": [], "places": [], "quantities": [],
        "quotes": [{"text": "We saw the shells fall,", "start": 73, "end": 96, "direct": True,
                    "cue": "said", "medium": None, "date": None,
                    "speaker": {"name": "Mary Otieno", "text": "Mary Otieno", "start": 103, "end": 114,
                                "role": "a trader"}}],
        "events": [{"id": "E1", "event_type": "Explosions/Remote violence",
                    "sub_event_type": "Shelling/artillery/missile attack", "modality": "occurred",
                    "date": {"start": start, "end": start, "precision": "day"},
                    "location": {"name": "Ashgrove", "admin1": None, "country": country, "lat": point[0],
                                 "lon": point[1], "precision": "town"},
                    "actor1": {"name": actor2, "inter": 2},
                    "actor2": {"name": "Civilians (Kenya)", "inter": 7},
                    "fatalities": {"count": 4, "text": "four traders"},
                    "evidence": [{"start": 0, "end": len(SENTENCE), "text": SENTENCE}], "confidence": 0.8}],
    }


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "corpus.db")


def test_a_new_database_has_the_current_schema_version(db):
    Store.open(db).close()
    assert sqlite3.connect(db).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_database_of_an_older_version_is_migrated_with_its_rows(db):
    old = sqlite3.connect(db)
    old.executescript(MIGRATIONS[0] + "PRAGMA user_version=1;")
    old.execute("INSERT INTO articles (hash, doc_id, source, text, record, version, ingested) "
                "VALUES ('h', 'old', 'old.txt', 'Floods closed the Ashgrove bridge.', '{}', '0.0', 'then')")
    old.commit()
    old.close()
    with Store.open(db) as store:
        assert store.counts()["articles"] == 1
        assert [h["doc_id"] for h in store.search("bridge")] == ["old"]  # the new index covers old rows
    assert sqlite3.connect(db).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_database_from_a_newer_dateline_is_refused_with_the_reason(db):
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer dateline"):
        Store.open(db)


def test_other_files_are_refused_with_the_reason(db, tmp_path):
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE accounts (id)")
    conn.close()
    with pytest.raises(StoreError, match="not a dateline one"):
        Store.open(db)
    text = tmp_path / "notes.txt"
    text.write_text("shopping list\n" * 200)
    with pytest.raises(StoreError, match="not a SQLite database"):
        Store.open(str(text))
    with pytest.raises(StoreError, match="no database"):
        Store.open(str(tmp_path / "missing.db"), create=False)


def test_adding_the_same_hash_twice_stores_it_once(db):
    with Store.open(db) as store:
        assert store.add(record(), "h1", "a.txt") is not None
        assert store.add(record(), "h1", "a.txt") is None
        assert store.counts() == {"articles": 1, "events": 1, "clusters": 1, "quotes": 1}


def test_a_document_that_fails_midway_leaves_nothing_behind(db):
    broken = record()
    broken["quotes"][0]["start"] = [73]  # SQLite cannot bind a list: the quote fails after article and event
    with Store.open(db) as store:
        with pytest.raises(sqlite3.Error):
            store.add(broken, "h1", "a.txt")
        assert store.counts() == {"articles": 0, "events": 0, "clusters": 0, "quotes": 0}
        assert store.search("market") == []
        assert store.add(record(), "h1", "a.txt") is not None


def test_the_stored_record_comes_back_whole(db):
    with Store.open(db) as store:
        article_id = store.add(record(), "h1", "a.txt")
        assert store.record(article_id) == Record.from_dict(record()).to_dict()  # every field, filled
        assert store.record(article_id + 1) is None


def test_search_finds_articles_quotes_and_evidence_with_stemming(db):
    with Store.open(db) as store:
        store.add(record(), "h1", "a.txt")
        kinds = {h["kind"] for h in store.search("shell")}  # "shelled", "shells"
        assert kinds == {"article", "quote", "evidence"}
        assert [h["kind"] for h in store.search("Otieno", kinds=("quote",))] == ["quote"]
        with pytest.raises(DatelineError, match="quote is not closed"):  # said, never re-run as words
            store.search('"Otieno')


def test_event_filters(db):
    with Store.open(db) as store:
        store.add(record(), "h1", "a.txt")
        hit = lambda **kw: len(store.clusters(EventFilter(**kw)))  # noqa: E731
        assert hit(country="kenya") == 1 and hit(country="Uganda") == 0
        assert hit(event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack") == 1
        assert hit(near=(-1.25, 36.9, 10)) == 1 and hit(near=(-1.5, 36.9, 10)) == 0
        assert hit(actor="liberation") == 1 and hit(actor="Police") == 0
        assert hit(date_from="2021-05-04", date_to="2021-05-04") == 1
        assert hit(date_from="2021-05-05") == 0 and hit(date_to="2021-05-03") == 0
        assert hit(modality="occurred") == 1 and hit(modality="planned") == 0


def test_quotes_and_articles_listings(db):
    with Store.open(db) as store:
        store.add(record(), "h1", "a.txt")
        store.add(record("r2", outlet="Valley Post", start="2021-06-01"), "h2", "b.txt")
        assert [q["speaker"] for q in store.quotes(speaker="otieno")] == ["Mary Otieno", "Mary Otieno"]
        assert [a["outlet"] for a in store.articles(outlet="valley")] == ["Valley Post"]
        assert store.articles()[0]["events"] == 1


def test_the_content_hash_follows_the_text_and_byline_not_the_file():
    one = from_text("Troops left Ashgrove on Friday.", "a.txt", "x/a.txt", published="2021-05-07")
    moved = from_text("Troops left Ashgrove on Friday.", "b.txt", "y/b.txt", published="2021-05-07")
    edited = from_text("Troops left Ashgrove on Saturday.", "a.txt", "x/a.txt", published="2021-05-07")
    redated = from_text("Troops left Ashgrove on Friday.", "a.txt", "x/a.txt", published="2021-05-08")
    assert content_hash(one) == content_hash(moved)
    assert len({content_hash(one), content_hash(edited), content_hash(redated)}) == 3
