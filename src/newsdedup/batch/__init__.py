"""Deduplicate a crawl: clusters of republished copies, each with its original, on one machine or Spark.

Typical use::

    summary = dedup(["crawl/*.warc.gz"], DedupOptions(output=Path("clusters.parquet")))

Both engines read the same inputs, run the same core steps (`newsdedup.core`: fingerprint, verify_pair,
the originals order) and produce the same rows; see `local` and `spark_engine`.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from rich.console import Console

from newsdedup.batch.buckets import BucketLimits
from newsdedup.batch.job import DedupOptions, print_summary
from newsdedup.batch.output import OutputFormat, summary_path
from newsdedup.batch.results import COLUMNS, DedupAbortError, ResultRow, Summary

__all__ = [
    "COLUMNS",
    "BucketLimits",
    "DedupAbortError",
    "DedupEngine",
    "DedupOptions",
    "OutputFormat",
    "ResultRow",
    "Summary",
    "dedup",
    "print_summary",
    "summary_path",
]


class DedupEngine(StrEnum):
    """Where a dedup job runs."""

    LOCAL = "local"
    """This machine: a process per core, texts spilled to a temporary file."""
    SPARK = "spark"
    """A Spark session: ``local[*]`` unless spark-submit (or ``spark_master``) says otherwise."""


def dedup(
    paths: Sequence[str],
    options: DedupOptions,
    *,
    engine: DedupEngine = DedupEngine.LOCAL,
    console: Console | None = None,
    spark_master: str | None = None,
) -> Summary:
    """Deduplicate the records of ``paths`` (files, directories, globs); write the rows and the summary.

    Raises `newsdedup.io.InputError` for an unreadable path and `DedupAbortError` when ``strict`` meets
    a malformed record; in both cases no output is written.
    """
    shown = console or Console(stderr=True)
    if engine is DedupEngine.SPARK:
        from newsdedup.batch.spark_engine import run_spark, spark_session

        return run_spark(list(paths), options, shown, spark=spark_session(spark_master))
    from newsdedup.batch.local import run_local

    return run_local(paths, options, shown)
