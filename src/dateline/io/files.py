"""Reading documents from paths: files, folders (recursively), standard input, WARC archives."""
from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path

from . import documents
from .decode import bom_encoding, decode_document, jsonl_lines, looks_binary, looks_html
from .documents import Failure, Item
from .formats import from_html, from_jsonl, from_text
from .warc import is_warc, read_warc

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES


def read_file(path: Path, published: str | None = None, today: dt.date | None = None) -> Iterator[Item]:
    source = str(path)
    if is_warc(path):
        yield from read_warc(source, published, today)
        return
    try:
        size = path.stat().st_size
        if size > documents.MAX_CHARS * 4 and path.suffix.lower() not in JSONL_SUFFIXES:
            yield Failure(source, documents.too_long(size) + " (counting bytes)")
            return
        data = path.read_bytes()
    except FileNotFoundError:
        yield Failure(source, "no such file: check the path")
        return
    except IsADirectoryError:
        yield from read_path(source, published, today)
        return
    except OSError as exc:
        yield Failure(source, f"cannot read it: {exc.strerror}")
        return
    if not data.strip():
        yield Failure(source, "the file is empty")
        return
    if looks_binary(data):
        yield Failure(source, "this is a binary file, not text: give a .txt, .md, .html, .jsonl or .warc file")
        return
    yield from _read_bytes(data, source, path.name, path.suffix.lower() in JSONL_SUFFIXES,
                           path.suffix.lower() in HTML_SUFFIXES, published, today)


def _read_bytes(data: bytes, source: str, name: str, jsonl: bool, html: bool, published: str | None,
                today: dt.date | None) -> Iterator[Item]:
    """The documents of one file's bytes. A JSONL batch is decoded line by line (`decode.jsonl_lines`),
    so a stray byte is repaired in its own line only and no UTF-8 line is ever read in a guessed code page."""
    if jsonl and bom_encoding(data) is None:
        yield from from_jsonl(jsonl_lines(data), source, published, today)
        return
    decoded = decode_document(data)
    if decoded is None:
        yield Failure(source, "cannot tell the text encoding: convert it to UTF-8 (e.g. with iconv)")
        return
    text = decoded.text
    if jsonl:
        yield from from_jsonl(text.split("\n"), source, published, today)
    elif html or looks_html(text):
        yield from_html(text, name, source, published, today, decoded.notes)
    else:
        yield from_text(text, name, source, published=published, today=today, warnings=decoded.notes)


def read_stdin(published: str | None = None, today: dt.date | None = None) -> Iterator[Item]:
    data = sys.stdin.buffer.read()
    if not data.strip():
        yield Failure("<stdin>", "nothing to read on standard input")
        return
    if looks_binary(data):
        yield Failure("<stdin>", "standard input is binary, not text: pipe in text, Markdown, HTML or JSONL")
        return
    if len(data) > documents.MAX_CHARS * 4 and data.lstrip()[:1] != b"{":
        yield Failure("<stdin>", documents.too_long(len(data)))
        return
    first = data.lstrip()[:1]
    yield from _read_bytes(data, "<stdin>", "stdin", first == b"{", False, published, today)


def _known(path: Path) -> bool:
    return is_warc(path) or path.suffix.lower() in KNOWN_SUFFIXES


def read_path(path: str, published: str | None = None, today: dt.date | None = None) -> Iterator[Item]:
    """Every document under `path`: a file, a folder (recursively: known suffixes, no hidden files) or '-'."""
    if path == "-":
        yield from read_stdin(published, today)
        return
    p = Path(path)
    if p.is_dir():
        files = sorted(f for f in p.rglob("*") if f.is_file() and _known(f)
                       and not any(part.startswith(".") for part in f.relative_to(p).parts))
        if not files:
            yield Failure(path, "folder holds no .txt, .md, .html, .jsonl or .warc files")
        for f in files:
            yield from read_file(f, published, today)
        return
    yield from read_file(p, published, today)


def read_paths(paths: list[str], published: str | None = None, today: dt.date | None = None) -> Iterator[Item]:
    """Every document under each of `paths`, in order."""
    for path in paths:
        yield from read_path(path, published, today)
