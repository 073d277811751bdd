"""One input article as read from a file, and the validation that turns a plain mapping into one.

A record has a ``url`` and exactly one of ``text`` (plain text) or ``html`` (a page to extract from).
Optional fields: ``id``, ``title``, ``publisher``, ``published_at`` and ``crawled_at``. Timestamps are
ISO-8601 strings (a time without a zone is UTC; a bare date is midnight UTC) or epoch seconds.
The one alias accepted is ``date`` for ``published_at``; other fields are ignored, so ``content`` or
``body`` must be renamed to ``text`` or ``html``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Final
from urllib.parse import urlsplit

__all__ = ["ArticleRecord", "RecordError", "RecordSource", "parse_record", "parse_timestamp"]

_ALIASES: Final = {"date": "published_at"}
_WHITESPACE: Final = re.compile(r"\s")
"""Any character `str.isspace` accepts (the same Unicode test, in C)."""
_EPOCH_MAX: Final = 1e11
"""Epoch seconds at or above this (year 5138) are almost surely milliseconds."""


@dataclass(frozen=True, slots=True)
class RecordSource:
    """Where a record came from: a file and at most one of a line, a byte offset or a row index."""

    path: str
    line: int | None = None
    """1-based line where the record starts (JSONL, CSV)."""
    offset: int | None = None
    """Byte offset of the record in the file as stored (WARC)."""
    row: int | None = None
    """0-based row index (Parquet)."""

    def __post_init__(self) -> None:
        if sum(place is not None for place in (self.line, self.offset, self.row)) > 1:
            raise ValueError("a RecordSource takes at most one of line, offset and row")

    def __str__(self) -> str:
        if self.line is not None:
            return f"{self.path}:{self.line}"
        if self.offset is not None:
            return f"{self.path}:byte {self.offset}"
        if self.row is not None:
            return f"{self.path}:row {self.row}"
        return self.path


class RecordError(ValueError):
    """A record (or a whole file) that could not be read; ``str()`` is ``path:line: message``."""

    def __init__(self, source: RecordSource, message: str) -> None:
        super().__init__(source, message)
        self.source = source
        self.message = message

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    """One article to index or deduplicate, with exactly one of ``text`` and ``html``."""

    url: str
    source: RecordSource
    text: str | None = None
    html: str | None = None
    id: str | None = None
    title: str | None = None
    publisher: str | None = None
    published_at: datetime | None = None
    """When the publisher says it was published (aware, UTC)."""
    crawled_at: datetime | None = None
    """When a crawler fetched it (a WARC record's WARC-Date): first seen, not published."""

    def __post_init__(self) -> None:
        if (self.text is None) == (self.html is None):
            raise ValueError("an ArticleRecord takes exactly one of text and html")
        for moment in (self.published_at, self.crawled_at):
            if moment is not None and moment.tzinfo is None:
                raise ValueError("ArticleRecord timestamps must be timezone-aware")


def parse_record(obj: Mapping[str, object], source: RecordSource) -> ArticleRecord:
    """Validate one input object (a JSON line, a CSV row, a Parquet row) into an `ArticleRecord`.

    Raises `RecordError` naming the field and what to change. Fields other than the known ones are ignored.
    """
    fields, given = _resolve_aliases(obj, source)
    text = _content(fields, "text", source)
    html = _content(fields, "html", source)
    if text is not None and html is not None:
        raise RecordError(
            source,
            "both `text` and `html` are set; send one: `text` for plain text, "
            "`html` for a page to extract from",
        )
    if text is None and html is None:
        raise RecordError(source, _missing_content_message(obj))
    return ArticleRecord(
        url=_url(fields.get("url"), source),
        source=source,
        text=text,
        html=html,
        id=_identifier(fields.get("id"), source),
        title=_optional_string(fields, "title", source),
        publisher=_optional_string(fields, "publisher", source),
        published_at=_timestamp(fields, "published_at", given, source),
        crawled_at=_timestamp(fields, "crawled_at", given, source),
    )


def parse_timestamp(value: object) -> datetime | None:
    """Read a timestamp: ISO-8601 text, epoch seconds, or a `datetime`/`date`; naive means UTC.

    Returns an aware UTC datetime, None for None or blank text; raises ValueError saying what is wrong.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime(value.year, value.month, value.day)
    elif isinstance(value, bool):
        raise ValueError(f"expected an ISO-8601 string or epoch seconds, got {value!r}")
    elif isinstance(value, int | float):
        if math.isnan(value):
            raise ValueError("expected an ISO-8601 string or epoch seconds, got NaN")
        if abs(value) >= _EPOCH_MAX:
            raise ValueError(
                f"{value!r} is too large for epoch seconds: if it is milliseconds, divide by 1000"
            )
        moment = datetime.fromtimestamp(value, tz=UTC)
    elif isinstance(value, str):
        if not value.strip():
            return None
        try:
            moment = datetime.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(
                f"{_show(value)} is not an ISO-8601 timestamp such as 2024-03-05T14:30:00+01:00 or 2024-03-05"
            ) from None
    else:
        raise ValueError(f"expected an ISO-8601 string or epoch seconds, got {type(value).__name__}")
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _resolve_aliases(
    obj: Mapping[str, object], source: RecordSource
) -> tuple[dict[str, object], dict[str, str]]:
    """The fields under their own names (nulls dropped), and the name each was given under when aliased."""
    fields = {key: value for key, value in obj.items() if value is not None}
    given: dict[str, str] = {}
    for alias, name in _ALIASES.items():
        if alias in fields:
            if name in fields:
                raise RecordError(
                    source, f"both `{name}` and its alias `{alias}` are set; keep only `{name}`"
                )
            fields[name] = fields.pop(alias)
            given[name] = alias
    return fields, given


def _show(value: object) -> str:
    shown = repr(value)
    return shown if len(shown) <= 80 else shown[:77] + "..."


def _content(fields: Mapping[str, object], name: str, source: RecordSource) -> str | None:
    value = fields.get(name)
    if value is None:
        return None
    if isinstance(value, bytes):
        try:
            value = value.decode("utf-8")
        except UnicodeDecodeError:
            raise RecordError(source, f"field `{name}` is not valid UTF-8; re-encode it as UTF-8") from None
    if not isinstance(value, str):
        raise RecordError(source, f"field `{name}` must be a string, got {type(value).__name__}")
    return value if value.strip() else None


def _missing_content_message(obj: Mapping[str, object]) -> str:
    present = [name for name in ("text", "html") if name in obj]
    if len(present) == 2:
        return "fields `text` and `html` are both empty; every record needs the article in one of them"
    if present:
        return f"field `{present[0]}` is empty; every record needs the article in `text` or `html`"
    renamable = [name for name in ("content", "body", "article") if obj.get(name) is not None]
    if renamable:
        return (
            f"no `text` or `html` field; rename `{renamable[0]}` to `text` if it is plain text "
            "or to `html` if it is a page's markup"
        )
    return "no `text` or `html` field; every record needs the article as plain `text` or as the page's `html`"


def _url(value: object, source: RecordSource) -> str:
    if value is None:
        raise RecordError(
            source, "missing field `url`: every record needs the article's absolute http(s) URL"
        )
    if not isinstance(value, str):
        raise RecordError(source, f"field `url` must be a string, got {type(value).__name__}")
    url = value.strip()
    if not _is_web_url(url):
        raise RecordError(
            source,
            "field `url` must be an absolute http(s) URL with a host, such as https://example.com/a, "
            f"got {_show(value)}",
        )
    return url


def _is_web_url(url: str) -> bool:
    if _WHITESPACE.search(url):
        return False
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return False
    return parts.scheme.lower() in {"http", "https"} and bool(host)


def _optional_string(fields: Mapping[str, object], name: str, source: RecordSource) -> str | None:
    value = fields.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise RecordError(source, f"field `{name}` must be a string, got {type(value).__name__}")
    return value.strip() or None


def _identifier(value: object, source: RecordSource) -> str | None:
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise RecordError(source, f"field `id` must be a string or an integer, got {type(value).__name__}")
    return value.strip() or None


def _timestamp(
    fields: Mapping[str, object], name: str, given: Mapping[str, str], source: RecordSource
) -> datetime | None:
    try:
        return parse_timestamp(fields.get(name))
    except (ValueError, OverflowError, OSError) as error:
        raise RecordError(source, f"field `{given.get(name, name)}`: {error}") from None
