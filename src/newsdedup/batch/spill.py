"""Article payloads spilled to temporary files, so memory holds offsets, not texts.

Each worker process appends the entries of the batches it prepares to a file of its own
(`SpillWriter`), in one write per batch, and sends the parent only where they went: texts never travel
through a pipe to the parent. The parent keeps, per article, the file, offset and length
(`SpillIndex`); afterwards any process reads entries by place (`read_entries`), which is how the
verification workers get their texts. Each entry is the url (UTF-8), the payload and the text's shingle
hashes, so urls are read back without decoding payloads and verification never normalizes or shingles a
text again.
"""

from __future__ import annotations

import os
import struct
from collections.abc import Iterator, Sequence
from typing import BinaryIO

import numpy as np

__all__ = ["SpillIndex", "SpillWriter", "encode_entries", "read_entries"]

_HEADER = struct.Struct("<II")
_URL_GUESS = 512
"""Bytes read after an entry's header to get its url in one read (most urls are shorter)."""


def encode_entries(
    urls: Sequence[str], payloads: Sequence[bytes], shingles: Sequence[bytes]
) -> tuple[bytes, np.ndarray]:
    """The entries of a batch as one block, and each entry's length."""
    parts: list[bytes] = []
    lengths = np.empty(len(urls), dtype=np.int64)
    for index, (url, payload, hashes) in enumerate(zip(urls, payloads, shingles, strict=True)):
        encoded = url.encode("utf-8")
        parts += (_HEADER.pack(len(encoded), len(payload)), encoded, payload, hashes)
        lengths[index] = _HEADER.size + len(encoded) + len(payload) + len(hashes)
    return b"".join(parts), lengths


class SpillWriter:
    """One process's spill file, appended block by block."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        self._end = 0

    def write(self, block: bytes) -> int:
        """Append ``block`` (visible to readers once this returns); returns its offset."""
        start = self._end
        view = memoryview(block)
        while view:
            written = os.write(self._fd, view)
            view = view[written:]
        self._end += len(block)
        return start

    def close(self) -> None:
        """Close the file."""
        os.close(self._fd)


class SpillIndex:
    """Where every article's entry is: spill files by number, and ``(file, offset, length)`` per article."""

    def __init__(self) -> None:
        self.paths: list[str] = []
        self._numbers: dict[str, int] = {}
        self._parts: list[np.ndarray] = []
        self._places = np.empty((0, 3), dtype=np.int64)
        self._readers: dict[int, BinaryIO] = {}

    def __len__(self) -> int:
        return sum(part.shape[0] for part in self._parts)

    def add(self, path: str, offsets: np.ndarray, lengths: np.ndarray) -> None:
        """Record the next articles' entries, written to ``path`` at ``offsets``."""
        if not offsets.size:
            return
        number = self._numbers.setdefault(path, len(self.paths))
        if number == len(self.paths):
            self.paths.append(path)
        files = np.full(offsets.size, number, dtype=np.int64)
        self._parts.append(np.stack([files, offsets.astype(np.int64), lengths.astype(np.int64)], axis=1))

    def finish(self) -> np.ndarray:
        """The ``(file, offset, length)`` of every entry, in order (an ``(n, 3)`` int64 array)."""
        if self._parts:
            self._places = np.concatenate(self._parts)
            self._parts = [self._places]
        return self._places

    def url(self, index: int) -> str:
        """One entry's url (after `finish`): one read, or two for a url of more than `_URL_GUESS` bytes."""
        number, offset, length = self._places[index].tolist()
        reader = self._readers.get(number)
        if reader is None:
            reader = self._readers[number] = open(self.paths[number], "rb")  # noqa: SIM115 (see close)
        head = os.pread(reader.fileno(), min(length, _HEADER.size + _URL_GUESS), offset)
        url_size, _ = _HEADER.unpack_from(head)
        if _HEADER.size + url_size > len(head):
            head = os.pread(reader.fileno(), _HEADER.size + url_size, offset)
        return head[_HEADER.size : _HEADER.size + url_size].decode("utf-8")

    def urls(self) -> Iterator[str]:
        """Every entry's url, in order (after `finish`)."""
        for index in range(self._places.shape[0]):
            yield self.url(index)

    def close(self) -> None:
        """Close the files opened for reading (the caller removes the directory)."""
        for reader in self._readers.values():
            reader.close()
        self._readers.clear()


def _split(entry: bytes) -> tuple[str, bytes, bytes]:
    url_size, payload_size = _HEADER.unpack_from(entry)
    start = _HEADER.size
    middle = start + url_size
    end = middle + payload_size
    return entry[start:middle].decode("utf-8"), entry[middle:end], entry[end:]


def read_entries(paths: Sequence[str], places: np.ndarray) -> list[tuple[bytes, bytes]]:
    """``(payload, shingles)`` of the entries at ``(file, offset, length)`` rows of ``places``, ``file``
    indexing ``paths``."""
    found = []
    readers: dict[int, BinaryIO] = {}
    try:
        for number, offset, length in places.tolist():
            reader = readers.get(number)
            if reader is None:
                reader = readers[number] = open(paths[number], "rb")  # noqa: SIM115 (closed below)
            _, payload, shingles = _split(os.pread(reader.fileno(), length, offset))
            found.append((payload, shingles))
    finally:
        for reader in readers.values():
            reader.close()
    return found
