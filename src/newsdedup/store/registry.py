"""The publisher registry kept in memory by a long-running service, so a match does not query it.

A match asks the registry about every domain it meets (one or two statements a request, a tenth of a
match request's time at 1M articles). The registry is small and rarely changes, so a service reads it
whole once per ``ttl`` and answers from memory.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from newsdedup.ports import PublisherInfo
from newsdedup.store.models import Publisher, PublisherDomain


@dataclass(frozen=True, slots=True)
class RegistrySnapshot:
    """Every registered publisher, by lower-cased domain and by case-folded name."""

    by_domain: dict[str, PublisherInfo]
    by_name: dict[str, list[PublisherInfo]]

    @classmethod
    def of(cls, publishers: Sequence[PublisherInfo]) -> RegistrySnapshot:
        """Index ``publishers`` for lookups."""
        by_domain: dict[str, PublisherInfo] = {}
        by_name: dict[str, list[PublisherInfo]] = {}
        for publisher in publishers:
            by_name.setdefault(publisher.name.casefold(), []).append(publisher)
            for domain in publisher.domains:
                by_domain[domain.lower()] = publisher
        return cls(by_domain, by_name)

    def lookup(self, domains: Sequence[str], names: Sequence[str]) -> list[PublisherInfo]:
        """Publishers owning any of ``domains`` or called any of ``names`` (case-insensitive), each once."""
        found: dict[str, PublisherInfo] = {}
        for domain in domains:
            publisher = self.by_domain.get(domain.lower()) if domain else None
            if publisher is not None:
                found[publisher.name] = publisher
        for name in names:
            for publisher in self.by_name.get(name.casefold(), ()) if name else ():
                found[publisher.name] = publisher
        return sorted(found.values(), key=lambda publisher: publisher.name.casefold())


class RegistryCache:
    """One process's copy of a database's publisher registry, read whole and kept for ``ttl`` seconds.

    Changes made through this process are seen at once (call `invalidate` after their commit); changes
    made elsewhere (another worker, the CLI) within ``ttl`` seconds. A registry of more than
    ``max_publishers`` is not kept: `lookup` then returns None and the caller queries the database.
    """

    def __init__(
        self, ttl: float = 5.0, max_publishers: int = 20_000, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.ttl = ttl
        self.max_publishers = max_publishers
        self._clock = clock
        self._lock = threading.Lock()
        self._generation = 0
        self._loaded: tuple[float, RegistrySnapshot | None] | None = None

    def invalidate(self) -> None:
        """Forget the copy: the registry was just changed (and committed) through this process."""
        with self._lock:
            self._generation += 1
            self._loaded = None

    def lookup(
        self, session: Session, domains: Sequence[str], names: Sequence[str]
    ) -> list[PublisherInfo] | None:
        """Publishers owning any of ``domains`` or called any of ``names``; None when the registry is too
        large to keep."""
        snapshot = self._snapshot(session)
        return None if snapshot is None else snapshot.lookup(domains, names)

    def _snapshot(self, session: Session) -> RegistrySnapshot | None:
        with self._lock:
            loaded, generation = self._loaded, self._generation
        if loaded is not None and self._clock() - loaded[0] < self.ttl:
            return loaded[1]
        read_at = self._clock()
        snapshot = _read_registry(session, self.max_publishers)
        with self._lock:
            if generation == self._generation:
                self._loaded = (read_at, snapshot)
        return snapshot


def publisher_infos(session: Session, rows: Sequence[Any]) -> list[PublisherInfo]:
    """`PublisherInfo` for rows of (id, name, original_source), with each publisher's domains."""
    if not rows:
        return []
    domains: dict[int, list[str]] = {}
    statement = (
        select(PublisherDomain.publisher_id, PublisherDomain.domain)
        .where(PublisherDomain.publisher_id.in_([row.id for row in rows]))
        .order_by(PublisherDomain.domain)
    )
    for publisher_id, domain in session.execute(statement):
        domains.setdefault(publisher_id, []).append(domain)
    return [
        PublisherInfo(row.name, tuple(domains.get(row.id, ())), bool(row.original_source)) for row in rows
    ]


def _read_registry(session: Session, limit: int) -> RegistrySnapshot | None:
    """The whole registry, or None if it has more than ``limit`` publishers."""
    rows = session.execute(
        select(Publisher.id, Publisher.name, Publisher.original_source)
        .order_by(func.lower(Publisher.name), Publisher.id)
        .limit(limit + 1)
    ).all()
    return None if len(rows) > limit else RegistrySnapshot.of(publisher_infos(session, rows))
