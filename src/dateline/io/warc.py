"""Web archives (WARC, plain or gzipped): each HTML response record becomes one document."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

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

    read = 0
    try:
        with open(path, "rb") as stream:
            records = ArchiveIterator(stream)
            for record in records:
                read += 1
                if not _html_response(record):
                    continue
                yield _document(record, path, published, today)
    except OSError as exc:
        yield Failure(path, f"cannot read the WARC file: {exc.strerror or type(exc).__name__}")
    except ArchiveLoadFailed:
        where = f"after record {read}" if read else "at its start"
        yield Failure(path, f"not a readable WARC archive: {where} comes something that is not a WARC or ARC "
                            "record header; give a .warc or .warc.gz file (pages before it were read)")
    except Exception as exc:  # noqa: BLE001 - warcio raises many kinds on damaged records; never their bytes
        yield Failure(path, f"WARC record {read} is damaged ({type(exc).__name__}): the pages before it were read, "
                            "the rest of the archive is skipped")


def _document(record, path: str, published: str | None, today: dt.date | None) -> Item:
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    source = f"{path}#{record.rec_headers.get_header('WARC-Record-ID') or url}"
    try:
        html = decode(record.content_stream().read())
    except Exception as exc:  # noqa: BLE001 - a damaged payload (bad chunking, gzip) is this page's failure
        return Failure(source, f"the page's payload is damaged ({type(exc).__name__}); skipped")
    if html is None:
        return Failure(source, "cannot tell the page's text encoding")
    item = from_html(html, url or source, source, published, today)
    if isinstance(item, Document) and not item.article.url:
        item.article.url = url or None
    return item
