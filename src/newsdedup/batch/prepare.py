"""From an input record to the compact state the engines keep: the per-record step both engines run.

`prepare_batch` extracts the text of HTML records, fingerprints a batch at once (vectorised) and keeps
only what grouping and attribution need: band keys, hashes, times and input position. The article's
url, text and metadata travel on as one payload, spilled to disk by the local engine.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Final

import numpy as np
import xxhash

from newsdedup.core import SignatureScheme, fingerprint_many
from newsdedup.core.normalize import normalize, text_hash
from newsdedup.core.originals import NEVER, micros
from newsdedup.core.pairs import ShingledText
from newsdedup.core.shingle import shingle_set
from newsdedup.extract import ExtractionError, extract_article
from newsdedup.io.records import ArticleRecord, RecordError, RecordSource

__all__ = [
    "Article",
    "Payload",
    "PreparedBatch",
    "decode_payload",
    "position_of",
    "prepare_batch",
    "shingled",
    "shingles_from_bytes",
    "to_article",
    "url_key",
]


@dataclass(frozen=True, slots=True)
class Article:
    """One input article reduced to plain text, with what attribution and indexing use."""

    url: str
    text: str
    title: str | None = None
    publisher: str | None = None
    canonical_url: str | None = None
    published_at: datetime | None = None
    first_seen_at: datetime | None = None


Payload = bytes
"""An `Article` as length-prefixed UTF-8 fields (see `decode_payload`); not compressed: CPU is scarcer
than the disk the local engine spills to."""


@dataclass(frozen=True, slots=True)
class PreparedBatch:
    """The compact state of a batch of articles, as columns, and what is spilled of each."""

    positions: np.ndarray
    """Input order: ``file index << 40 | place in the file`` (line, byte offset or row)."""
    url_keys: np.ndarray
    """Signed 64-bit hashes of the urls: the order of members inside an LSH bucket."""
    text_hashes: np.ndarray
    word_counts: np.ndarray
    published: np.ndarray
    """Microseconds since the epoch, `NEVER` when unknown."""
    first_seen: np.ndarray
    band_keys: np.ndarray
    """``(n, bands)`` int64; rows of texts without words are never banded."""
    urls: list[str]
    payloads: list[Payload]
    shingles: list[bytes]
    """Each text's sorted unique shingle hashes as little-endian uint64 bytes (what verification reads)."""

    def __len__(self) -> int:
        return len(self.urls)


POSITION_BITS = 40
"""Bits of a position given to the place in the file (lines, rows or bytes up to 1 TiB)."""


def position_of(file_index: int, source: RecordSource) -> int:
    """The input-order position of a record: its file's index, then its line, byte offset or row."""
    place = next((p for p in (source.line, source.offset, source.row) if p is not None), 0)
    return (file_index << POSITION_BITS) | min(place, (1 << POSITION_BITS) - 1)


def url_key(url: str) -> int:
    """Signed 64-bit xxh64 of a url."""
    return xxhash.xxh64_intdigest(url.encode("utf-8")) - (1 << 63)


_FIELDS: Final = ("url", "text", "title", "publisher", "canonical_url")
_HEADER: Final = struct.Struct("<5i2q")
"""Byte lengths of the string fields (-1 for None), then the two times in `micros`."""
_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)


def _encode(article: Article) -> Payload:
    values = [getattr(article, name) for name in _FIELDS]
    encoded = [b"" if value is None else value.encode("utf-8", "surrogatepass") for value in values]
    lengths = [-1 if value is None else len(data) for value, data in zip(values, encoded, strict=True)]
    header = _HEADER.pack(*lengths, micros(article.published_at), micros(article.first_seen_at))
    return header + b"".join(encoded)


def _moment(value: int) -> datetime | None:
    return None if value == NEVER else _EPOCH + timedelta(microseconds=value)


def decode_payload(payload: Payload) -> Article:
    """The `Article` a payload holds."""
    data = payload
    *lengths, published, first_seen = _HEADER.unpack_from(data)
    fields: dict[str, Any] = {}
    start = _HEADER.size
    for name, length in zip(_FIELDS, lengths, strict=True):
        fields[name] = None if length < 0 else data[start : start + length].decode("utf-8", "surrogatepass")
        start += max(length, 0)
    return Article(**fields, published_at=_moment(published), first_seen_at=_moment(first_seen))


def to_article(record: ArticleRecord) -> Article:
    """The plain-text article of a record: HTML is extracted the way `newsdedup index` does it.

    Raises `ExtractionError` (a ValueError) when a page holds no readable text.
    """
    if record.text is not None:
        return Article(
            url=record.url,
            text=record.text,
            title=record.title,
            publisher=record.publisher,
            published_at=record.published_at,
            first_seen_at=record.crawled_at,
        )
    extracted = extract_article(record.html or "", url=record.url)
    return Article(
        url=record.url,
        text=extracted.text,
        title=record.title or extracted.title,
        publisher=record.publisher,
        canonical_url=extracted.canonical_url or extracted.og_url,
        published_at=record.published_at or extracted.published_at,
        first_seen_at=record.crawled_at,
    )


def prepare_batch(
    items: Sequence[tuple[int, ArticleRecord]], scheme: SignatureScheme
) -> tuple[PreparedBatch, list[RecordError]]:
    """Prepare ``(position, record)`` pairs; a page that yields no text becomes a `RecordError`."""
    articles: list[tuple[int, Article]] = []
    errors: list[RecordError] = []
    for position, record in items:
        try:
            articles.append((position, to_article(record)))
        except (ExtractionError, ValueError) as error:
            errors.append(RecordError(record.source, f"no article text: {error}"))
    prints = fingerprint_many([article.text for _, article in articles], scheme)

    def column(values: Sequence[int]) -> np.ndarray:
        return np.asarray(values, dtype=np.int64).reshape(len(values))

    batch = PreparedBatch(
        positions=column([position for position, _ in articles]),
        url_keys=column([url_key(article.url) for _, article in articles]),
        text_hashes=column([print_.text_hash for print_ in prints]),
        word_counts=column([print_.word_count for print_ in prints]),
        published=column([micros(article.published_at) for _, article in articles]),
        first_seen=column([micros(article.first_seen_at) for _, article in articles]),
        band_keys=(
            np.stack([print_.band_keys for print_ in prints]).astype(np.int64, copy=False)
            if prints
            else np.empty((0, scheme.bands), dtype=np.int64)
        ),
        urls=[article.url for _, article in articles],
        payloads=[_encode(article) for _, article in articles],
        shingles=[print_.shingles.astype("<u8", copy=False).tobytes() for print_ in prints],
    )
    return batch, errors


def shingles_from_bytes(data: bytes) -> np.ndarray:
    """Shingles stored by `prepare_batch`."""
    return np.frombuffer(data, dtype="<u8").astype(np.uint64, copy=False)


def shingled(text: str, scheme: SignatureScheme) -> ShingledText:
    """The side of a pair as verification reads it: text hash and shingles, no signature."""
    normalized = normalize(text)
    return ShingledText(text_hash(normalized), shingle_set(normalized.split(), scheme.shingle_size))
