"""The article index as an interface: what the detector needs from storage, and the records it trades.

`newsdedup.store.sql.SqlArticleIndex` implements it over SQLAlchemy (SQLite or PostgreSQL);
`newsdedup.store.memory.MemoryArticleIndex` implements it in memory for tests and batch jobs.
Implementations flush but never commit: the caller owns the transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from newsdedup.core.fingerprint import Fingerprint
from newsdedup.core.scheme import SignatureScheme


@dataclass(frozen=True, slots=True)
class NewArticle:
    """An article ready to store: its fields and its fingerprint under the index's scheme."""

    url: str
    text: str
    fingerprint: Fingerprint
    title: str | None = None
    publisher: str | None = None
    domain: str | None = None
    canonical_url: str | None = None
    published_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """An article as the index holds it."""

    id: int
    url: str
    text: str
    text_hash: int
    first_seen_at: datetime
    title: str | None = None
    publisher: str | None = None
    domain: str | None = None
    canonical_url: str | None = None
    published_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Candidate:
    """An indexed article that may share text with a query."""

    article_id: int
    band_hits: int
    """How many LSH bands it shares with the query."""
    same_text: bool
    """True when its normalized text hash equals the query's (found without LSH)."""


@dataclass(frozen=True, slots=True)
class UpsertOutcome:
    """What storing one article did."""

    id: int
    created: bool


@dataclass(frozen=True, slots=True)
class IndexStats:
    """Counts for `newsdedup stats` and the health endpoints."""

    articles: int
    band_rows: int
    scheme_id: str | None


class ArticleIndex(Protocol):
    """Storage of articles with their signatures and LSH band keys, under one signature scheme."""

    @property
    def scheme(self) -> SignatureScheme:
        """The scheme every stored signature was made under."""
        ...

    def upsert_many(self, articles: Sequence[NewArticle]) -> list[UpsertOutcome]:
        """Insert new urls and replace known ones (text, signature and band keys together)."""
        ...

    def candidates(self, fingerprint: Fingerprint, limit: int) -> list[Candidate]:
        """Articles sharing a band key or the exact normalized text, most shared bands first."""
        ...

    def get(self, article_id: int) -> StoredArticle | None:
        """One article by id."""
        ...

    def get_many(self, article_ids: Sequence[int]) -> dict[int, StoredArticle]:
        """Several articles by id; missing ids are absent from the result."""
        ...

    def get_by_url(self, url: str) -> StoredArticle | None:
        """One article by its exact url."""
        ...

    def delete(self, article_id: int) -> bool:
        """Remove an article with its signature and band keys; False when there was none."""
        ...

    def stats(self) -> IndexStats:
        """Counts of what is stored."""
        ...
