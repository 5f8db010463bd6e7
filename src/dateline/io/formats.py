"""Documents from text already read: plain text or Markdown, HTML, and JSONL batches.

Given metadata wins over what the page says of itself; a bad JSONL line is a Failure naming the line
(and, for metadata of the wrong shape, the field), and the other lines still come in.
"""
from __future__ import annotations

import datetime as dt
import html as htmllib
import json
import os
import re
from collections.abc import Iterable, Iterator

from ..record import Article
from . import documents
from .byline import dateline_date, parse_head
from .clean import clean
from .decode import fix_mojibake, looks_html, utf8_repaired
from .documents import Document, Failure, Item

META_FIELDS = ("title", "author", "outlet", "url")


def from_text(raw: str, doc_id: str, source: str, meta: dict | None = None, published: str | None = None,
              today: dt.date | None = None, warnings: list[str] | None = None) -> Item:
    """A document from plain text or Markdown; given metadata wins over what the page says.

    Without a date in the byline, a wire dateline ("BAGHDAD, April 3 (Reuters) -") dates the article;
    `today` supplies its year when neither it nor the story names one. Mojibake is repaired first, so
    every offset refers to the repaired, cleaned text.
    """
    if len(raw) > documents.MAX_CHARS:
        return Failure(source, documents.too_long(len(raw)))
    meta = meta or {}
    raw = fix_mojibake(raw)
    text = clean(raw)
    if not text.strip():
        return Failure(source, "no text left after cleaning (only markup or boilerplate?)")
    head = parse_head(text, raw)
    published = published or meta.get("published") or head.published
    if not published:
        found = dateline_date(text, today)
        published = found.isoformat() if found else None
    given = {k: fix_mojibake(meta[k]) if isinstance(meta.get(k), str) else meta.get(k) for k in META_FIELDS}
    article = Article(
        title=given["title"] or head.title,
        author=given["author"] or head.author,
        published=published,
        outlet=given["outlet"] or head.outlet,
        url=given["url"],
    )
    return Document(doc_id, text, article, source, list(warnings or []))


_SKIP = re.compile(r"<(script|style|noscript|template|svg)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)
_BLOCK = re.compile(r"<\s*(?:br|/p|/div|/h[1-6]|/li|/tr|/section|/article|/blockquote|/header|/footer)\b[^>]*>",
                    re.I)
_TAG = re.compile(r"<[^>]*>")
_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.S | re.I)


def strip_tags(page: str) -> tuple[str | None, str]:
    """The title and the visible text of a page by plain tag stripping, for pages trafilatura cannot
    parse (nesting deeper than its parser's limit of 255 levels, broken markup)."""
    title = _TITLE.search(page)
    body = re.split(r"<body\b[^>]*>", page, maxsplit=1, flags=re.I)[-1]
    body = _TAG.sub(" ", _BLOCK.sub("\n\n", _SKIP.sub(" ", body)))
    paras = (" ".join(p.split()) for p in htmllib.unescape(body).split("\n\n"))
    name = " ".join(htmllib.unescape(title.group(1)).split()) if title else None
    return name or None, "\n\n".join(p for p in paras if p)


def from_html(html: str, doc_id: str, source: str, published: str | None = None,
              today: dt.date | None = None, warnings: list[str] | None = None) -> Item:
    import trafilatura

    if len(html) > documents.MAX_CHARS * 4:  # markup is mostly tags; the text is checked again below
        return Failure(source, documents.too_long(len(html)))
    found = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
    data = {} if found is None else found if isinstance(found, dict) else found.as_dict()
    body = data.get("text") or ""
    title = data.get("title")
    if not body.strip():
        title, body = strip_tags(html)
        if not body.strip():
            return Failure(source, "HTML page with no text: no main text that trafilatura could find, and "
                                   "nothing but markup when its tags are stripped")
        warnings = [*(warnings or []), "trafilatura found no main text (markup nested too deep or broken?): "
                                       "its text is the page's with tags stripped, menus and all"]
    raw = (title + "\n\n" + body) if title and not body.startswith(title) else body
    meta = {"title": title, "author": data.get("author"), "published": (data.get("date") or None),
            "outlet": data.get("sitename"), "url": data.get("url")}
    return from_text(raw, doc_id, source, meta, published, today, warnings)


def published_date(value: object) -> str | None:
    """A publication date as YYYY-MM-DD from YYYY-MM-DD or a full ISO 8601 datetime; None if it is neither."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text).isoformat()
        if len(text) > 10 and text[10] in "T ":
            return dt.datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        return None
    return None


def meta_problem(obj: dict) -> str | None:
    """What is wrong with the metadata of one JSONL line, naming the field; None if nothing."""
    doc_id = obj.get("id")
    if doc_id is not None and (isinstance(doc_id, bool) or not isinstance(doc_id, (str, int))):
        return f'"id" must be text or a whole number, not {_kind(doc_id)}'
    for key in META_FIELDS:
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            return f'"{key}" must be text (or null), not {_kind(value)}'
    value = obj.get("published")
    if value is not None and published_date(value) is None:
        shown = json.dumps(value, ensure_ascii=False)
        shown = shown if len(shown) <= 40 else shown[:39] + "…"
        return f'"published" must be a date as text, YYYY-MM-DD (or an ISO 8601 datetime), not {shown}'
    return None


def _kind(value: object) -> str:
    names = {bool: "true/false", int: "a number", float: "a number", list: "a list", dict: "an object"}
    return names.get(type(value), type(value).__name__)


def jsonl_line(line: str | bytes | tuple[str, list[str]], source: str) -> tuple[str, list[str]]:
    """One JSONL line as text: UTF-8, bytes that are not repaired locally and the line flagged
    (a line already decoded comes as text, or as text and its warnings)."""
    if isinstance(line, tuple):
        return line
    if isinstance(line, str):
        return line, []
    text, bad = utf8_repaired(line)
    return text, ([f"{bad} byte(s) that are not UTF-8 read as Windows-1252; check the text around them"]
                  if bad else [])


def from_jsonl(lines: Iterable[str | bytes | tuple[str, list[str]]], path: str, published: str | None = None,
               today: dt.date | None = None) -> Iterator[Item]:
    """One document a line. Lines given as bytes are decoded one by one (see `jsonl_line`)."""
    name = os.path.basename(path)
    for lineno, line in enumerate(lines, 1):
        source = f"{path}:{lineno}"
        text, warnings = jsonl_line(line, source)
        if not text.strip():
            continue
        if len(text) > documents.MAX_CHARS * 2:  # JSON escapes can double a text's length
            yield Failure(source, documents.too_long(len(text)))
            continue
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            yield Failure(source, f"not valid JSON ({exc.msg} at column {exc.colno}); each line must be one "
                                  'JSON object such as {"id": "a1", "text": "..."}')
            continue
        except RecursionError:
            yield Failure(source, "not usable JSON: nested too deeply; each line must be one flat JSON object "
                                  'such as {"id": "a1", "text": "..."}')
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            yield Failure(source, 'a JSON object with a "text" string is required on each line')
            continue
        problem = meta_problem(obj)
        if problem:
            yield Failure(source, f"{problem}; the line is left out")
            continue
        meta = {**obj, "published": published_date(obj.get("published"))}
        doc_id = str(obj.get("id") if obj.get("id") is not None else f"{name}:{lineno}")
        if looks_html(obj["text"]):
            yield from_html(obj["text"], doc_id, source, published or meta["published"], today, warnings)
        else:
            yield from_text(obj["text"], doc_id, source, meta, published, today, warnings)
