"""`Provenance` over SQLAlchemy and in memory: publishers, recorded copies, articles by url.

Like the article index, these flush through the caller's session and never commit.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ScalarSelect, delete, func, or_, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from newsdedup.ports import PublisherInfo, RecordedMatch
from newsdedup.store.models import Article, MatchRecord, Publisher, PublisherDomain
from newsdedup.store.registry import RegistryCache, publisher_infos

CHUNK = 5000
_RECORDED_ORIGINALS = "newsdedup_recorded_originals"
"""Key in ``Session.info``: recorded originals read alongside articles in this unit of work."""


def _chunks(values: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def unique_pairs(records: Sequence[RecordedMatch]) -> list[RecordedMatch]:
    """``records`` with each unordered pair once (the first given wins)."""
    seen: set[tuple[int, int]] = set()
    kept = []
    for record in records:
        pair = (min(record.original_id, record.copy_id), max(record.original_id, record.copy_id))
        if record.original_id != record.copy_id and pair not in seen:
            seen.add(pair)
            kept.append(record)
    return kept


def best_originals(rows: Sequence[tuple[int, int, float]]) -> dict[int, int]:
    """From (copy, original, confidence) rows, each copy's most confident original."""
    best: dict[int, tuple[float, int]] = {}
    for copy_id, original_id, confidence in rows:
        if copy_id not in best or (confidence, -original_id) > (best[copy_id][0], -best[copy_id][1]):
            best[copy_id] = (confidence, original_id)
    return {copy_id: original_id for copy_id, (_, original_id) in best.items()}


def recorded_original_column() -> ScalarSelect[int]:
    """A column for statements over ``articles``: the article's most confident recorded original when it
    was recorded as a copy, else NULL (what `SqlProvenance.originals_of` finds for it)."""
    return (
        select(MatchRecord.original_id)
        .where(MatchRecord.copy_id == Article.id, MatchRecord.relation == "copy")
        .order_by(MatchRecord.confidence.desc(), MatchRecord.original_id)
        .limit(1)
        .scalar_subquery()
    )


def remember_recorded_originals(session: Session, originals: dict[int, int | None]) -> None:
    """Keep originals read alongside articles (`recorded_original_column`, None for none) for the rest of
    the session's unit of work: `SqlProvenance.originals_of` then answers for those articles without a
    statement (one round trip fewer for a match that follows a chain)."""
    session.info.setdefault(_RECORDED_ORIGINALS, {}).update(originals)


def forget_recorded_originals(session: Session) -> None:
    """Drop what `remember_recorded_originals` kept: the session is about to change the records."""
    session.info.pop(_RECORDED_ORIGINALS, None)


