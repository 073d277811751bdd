"""Articles ready to store, as columns, and the bulk writes that insert new ones.

`ArticleBatch` holds exactly what the tables keep of each article: its fields, text hash, word count,
signature bytes, compact shingle bytes and band keys. Worker processes build one (`ArticleBatch.build`)
so that the process writing to the database only moves columns into it. New articles are written with
ids chosen up front: PostgreSQL reserves them from the id sequence in one statement and streams the rows
with binary COPY; SQLite takes them after ``max(id)`` inside its write transaction (``BEGIN IMMEDIATE``
holds the write lock, so no other writer takes the same ids) and inserts with prepared ``executemany``.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence, Sized
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

import numpy as np
from sqlalchemy import Connection, Dialect, text
from sqlalchemy.orm import Session

from newsdedup.core.fingerprint import Fingerprint, shingles_to_bytes
from newsdedup.core.scheme import SignatureScheme
from newsdedup.ports import ArticleFields, NewArticle
from newsdedup.store.batch import check_fingerprint_scheme, check_published_at
from newsdedup.store.driver import copy_in, is_psycopg
from newsdedup.store.models import Article

_ARTICLE_COLUMNS = (
    "id, url, canonical_url, publisher, domain, title, published_at, first_seen_at, updated_at, "
    "text_hash, word_count, text"
)
_ARTICLE_TYPES = (
    "int8", "text", "text", "text", "text", "text", "timestamptz", "timestamptz", "timestamptz",
    "int8", "int4", "text",
)  # fmt: skip
_PG_SIGNATURE = struct.Struct(">hiqi")
"""A binary COPY row of signatures up to the signature bytes: 3 fields, the id (8 bytes), its length."""
_LENGTH = struct.Struct(">i")
_PG_COPY_HEADER = b"PGCOPY\n\xff\r\n\x00" + bytes(8)
_PG_COPY_TRAILER = b"\xff\xff"


@dataclass(frozen=True, slots=True)
class ArticleBatch:
    """Articles as the store keeps them, one list (or array row) per column, all of one length."""

    scheme_id: str
    urls: list[str]
    texts: list[str]
    titles: list[str | None]
    publishers: list[str | None]
    domains: list[str | None]
    canonical_urls: list[str | None]
    published_at: list[datetime | None]
    text_hashes: list[int]
    word_counts: list[int]
    signatures: list[bytes]
    """Little-endian uint32 per permutation (`Fingerprint.signature_bytes`)."""
    shingles: list[bytes]
    """Compact shingles as stored (`shingles_to_bytes`)."""
    band_keys: np.ndarray
    """int64, shape ``(len, bands)``."""

    def __len__(self) -> int:
        return len(self.urls)

    @classmethod
    def build(
        cls,
        fields: Sequence[NewArticleFields],
        prints: Sequence[Fingerprint],
        scheme: SignatureScheme,
    ) -> ArticleBatch:
        """A batch of ``fields`` with their fingerprints (made under ``scheme``)."""
        keys = (
            np.stack([print_.band_keys for print_ in prints]).astype(np.int64, copy=False)
            if prints
            else np.empty((0, scheme.bands), np.int64)
        )
        return cls(
            scheme_id=scheme.id,
            urls=[item.url for item in fields],
            texts=[item.text for item in fields],
            titles=[item.title for item in fields],
            publishers=[item.publisher for item in fields],
            domains=[item.domain for item in fields],
            canonical_urls=[item.canonical_url for item in fields],
            published_at=[item.published_at for item in fields],
            text_hashes=[print_.text_hash for print_ in prints],
            word_counts=[print_.word_count for print_ in prints],
            signatures=[print_.signature_bytes() for print_ in prints],
            shingles=[shingles_to_bytes(print_.compact_shingles()) for print_ in prints],
            band_keys=keys,
        )

    @classmethod
    def of(cls, articles: Sequence[NewArticle], scheme: SignatureScheme) -> ArticleBatch:
        """The batch of ready `NewArticle`s."""
        return cls.build(articles, [article.fingerprint for article in articles], scheme)

    def head(self, count: int) -> ArticleBatch:
        """The first ``count`` articles."""
        return self.take(range(min(count, len(self))))

    def take(self, indices: Sequence[int]) -> ArticleBatch:
        """The articles at ``indices``, in that order."""
        return ArticleBatch(
            scheme_id=self.scheme_id,
            urls=[self.urls[i] for i in indices],
            texts=[self.texts[i] for i in indices],
            titles=[self.titles[i] for i in indices],
            publishers=[self.publishers[i] for i in indices],
            domains=[self.domains[i] for i in indices],
            canonical_urls=[self.canonical_urls[i] for i in indices],
            published_at=[self.published_at[i] for i in indices],
            text_hashes=[self.text_hashes[i] for i in indices],
            word_counts=[self.word_counts[i] for i in indices],
            signatures=[self.signatures[i] for i in indices],
            shingles=[self.shingles[i] for i in indices],
            band_keys=self.band_keys[np.asarray(indices, dtype=np.intp)].reshape(-1, self.band_keys.shape[1]),
        )

    def check(self, scheme: SignatureScheme) -> None:
        """Refuse a batch made under another scheme, or with a naive ``published_at``."""
        if not self.urls:
            return
        check_fingerprint_scheme(self.scheme_id, scheme, what=f"article {self.urls[0]!r}")
        if self.band_keys.shape != (len(self), scheme.bands):
            raise ValueError(
                f"band keys of shape {self.band_keys.shape}, expected ({len(self)}, {scheme.bands})"
            )
        columns: list[Sized] = [self.texts, self.titles, self.publishers, self.domains, self.canonical_urls]
        columns += [self.published_at, self.text_hashes, self.word_counts, self.signatures, self.shingles]
        if any(len(column) != len(self) for column in columns):
            raise ValueError("an ArticleBatch needs every column of the same length")
        for url, moment in zip(self.urls, self.published_at, strict=True):
            check_published_at(url, moment)


class NewArticleFields(ArticleFields, Protocol):
    """What `ArticleBatch.build` reads of each article: its fields and its domain (a `NewArticle` has
    them all)."""

    @property
    def domain(self) -> str | None:
        """The host of its url, as the store keeps it."""
        ...


def reserve_article_ids(session: Session, count: int) -> list[int]:
    """``count`` fresh article ids, ascending, in one statement. Call inside the write transaction."""
    if count == 0:
        return []
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        values = connection.execute(
            text(
                "SELECT array_agg(nextval(pg_get_serial_sequence('articles', 'id'))) "
                "FROM generate_series(1, :n)"
            ),
            {"n": count},
        ).scalar_one()
        return sorted(int(value) for value in values)
    # AUTOINCREMENT never reuses an id: start after the largest ever given (sqlite_sequence) or stored.
    last = connection.exec_driver_sql(
        "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'articles'), 0), "
        "coalesce((SELECT max(id) FROM articles), 0))"
    ).scalar_one()
    return list(range(int(last) + 1, int(last) + 1 + count))


def insert_articles(
    session: Session, batch: ArticleBatch, positions: Sequence[int], ids: Sequence[int], now: datetime
) -> None:
    """Insert the articles at ``positions`` of ``batch`` under ``ids`` (new urls only), with their
    signatures. Band rows are the caller's (`newsdedup.store.bands.insert_band_rows`)."""
    if not positions:
        return
    connection = session.connection()
    if is_psycopg(connection):
        _copy_articles(connection, batch, positions, ids, now)
        _copy_signatures(connection, batch, positions, ids)
        return
    dialect = connection.dialect
    stamp = _stamp_processor(dialect)
    moment = stamp(now)
    rows = [
        _article_row(batch, i, article_id, stamp(batch.published_at[i]), moment)
        for i, article_id in zip(positions, ids, strict=True)
    ]
    marks = ", ".join("?" if dialect.paramstyle == "qmark" else "%s" for _ in range(12))
    connection.exec_driver_sql(f"INSERT INTO articles ({_ARTICLE_COLUMNS}) VALUES ({marks})", rows)
    insert_signatures(
        session,
        [
            (article_id, batch.signatures[i], batch.shingles[i])
            for i, article_id in zip(positions, ids, strict=True)
        ],
    )


