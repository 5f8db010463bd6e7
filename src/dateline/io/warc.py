"""Web archives (WARC, plain or gzipped): each HTML response record becomes one document."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Iterator

from .decode import decode
from .documents import Document, Failure, Item
from .formats import from_html

WARC_SUFFIXES = (".warc", ".warc.gz")


def is_warc(path: str | Path) -> bool:
    return str(path).lower().endswith(WARC_SUFFIXES)


def _html_response(record) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    if not record.http_headers.get_statuscode().startswith("2"):
        return False
    return "html" in (record.http_headers.get_header("Content-Type") or "").lower()


def read_warc(path: str, published: str | None = None, today: dt.date | None = None) -> Iterator[Item]:
    """The HTML pages of a WARC file, named by their URL; other records (requests, images) are skipped."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream):
                if not _html_response(record):
                    continue
                yield _document(record, path, published, today)
    except OSError as exc:
        yield Failure(path, f"cannot read the WARC file: {exc.strerror or exc}")
    except ArchiveLoadFailed as exc:
        yield Failure(path, f"not a readable WARC archive ({exc}); give a .warc or .warc.gz file")


def _document(record, path: str, published: str | None, today: dt.date | None) -> Item:
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    source = f"{path}#{record.rec_headers.get_header('WARC-Record-ID') or url}"
    html = decode(record.content_stream().read())
    if html is None:
        return Failure(source, "cannot tell the page's text encoding")
    item = from_html(html, url or source, source, published, today)
    if isinstance(item, Document) and not item.article.url:
        item.article.url = url or None
    return item
