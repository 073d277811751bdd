"""Input at the edge: article records from files and streams, with errors that name the place."""

from newsdedup.io.readers import (
    DEFAULT_MAX_RECORD_BYTES,
    FORMATS,
    InputError,
    ReadStats,
    expand_paths,
    input_format,
    parse_jsonl_line,
    read_file,
    read_records,
)
from newsdedup.io.records import ArticleRecord, RecordError, RecordSource, parse_record, parse_timestamp

__all__ = [
    "DEFAULT_MAX_RECORD_BYTES",
    "FORMATS",
    "ArticleRecord",
    "InputError",
    "ReadStats",
    "RecordError",
    "RecordSource",
    "expand_paths",
    "input_format",
    "parse_jsonl_line",
    "parse_record",
    "parse_timestamp",
    "read_file",
    "read_records",
]
