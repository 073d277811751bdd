"""Streaming input: article records from JSONL, CSV, Parquet and WARC files, directories, globs or stdin.

The format comes from the file name (``.jsonl``/``.ndjson``, ``.csv``, ``.parquet``, ``.warc``, each
optionally followed by ``.gz`` or ``.zst``); compression is recognised by the file's first bytes as well,
so a gzipped ``.jsonl`` is read too. ``-`` reads JSONL from standard input. Memory stays bounded: one
line, CSV row, WARC record or Parquet batch at a time.

A bad record never stops the reading: it becomes a `RecordError` naming the file and line (byte offset
for WARC, row index for Parquet), passed to ``on_error``. A path that cannot be read at all raises
`InputError` before anything is read.
"""

from __future__ import annotations

import glob
import io
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from typing import IO, Final, Literal, cast

from newsdedup.io.records import ArticleRecord, RecordError, RecordSource, parse_record
from newsdedup.io.streams import decompressed, lines, peekable, sniff_compression, utf8_problem
from newsdedup.io.tabular import read_csv, read_parquet
from newsdedup.io.warc import read_warc

__all__ = [
    "DEFAULT_MAX_RECORD_BYTES",
    "FORMATS",
    "InputError",
    "RawLine",
    "ReadStats",
    "expand_paths",
    "input_format",
    "parse_jsonl_line",
    "read_file",
    "read_raw",
    "read_records",
]

Format = Literal["jsonl", "csv", "parquet", "warc"]

FORMATS: Final[dict[str, Format]] = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".parquet": "parquet",
    ".warc": "warc",
}
"""File name extension (before any compression extension) to format."""
COMPRESSION_EXTENSIONS: Final = (".gz", ".zst")
DEFAULT_MAX_RECORD_BYTES: Final = 32 * 1024 * 1024
"""Longest JSONL line or CSV line, and largest WARC response body, read; longer ones are reported."""
STDIN: Final = "-"

_GIVE_UP_AFTER: Final = 20
"""A file whose first this many lines are all undecodable or not JSON is not JSONL: the rest is skipped."""
_BOM: Final = b"\xef\xbb\xbf"


class InputError(ValueError):
    """An input path that cannot be read at all: missing, unreadable, or of an unknown format."""


@dataclass(frozen=True, slots=True)
class RawLine:
    """One JSONL line as read, not parsed yet: `parse` it where the work is (e.g. in a worker process)."""

    source: RecordSource
    data: bytes | None
    """The line's bytes; None for a line longer than the reader's ``max_record_bytes``."""
    max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES

    def parse(self) -> ArticleRecord | None:
        """The record on the line (None for a blank line), exactly as `read_records` reads it; raises
        `RecordError` naming the file and line."""
        return parse_jsonl_line(self.data, self.source, self.max_record_bytes)


@dataclass(slots=True)
class ReadStats:
    """Running counts of a read, updated as records are yielded (a progress bar may read them)."""

    files: int = 0
    """Files opened so far."""
    records: int = 0
    """Records yielded."""
    errors: int = 0
    """Errors passed to ``on_error``."""
    skipped: int = 0
    """WARC records passed over because they are not HTML pages."""


def input_format(path: str) -> Format:
    """The format of ``path`` from its name; raises `InputError` for a name this reader does not know."""
    if path == STDIN:
        return "jsonl"
    name = os.path.basename(path).lower()
    for extension in COMPRESSION_EXTENSIONS:
        name = name.removesuffix(extension)
    found = FORMATS.get(os.path.splitext(name)[1])
    if found is None:
        known = ", ".join(FORMATS)
        raise InputError(
            f"{path}: unknown input format; name the file with one of {known} "
            "(optionally followed by .gz or .zst)"
        )
    return found


def expand_paths(paths: Sequence[str]) -> list[str]:
    """The input files that ``paths`` name, in order, each once.

    A file is taken as it is (its format must be known); a directory gives its files of known formats,
    recursively and sorted; a pattern with ``*``, ``?`` or ``[`` is a glob (``**`` spans directories),
    sorted and filtered to known formats. ``-`` is standard input. Raises `InputError` naming the path
    that gives nothing readable.
    """
    found: list[str] = []
    for path in paths:
        if path == STDIN:
            found.append(path)
        elif os.path.isdir(path):
            files = _known_files(_walk(path))
            if not files:
                raise InputError(f"{path}: the directory holds no {_known_names()} files")
            found.extend(files)
        elif os.path.exists(path):
            input_format(path)
            _check_readable(path)
            found.append(path)
        elif any(char in path for char in "*?["):
            matches: list[str] = []
            for match in sorted(glob.glob(path, recursive=True)):
                matches.extend(_walk(match) if os.path.isdir(match) else [match])
            files = _known_files(matches)
            if not files:
                raise InputError(f"{path}: the pattern matches no {_known_names()} files")
            found.extend(files)
        else:
            raise InputError(f"{path}: no such file or directory")
    return list(dict.fromkeys(found))


