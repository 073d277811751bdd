"""The Spark engine's inputs: the same records, validation and error places as the local engine.

- JSONL (plain or ``.gz``): Hadoop's ``TextInputFormat`` (splittable when plain) gives each line with
  its byte offset; each line goes through `newsdedup.io.parse_jsonl_line`, as in the local engine.
- Parquet: Spark's reader, with ``_metadata.row_index`` for the row; times are read as microseconds so
  that no session or machine time zone gets in the way.
- WARC, CSV and anything zstd-compressed: ``binaryFiles`` (one task per file) and the project's own
  reader (`newsdedup.io.read_file`) on a task-local copy, so WARC parsing and HTML extraction are the
  same code as locally. CSV goes this way too: article text spans lines inside quoted cells, which
  Spark's CSV reader handles only whole-file (``multiLine``), so nothing is lost, and the errors carry
  the same line numbers.

Every item is ``("record", position, ArticleRecord)`` or ``("error", position, path, message)``.
Local paths and Hadoop URIs (see `spark_paths`) are both read.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any, Final
from urllib.parse import urlsplit

from newsdedup.batch.prepare import position_of
from newsdedup.batch.spark_paths import file_key, is_uri, uri_of
from newsdedup.io.readers import input_format, parse_jsonl_line, read_file
from newsdedup.io.records import ArticleRecord, RecordError, RecordSource, parse_record
from newsdedup.io.streams import peekable, sniff_compression
from newsdedup.io.tabular import KNOWN_COLUMNS, missing_columns

__all__ = ["Item", "read_inputs"]

Item = tuple[Any, ...]
"""``("record", position, ArticleRecord)`` or ``("error", position, path, message)``."""

_TEXT_INPUT: Final = (
    "org.apache.hadoop.mapreduce.lib.input.TextInputFormat",
    "org.apache.hadoop.io.LongWritable",
    "org.apache.hadoop.io.Text",
)
_TIME_COLUMNS: Final = ("published_at", "date", "crawled_at")
_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)


def _error(index: int, error: RecordError) -> Item:
    return ("error", position_of(index, error.source), error.source.path, str(error))


def _native_jsonl(path: str) -> bool:
    """True when Hadoop can read the file as lines: plain, or gzip named ``.gz``."""
    if is_uri(path):
        return not path.endswith(".zst")
    with open(path, "rb") as raw:
        compression = sniff_compression(peekable(raw))
    return compression == "none" or (compression == "gzip" and path.endswith(".gz"))


def read_inputs(spark: Any, files: list[str]) -> Any:
    """An RDD of `Item` for ``files`` (already expanded; their order is the input order)."""
    context = spark.sparkContext
    parts = []
    by_file: dict[str, int] = {}
    for index, path in enumerate(files):
        kind = input_format(path)
        if kind == "jsonl" and _native_jsonl(path):
            lines = context.newAPIHadoopFile(uri_of(path), *_TEXT_INPUT)
            parts.append(lines.mapPartitions(partial(_jsonl_items, path, index)))
        elif kind == "parquet":
            parts.append(_parquet(spark, path, index))
        else:
            by_file[path] = index
    if by_file:
        uris = ",".join(uri_of(path) for path in by_file)
        keys = {file_key(path): (path, index) for path, index in by_file.items()}
        parts.append(context.binaryFiles(uris).flatMap(partial(_file_items, keys)))
    return context.union(parts) if parts else context.emptyRDD()


def _jsonl_items(path: str, index: int, lines: Iterable[tuple[int, str]]) -> Iterator[Item]:
    for offset, line in lines:
        source = RecordSource(path, offset=offset)
        try:
            record = parse_jsonl_line(line.encode("utf-8", "surrogatepass"), source)
        except RecordError as error:
            yield _error(index, error)
            continue
        if record is not None:
            yield ("record", position_of(index, source), record)


def _parquet(spark: Any, path: str, index: int) -> Any:
    from pyspark.sql import functions as F  # noqa: N812

    frame = spark.read.parquet(uri_of(path))
    problem = missing_columns(frame.columns)
    if problem is not None:
        error = RecordError(RecordSource(path), f"Parquet file has {problem}; the file was skipped")
        return spark.sparkContext.parallelize([_error(index, error)], 1)
    columns = []
    for field in frame.schema.fields:
        if field.name not in KNOWN_COLUMNS:
            continue
        kind = field.dataType.typeName()
        if field.name in _TIME_COLUMNS and kind.startswith("timestamp"):
            columns.append(F.unix_micros(F.col(field.name).cast("timestamp")).alias(f"{field.name}__us"))
        elif kind == "date":
            columns.append(F.col(field.name).cast("string").alias(field.name))
        else:
            columns.append(F.col(field.name))
    rows = frame.select(*columns, F.col("_metadata.row_index").alias("__row")).rdd
    return rows.mapPartitions(partial(_parquet_items, path, index))


def _parquet_items(path: str, index: int, rows: Iterable[Any]) -> Iterator[Item]:
    for row in rows:
        fields = row.asDict()
        source = RecordSource(path, row=int(fields.pop("__row")))
        for name in list(fields):
            value = fields[name]
            if name.endswith("__us"):
                del fields[name]
                fields[name.removesuffix("__us")] = (
                    None if value is None else _EPOCH + timedelta(microseconds=value)
                )
            elif isinstance(value, bytearray):
                fields[name] = bytes(value)
        try:
            yield ("record", position_of(index, source), parse_record(fields, source))
        except RecordError as error:
            yield _error(index, error)


def _file_items(by_file: dict[str, tuple[str, int]], item: tuple[str, bytes]) -> Iterator[Item]:
    """Read one whole file (from ``binaryFiles``) with the project's reader, under its own name."""
    uri, content = item
    path, index = by_file[file_key(uri)]
    errors: list[RecordError] = []
    with tempfile.TemporaryDirectory(prefix="newsdedup-task-") as directory:
        copy = os.path.join(directory, os.path.basename(urlsplit(path).path if is_uri(path) else path))
        with open(copy, "wb") as handle:
            handle.write(content)
        del content
        for record in read_file(copy, on_error=errors.append):
            yield from (_error(index, _renamed(error, path)) for error in errors)
            errors.clear()
            source = _moved(record.source, path)
            yield ("record", position_of(index, source), _relocated(record, source))
        yield from (_error(index, _renamed(error, path)) for error in errors)


def _moved(source: RecordSource, path: str) -> RecordSource:
    return RecordSource(path, line=source.line, offset=source.offset, row=source.row)


def _renamed(error: RecordError, path: str) -> RecordError:
    return RecordError(_moved(error.source, path), error.message)


def _relocated(record: ArticleRecord, source: RecordSource) -> ArticleRecord:
    return replace(record, source=source)
