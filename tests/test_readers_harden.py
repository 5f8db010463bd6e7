"""Issue 16, readers: nothing garbled (per-document decoding, mojibake repaired), nothing lost (bad
JSONL metadata fails its own line), long documents refused by name, UTF-16, binary stdin, deep HTML, WARC."""
from __future__ import annotations

import io
import json
import sys

import pytest

from dateline.io import documents
from dateline.io.documents import Document, Failure
from dateline.io.files import read_path, read_stdin
from dateline.io.formats import from_html, from_jsonl, from_text
from dateline.io.warc import read_warc

ACCENTED = "Café owners in Ashgrove said the curfew ended on Monday, the préfet told Radio Kestrel."
STRAY = "The governor’s convoy reached Marlow Crossing late on Tuesday, aides said."


def jsonl_bytes(*objs: dict, raw: dict[int, bytes] | None = None) -> bytes:
    lines = [json.dumps(o, ensure_ascii=False).encode("utf-8") for o in objs]
    for index, line in (raw or {}).items():
        lines[index] = line
    return b"\n".join(lines) + b"\n"


def test_one_cp1252_byte_in_a_utf8_batch_garbles_only_itself(tmp_path):
    stray_line = json.dumps({"id": "b", "text": "XX"}).encode().replace(b"XX", STRAY.encode("cp1252"))
    path = tmp_path / "batch.jsonl"
    path.write_bytes(jsonl_bytes({"id": "a", "text": ACCENTED}, {"id": "b"}, {"id": "c", "text": "Ünal’s café."},
                                 raw={1: stray_line}))
    a, b, c = read_path(str(path))
    assert a.text.startswith("Café owners") and "préfet" in a.text and not a.warnings
    assert "governor’s convoy" in b.text and b.warnings and "Windows-1252" in b.warnings[0]
    assert b.source.endswith("batch.jsonl:2")
    assert c.text.startswith("Ünal’s café")


def test_one_cp1252_byte_in_a_utf8_file_is_repaired_there(tmp_path):
    path = tmp_path / "story.txt"
    path.write_bytes((ACCENTED + "\n\n").encode("utf-8") + STRAY.encode("cp1252"))
    (doc,) = read_path(str(path))
    assert "préfet" in doc.text and "governor’s convoy" in doc.text
    assert doc.warnings


def test_a_file_not_in_utf8_at_all_is_still_guessed():
    from dateline.io.decode import decode_document

    text = "Les manifestants se sont réunis à Bamako, a déclaré le ministère. " * 5
    found = decode_document(text.encode("cp1252"))
    assert "réunis" in found.text and found.notes


def test_mojibake_in_the_text_is_repaired_before_cleaning():
    doc = from_text("Police said they donâ€™t know who attacked the cafÃ© in Ashgrove.", "m", "<t>")
    assert "don’t know" in doc.text and "café" in doc.text
    from dateline.io.decode import fix_mojibake

    assert fix_mojibake(ACCENTED) == ACCENTED


@pytest.mark.parametrize("field,value", [("author", ["Jane Roe", "Ali Hassan"]), ("title", 7), ("outlet", {"a": 1}),
                                         ("url", True), ("id", [1]), ("published", 2008),
                                         ("published", "yesterday"), ("published", "2008-13-45")])
def test_wrong_metadata_fails_its_line_naming_the_field(field, value):
    lines = [json.dumps({"id": "ok1", "text": "Troops left Ashgrove on Monday."}),
             json.dumps({"id": "bad", "text": "Rebels shelled Kestrel Ford.", field: value}),
             json.dumps({"id": "ok2", "text": "Protesters marched in Ashgrove."})]
    items = list(from_jsonl(lines, "feed.jsonl"))
    assert [type(i).__name__ for i in items] == ["Document", "Failure", "Document"]
    assert items[1].source == "feed.jsonl:2" and f'"{field}"' in items[1].message


def test_published_datetime_keeps_its_date_and_numbers_as_ids_are_fine():
    line = json.dumps({"id": 17, "text": "Troops left Ashgrove.", "published": "2021-05-04T10:30:00+03:00"})
    (doc,) = from_jsonl([line], "feed.jsonl")
    assert doc.id == "17" and doc.article.published == "2021-05-04"


def test_deeply_nested_json_is_a_failure_not_a_crash():
    (item,) = from_jsonl(["[" * 100_000 + "]" * 100_000], "deep.jsonl")
    assert isinstance(item, Failure)


def test_a_document_over_the_limit_is_refused_by_name(tmp_path, monkeypatch):
    monkeypatch.setattr(documents, "MAX_CHARS", 1000)
    item = from_text("Rebels shelled Ashgrove. " * 100, "long", "long.txt")
    assert isinstance(item, Failure) and item.source == "long.txt" and "1,000" in item.message
    path = tmp_path / "huge.txt"
    path.write_text("Rebels shelled Ashgrove. " * 400)
    (item,) = read_path(str(path))
    assert isinstance(item, Failure) and "split" in item.message


def test_utf16_with_a_bom_is_text(tmp_path):
    for encoding in ("utf-16", "utf-16-be", "utf-32"):
        path = tmp_path / f"{encoding}.txt"
        data = ("\ufeff" if encoding != "utf-16" and encoding != "utf-32" else "") + ACCENTED
        path.write_bytes(data.encode(encoding))
        (doc,) = read_path(str(path))
        assert isinstance(doc, Document) and doc.text.strip() == ACCENTED, encoding


def test_binary_on_stdin_is_named(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(bytes(range(256)) * 8)))
    (item,) = read_stdin()
    assert isinstance(item, Failure) and "binary, not text" in item.message


def test_html_nested_deeper_than_the_parser_takes_keeps_its_text():
    body = "Gunmen killed four villagers in Kestrel Ford on Monday, police said. " * 3
    page = ("<html><head><title>Raid in Kestrel Ford</title></head><body>" + "<div>" * 400 + f"<p>{body}</p>"
            + "</div>" * 400 + "</body></html>")
    doc = from_html(page, "deep", "deep.html")
    assert isinstance(doc, Document) and "Gunmen killed four villagers" in doc.text
    assert doc.article.title == "Raid in Kestrel Ford" and doc.warnings
    empty = from_html("<html><body>" + "<div>" * 400 + "</div>" * 400 + "</body></html>", "e", "e.html")
    assert isinstance(empty, Failure) and "no text" in empty.message


def test_a_damaged_warc_is_named_without_its_raw_bytes(tmp_path):
    path = tmp_path / "bad.warc"
    path.write_bytes(b"\x00\x01garbage \xff\xfe bytes\r\n\r\n" * 3)
    (item,) = read_warc(str(path))
    assert isinstance(item, Failure) and "not a readable WARC" in item.message
    assert "\\x" not in item.message and "garbage" not in item.message and "\xff" not in item.message
    path.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\nshort")
    (item,) = read_warc(str(path))
    assert isinstance(item, Failure) and "damaged" in item.message
