"""`ArticleIndex` over SQLAlchemy (SQLite or PostgreSQL): bulk writes, one-statement candidate lookups.

Every method flushes through the caller's session and never commits: wrap the work in
`newsdedup.store.db.transaction` so an article, its signature and its band keys land together.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any, NamedTuple

import numpy as np
from sqlalchemy import BigInteger, Dialect, any_, bindparam, delete, func, select, update
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from newsdedup.core.fingerprint import (
    Fingerprint,
    shingles_from_bytes,
    signature_from_bytes,
)
from newsdedup.core.minhash import band_keys
from newsdedup.core.pairs import ShingledText
from newsdedup.core.scheme import SignatureScheme
from newsdedup.ports import Candidate, IndexStats, NewArticle, StoredArticle, UpsertOutcome
from newsdedup.store.bands import BandRows, delete_band_rows, find_candidates, insert_band_rows
from newsdedup.store.batch import check_articles, check_fingerprint_scheme, last_wins, sequential_outcomes
from newsdedup.store.bulk import (
    ArticleBatch,
    insert_articles,
    insert_signatures,
    reserve_article_ids,
    tune_for_bulk_load,
)
from newsdedup.store.driver import fetch_binary, is_psycopg
from newsdedup.store.first_load import FirstLoad
from newsdedup.store.meta import SchemeConfirmation, ensure_scheme, stored_scheme
from newsdedup.store.models import Article, LshBand, Signature
from newsdedup.store.provenance import (
    forget_recorded_originals,
    recorded_original_column,
    remember_recorded_originals,
)

CHUNK = 5000
"""Most values bound in one IN list (SQLite allows 32766 parameters per statement)."""
BULK_BATCH = 100
"""Batches of this many articles or more ready their connection for bulk writes (`tune_for_bulk_load`:
on SQLite a larger page cache, which the band index's inserts all over its B-tree need)."""

_ARTICLE_COLUMNS = (
    Article.id,
    Article.url,
    Article.text,
    Article.text_hash,
    Article.first_seen_at,
    Article.title,
    Article.publisher,
    Article.domain,
    Article.canonical_url,
    Article.published_at,
)


class _Known(NamedTuple):
    id: int
    signature: bytes | None
    shingles: bytes | None


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _chunks(values: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _stored(row: Any) -> StoredArticle:
    return StoredArticle(
        id=row.id,
        url=row.url,
        text=row.text,
        text_hash=row.text_hash,
        first_seen_at=row.first_seen_at.astimezone(UTC),
        title=row.title,
        publisher=row.publisher,
        domain=row.domain,
        canonical_url=row.canonical_url,
        published_at=_utc(row.published_at),
    )


def _utc(moment: datetime | None) -> datetime | None:
    """Timestamps read by psycopg directly come in the session's time zone; SQLAlchemy's are UTC already."""
    return moment if moment is None or moment.tzinfo is UTC else moment.astimezone(UTC)


_ARTICLES_WITH_ORIGINALS = select(*_ARTICLE_COLUMNS, recorded_original_column().label("recorded_original"))


@lru_cache(maxsize=4)
def _articles_by_ids(dialect: Dialect) -> tuple[str, dict[str, Any]]:
    """`_ARTICLES_WITH_ORIGINALS` of the ids in parameter ``ids``, compiled once for psycopg: its SQL and
    its fixed parameters."""
    compiled = _ARTICLES_WITH_ORIGINALS.where(
        Article.id == any_(bindparam("ids", type_=ARRAY(BigInteger)))
    ).compile(dialect=dialect)
    return str(compiled), {name: value for name, value in compiled.params.items() if name != "ids"}


def _keys_of(signatures: Iterable[bytes], scheme: SignatureScheme) -> np.ndarray:
    stacked = np.stack([signature_from_bytes(data, scheme) for data in signatures])
    return band_keys(stacked, scheme)


class SqlArticleIndex:
    """Articles, signatures and LSH band keys in SQL tables, under one signature scheme.

    The scheme is checked against ``index_meta`` on first use (recorded there by the first write);
    a different stored scheme raises `SchemeError` with re-index advice. A `SchemeConfirmation` shared
    between indexes over one database spares reads that check while it is fresh. With a `FirstLoad`,
    band keys go to it instead of being kept under the primary key batch by batch.
    """

    def __init__(
        self,
        session: Session,
        scheme: SignatureScheme,
        *,
        clock: Callable[[], datetime] = _utc_now,
        confirmation: SchemeConfirmation | None = None,
        first_load: FirstLoad | None = None,
    ) -> None:
        self._session = session
        self._first_load = first_load
        self._scheme = scheme
        self._clock = clock
        self._confirmation = confirmation
        self._scheme_confirmed = False

    @property
    def scheme(self) -> SignatureScheme:
        """The scheme every stored signature was made under."""
        return self._scheme

    def _confirm_scheme(self) -> None:
        """Check the stored scheme once for reads; an empty index has nothing to disagree with."""
        if self._scheme_confirmed:
            return
        if self._confirmation is not None and self._confirmation.is_fresh(self._scheme):
            self._scheme_confirmed = True
            return
        stored = stored_scheme(self._session)
        if stored is not None:
            self._scheme.require_same(stored)
            self._scheme_confirmed = True
            if self._confirmation is not None:
                self._confirmation.confirm(self._scheme)

    def upsert_many(self, articles: Sequence[NewArticle]) -> list[UpsertOutcome]:
        """Insert new urls and replace known ones (text, signature, band keys; id and first_seen_at stay).

        A url given twice in one batch is stored once, with its last version. A few statements
        for the whole batch, whatever its size.
        """
        if not articles:
            return []
        check_articles(articles, self._scheme)
        return self.upsert_batch(ArticleBatch.of(articles, self._scheme))

    def upsert_batch(self, batch: ArticleBatch) -> list[UpsertOutcome]:
        """`upsert_many` for articles already in their stored form (built in worker processes by bulk
        loads). New urls get ids reserved in one statement and go in with COPY (PostgreSQL) or one
        prepared ``executemany`` per table (SQLite); known urls are updated."""
        if not len(batch):
            return []
        batch.check(self._scheme)
        ensure_scheme(self._session, self._scheme)
        if len(batch) >= BULK_BATCH:
            tune_for_bulk_load(self._session)
        chosen = last_wins(batch.urls)
        urls = list(chosen)
        known = self._lookup(urls if self._first_load is None else self._first_load.stored_before(urls))
        now = self._clock()

        new = [position for url, position in chosen.items() if url not in known]
        new_ids = reserve_article_ids(self._session, len(new))
        insert_articles(self._session, batch, new, new_ids, now)
        replaced = [(known[url], position) for url, position in chosen.items() if url in known]
        self._update_articles(batch, replaced, now)

        changed = [
            (old, position)
            for old, position in replaced
            if (old.signature, old.shingles) != (batch.signatures[position], batch.shingles[position])
        ]
        self._replace_signatures(batch, changed)
        if self._first_load is not None:
            self._first_load.stored([batch.urls[position] for position in new])
            new_keys = batch.band_keys[np.asarray(new, dtype=np.intp)]
            self._first_load.insert(new_ids, new_keys)
            changed_keys = batch.band_keys[np.asarray([position for _, position in changed], dtype=np.intp)]
            self._first_load.rekey([old.id for old, _ in changed], changed_keys)
        else:
            self._replace_band_rows(batch, new, new_ids, changed)

        ids = dict(zip((batch.urls[position] for position in new), new_ids, strict=True))
        ids |= {url: old.id for url, old in known.items()}
        return sequential_outcomes(batch.urls, ids, set(known))

    def _replace_band_rows(
        self, batch: ArticleBatch, new: list[int], new_ids: list[int], changed: list[tuple[_Known, int]]
    ) -> None:
        stale = [old for old, _ in changed if old.signature is not None]
        if stale:
            stale_keys = _keys_of((old.signature for old in stale if old.signature is not None), self._scheme)
            delete_band_rows(self._session, BandRows.of([old.id for old in stale], stale_keys))
        fresh_ids = new_ids + [old.id for old, _ in changed]
        if fresh_ids:
            keys = batch.band_keys[np.asarray(new + [position for _, position in changed], dtype=np.intp)]
            insert_band_rows(self._session, BandRows.in_key_order_of(fresh_ids, keys))

    def _lookup(self, urls: list[str]) -> dict[str, _Known]:
        known: dict[str, _Known] = {}
        for chunk in _chunks(urls):
            statement = (
                select(Article.url, Article.id, Signature.signature, Signature.shingles)
                .outerjoin(Signature, Signature.article_id == Article.id)
                .where(Article.url.in_(chunk))
            )
            for url, article_id, signature, shingles in self._session.execute(statement):
                known[url] = _Known(article_id, signature, shingles)
        return known

    def _update_articles(
        self, batch: ArticleBatch, replaced: list[tuple[_Known, int]], now: datetime
    ) -> None:
        if not replaced:
            return
        rows = [
            {
                "id": old.id,
                "url": batch.urls[i],
                "canonical_url": batch.canonical_urls[i],
                "publisher": batch.publishers[i],
                "domain": batch.domains[i],
                "title": batch.titles[i],
                "published_at": batch.published_at[i],
                "updated_at": now,
                "text_hash": batch.text_hashes[i],
                "word_count": batch.word_counts[i],
                "text": batch.texts[i],
            }
            for old, i in replaced
        ]
        self._session.execute(update(Article), rows)

    def _replace_signatures(self, batch: ArticleBatch, changed: list[tuple[_Known, int]]) -> None:
        for chunk in _chunks([old.id for old, _ in changed]):
            self._session.execute(
                delete(Signature).where(Signature.article_id.in_(chunk)),
                execution_options={"synchronize_session": False},
            )
        insert_signatures(
            self._session, [(old.id, batch.signatures[i], batch.shingles[i]) for old, i in changed]
        )

    def candidates(self, fingerprint: Fingerprint, limit: int) -> list[Candidate]:
        """Articles sharing a band key or the exact normalized text, most shared bands first (one query)."""
        check_fingerprint_scheme(fingerprint.scheme_id, self._scheme, what="the query")
        self._confirm_scheme()
        return find_candidates(self._session, fingerprint, limit)

    def shingles_many(self, article_ids: Sequence[int]) -> dict[int, ShingledText]:
        """Text hash and compact shingles of several articles; those stored without shingles are absent."""
        found: dict[int, ShingledText] = {}
        for chunk in _chunks(list(dict.fromkeys(article_ids))):
            statement = (
                select(Signature.article_id, Article.text_hash, Signature.shingles)
                .join(Article, Article.id == Signature.article_id)
                .where(Signature.article_id.in_(chunk))
            )
            for article_id, text_hash, data in self._session.execute(statement):
                if data is not None:
                    found[article_id] = ShingledText(text_hash, shingles_from_bytes(data))
        return found

    def get(self, article_id: int) -> StoredArticle | None:
        """One article by id."""
        row = self._session.execute(select(*_ARTICLE_COLUMNS).where(Article.id == article_id)).first()
        return None if row is None else _stored(row)

    def get_many(self, article_ids: Sequence[int]) -> dict[int, StoredArticle]:
        """Several articles by id; missing ids are absent from the result. Each one's recorded original
        is read with it (`remember_recorded_originals`); through psycopg, in binary (`fetch_binary`)."""
        found: dict[int, StoredArticle] = {}
        originals: dict[int, int | None] = {}
        connection = self._session.connection()
        binary = _articles_by_ids(connection.dialect) if is_psycopg(connection) else None
        for chunk in _chunks(list(dict.fromkeys(article_ids))):
            if binary is not None:
                statement, params = binary
                rows = fetch_binary(connection, statement, params | {"ids": list(chunk)}, named=True)
            else:
                rows = list(self._session.execute(_ARTICLES_WITH_ORIGINALS.where(Article.id.in_(chunk))))
            for row in rows:
                found[row.id] = _stored(row)
                originals[row.id] = row.recorded_original
        remember_recorded_originals(self._session, originals)
        return found

    def get_by_url(self, url: str) -> StoredArticle | None:
        """One article by its exact url."""
        row = self._session.execute(select(*_ARTICLE_COLUMNS).where(Article.url == url)).first()
        return None if row is None else _stored(row)

    def signature(self, article_id: int) -> np.ndarray | None:
        """The stored signature of an article, or None."""
        data = self._session.scalar(select(Signature.signature).where(Signature.article_id == article_id))
        return None if data is None else signature_from_bytes(data, self._scheme)

    def delete(self, article_id: int) -> bool:
        """Remove an article with its signature and band keys; False when there was none."""
        self._confirm_scheme()
        forget_recorded_originals(self._session)  # its records go with it (ON DELETE CASCADE)
        data = self._session.scalar(select(Signature.signature).where(Signature.article_id == article_id))
        if data is not None:
            delete_band_rows(self._session, BandRows.of([article_id], _keys_of([data], self._scheme)))
        options = {"synchronize_session": False}
        self._session.execute(
            delete(Signature).where(Signature.article_id == article_id), execution_options=options
        )
        deleted = self._session.execute(
            delete(Article).where(Article.id == article_id).returning(Article.id), execution_options=options
        )
        return deleted.first() is not None

    def iter_articles(self, batch_size: int = 1000) -> Iterator[StoredArticle]:
        """Every article in id order, read ``batch_size`` at a time (safe to upsert while iterating)."""
        after = 0
        while True:
            statement = select(*_ARTICLE_COLUMNS).where(Article.id > after).order_by(Article.id)
            rows = self._session.execute(statement.limit(batch_size)).all()
            if not rows:
                return
            for row in rows:
                yield _stored(row)
            after = rows[-1].id

    def stats(self) -> IndexStats:
        """Counts of what is stored, and the stored scheme's id."""
        articles = self._session.scalar(select(func.count()).select_from(Article)) or 0
        band_rows = self._session.scalar(select(func.count()).select_from(LshBand)) or 0
        stored = stored_scheme(self._session)
        return IndexStats(
            articles=articles, band_rows=band_rows, scheme_id=None if stored is None else stored.id
        )