def read_records(
    paths: Sequence[str],
    *,
    on_error: Callable[[RecordError], None],
    stats: ReadStats | None = None,
    max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES,
    stdin: IO[bytes] | None = None,
) -> Iterator[ArticleRecord]:
    """Stream the records of every input in ``paths`` (see `expand_paths`), file by file.

    The paths are checked now, so a bad path raises `InputError` before any record is read. Each bad
    record goes to ``on_error`` and reading goes on. ``stats``, when given, is updated as reading goes.
    ``stdin`` replaces standard input for ``-``.
    """
    files = expand_paths(paths)
    counts = stats if stats is not None else ReadStats()
    records = _read_all(files, on_error, counts, max_record_bytes, stdin, raw=False)
    return cast(Iterator[ArticleRecord], records)


def read_raw(
    paths: Sequence[str],
    *,
    on_error: Callable[[RecordError], None],
    stats: ReadStats | None = None,
    max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES,
    stdin: IO[bytes] | None = None,
) -> Iterator[ArticleRecord | RawLine]:
    """`read_records`, but JSONL lines come unparsed, as `RawLine`s, for parsing in other processes.

    The file-level checks stay here: paths (`InputError` now), compression, over-long lines, damaged
    streams, and a file whose first lines are not JSON is given up on just as `read_records` does.
    CSV, Parquet and WARC records come parsed.
    """
    files = expand_paths(paths)
    counts = stats if stats is not None else ReadStats()
    return _read_all(files, on_error, counts, max_record_bytes, stdin, raw=True)


def _read_all(
    files: Sequence[str],
    on_error: Callable[[RecordError], None],
    stats: ReadStats,
    max_record_bytes: int,
    stdin: IO[bytes] | None,
    *,
    raw: bool,
) -> Iterator[ArticleRecord | RawLine]:
    for path in files:
        file_format = input_format(path)
        if path != STDIN:
            _check_readable(path)
        yield from _read_file(
            path,
            file_format,
            on_error=on_error,
            counts=stats,
            max_record_bytes=max_record_bytes,
            stdin=stdin,
            raw=raw,
        )


def read_file(
    path: str,
    *,
    on_error: Callable[[RecordError], None],
    stats: ReadStats | None = None,
    max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES,
    stdin: IO[bytes] | None = None,
) -> Iterator[ArticleRecord]:
    """Stream the records of one input file (or ``-``), as one task of a larger job may do.

    Raises `InputError` now when the format is unknown or the file unreadable, and on the first record
    asked for when the file cannot be opened.
    """
    file_format = input_format(path)
    if path != STDIN:
        _check_readable(path)
    counts = stats if stats is not None else ReadStats()
    records = _read_file(
        path, file_format, on_error=on_error, counts=counts, max_record_bytes=max_record_bytes, stdin=stdin
    )
    return cast(Iterator[ArticleRecord], records)


def _read_file(
    path: str,
    file_format: Format,
    *,
    on_error: Callable[[RecordError], None],
    counts: ReadStats,
    max_record_bytes: int,
    stdin: IO[bytes] | None,
    raw: bool = False,
) -> Iterator[ArticleRecord | RawLine]:

    def report(error: RecordError) -> None:
        counts.errors += 1
        on_error(error)

    def skip() -> None:
        counts.skipped += 1

    counts.files += 1
    if file_format == "parquet":
        for parsed in read_parquet(path, on_error=report):
            counts.records += 1
            yield parsed
        return
    with ExitStack() as stack:
        stream = peekable(stdin or sys.stdin.buffer) if path == STDIN else _open(path, stack)
        compression = sniff_compression(stream)
        name = "<stdin>" if path == STDIN else path
        if file_format == "warc":
            body = stream if compression == "gzip" else decompressed(stream, compression)
            records: Iterator[ArticleRecord | RawLine] = read_warc(
                body, name, on_error=report, on_skip=skip, max_record_bytes=max_record_bytes
            )
        else:
            body = decompressed(stream, compression)
            if body is not stream:
                stack.enter_context(body)
            if file_format == "csv":
                records = read_csv(body, name, on_error=report, max_record_bytes=max_record_bytes)
            elif raw:
                records = _raw_jsonl(body, name, on_error=report, max_record_bytes=max_record_bytes)
            else:
                records = _read_jsonl(body, name, on_error=report, max_record_bytes=max_record_bytes)
        for record in records:
            counts.records += 1
            yield record