def insert_signatures(session: Session, rows: Sequence[tuple[int, bytes, bytes | None]]) -> None:
    """Insert ``(article_id, signature, shingles)`` rows in one statement."""
    if not rows:
        return
    connection = session.connection()
    mark = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    connection.exec_driver_sql(
        f"INSERT INTO signatures (article_id, signature, shingles) VALUES ({mark}, {mark}, {mark})",
        list(rows),
    )


def _article_row(
    batch: ArticleBatch, i: int, article_id: int, published_at: Any, now: Any
) -> tuple[Any, ...]:
    """Article ``i`` of ``batch`` in the order of `_ARTICLE_COLUMNS` (timestamps as the caller binds them)."""
    return (
        article_id,
        batch.urls[i],
        batch.canonical_urls[i],
        batch.publishers[i],
        batch.domains[i],
        batch.titles[i],
        published_at,
        now,
        now,
        batch.text_hashes[i],
        batch.word_counts[i],
        batch.texts[i],
    )


def _stamp_processor(dialect: Dialect) -> Any:
    """How SQLAlchemy binds an article timestamp on this dialect (UTC; SQLite: its text form)."""
    process = Article.__table__.c.first_seen_at.type.bind_processor(dialect)
    return process if process is not None else (lambda value: value)


def _copy_articles(
    connection: Connection, batch: ArticleBatch, positions: Sequence[int], ids: Sequence[int], now: datetime
) -> None:
    with copy_in(connection, f"COPY articles ({_ARTICLE_COLUMNS}) FROM STDIN (FORMAT BINARY)") as copy:
        copy.set_types(list(_ARTICLE_TYPES))
        for i, article_id in zip(positions, ids, strict=True):
            copy.write_row(_article_row(batch, i, article_id, batch.published_at[i], now))


def _copy_signatures(
    connection: Connection, batch: ArticleBatch, positions: Sequence[int], ids: Sequence[int]
) -> None:
    parts = [_PG_COPY_HEADER]
    for i, article_id in zip(positions, ids, strict=True):
        signature, shingles = batch.signatures[i], batch.shingles[i]
        parts.append(_PG_SIGNATURE.pack(3, 8, article_id, len(signature)))
        parts.append(signature)
        parts.append(_LENGTH.pack(len(shingles)))
        parts.append(shingles)
    parts.append(_PG_COPY_TRAILER)
    statement = "COPY signatures (article_id, signature, shingles) FROM STDIN (FORMAT BINARY)"
    with copy_in(connection, statement) as copy:
        copy.write(b"".join(parts))


BULK_CACHE_KIB = 128 * 1024
"""SQLite page cache for a bulk load's connection (taken as needed): band-key inserts touch many pages."""


def refresh_planner_statistics(session: Session) -> None:
    """After a bulk load into PostgreSQL, ``ANALYZE`` the index tables (a few seconds, sampled), so the
    planner knows their sizes before autovacuum gets to them: without statistics it plans the candidate
    lookup as if the tables were empty. SQLite keeps its plans; nothing is done there."""
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql("ANALYZE articles, signatures, lsh_bands")


def tune_for_bulk_load(session: Session) -> None:
    """Ready the session's connection for a long run of large batches (SQLite: a bigger page cache)."""
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
