"""The article index as an interface: what the detector needs from storage, and the records it trades.

`newsdedup.store.sql.SqlArticleIndex` implements it over SQLAlchemy (SQLite or PostgreSQL);
`newsdedup.store.memory.MemoryArticleIndex` implements it in memory for tests and batch jobs.
Implementations flush but never commit: the caller owns the transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from newsdedup.core.citations import domain_of
from newsdedup.core.fingerprint import Fingerprint
from newsdedup.core.pairs import ShingledText
from newsdedup.core.scheme import SignatureScheme


class ArticleFields(Protocol):
    """What an article to index says about itself, wherever it comes from (API, file, crawl, the store)."""

    @property
    def url(self) -> str:
        """Where it was published."""
        ...

    @property
    def text(self) -> str:
        """Its plain text."""
        ...

    @property
    def title(self) -> str | None:
        """Its title, if known."""
        ...

    @property
    def publisher(self) -> str | None:
        """Who published it, if known."""
        ...

    @property
    def canonical_url(self) -> str | None:
        """The canonical link or og:url of its page, if any."""
        ...

    @property
    def published_at(self) -> datetime | None:
        """When it was published, if known."""
        ...


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

    @classmethod
    def of(cls, fields: ArticleFields, fingerprint: Fingerprint) -> NewArticle:
        """The article to store for ``fields`` (its domain read from its url) and its fingerprint."""
        return cls(
            url=fields.url,
            text=fields.text,
            fingerprint=fingerprint,
            title=fields.title,
            publisher=fields.publisher,
            domain=domain_of(fields.url),
            canonical_url=fields.canonical_url,
            published_at=fields.published_at,
        )


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


BUCKET_READ_LIMIT = 256
"""Articles a query reads per band key. A key held by more (a stock phrase, a template, a story
reprinted everywhere) counts for its first 256 holders only, the earliest indexed: a query then reads at
most 64 x 256 band rows whatever the index size, where an unbounded key could make it read tens of
thousands. A true copy shares dozens of keys, most of them rare, so its original still ranks first."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """An indexed article that may share text with a query."""

    article_id: int
    band_hits: int
    """How many LSH bands it shares with the query."""
    same_text: bool
    """True when its normalized text hash equals the query's (found without LSH)."""
    side: ShingledText | None = field(default=None, compare=False)
    """Its text hash and compact shingles, when the index keeps them (read in the same lookup)."""


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
        """Articles sharing a band key (the first `BUCKET_READ_LIMIT` of each key, by id) or the exact
        normalized text, most shared bands first; ``limit`` of them."""
        ...

    def shingles_many(self, article_ids: Sequence[int]) -> dict[int, ShingledText]:
        """Text hash and compact shingles (`compact_shingles`) of several articles, as stored with their
        signatures; missing ids, and articles stored without shingles, are absent."""
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


@dataclass(frozen=True, slots=True)
class PublisherInfo:
    """A registered publisher: its name, its domains, and whether it is a known original source."""

    name: str
    domains: tuple[str, ...] = ()
    original_source: bool = False


@dataclass(frozen=True, slots=True)
class RecordedMatch:
    """A copy found when an article was indexed, as the audit keeps it (original first)."""

    original_id: int
    copy_id: int
    relation: str
    """``copy`` (``copy_id`` reused ``original_id``) or ``duplicate`` (no way to tell which came first)."""
    confidence: float
    similarity: float
    reused_original: float
    """Share of the original found in the copy."""
    reused_copy: float
    """Share of the copy taken from the original."""


class Provenance(Protocol):
    """What attribution reads and writes besides articles: publishers, recorded copies, url lookups.

    Implementations flush but never commit, like `ArticleIndex`.
    """

    def publishers(self, domains: Sequence[str], names: Sequence[str]) -> list[PublisherInfo]:
        """Registered publishers owning any of ``domains`` or called any of ``names`` (case-insensitive)."""
        ...

    def articles_at(self, urls: Sequence[str]) -> list[int]:
        """Ids of articles whose url or canonical url is one of ``urls`` (exact strings)."""
        ...

    def originals_of(self, article_ids: Sequence[int]) -> dict[int, int]:
        """The recorded original of each of ``article_ids`` that was recorded as a copy."""
        ...

    def record(self, records: Sequence[RecordedMatch], replacing: Sequence[int]) -> None:
        """Forget every record involving ``replacing``, then store ``records`` (a pair once)."""
        ...
