"""The work the local engine sends to its process pool: prepare records, verify pairs, compare to originals.

Top-level functions (picklable for any start method). Workers ignore SIGINT: Ctrl-C is the parent's to
handle, which cancels pending work and removes every temporary file.
"""

from __future__ import annotations

import signal
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from newsdedup.batch.prepare import (
    PreparedBatch,
    decode_payload,
    position_of,
    prepare_batch,
    shingles_from_bytes,
)
from newsdedup.batch.spill import read_entries
from newsdedup.core import SignatureScheme, VerifyConfig
from newsdedup.core.pairs import PairVerdict, ShingledText, compare_pair, verify_pair
from newsdedup.io.readers import parse_jsonl_line
from newsdedup.io.records import ArticleRecord, RecordError, RecordSource

__all__ = [
    "PairTask",
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


def prepare_task(
    items: Sequence[tuple[int, ArticleRecord]], scheme: SignatureScheme
) -> tuple[PreparedBatch, list[RecordError]]:
    """`prepare_batch` in a worker."""
    return prepare_batch(items, scheme)


def prepare_lines_task(
    path: str, file_index: int, lines: Sequence[tuple[int, bytes | None]], scheme: SignatureScheme
) -> tuple[PreparedBatch, list[RecordError]]:
    """Parse raw JSONL lines (``(line number, bytes)``) as `read_file` would, then `prepare_batch`."""
    items: list[tuple[int, ArticleRecord]] = []
    errors: list[RecordError] = []
    for number, line in lines:
        source = RecordSource(path, line=number)
        try:
            record = parse_jsonl_line(line, source)
        except RecordError as error:
            errors.append(error)
            continue
        if record is not None:
            items.append((position_of(file_index, source), record))
    prepared, problems = prepare_batch(items, scheme)
    return prepared, errors + problems


@dataclass(frozen=True, slots=True)
class PairTask:
    """Pairs of article ids to check, and where each article's payload is in the spill file."""

    spill: str
    ids: np.ndarray
    places: np.ndarray
    """``(offset, length)`` of each of ``ids``."""
    text_hashes: np.ndarray
    """Text hash of each of ``ids``."""
    pairs: np.ndarray
    """``(n, 2)`` ids: query, then match."""
    config: VerifyConfig

    def sides(self) -> dict[int, tuple[str, ShingledText]]:
        """Text and shingles of every article of the task."""
        entries = read_entries(self.spill, [(int(offset), int(length)) for offset, length in self.places])
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