def _open(path: str, stack: ExitStack) -> io.BufferedReader:
    try:
        raw = stack.enter_context(open(path, "rb"))  # noqa: SIM115
    except OSError as error:
        raise InputError(f"{path}: cannot open ({error.strerror or error})") from error
    return peekable(raw)


def _read_jsonl(
    stream: IO[bytes], path: str, *, on_error: Callable[[RecordError], None], max_record_bytes: int
) -> Iterator[ArticleRecord]:
    """Yield the records of a JSONL stream: one JSON object per line, blank lines ignored."""
    for line in _raw_jsonl(stream, path, on_error=on_error, max_record_bytes=max_record_bytes):
        try:
            record = line.parse()
        except RecordError as error:
            on_error(error)
            continue
        if record is not None:
            yield record


def _raw_jsonl(
    stream: IO[bytes], path: str, *, on_error: Callable[[RecordError], None], max_record_bytes: int
) -> Iterator[RawLine]:
    """The lines of a JSONL stream unparsed, once a line has proved to hold a JSON object; the lines
    before it are parsed here, so a file that is not JSONL is given up on as `_read_jsonl` does."""
    unreadable = 0
    readable = False
    for number, line in lines(stream, path, max_bytes=max_record_bytes, on_error=on_error):
        source = RecordSource(path, line=number)
        if not readable:
            try:
                fields = _json_object(line, source, max_record_bytes)
            except RecordError as error:
                on_error(error)
                unreadable += 1
                if unreadable >= _GIVE_UP_AFTER:
                    on_error(
                        RecordError(
                            RecordSource(path),
                            f"the first {unreadable} lines are not JSON objects: this is not a JSONL "
                            "file; the rest of it was skipped",
                        )
                    )
                    return
                continue
            if fields is None:
                continue
            readable = True
        yield RawLine(source, line, max_record_bytes)


def parse_jsonl_line(
    line: bytes | None, source: RecordSource, max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES
) -> ArticleRecord | None:
    """The record on one JSONL line (None for a blank line), as `read_file` reads it; raises RecordError.

    For callers that split a file's lines among processes. ``line`` is None for a line that was longer
    than ``max_record_bytes``; a byte-order mark is dropped from the first line (``line`` 1 or offset 0).
    """
    if line is not None and (source.line == 1 or source.offset == 0):
        line = line.removeprefix(_BOM)
    fields = _json_object(line, source, max_record_bytes)
    return None if fields is None else parse_record(fields, source)


def _json_object(line: bytes | None, source: RecordSource, max_record_bytes: int) -> dict[str, object] | None:
    """The JSON object on one line, None for a blank line; raises RecordError for anything else."""
    if line is None:
        raise RecordError(source, f"line is longer than {max_record_bytes:,} bytes; raise max_record_bytes")
    if source.line == 1:
        line = line.removeprefix(_BOM)
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as error:
        raise RecordError(source, utf8_problem(line, error)) from None
    if not text.strip():
        return None
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise RecordError(source, f"invalid JSON: {error.msg} at column {error.colno}") from None
    except RecursionError:
        raise RecordError(source, "invalid JSON: nested too deeply") from None
    if not isinstance(value, dict):
        raise RecordError(source, f"expected one JSON object per line, got {_json_kind(value)}")
    return value


def _json_kind(value: object) -> str:
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    return "null"


def _walk(directory: str) -> list[str]:
    found: list[str] = []
    for root, dirs, names in os.walk(directory):
        dirs.sort()
        found.extend(os.path.join(root, name) for name in names)
    return sorted(found)


def _known_files(paths: Sequence[str]) -> list[str]:
    known: list[str] = []
    for path in paths:
        if not os.path.isfile(path):
            continue
        try:
            input_format(path)
        except InputError:
            continue
        _check_readable(path)
        known.append(path)
    return known


def _check_readable(path: str) -> None:
    if not os.access(path, os.R_OK):
        raise InputError(f"{path}: cannot read (permission denied)")


def _known_names() -> str:
    return "/".join(FORMATS)
