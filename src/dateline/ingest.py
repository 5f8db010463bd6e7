"""Reading documents: plain text, Markdown, HTML and JSONL batches, from files, folders or stdin.

Each input yields a Document (cleaned text + article metadata) or a Failure that names the file or
line and says what to do; one bad input never stops the others.
"""
from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from . import byline, clean
from .record import Article

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES


@dataclass
class Document:
    id: str
    text: str
    article: Article
    source: str  # file, or file:line, for messages


@dataclass
class Failure:
    source: str
    message: str


Item = Document | Failure


def decode(data: bytes) -> str | None:
    """Text from bytes: UTF-8 when it is, otherwise the encoding charset-normalizer detects."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return str(best) if best is not None else None


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return control > len(sample) * 0.05


def looks_html(text: str) -> bool:
    head = text.lstrip()[:500].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in text)


def from_text(raw: str, doc_id: str, source: str, meta: dict | None = None, published: str | None = None) -> Item:
    """A document from plain text or Markdown; given metadata wins over what the page says."""
    meta = meta or {}
    text = clean.clean(raw)
    if not text.strip():
        return Failure(source, "no text left after cleaning (only markup or boilerplate?)")
    head = byline.parse_head(text, raw)
    article = Article(
        title=meta.get("title") or head.title,
        author=meta.get("author") or head.author,
        published=published or meta.get("published") or head.published,
        outlet=meta.get("outlet") or head.outlet,
        url=meta.get("url"),
    )
    return Document(doc_id, text, article, source)


def from_html(html: str, doc_id: str, source: str, published: str | None = None) -> Item:
    import trafilatura

    found = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
    if found is None:
        return Failure(source, "HTML page with no main text that trafilatura could find")
    data = found if isinstance(found, dict) else found.as_dict()
    body = data.get("text") or ""
    title = data.get("title")
    raw = (title + "\n\n" + body) if title and not body.startswith(title) else body
    meta = {"title": title, "author": data.get("author"), "published": (data.get("date") or None),
            "outlet": data.get("sitename"), "url": data.get("url")}
    return from_text(raw, doc_id, source, meta, published)


def from_jsonl(lines, path: str, published: str | None = None) -> Iterator[Item]:
    name = os.path.basename(path)
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        source = f"{path}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Failure(source, f"not valid JSON ({exc.msg} at column {exc.colno}); each line must be one "
                                  'JSON object such as {"id": "a1", "text": "..."}')
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            yield Failure(source, 'a JSON object with a "text" string is required on each line')
            continue
        doc_id = str(obj.get("id") if obj.get("id") is not None else f"{name}:{lineno}")
        if looks_html(obj["text"]):
            yield from_html(obj["text"], doc_id, source, published or obj.get("published"))
        else:
            yield from_text(obj["text"], doc_id, source, obj, published)


def read_file(path: Path, published: str | None = None) -> Iterator[Item]:
    source = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        yield Failure(source, "no such file: check the path")
        return
    except IsADirectoryError:
        yield from read_path(source, published)
        return
    except OSError as exc:
        yield Failure(source, f"cannot read it: {exc.strerror}")
        return
    if not data.strip():
        yield Failure(source, "the file is empty")
        return
    if looks_binary(data):
        yield Failure(source, "this is a binary file, not text: give a .txt, .md, .html or .jsonl file")
        return
    text = decode(data)
    if text is None:
        yield Failure(source, "cannot tell the text encoding: convert it to UTF-8 (e.g. with iconv)")
        return
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from from_jsonl(text.split("\n"), source, published)
    elif suffix in HTML_SUFFIXES or looks_html(text):
        yield from_html(text, path.name, source, published)
    else:
        yield from_text(text, path.name, source, published=published)


def read_stdin(published: str | None = None) -> Iterator[Item]:
    text = decode(sys.stdin.buffer.read())
    if text is None or not text.strip():
        yield Failure("<stdin>", "nothing to read on standard input")
        return
    first = text.lstrip()[:1]
    if first == "{":
        yield from from_jsonl(text.split("\n"), "<stdin>", published)
    elif looks_html(text):
        yield from_html(text, "stdin", "<stdin>", published)
    else:
        yield from_text(text, "stdin", "<stdin>", published=published)


def read_path(path: str, published: str | None = None) -> Iterator[Item]:
    """Every document under `path`: a file, a folder (recursively, known suffixes only) or '-'."""
    if path == "-":
        yield from read_stdin(published)
        return
    p = Path(path)
    if p.is_dir():
        files = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in KNOWN_SUFFIXES
                       and not any(part.startswith(".") for part in f.relative_to(p).parts))
        if not files:
            yield Failure(path, "folder holds no .txt, .md, .html or .jsonl files")
        for f in files:
            yield from read_file(f, published)
        return
    yield from read_file(p, published)
