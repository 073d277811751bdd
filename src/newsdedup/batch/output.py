"""Writing the result atomically: rows go to a temporary file beside the output, renamed when complete.

An interrupted job (Ctrl-C, a crash, ``--strict``) leaves no output file at all, never a partial one.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Final, Literal

import pyarrow as pa
import pyarrow.parquet as pq

from newsdedup.batch.results import COLUMNS, ResultRow

__all__ = ["OutputFormat", "RowWriter", "summary_path", "write_json_atomically"]

OutputFormat = Literal["parquet", "jsonl"]

SCHEMA: Final = pa.schema(
    [
        ("url", pa.string()),
        ("cluster_id", pa.string()),
        ("original_url", pa.string()),
        ("is_original", pa.bool_()),
        ("relation", pa.string()),
        ("similarity_to_original", pa.float64()),
        ("reused_fraction", pa.float64()),
    ]
)
_FLUSH_ROWS: Final = 65536


def summary_path(output: str | Path) -> Path:
    """Where the summary of ``output`` goes: beside it, ``NAME.summary.json``."""
    path = Path(output)
    return path.with_name(path.name.split(".")[0] + ".summary.json")


def _temporary(target: Path, suffix: str) -> tuple[IO[bytes], Path]:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=suffix, dir=target.parent)
    return os.fdopen(handle, "wb"), Path(name)


class RowWriter:
    """Rows to a temporary file; `commit` renames it to the output, leaving the context removes it."""

    def __init__(self, output: str | Path, output_format: OutputFormat) -> None:
        self.target = Path(output)
        self.format = output_format
        self._file, self._temp = _temporary(self.target, ".partial")
        self._parquet: pq.ParquetWriter | None = None
        self._buffer: list[ResultRow] = []
        self.rows = 0
        if output_format == "parquet":
            self._parquet = pq.ParquetWriter(self._file, SCHEMA, compression="zstd")

    def __enter__(self) -> RowWriter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.discard()

    def write(self, row: ResultRow) -> None:
        """Add one row."""
        self.rows += 1
        if self._parquet is None:
            self._file.write(json.dumps(row.as_dict(), ensure_ascii=False).encode("utf-8") + b"\n")
            return
        self._buffer.append(row)
        if len(self._buffer) >= _FLUSH_ROWS:
            self._flush()

    def _flush(self) -> None:
        if self._parquet is not None and self._buffer:
            rows = self._buffer
            columns: dict[str, list[Any]] = {name: [getattr(row, name) for row in rows] for name in COLUMNS}
            self._parquet.write_table(pa.table(columns, schema=SCHEMA))
            self._buffer = []

    def commit(self) -> Path:
        """Finish the file and move it into place (an atomic rename); returns the output path."""
        self._flush()
        if self._parquet is not None:
            self._parquet.close()
            self._parquet = None
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        os.replace(self._temp, self.target)
        return self.target

    def discard(self) -> None:
        """Drop the temporary file unless it was committed."""
        if self._parquet is not None:
            self._parquet.close()
            self._parquet = None
        if not self._file.closed:
            self._file.close()
        self._temp.unlink(missing_ok=True)


def write_json_atomically(path: Path, value: Any) -> None:
    """Write ``value`` as indented JSON to ``path`` through a temporary file and a rename."""
    handle, temp = _temporary(path, ".partial")
    try:
        with handle:
            handle.write(json.dumps(value, indent=2, ensure_ascii=False).encode("utf-8") + b"\n")
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)
