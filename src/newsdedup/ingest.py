"""Bulk indexing on every core: worker processes parse, check and fingerprint while this process stores.

The reader hands out JSONL lines unparsed (`newsdedup.io.RawLine`; other formats come as records) in
chunks; a worker turns a chunk into an `ArticleBatch` (what the tables keep: fields, text hash,
signature bytes, compact shingle bytes, band keys) and the chunk's bad records, each at its place.
This process stores the batches in input order, each in its own transaction, and reports the bad
records in input order too, so a run that stops at the first bad record keeps every article before it
and nothing after it. A load that begins on an empty index is instead one transaction, whose band keys
are indexed once at the end (`newsdedup.store.first_load`): interrupted or failed, it stores nothing;
stopped at a bad record, it commits the articles before it.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import closing, contextmanager
from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from newsdedup.core import SignatureScheme, fingerprint_many
from newsdedup.detector import ArticleInput
from newsdedup.extract import ExtractionError, extract_article
from newsdedup.io.readers import RawLine
from newsdedup.io.records import ArticleRecord, RecordError
from newsdedup.iterutil import batched, in_order
from newsdedup.ports import NewArticle
from newsdedup.store.bulk import ArticleBatch, tune_for_bulk_load
from newsdedup.store.db import transaction
from newsdedup.store.first_load import FirstLoad
from newsdedup.store.sql import SqlArticleIndex
from newsdedup.validation import check_has_words, check_text

Entry = ArticleRecord | RawLine | RecordError
"""What the reader gives: a record, a JSONL line still to parse, or a bad record reported while reading."""


def default_workers() -> int:
    """One preparing process per core."""
    return max(1, os.cpu_count() or 1)


@dataclass(frozen=True, slots=True)
class PreparingPool:
    """Worker processes that `prepare` chunks, and how many there are."""

    executor: Executor
    workers: int


def as_input(record: ArticleRecord) -> ArticleInput:
    """The article to index from a record: its text (extracted from ``html`` if need be), checked.

    Raises `ExtractionError` or `ValueError` saying what is wrong.
    """
    text, title, published_at, canonical = record.text, record.title, record.published_at, None
    if text is None:
        extracted = extract_article(record.html or "", url=record.url)
        text, title = extracted.text, title or extracted.title
        published_at = published_at or extracted.published_at
        canonical = extracted.canonical_url or extracted.og_url
    return ArticleInput(
        url=record.url,
        text=check_has_words(check_text(text, "text"), "text"),
        title=title,
        publisher=record.publisher,
        published_at=published_at,
        canonical_url=canonical,
    )


@dataclass(frozen=True, slots=True)
class Prepared:
    """A chunk of input made ready to store, and its bad records."""

    batch: ArticleBatch
    errors: list[tuple[int, str]]
    """Each bad record as (how many of the batch's articles come before it, ``FILE:LINE: message``)."""


def prepare(entries: Sequence[Entry], scheme: SignatureScheme) -> Prepared:
    """Parse, check and fingerprint a chunk of input (in a worker process)."""
    inputs: list[ArticleInput] = []
    errors: list[tuple[int, str]] = []
    for entry in entries:
        if isinstance(entry, RecordError):
            errors.append((len(inputs), str(entry)))
            continue
        try:
            record = entry.parse() if isinstance(entry, RawLine) else entry
        except RecordError as error:
            errors.append((len(inputs), str(error)))
            continue
        if record is None:
            continue
        try:
            inputs.append(as_input(record))
        except (ExtractionError, ValueError) as error:
            errors.append((len(inputs), str(RecordError(record.source, str(error)))))
    prints = fingerprint_many([item.text for item in inputs], scheme)
    articles = [NewArticle.of(item, print_) for item, print_ in zip(inputs, prints, strict=True)]
    return Prepared(ArticleBatch.of(articles, scheme), errors)


@contextmanager
def worker_pool(workers: int | None = None) -> Iterator[PreparingPool | None]:
    """Processes that `prepare` chunks (None for ``workers`` = 1: then this process does it).

    Open it before any database connection or thread exists: on Linux the workers are forked (no
    re-import, no start-up cost), all of them at once, here.
    """
    count = default_workers() if workers is None else workers
    if count <= 1:
        yield None
        return
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    with ProcessPoolExecutor(count, mp_context=context) as pool:
        for future in [pool.submit(os.getpid) for _ in range(count)]:
            future.result()
        yield PreparingPool(pool, count)


def entries_of(
    read: Callable[[Callable[[RecordError], None]], Iterable[ArticleRecord | RawLine]],
) -> Iterator[Entry]:
    """The reader's output with the errors it reports put in their place among the records.

    ``read(on_error)`` is a reader such as ``lambda report: read_raw(files, on_error=report)``.
    """
    reported: list[RecordError] = []
    for item in read(reported.append):
        if reported:
            yield from reported
            reported.clear()
        yield item
    yield from reported


def store(sessions: sessionmaker[Session], scheme: SignatureScheme, batch: ArticleBatch) -> int:
    """Upsert one batch in one transaction; the number of articles given."""
    if len(batch):
        with transaction(sessions) as session:
            tune_for_bulk_load(session)
            SqlArticleIndex(session, scheme).upsert_batch(batch)
    return len(batch)


Store = Callable[[ArticleBatch], int]
"""Stores a batch; returns the number of articles given."""


@contextmanager
def storing(
    sessions: sessionmaker[Session], scheme: SignatureScheme, *, first_load: bool = True
) -> Iterator[Store]:
    """How a load stores its batches: each in its own transaction, or, when ``first_load`` is allowed and
    the index is empty, all in one transaction that builds the band index at the end and commits when
    the block ends without an error (`FirstLoad`)."""
    if first_load:
        with transaction(sessions) as session:
            tune_for_bulk_load(session)
            deferred = FirstLoad.begin(session)
            if deferred is not None:
                index = SqlArticleIndex(session, scheme, first_load=deferred)

                def put(batch: ArticleBatch) -> int:
                    if len(batch):
                        index.upsert_batch(batch)
                    return len(batch)

                try:
                    yield put
                    deferred.finish()
                finally:
                    deferred.close()
                return
    yield lambda batch: store(sessions, scheme, batch)


def index_entries(
    entries: Iterable[Entry],
    sessions: sessionmaker[Session],
    scheme: SignatureScheme,
    *,
    pool: PreparingPool | None,
    batch_size: int = 1000,
    on_error: Callable[[str], None],
    stop_at_error: bool = False,
    first_load: bool = True,
) -> Generator[int, None, None]:
    """Store the articles of ``entries`` in chunks of ``batch_size``, in order (new urls inserted, known
    ones updated, a url repeated in the input kept in its last version); yield each chunk's count of
    stored articles once stored. Bad records go to ``on_error`` in input order; with
    ``stop_at_error`` the first one ends the run, after the articles before it are stored.

    Each chunk is committed on its own, except in a first load (see `storing`): then all are committed
    together once the generator is exhausted, and none if it is closed early or fails.
    With a ``pool``, up to its size + 1 chunks are prepared ahead in its processes.
    """
    chunks = batched(entries, batch_size)

    def finish(prepared: Prepared, put: Store) -> tuple[int, bool]:
        batch = prepared.batch
        if prepared.errors and stop_at_error:
            before, message = prepared.errors[0]
            count = put(batch.head(before))
            on_error(message)
            return count, True
        for _, message in prepared.errors:
            on_error(message)
        return put(batch), False

    if pool is None:
        prepared: Generator[Prepared, None, None] = (prepare(chunk, scheme) for chunk in chunks)
    else:
        executor = pool.executor
        prepared = in_order(lambda chunk: executor.submit(prepare, chunk, scheme), chunks, pool.workers + 2)
    last = 0
    with closing(prepared), storing(sessions, scheme, first_load=first_load) as put:
        for ready in prepared:
            count, stopped = finish(ready, put)
            if stopped:  # the chunks still pending are cancelled; what was stored is committed
                last = count
                break
            yield count
    if last:
        yield last
