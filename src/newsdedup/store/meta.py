"""The stored signature scheme (table ``index_meta``): read it, record it once, or start over."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from newsdedup.core.scheme import SchemeError, SignatureScheme
from newsdedup.store.models import IndexMeta, LshBand, Signature

_META_ID = 1


class SchemeConfirmation:
    """Remembers for ``ttl`` seconds that a database's stored scheme was found equal to ours.

    A long-running service keeps one per database, so that reads check ``index_meta`` once per interval
    rather than once per request. A re-index under another scheme while it runs is noticed within
    ``ttl`` seconds (until then its lookups find no candidates).
    """

    def __init__(self, ttl: float = 10.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl = ttl
        self._clock = clock
        self._confirmed: dict[str, float] = {}

    def is_fresh(self, scheme: SignatureScheme) -> bool:
        """True when ``scheme`` was confirmed less than ``ttl`` seconds ago."""
        confirmed_at = self._confirmed.get(scheme.id)
        return confirmed_at is not None and self._clock() - confirmed_at < self.ttl

    def confirm(self, scheme: SignatureScheme) -> None:
        """Note that the stored scheme was just found equal to ``scheme``."""
        self._confirmed = {scheme.id: self._clock()}


def stored_scheme(session: Session) -> SignatureScheme | None:
    """The scheme the index was built under, or None before anything was stored."""
    scheme_json = session.scalar(select(IndexMeta.scheme_json).where(IndexMeta.id == _META_ID))
    if scheme_json is None:
        return None
    try:
        values = json.loads(scheme_json)
    except json.JSONDecodeError as error:
        raise SchemeError(
            f"index_meta holds an unreadable scheme ({error}); re-index with `newsdedup reindex`"
        ) from error
    return SignatureScheme.from_dict(values)


def ensure_scheme(session: Session, scheme: SignatureScheme) -> None:
    """Record ``scheme`` if the index has none yet; raise `SchemeError` if it has another one.

    Safe under concurrent first writers: the insert does nothing when a row is already there.
    """
    stored = stored_scheme(session)
    if stored is None:
        values = {
            "id": _META_ID,
            "scheme_id": scheme.id,
            "scheme_json": scheme.canonical_json(),
            "created_at": datetime.now(UTC),
        }
        if session.get_bind().dialect.name == "postgresql":
            session.execute(postgresql_insert(IndexMeta).values(values).on_conflict_do_nothing())
        else:
            session.execute(sqlite_insert(IndexMeta).values(values).on_conflict_do_nothing())
        stored = stored_scheme(session)
    if stored is None:
        raise SchemeError("index_meta could not be written; check that the database is writable")
    scheme.require_same(stored)


def reset_index(session: Session, scheme: SignatureScheme) -> None:
    """Drop every signature and band key and adopt ``scheme``; the articles stay, to be re-fingerprinted.

    The first step of a re-index: afterwards upsert each article again under ``scheme``
    (``SqlArticleIndex.iter_articles`` walks them). Flushes; the caller commits.
    """
    session.execute(delete(LshBand))
    session.execute(delete(Signature))
    session.execute(delete(IndexMeta))
    ensure_scheme(session, scheme)
