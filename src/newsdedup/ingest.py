"""Bulk indexing on every core: worker processes fingerprint batches while this process stores them.

Batches are stored in input order, each in its own transaction, so a run that stops part-way keeps
every batch before the stop. Fingerprinting (normalize, shingle, sign) is the CPU-bound part and
parallelises; the writes stay in one process and one connection.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor

from sqlalchemy.orm import Session, sessionmaker

from newsdedup.core import Fingerprint, SignatureScheme, fingerprint_many
from newsdedup.detector import ArticleInput, domain_of
from newsdedup.ports import NewArticle
from newsdedup.store.db import transaction
from newsdedup.store.sql import SqlArticleIndex


def default_workers() -> int:
    """One fingerprinting process per core."""
    return max(1, os.cpu_count() or 1)


def _fingerprints(texts: list[str], scheme: SignatureScheme) -> list[Fingerprint]:
    return fingerprint_many(texts, scheme)


def store_batch(
    sessions: sessionmaker[Session],
    scheme: SignatureScheme,
    batch: Sequence[ArticleInput],
    prints: Sequence[Fingerprint],
) -> int:
    """Upsert one fingerprinted batch in one transaction; the number of articles given."""
    articles = [
        NewArticle(
            url=item.url,
            text=item.text,
            fingerprint=print_,
            title=item.title,
            publisher=item.publisher,
            domain=domain_of(item.url),
            canonical_url=item.canonical_url,
            published_at=item.published_at,
        )
        for item, print_ in zip(batch, prints, strict=True)
    ]
    with transaction(sessions) as session:
        SqlArticleIndex(session, scheme).upsert_many(articles)
    return len(batch)


def index_batches(
    batches: Iterable[Sequence[ArticleInput]],
    sessions: sessionmaker[Session],
    scheme: SignatureScheme,
    *,
    workers: int | None = None,
) -> Iterator[int]:
    """Store each batch (new urls inserted, known ones updated); yield each batch's size once committed.

    With ``workers`` > 1, up to ``workers + 1`` batches are fingerprinted ahead in worker processes.
    """
    count = default_workers() if workers is None else workers
    if count <= 1:
        for batch in batches:
            prints = fingerprint_many([item.text for item in batch], scheme)
            yield store_batch(sessions, scheme, batch, prints)
        return
    # spawn, not fork: the parent may hold locks in other threads (progress bar, connection pool).
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(count, mp_context=context) as pool:
        pending: deque[tuple[Sequence[ArticleInput], Future[list[Fingerprint]]]] = deque()
        for batch in batches:
            pending.append((batch, pool.submit(_fingerprints, [item.text for item in batch], scheme)))
            if len(pending) > count:
                done, future = pending.popleft()
                yield store_batch(sessions, scheme, done, future.result())
        while pending:
            done, future = pending.popleft()
            yield store_batch(sessions, scheme, done, future.result())
