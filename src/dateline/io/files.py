"""Reading documents from paths: files, folders (recursively), standard input, WARC archives."""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Iterator

from .decode import decode, looks_binary, looks_html
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
    text = decode(data)
    if text is None:
        yield Failure(source, "cannot tell the text encoding: convert it to UTF-8 (e.g. with iconv)")
        return
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from from_jsonl(text.split("\n"), source, published, today)
    elif suffix in HTML_SUFFIXES or looks_html(text):
        yield from_html(text, path.name, source, published, today)
    else:
        yield from_text(text, path.name, source, published=published, today=today)


def read_stdin(published: str | None = None, today: dt.date | None = None) -> Iterator[Item]:
    text = decode(sys.stdin.buffer.read())
    if text is None or not text.strip():
        yield Failure("<stdin>", "nothing to read on standard input")
        return
    first = text.lstrip()[:1]
    if first == "{":
        yield from from_jsonl(text.split("\n"), "<stdin>", published, today)
    elif looks_html(text):
        yield from_html(text, "stdin", "<stdin>", published, today)
    else:
        yield from_text(text, "stdin", "<stdin>", published=published, today=today)


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
