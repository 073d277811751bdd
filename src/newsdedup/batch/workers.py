"""The work the local engine sends to its process pool: prepare records, verify pairs, compare to originals.

Top-level functions (picklable for any start method). Workers ignore SIGINT: Ctrl-C is the parent's to
handle, which cancels pending work and removes every temporary file.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from newsdedup.batch.prepare import (
    PreparedBatch,
    decode_payload,
    position_of,
    prepare_batch,
    shingles_from_bytes,
)
from newsdedup.batch.spill import SpillWriter, encode_entries, read_entries
from newsdedup.core import SignatureScheme, VerifyConfig
from newsdedup.core.pairs import PairVerdict, ShingledText, compare_pair, verify_pair
from newsdedup.io.readers import parse_jsonl_line
from newsdedup.io.records import ArticleRecord, RecordError, RecordSource

__all__ = [
    "LineRange",
    "PairTask",
    "SpilledBatch",
    "compare_task",
    "direction",
    "init_worker",
    "prepare_lines_task",
    "prepare_task",
    "verify_task",
]


def init_worker() -> None:
    """Leave SIGINT to the parent process (it spawns workers with SIGINT blocked; see `local._Pool`)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


@dataclass(frozen=True, slots=True)
class SpilledBatch:
    """A prepared batch as the parent keeps it: the compact columns, and where its entries were spilled."""

    batch: PreparedBatch
    """The columns; its ``urls``, ``payloads`` and ``shingles`` are empty (they are in the spill file)."""
    count: int
    spill: str
    """The spill file this worker wrote the batch's entries to, one after the other ..."""
    offset: int
    """... from this offset ..."""
    lengths: np.ndarray
    """... each this long."""

    def offsets(self) -> np.ndarray:
        """Where each entry starts in `spill`."""
        starts: np.ndarray = np.cumsum(self.lengths, dtype=np.int64) - self.lengths + self.offset
        return starts


_writer: SpillWriter | None = None


def _spilled(prepared: PreparedBatch, spill_dir: str) -> SpilledBatch:
    """Write the batch's entries to this process's spill file in ``spill_dir``; keep the columns."""
    global _writer
    if _writer is None or os.path.dirname(_writer.path) != spill_dir:
        if _writer is not None:
            _writer.close()
        _writer = SpillWriter(os.path.join(spill_dir, f"worker-{os.getpid()}.spill"))
    block, lengths = encode_entries(prepared.urls, prepared.payloads, prepared.shingles)
    offset = _writer.write(block)
    columns = replace(prepared, urls=[], payloads=[], shingles=[])
    return SpilledBatch(columns, len(prepared), _writer.path, offset, lengths)


def prepare_task(
    items: Sequence[tuple[int, ArticleRecord]], scheme: SignatureScheme, spill_dir: str
) -> tuple[SpilledBatch, list[RecordError]]:
    """`prepare_batch` in a worker, spilled there."""
    prepared, errors = prepare_batch(items, scheme)
    return _spilled(prepared, spill_dir), errors


@dataclass(frozen=True, slots=True)
class LineRange:
    """Lines ``first``, ``first + 1``, ... of an uncompressed file, at bytes ``start`` to ``end``: the
    worker reads them itself, so they do not go through a pipe. None is longer than the record limit."""

    first: int
    start: int
    end: int

    def read(self, path: str) -> list[tuple[int, bytes | None]]:
        """``(line number, line)`` as `newsdedup.io.streams.lines` gave them (without the line end)."""
        with open(path, "rb") as reader:
            data = os.pread(reader.fileno(), self.end - self.start, self.start)
        pieces = data.split(b"\n")
        if data.endswith(b"\n"):
            pieces.pop()
        return list(enumerate(pieces, self.first))


def prepare_lines_task(
    path: str,
    file_index: int,
    lines: Sequence[tuple[int, bytes | None]] | LineRange,
    scheme: SignatureScheme,
    spill_dir: str,
) -> tuple[SpilledBatch, list[RecordError]]:
    """Parse raw JSONL lines (``(line number, bytes)``, or a range of the file to read them from) as
    `read_file` would, then `prepare_batch`; the batch is spilled in the worker."""
    items: list[tuple[int, ArticleRecord]] = []
    errors: list[RecordError] = []
    for number, line in lines.read(path) if isinstance(lines, LineRange) else lines:
        source = RecordSource(path, line=number)
        try:
            record = parse_jsonl_line(line, source)
        except RecordError as error:
            errors.append(error)
            continue
        if record is not None:
            items.append((position_of(file_index, source), record))
    prepared, problems = prepare_batch(items, scheme)
    return _spilled(prepared, spill_dir), errors + problems


@dataclass(frozen=True, slots=True)
class PairTask:
    """Pairs of article ids to check, and where each article's payload is in the spill files."""

    spills: tuple[str, ...]
    ids: np.ndarray
    places: np.ndarray
    """``(file, offset, length)`` of each of ``ids``, ``file`` indexing ``spills``."""
    text_hashes: np.ndarray
    """Text hash of each of ``ids``."""
    pairs: np.ndarray
    """``(n, 2)`` ids: query, then match."""
    config: VerifyConfig

    def sides(self) -> dict[int, tuple[str, ShingledText]]:
        """Text and shingles of every article of the task."""
        entries = read_entries(self.spills, self.places)
        found = {}
        for article_id, text_hash, (payload, shingles) in zip(
            self.ids.tolist(), self.text_hashes.tolist(), entries, strict=True
        ):
            side = ShingledText(text_hash, shingles_from_bytes(shingles))
            found[article_id] = (decode_payload(payload).text, side)
        return found


def verify_task(task: PairTask) -> tuple[np.ndarray, np.ndarray]:
    """The verified pairs of ``task``: ``(a, b, direction)`` rows and their
    ``(similarity, share of a found in b, share of b found in a)``.

    ``direction`` is 1 when ``a`` holds more of ``b`` than ``b`` of ``a``, -1 for the reverse, else 0.
    The measures serve again when one side turns out to be the other's original.
    """
    sides = task.sides()
    config = task.config
    kept: list[tuple[int, int, int]] = []
    measures: list[tuple[float, float, float]] = []
    for a, b in task.pairs.tolist():
        text_a, side_a = sides[a]
        text_b, side_b = sides[b]
        verdict = verify_pair(text_a, side_a, text_b, side_b, config)
        if verdict is not None:
            kept.append((a, b, direction(verdict)))
            measures.append((verdict.similarity, verdict.query_reused, verdict.match_reused))
    return (
        np.asarray(kept, dtype=np.int64).reshape(-1, 3),
        np.asarray(measures, dtype=np.float64).reshape(-1, 3),
    )


def direction(verdict: PairVerdict) -> int:
    """1 when the query holds more of the match than the reverse, -1 when less, 0 when equal."""
    held, given = verdict.match_reused, verdict.query_reused
    return 1 if held > given else -1 if held < given else 0


def compare_task(task: PairTask) -> np.ndarray:
    """``(similarity, reused fraction)`` of each ``(member, original)`` pair, as an ``(n, 2)`` array."""
    sides = task.sides()
    config = task.config
    out = np.empty((task.pairs.shape[0], 2), dtype=np.float64)
    for row, (member, original) in enumerate(task.pairs.tolist()):
        text_m, side_m = sides[member]
        text_o, side_o = sides[original]
        verdict = compare_pair(text_m, side_m, text_o, side_o, config)
        out[row] = (verdict.similarity, verdict.query_reused)
    return out