class SqlProvenance:
    """Publishers, recorded copies and url lookups in the database of an `SqlArticleIndex`.

    With a ``registry`` cache (a service's), publisher lookups are answered from its copy of the registry.
    """

    def __init__(self, session: Session, registry: RegistryCache | None = None) -> None:
        self._session = session
        self._registry = registry

    def publishers(self, domains: Sequence[str], names: Sequence[str]) -> list[PublisherInfo]:
        """Registered publishers owning any of ``domains`` or called any of ``names`` (case-insensitive)."""
        wanted_domains = sorted({domain.lower() for domain in domains if domain})
        wanted_names = sorted({name.casefold() for name in names if name})
        if not wanted_domains and not wanted_names:
            return []
        if self._registry is not None:
            cached = self._registry.lookup(self._session, wanted_domains, wanted_names)
            if cached is not None:
                return cached
        owning = select(PublisherDomain.publisher_id).where(PublisherDomain.domain.in_(wanted_domains))
        found = self._session.execute(
            select(Publisher.id, Publisher.name, Publisher.original_source).where(
                or_(Publisher.id.in_(owning), func.lower(Publisher.name).in_(wanted_names))
            )
        ).all()
        return publisher_infos(self._session, found)

    def articles_at(self, urls: Sequence[str]) -> list[int]:
        """Ids of articles whose url or canonical url is one of ``urls`` (exact strings)."""
        wanted = sorted(set(urls))
        if not wanted:
            return []
        statement = select(Article.id).where(or_(Article.url.in_(wanted), Article.canonical_url.in_(wanted)))
        return sorted(self._session.scalars(statement.limit(100)))

    def originals_of(self, article_ids: Sequence[int]) -> dict[int, int]:
        """The recorded original of each of ``article_ids`` that was recorded as a copy."""
        read: dict[int, int | None] = self._session.info.get(_RECORDED_ORIGINALS, {})
        wanted = sorted(set(article_ids))
        known = {i: original for i in wanted if (original := read.get(i)) is not None}
        rows: list[tuple[int, int, float]] = []
        for chunk in _chunks([i for i in wanted if i not in read]):
            statement = select(MatchRecord.copy_id, MatchRecord.original_id, MatchRecord.confidence).where(
                MatchRecord.copy_id.in_(chunk), MatchRecord.relation == "copy"
            )
            rows += [(row[0], row[1], row[2]) for row in self._session.execute(statement)]
        return known | best_originals(rows)

    def record(self, records: Sequence[RecordedMatch], replacing: Sequence[int]) -> None:
        """Forget every record involving ``replacing``, then store ``records`` in one bulk insert."""
        forget_recorded_originals(self._session)
        options = {"synchronize_session": False}
        for chunk in _chunks(sorted(set(replacing))):
            self._session.execute(
                delete(MatchRecord).where(
                    or_(MatchRecord.original_id.in_(chunk), MatchRecord.copy_id.in_(chunk))
                ),
                execution_options=options,
            )
        kept = unique_pairs(records)
        if not kept:
            return
        now = datetime.now(UTC)
        rows = [
            {
                "original_id": record.original_id,
                "copy_id": record.copy_id,
                "relation": record.relation,
                "confidence": record.confidence,
                "similarity": record.similarity,
                "reused_original": record.reused_original,
                "reused_copy": record.reused_copy,
                "detected_at": now,
            }
            for record in kept
        ]
        insert = postgresql_insert if self._session.get_bind().dialect.name == "postgresql" else sqlite_insert
        for chunk in _chunks(rows, 1000):
            self._session.execute(insert(MatchRecord).on_conflict_do_nothing(), list(chunk))


class MemoryProvenance:
    """`Provenance` in dicts, for tests and batch jobs: publishers and records given or recorded."""

    def __init__(self, publishers: Sequence[PublisherInfo] = ()) -> None:
        self._publishers = list(publishers)
        self._urls: dict[str, list[int]] = {}
        self.records: dict[tuple[int, int], RecordedMatch] = {}

    def publishers(self, domains: Sequence[str], names: Sequence[str]) -> list[PublisherInfo]:
        """Registered publishers owning any of ``domains`` or called any of ``names``."""
        wanted_names = {name.casefold() for name in names}
        return [
            publisher
            for publisher in self._publishers
            if set(publisher.domains) & set(domains) or publisher.name.casefold() in wanted_names
        ]

    def add_url(self, url: str, article_id: int) -> None:
        """Let `articles_at` find ``article_id`` at ``url``."""
        self._urls.setdefault(url, []).append(article_id)

    def articles_at(self, urls: Sequence[str]) -> list[int]:
        """Ids registered with `add_url` at any of ``urls``."""
        return sorted({article_id for url in urls for article_id in self._urls.get(url, ())})

    def originals_of(self, article_ids: Sequence[int]) -> dict[int, int]:
        """The recorded original of each copy among ``article_ids``."""
        wanted = set(article_ids)
        rows = [
            (record.copy_id, record.original_id, record.confidence)
            for record in self.records.values()
            if record.copy_id in wanted and record.relation == "copy"
        ]
        return best_originals(rows)

    def record(self, records: Sequence[RecordedMatch], replacing: Sequence[int]) -> None:
        """Forget records involving ``replacing``; keep ``records``."""
        gone = set(replacing)
        self.records = {pair: kept for pair, kept in self.records.items() if not gone & set(pair)}
        for record in unique_pairs(records):
            self.records.setdefault((record.original_id, record.copy_id), record)
