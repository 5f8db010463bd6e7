"""Property tests (hypothesis) over the readers and the store's queries: whatever comes in, no exception
escapes; bad input is a Failure (or a DatelineError) with a message; good documents come out whole."""
from __future__ import annotations

import json
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.corpus.store import EventFilter, Store
from dateline.errors import DatelineError
from dateline.io.documents import Document, Failure
from dateline.io.files import read_path
from dateline.io.formats import from_html, from_jsonl
from test_store import record

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
SENTENCES = st.sampled_from([
    "Rebels shelled the market in Ashgrove on Tuesday, killing four traders.",
    "Café owners in Kestrel Ford said the curfew ended, the préfet told reporters.",
    '"We saw the shells fall," said Mary Otieno, a trader.',
    "Über 30 Demonstranten zogen durch die Straßen von Marlow Crossing.",
    "Police arrested 12 men near Tell Yasir — officials said — after the clashes.",
])
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6)
FIELDS = ("id", "text", "title", "author", "outlet", "url", "published")


def _checked(items) -> list:
    items = list(items)
    for item in items:
        assert isinstance(item, (Document, Failure))
        if isinstance(item, Failure):
            assert item.message and item.source
        else:
            assert item.text.strip()
    return items


@FAST
@given(data=st.binary(max_size=3000))
def test_any_bytes_in_a_file_are_a_document_or_a_named_failure(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("bytes")
    for name in ("a.txt", "a.jsonl", "a.html"):
        (folder / name).write_bytes(data)
        _checked(read_path(str(folder / name)))


@FAST
@given(parts=st.lists(st.tuples(SENTENCES, st.sampled_from(["utf-8", "cp1252", "latin-1", "utf-8", "utf-8"])),
                      min_size=1, max_size=6))
def test_mixed_encodings_never_lose_a_utf8_document(tmp_path_factory, parts):
    folder = tmp_path_factory.mktemp("mixed")
    lines = []
    for sentence, encoding in parts:
        line = json.dumps({"text": sentence}, ensure_ascii=False)
        lines.append(line.encode(encoding, errors="replace"))
    (folder / "b.jsonl").write_bytes(b"\n".join(lines))
    items = _checked(read_path(str(folder / "b.jsonl")))
    assert len(items) == len(parts)
    for item, (sentence, encoding) in zip(items, parts):
        assert isinstance(item, Document)
        if encoding == "utf-8" or sentence.isascii():
            assert item.text.strip() == sentence and not item.warnings


@FAST
@given(field=st.sampled_from(FIELDS), value=JSON_VALUES)
def test_jsonl_with_any_json_in_any_field(field, value):
    good = json.dumps({"id": "g", "text": "Troops left Ashgrove on Monday."})
    odd = json.dumps({"id": "o", "text": "Rebels shelled Kestrel Ford.", field: value})
    items = _checked(from_jsonl([good, odd, good.replace('"g"', '"h"')], "f.jsonl"))
    assert len(items) == 3 and isinstance(items[0], Document) and isinstance(items[2], Document)
    if isinstance(items[1], Failure):
        assert items[1].source == "f.jsonl:2"


@FAST
@given(depth=st.integers(0, 1500), tag=st.sampled_from(["div", "span", "section", "b"]), text=SENTENCES)
def test_html_at_any_depth_keeps_its_text(depth, tag, text):
    page = f"<html><body>{f'<{tag}>' * depth}<p>{text} {text}</p>{f'</{tag}>' * depth}</body></html>"
    item = from_html(page, "h", "h.html")
    assert isinstance(item, Document), item
    assert text.split()[0] in item.text


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("props") / "c.db")
    with Store.open(db) as s:
        s.add(record(), "h1", "a.txt")
        s.add(record(doc_id="r2", actor2="Front_A 100%", start="2021-06-01"), "h2", "b.txt")
    s = Store.open(db, create=False)
    yield s
    s.close()


QUERY_TEXT = st.text(alphabet=string.printable + "«»’é", max_size=30) | st.lists(
    st.sampled_from(["shells", "AND", "OR", "NOT", "NEAR(", ")", "(", '"', "-police", "trader*", ",", "5", "al-Sadr",
                     ":", "^", "*", "+", "Otieno"]), max_size=6).map(" ".join)


@FAST
@given(query=QUERY_TEXT)
def test_any_search_string_is_results_or_a_reason(store, query):
    try:
        hits = store.search(query)
    except DatelineError as exc:
        assert str(exc)
        return
    assert isinstance(hits, list)


@FAST
@given(actor=st.text(max_size=12) | st.none(), country=st.text(max_size=8) | st.none(),
       date_from=st.dates().map(str) | st.none(), date_to=st.dates().map(str) | st.none(),
       near=st.tuples(st.floats(-90, 90), st.floats(-180, 180), st.floats(0.001, 20000)) | st.none(),
       speaker=st.text(max_size=8) | st.none(), limit=st.integers(0, 10**6) | st.none())
def test_any_filter_values_are_answered(store, actor, country, date_from, date_to, near, speaker, limit):
    store.clusters(EventFilter(actor=actor, country=country, date_from=date_from, date_to=date_to, near=near))
    store.quotes(speaker=speaker, date_from=date_from, date_to=date_to, limit=limit)
    store.articles(outlet=speaker, limit=limit)
