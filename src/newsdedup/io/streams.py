"""Byte streams for the readers: transparent gzip and zstd (told by magic bytes), and bounded lines."""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Callable, Iterator
from typing import IO, Final, Literal, cast

import zstandard

from newsdedup.io.records import RecordError, RecordSource

__all__ = [
    "STREAM_ERRORS",
    "Compression",
    "decompressed",
    "lines",
    "peekable",
    "sniff_compression",
    "utf8_problem",
]

Compression = Literal["gzip", "zstd", "none"]

GZIP_MAGIC: Final = b"\x1f\x8b"
ZSTD_MAGIC: Final = b"\x28\xb5\x2f\xfd"
STREAM_ERRORS: Final = (OSError, EOFError, zlib.error, zstandard.ZstdError)
"""What reading a damaged or truncated compressed stream raises."""


def peekable(stream: IO[bytes]) -> io.BufferedReader:
    """``stream`` with ``peek``, so its first bytes can be looked at without consuming them."""
    if isinstance(stream, io.BufferedReader):
        return stream
    return io.BufferedReader(cast(io.RawIOBase, stream))


def sniff_compression(stream: io.BufferedReader) -> Compression:
    """How ``stream`` is compressed, from its first bytes (whatever its file name says)."""
    head = stream.peek(4)[:4]
    if head.startswith(GZIP_MAGIC):
        return "gzip"
    if head.startswith(ZSTD_MAGIC):
        return "zstd"
    return "none"


def decompressed(stream: io.BufferedReader, compression: Compression) -> IO[bytes]:
    """The decompressed bytes of ``stream``."""
    if compression == "gzip":
        return cast(IO[bytes], gzip.GzipFile(fileobj=stream, mode="rb"))
    if compression == "zstd":
        reader = zstandard.ZstdDecompressor().stream_reader(stream, read_across_frames=True, closefd=False)
        return io.BufferedReader(reader)
    return stream


def lines(
    stream: IO[bytes],
    path: str,
    *,
    max_bytes: int,
    on_error: Callable[[RecordError], None],
) -> Iterator[tuple[int, bytes | None]]:
    """Yield ``(line number, line)`` from 1; a line longer than ``max_bytes`` is skipped and yields None.

    Memory stays within ``max_bytes`` whatever the input. A stream that fails (a damaged or truncated
    compressed file, an I/O error) is reported once, at the line where it broke, and ends the iteration.
    """
    number = 0
    try:
        while True:
            line = stream.readline(max_bytes + 1)
            if not line:
                return
            number += 1
            if len(line) > max_bytes and not line.endswith(b"\n"):
                while True:
                    rest = stream.readline(1 << 20)
                    if not rest or rest.endswith(b"\n"):
                        break
                yield number, None
            else:
                yield number, line
    except STREAM_ERRORS as error:
        on_error(
            RecordError(
                RecordSource(path, line=number + 1),
                f"cannot read on ({type(error).__name__}: {error}): the file is damaged or truncated; "
                "the lines before it were read",
            )
        )


def utf8_problem(line: bytes, error: UnicodeDecodeError) -> str:
    """Say where a line stops being UTF-8, and how to fix it."""
    byte = line[error.start]
    return (
        f"line is not valid UTF-8 (byte 0x{byte:02x} at byte {error.start + 1} of the line); "
        "re-encode the file as UTF-8, for example with `iconv -f latin1 -t utf-8`"
    )
