"""Article payloads spilled to a temporary file, so memory holds offsets, not texts.

Append-only while reading; afterwards any process may read entries by offset (`read_entries`), which is
how the verification workers get their texts without sending them through a pipe. Each entry is the
url (UTF-8), the payload and the text's shingle hashes, so urls are read back without
decoding payloads and verification never normalizes or shingles a text again.
"""

from __future__ import annotations

import os
import struct
from collections.abc import Iterator, Sequence
from typing import BinaryIO

import numpy as np

__all__ = ["SpillStore", "read_entries"]

_HEADER = struct.Struct("<II")


class SpillStore:
    """Entries ``(url, payload, shingles)`` appended to one file; offsets and lengths kept as arrays."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._file: BinaryIO = open(path, "wb")  # noqa: SIM115 (closed by `close`)
        self._offsets: list[np.ndarray] = []
        self._lengths: list[np.ndarray] = []
        self._batch_offsets: list[int] = []
        self._batch_lengths: list[int] = []
        self._end = 0
        self._reader: BinaryIO | None = None

    def __len__(self) -> int:
        return sum(part.size for part in self._offsets) + len(self._batch_offsets)

    def append(self, url: str, payload: bytes, shingles: bytes) -> int:
        """Store one entry; returns its index."""
        encoded = url.encode("utf-8")
        entry = _HEADER.pack(len(encoded), len(payload)) + encoded + payload + shingles
        self._file.write(entry)
        self._batch_offsets.append(self._end)
        self._batch_lengths.append(len(entry))
        self._end += len(entry)
        if len(self._batch_offsets) >= 65536:
            self._seal()
        return len(self) - 1

    def _seal(self) -> None:
        if self._batch_offsets:
            self._offsets.append(np.asarray(self._batch_offsets, dtype=np.int64))
            self._lengths.append(np.asarray(self._batch_lengths, dtype=np.int32))
            self._batch_offsets, self._batch_lengths = [], []

    def finish(self) -> tuple[np.ndarray, np.ndarray]:
        """Flush the file; returns the offsets and lengths of every entry, in order."""
        self._seal()
        self._file.flush()
        self._offsets = [np.concatenate(self._offsets)] if self._offsets else [np.empty(0, np.int64)]
        self._lengths = [np.concatenate(self._lengths)] if self._lengths else [np.empty(0, np.int32)]
        return self._offsets[0], self._lengths[0]

    def urls(self) -> Iterator[str]:
        """Every entry's url, in order (after `finish`)."""
        with open(self.path, "rb") as reader:
            for offset in self._offsets[0].tolist():
                reader.seek(offset)
                url_size, _ = _HEADER.unpack(reader.read(_HEADER.size))
                yield reader.read(url_size).decode("utf-8")

    def url(self, index: int) -> str:
        """One entry's url (after `finish`)."""
        if self._reader is None:
            self._reader = open(self.path, "rb")  # noqa: SIM115 (closed by `close`)
        offset = int(self._offsets[0][index])
        url_size, _ = _HEADER.unpack(os.pread(self._reader.fileno(), _HEADER.size, offset))
        return os.pread(self._reader.fileno(), url_size, offset + _HEADER.size).decode("utf-8")

    def close(self) -> None:
        """Close the files (the caller removes the directory)."""
        self._file.close()
        if self._reader is not None:
            self._reader.close()


def _split(entry: bytes) -> tuple[str, bytes, bytes]:
    url_size, payload_size = _HEADER.unpack_from(entry)
    start = _HEADER.size
    middle = start + url_size
    end = middle + payload_size
    return entry[start:middle].decode("utf-8"), entry[middle:end], entry[end:]


def read_entries(path: str, places: Sequence[tuple[int, int]]) -> list[tuple[bytes, bytes]]:
    """``(payload, shingles)`` of the entries at ``(offset, length)`` places of a finished spill file."""
    found = []
    with open(path, "rb") as reader:
        for offset, length in places:
            _, payload, shingles = _split(os.pread(reader.fileno(), length, offset))
            found.append((payload, shingles))
    return found
