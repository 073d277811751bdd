"""What both engines share around the computation: options, writing the result, the summary, ``--index``."""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from rich.console import Console

from newsdedup.batch.buckets import BucketLimits
from newsdedup.batch.output import OutputFormat, RowWriter, summary_path, write_json_atomically
from newsdedup.batch.prepare import Article
from newsdedup.batch.results import ResultRow, Summary, summarize
from newsdedup.core import SignatureScheme, VerifyConfig, default_scheme, fingerprint_many
from newsdedup.ports import NewArticle

__all__ = ["DedupOptions", "index_articles", "print_summary", "write_result"]

INDEX_BATCH = 1000


@dataclass(frozen=True, slots=True)
class DedupOptions:
    """How to run a dedup job; the same for both engines."""

    output: Path
    output_format: OutputFormat = "parquet"
    strict: bool = False
    """Stop at the first malformed record, writing nothing."""
    index_url: str | None = None
    """Also load the articles into the SQL store at this database url (``--index``)."""
    scheme: SignatureScheme = field(default_factory=default_scheme)
    verify: VerifyConfig = field(default_factory=VerifyConfig)
    limits: BucketLimits = field(default_factory=BucketLimits)
    workers: int = 0
    """Worker processes of the local engine (0: one per core)."""
    batch_size: int = 256
    """Records fingerprinted together."""
    progress: bool = True
    temp_dir: str | None = None
    """Where the local engine spills texts (default: the system's temporary directory)."""


def write_result(
    rows: Iterable[ResultRow], options: DedupOptions, summary: Summary, started: float
) -> Summary:
    """Write ``rows`` and the summary beside them, each atomically; returns the completed summary."""
    begun = time.perf_counter()
    with RowWriter(options.output, options.output_format) as writer:

        def written() -> Iterator[ResultRow]:
            for row in rows:
                writer.write(row)
                yield row

        summarize(written(), summary)
        summary.phases["writing"] = round(time.perf_counter() - begun, 3)
        summary.seconds = round(time.perf_counter() - started, 3)
        writer.commit()
    write_json_atomically(summary_path(options.output), summary.as_dict())
    return summary


def print_summary(summary: Summary, console: Console) -> None:
    """The summary as indented JSON on ``console``."""
    console.print_json(json.dumps(summary.as_dict()))


def index_articles(articles: Iterable[Article], database_url: str, scheme: SignatureScheme) -> int:
    """Load ``articles`` (texts with words) into the SQL store, one transaction per batch; returns the count.

    Band keys go through COPY on PostgreSQL (see `newsdedup.store.bands`).
    """
    from newsdedup.store.db import create_engine_for, session_factory, transaction, upgrade_database
    from newsdedup.store.sql import SqlArticleIndex

    engine = create_engine_for(database_url)
    stored = 0
    try:
        if engine.dialect.name == "sqlite":
            upgrade_database(engine)
        sessions = session_factory(engine)
        iterator = iter(articles)
        while batch := list(islice(iterator, INDEX_BATCH)):
            prints = fingerprint_many([article.text for article in batch], scheme)
            items = [
                NewArticle.of(article, print_)
                for article, print_ in zip(batch, prints, strict=True)
                if not print_.is_empty
            ]
            with transaction(sessions) as session:
                SqlArticleIndex(session, scheme).upsert_many(items)
            stored += len(items)
    finally:
        engine.dispose()
    return stored
