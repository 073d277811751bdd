"""Articles from WARC files: the HTML ``response`` records of a crawl, with their crawl date.

Only ``response`` records with a 2xx HTTP status and an HTML content type become records; anything else
(requests, metadata, redirects, images) is counted as skipped. WARC-Date is the crawl time (`crawled_at`),
never the publication time: that comes from the page itself when it is extracted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import IO, Any, Final, TypeAlias

from warcio.archiveiterator import ArchiveIterator

from newsdedup.extract import decode_html
from newsdedup.io.records import ArticleRecord, RecordError, RecordSource, parse_record

__all__ = ["HTML_CONTENT_TYPES", "read_warc"]

HTML_CONTENT_TYPES: Final = frozenset({"text/html", "application/xhtml+xml"})

_WarcRecord: TypeAlias = Any
"""A ``warcio.recordloader.ArcWarcRecord``; warcio ships no type information."""


def read_warc(
    stream: IO[bytes],
    path: str,
    *,
    on_error: Callable[[RecordError], None],
    on_skip: Callable[[], None],
    max_record_bytes: int,
) -> Iterator[ArticleRecord]:
    """Yield the HTML responses of a WARC (plain or gzip per record) read from ``stream``.

    A bad record is passed to ``on_error`` with its byte offset and reading goes on; a stream that stops
    being a WARC ends the file with one error. ``on_skip`` is called for each record that is not a page.
    """
    iterator = ArchiveIterator(stream, arc2warc=True)
    while True:
        try:
            record = next(iterator)
        except StopIteration:
            return
        except Exception as error:  # warcio raises many kinds on a damaged stream
            on_error(
                RecordError(
                    RecordSource(path, offset=int(iterator.offset)),
                    f"not a readable WARC from here on ({_describe(error)}); the records before it were read",
                )
            )
            return
        source = RecordSource(path, offset=int(iterator.offset))
        try:
            found = _article(record, source, max_record_bytes)
        except RecordError as error:
            on_error(error)
            continue
        except Exception as error:  # a damaged payload (bad chunking or content encoding)
            on_error(RecordError(source, f"cannot read the response body ({_describe(error)})"))
            continue
        if found is None:
            on_skip()
        else:
            yield found


def _article(record: _WarcRecord, source: RecordSource, max_record_bytes: int) -> ArticleRecord | None:
    """The article in one WARC record, or None when the record is not an HTML page."""
    if record.rec_type != "response":
        return None
    http = record.http_headers
    if http is None:
        return None
    status = str(http.get_statuscode() or "")
    if not status.startswith("2"):
        return None
    media_type, charset = _content_type(http.get_header("Content-Type"))
    if media_type not in HTML_CONTENT_TYPES:
        return None
    headers = record.rec_headers
    url = str(headers.get_header("WARC-Target-URI") or "").strip().strip("<>")
    if not url:
        raise RecordError(source, "response record has no WARC-Target-URI header")
    body = record.content_stream().read(max_record_bytes + 1)
    if len(body) > max_record_bytes:
        raise RecordError(
            source,
            f"response body is larger than {max_record_bytes:,} bytes; raise max_record_bytes to read it",
        )
    if not body.strip():
        return None
    fields: dict[str, object] = {
        "url": url,
        "html": decode_html(body, charset),
        "crawled_at": headers.get_header("WARC-Date"),
    }
    return parse_record(fields, source)


def _content_type(header: object) -> tuple[str, str | None]:
    """The media type and charset of a Content-Type header value."""
    if not isinstance(header, str):
        return "", None
    media_type, _, parameters = header.partition(";")
    charset = None
    for parameter in parameters.split(";"):
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return media_type.strip().lower(), charset


def _describe(error: BaseException) -> str:
    detail = str(error).strip()
    if len(detail) > 120:
        detail = detail[:117] + "..."
    return f"{type(error).__name__}: {detail}" if detail else type(error).__name__
