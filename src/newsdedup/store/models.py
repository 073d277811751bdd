"""The database tables, as SQLAlchemy 2 typed declarative models (SQLite and PostgreSQL alike).

The Alembic migrations in ``migrations/versions`` create exactly these tables; ``alembic check``
(and ``tests/store/test_migrations.py``) confirms they agree.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    SmallInteger,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ArticleId = BigInteger().with_variant(Integer, "sqlite")
"""BIGINT on PostgreSQL; INTEGER on SQLite, where only INTEGER PRIMARY KEY autoincrements."""


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware timestamp, stored in UTC and always read back aware (SQLite returns naive)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Convert to UTC; SQLite keeps the UTC wall time without an offset."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(
                f"naive datetime {value.isoformat()} cannot be stored: give it a timezone, "
                "e.g. value.replace(tzinfo=UTC) if it is UTC"
            )
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Read naive values as UTC and convert aware ones to UTC."""
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    """Declarative base with the constraint naming convention migrations rely on."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class IndexMeta(Base):
    """The one row saying which signature scheme every stored signature was made under."""

    __tablename__ = "index_meta"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    scheme_id: Mapped[str] = mapped_column(Text)
    scheme_json: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Article(Base):
    """An indexed article: its metadata and its text."""

    __tablename__ = "articles"
    __table_args__: Any = (
        CheckConstraint("url <> ''", name="url_not_empty"),
        CheckConstraint("word_count >= 0", name="word_count_not_negative"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(ArticleId, primary_key=True, autoincrement=True)
    url: Mapped[str] = mapped_column(Text, unique=True)
    canonical_url: Mapped[str | None] = mapped_column(Text, index=True)
    publisher: Mapped[str | None] = mapped_column(Text)
    domain: Mapped[str | None] = mapped_column(Text, index=True)
    title: Mapped[str | None] = mapped_column(Text)
    published_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    first_seen_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    text_hash: Mapped[int] = mapped_column(BigInteger, index=True)
    word_count: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)


class Signature(Base):
    """An article's MinHash signature (little-endian uint32, one per permutation) and its compact shingles
    (little-endian uint32, sorted; `newsdedup.core.fingerprint.compact_shingles`), which verification
    compares without reading the text. Rows stored before shingles were kept have none (NULL)."""

    __tablename__ = "signatures"

    article_id: Mapped[int] = mapped_column(
        ArticleId, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    signature: Mapped[bytes] = mapped_column(LargeBinary)
    shingles: Mapped[bytes | None] = mapped_column(LargeBinary)


class LshBand(Base):
    """One LSH band key of one article; the primary key serves lookups by (band, key).

    No foreign key, for bulk speed: rows are removed by recomputing an article's keys.
    """

    __tablename__ = "lsh_bands"
    __table_args__: Any = ({"sqlite_with_rowid": False},)

    band: Mapped[int] = mapped_column(SmallInteger, primary_key=True, autoincrement=False)
    key: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    article_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)


class MatchRecord(Base):
    """A copy found when an article was indexed: which article reused which, how much, how sure.

    One row per pair, original first; ``relation`` is ``copy`` (``copy_id`` reused ``original_id``) or
    ``duplicate`` (the same text with no way to tell; ``original_id`` was indexed first).
    """

    __tablename__ = "matches"
    __table_args__: Any = (
        CheckConstraint("relation IN ('copy', 'duplicate')", name="relation_known"),
        CheckConstraint("original_id <> copy_id", name="not_self"),
        Index("ix_matches_copy_id", "copy_id"),
    )

    original_id: Mapped[int] = mapped_column(
        ArticleId, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    copy_id: Mapped[int] = mapped_column(
        ArticleId, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    relation: Mapped[str] = mapped_column(Text)
    confidence: Mapped[float] = mapped_column(Float)
    similarity: Mapped[float] = mapped_column(Float)
    reused_original: Mapped[float] = mapped_column(Float)
    """Share of the original found in the copy."""
    reused_copy: Mapped[float] = mapped_column(Float)
    """Share of the copy taken from the original."""
    detected_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Publisher(Base):
    """A registered publisher: its name, whether it is a known original source, and (below) its domains."""

    __tablename__ = "publishers"
    __table_args__: Any = (CheckConstraint("name <> ''", name="name_not_empty"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(Text, unique=True)
    original_source: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class PublisherDomain(Base):
    """A domain (lower-case, without ``www.``) of a registered publisher."""

    __tablename__ = "publisher_domains"

    domain: Mapped[str] = mapped_column(Text, primary_key=True)
    publisher_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("publishers.id", ondelete="CASCADE"), index=True
    )


class ApiKey(Base):
    """An API key for the write endpoints, stored as the SHA-256 of the key (the key itself is not kept)."""

    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(Text)
    key_hash: Mapped[str] = mapped_column(Text, unique=True)
    prefix: Mapped[str] = mapped_column(Text)
    """The key's first characters, to recognise it in a listing."""
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
