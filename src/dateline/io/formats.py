"""Documents from text already read: plain text or Markdown, HTML, and JSONL batches.

Given metadata wins over what the page says of itself; a bad JSONL line is a Failure naming the line.
"""
from __future__ import annotations

import datetime as dt
import json
import os
from typing import Iterable, Iterator

from ..record import Article
from .byline import dateline_date, parse_head
from .clean import clean
from .decode import looks_html
from .documents import Document, Failure, Item


def from_text(raw: str, doc_id: str, source: str, meta: dict | None = None, published: str | None = None,
              today: dt.date | None = None) -> Item:
    """A document from plain text or Markdown; given metadata wins over what the page says.

    Without a date in the byline, a wire dateline ("BAGHDAD, April 3 (Reuters) -") dates the article;
    `today` supplies its year when neither it nor the story names one.
    """
    meta = meta or {}
    text = clean(raw)
    if not text.strip():
        return Failure(source, "no text left after cleaning (only markup or boilerplate?)")
    head = parse_head(text, raw)
    published = published or meta.get("published") or head.published
    if not published:
        found = dateline_date(text, today)
        published = found.isoformat() if found else None
    article = Article(
        title=meta.get("title") or head.title,
        author=meta.get("author") or head.author,
        published=published,
        outlet=meta.get("outlet") or head.outlet,
        url=meta.get("url"),
    )
    return Document(doc_id, text, article, source)


def from_html(html: str, doc_id: str, source: str, published: str | None = None,
              today: dt.date | None = None) -> Item:
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
    return from_text(raw, doc_id, source, meta, published, today)


def from_jsonl(lines: Iterable[str], path: str, published: str | None = None,
               today: dt.date | None = None) -> Iterator[Item]:
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
            yield from_html(obj["text"], doc_id, source, published or obj.get("published"), today)
        else:
            yield from_text(obj["text"], doc_id, source, obj, published, today)
