"""Articles from tables: CSV with a header row, and Parquet read one record batch at a time."""

from __future__ import annotations

import csv
from collections.abc import Callable, Collection, Iterator
from typing import IO, Final

import pyarrow as pa
import pyarrow.parquet as pq

from newsdedup.io.records import ArticleRecord, RecordError, RecordSource, parse_record
from newsdedup.io.streams import lines, utf8_problem

__all__ = ["KNOWN_COLUMNS", "read_csv", "read_parquet"]

KNOWN_COLUMNS: Final = frozenset(
    {"url", "id", "title", "text", "html", "publisher", "published_at", "date", "crawled_at"}
)
"""The columns a record is made of; other columns are ignored."""

PARQUET_BATCH_ROWS: Final = 256

_BOM: Final = b"\xef\xbb\xbf"


def missing_columns(names: Collection[str]) -> str | None:
    """What is wrong with a table's columns, or None when it has what a record needs."""
    listed = ", ".join(names) or "none"
    if "url" not in names:
        return f"no `url` column (it has: {listed}); every record needs the article's absolute http(s) URL"
    if "text" not in names and "html" not in names:
        return (
            f"no `text` or `html` column (it has: {listed}); name the article column `text` "
            "if it is plain text or `html` if it is a page's markup"
        )
    return None


def read_csv(
    stream: IO[bytes], path: str, *, on_error: Callable[[RecordError], None], max_record_bytes: int
) -> Iterator[ArticleRecord]:
    """Yield the records of a UTF-8 CSV file whose first row names its columns.

    Empty cells are missing values. A row is reported with the line it starts on.
    """
    bad_lines: dict[int, str] = {}

    def text_lines() -> Iterator[str]:
        for number, line in lines(stream, path, max_bytes=max_record_bytes, on_error=on_error):
            if line is None:
                bad_lines[number] = f"line is longer than {max_record_bytes:,} bytes; raise max_record_bytes"
                yield "\n"
                continue
            raw = line.removeprefix(_BOM) if number == 1 else line
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError as error:
                bad_lines[number] = utf8_problem(raw, error)
                yield raw.decode("utf-8", errors="replace")

    csv.field_size_limit(max(csv.field_size_limit(), max_record_bytes))
    reader = csv.reader(text_lines())
    header: list[str] | None = None
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            for number in range(start, reader.line_num + 1):
                bad_lines.pop(number, None)
            on_error(RecordError(RecordSource(path, line=start), f"malformed CSV: {error}"))
            continue
        problems = [
            bad_lines.pop(number) for number in range(start, reader.line_num + 1) if number in bad_lines
        ]
        source = RecordSource(path, line=start)
        if problems:
            on_error(RecordError(source, problems[0]))
            continue
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        if header is None:
            header = [name.strip().lower() for name in row]
            problem = _header_problem(header)
            if problem is not None:
                on_error(RecordError(source, f"{problem}; the file was skipped"))
                return
            continue
        if len(row) != len(header):
            on_error(
                RecordError(
                    source,
                    f"row has {len(row)} cells but the header has {len(header)}; "
                    "quote cells that contain commas, quotes or line breaks",
                )
            )
            continue
        fields = {name: (cell if cell != "" else None) for name, cell in zip(header, row, strict=True)}
        try:
            yield parse_record(fields, source)
        except RecordError as error:
            on_error(error)
    if header is None:
        on_error(RecordError(RecordSource(path), "empty CSV: the first row must name the columns"))


def _header_problem(header: list[str]) -> str | None:
    duplicates = sorted({name for name in header if header.count(name) > 1})
    if duplicates:
        return f"CSV header names {', '.join(repr(name) for name in duplicates)} more than once"
    problem = missing_columns(header)
    return f"CSV header has {problem}" if problem else None


def read_parquet(
    path: str, *, on_error: Callable[[RecordError], None], batch_rows: int = PARQUET_BATCH_ROWS
) -> Iterator[ArticleRecord]:
    """Yield the records of a Parquet file, ``batch_rows`` rows in memory at a time (plus pyarrow's buffers).

    A row is reported by its 0-based index in the file.
    """
    try:
        parquet = pq.ParquetFile(path)
        names = list(parquet.schema_arrow.names)
    except (pa.ArrowException, OSError) as error:
        on_error(RecordError(RecordSource(path), f"not a readable Parquet file ({error})"))
        return
    problem = missing_columns(names)
    if problem is not None:
        on_error(RecordError(RecordSource(path), f"Parquet file has {problem}; the file was skipped"))
        return
    columns = [name for name in names if name in KNOWN_COLUMNS]
    row = 0
    try:
        for batch in parquet.iter_batches(batch_size=batch_rows, columns=columns):
            for fields in batch.to_pylist():
                source = RecordSource(path, row=row)
                row += 1
                try:
                    yield parse_record(fields, source)
                except RecordError as error:
                    on_error(error)
    except (pa.ArrowException, OSError) as error:
        on_error(
            RecordError(
                RecordSource(path, row=row),
                f"cannot read the Parquet file from this row on ({error}); the rows before it were read",
            )
        )
