"""The local engine: stream, fingerprint in a process pool, group, verify, cluster, attribute, write.

Memory holds only compact per-article state (64 band keys, hashes, times, a spill place: about 0.6 KB
an article, so about 600 MB per million), never texts: each worker spills the articles it prepares to a
temporary file of its own, and the workers read them back by place when they verify pairs.
"""

from __future__ import annotations

import os
import stat
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from typing import Any

import numpy as np
from rich.console import Console

from newsdedup.batch.buckets import candidate_pairs
from newsdedup.batch.graph import ROLE_CODES, Clusters, UnionFind, assign_originals
from newsdedup.batch.job import DedupOptions, index_articles, write_result
from newsdedup.batch.pool import WorkerPool
from newsdedup.batch.prepare import Article, decode_payload, position_of
from newsdedup.batch.progress import FilePosition, JobProgress
from newsdedup.batch.results import ErrorLog, ResultRow, Summary, result_row
from newsdedup.batch.spill import SpillIndex, read_entries
from newsdedup.batch.workers import (
    LineRange,
    PairTask,
    SpilledBatch,
    compare_task,
    prepare_lines_task,
    prepare_task,
    verify_task,
)
from newsdedup.core.originals import precedence_of
from newsdedup.io.readers import DEFAULT_MAX_RECORD_BYTES, STDIN, expand_paths, input_format, read_file
from newsdedup.io.records import ArticleRecord
from newsdedup.io.streams import decompressed, lines, peekable, sniff_compression

__all__ = ["run_local"]

PAIR_CHUNK = 512
"""Pairs per verification task."""


class _State:
    """Per-article arrays, grown batch by batch while reading."""

    def __init__(self) -> None:
        self.parts: dict[str, list[np.ndarray]] = {
            name: [] for name in ("text_hash", "url_key", "words", "published", "first_seen", "position")
        }
        self.keys: list[np.ndarray] = []
        self.count = 0

    def add(self, spilled: SpilledBatch) -> None:
        if not spilled.count:
            return
        batch = spilled.batch
        columns = {
            "text_hash": batch.text_hashes,
            "url_key": batch.url_keys,
            "words": batch.word_counts,
            "published": batch.published,
            "first_seen": batch.first_seen,
            "position": batch.positions,
        }
        for name, values in columns.items():
            self.parts[name].append(values)
        self.keys.append(batch.band_keys)
        self.count += spilled.count

    def column(self, name: str) -> np.ndarray:
        parts = self.parts[name]
        merged = np.concatenate(parts) if parts else np.empty(0, dtype=np.int64)
        self.parts[name] = [merged]
        return merged

    def band(self, band: int) -> np.ndarray:
        return np.concatenate([part[:, band] for part in self.keys]) if self.keys else np.empty(0, np.int64)


def run_local(paths: Sequence[str], options: DedupOptions, console: Console) -> Summary:
    """Deduplicate the records of ``paths`` on this machine; writes the output and its summary."""
    started = time.perf_counter()
    files = expand_paths(paths)
    errors = ErrorLog(strict=options.strict)
    workers = options.workers or os.cpu_count() or 1
    with (
        tempfile.TemporaryDirectory(prefix="newsdedup-", dir=options.temp_dir) as spill_dir,
        JobProgress(console, enabled=options.progress) as progress,
    ):
        pool = WorkerPool(workers)
        spill = SpillIndex()
        try:
            job = _LocalJob(
                files=files,
                options=options,
                pool=pool,
                spill=spill,
                spill_dir=spill_dir,
                progress=progress,
                errors=errors,
            )
            rows, summary = job.run()
            summary = write_result(rows, options, summary, started)
            if options.index_url is not None:
                task = progress.phase("index", job.state.count, "articles")
                articles = _stored_articles(spill, job.places, lambda done: progress.update(task, done=done))
                index_articles(articles, options.index_url, options.scheme)
                progress.finish(task)
        finally:
            pool.close()
            spill.close()
    return summary


def _grouped(pairs: np.ndarray) -> np.ndarray:
    """``pairs`` ordered by connected component of the candidate graph, so that a worker meets an
    article's pairs together and the verify step's text analysis is reused (results do not change)."""
    sets = UnionFind()
    for a, b in pairs.tolist():
        sets.union(a, b)
    roots = np.fromiter((sets.find(a) for a in pairs[:, 0].tolist()), dtype=np.int64, count=pairs.shape[0])
    return pairs[np.lexsort((pairs[:, 1], pairs[:, 0], roots))]


def _stored_articles(
    spill: SpillIndex, places: np.ndarray, report: Callable[[int], None]
) -> Iterator[Article]:
    for start in range(0, places.shape[0], 1000):
        chunk = places[start : start + 1000]
        for payload, _ in read_entries(spill.paths, chunk):
            yield decode_payload(payload)
        report(start + chunk.shape[0])


class _LocalJob:
    """One run of the local engine, phase by phase."""

    def __init__(
        self,
        *,
        files: list[str],
        options: DedupOptions,
        pool: WorkerPool,
        spill: SpillIndex,
        spill_dir: str,
        progress: JobProgress,
        errors: ErrorLog,
    ) -> None:
        self.files = files
        self.options = options
        self.pool = pool
        self.spill = spill
        self.spill_dir = spill_dir
        self.progress = progress
        self.errors = errors
        self.state = _State()
        self.places = np.empty((0, 3), dtype=np.int64)
        self.phases: dict[str, float] = {}
        self._mark = time.perf_counter()

    def _lap(self, phase: str) -> None:
        now = time.perf_counter()
        self.phases[phase] = round(now - self._mark, 3)
        self._mark = now

    def run(self) -> tuple[Iterator[ResultRow], Summary]:
        self._read()
        self._lap("reading")
        self.places = self.spill.finish()
        state = self.state
        text_hash, words = state.column("text_hash"), state.column("words")
        order = self._bucket_order()
        task = self.progress.phase("candidates", self.options.scheme.bands, "bands")
        pairs = candidate_pairs(
            state.band,
            self.options.scheme.bands,
            order,
            self.options.limits,
            scratch=self.spill_dir,
            on_band=lambda band: self.progress.update(task, done=band + 1),
        )
        rank = np.empty(state.count, dtype=np.int64)
        rank[order] = np.arange(order.size)
        swap = rank[pairs[:, 0]] > rank[pairs[:, 1]]
        pairs[swap] = pairs[swap][:, ::-1]
        pairs = _grouped(pairs)
        self._lap("candidates")
        edges, known = self._verify(pairs)
        self._lap("verifying")
        clusters = self._cluster(edges)
        self._lap("clustering")
        measures = self._compare(clusters, edges, known)
        self._lap("comparing")
        nonempty = text_hash[words > 0]
        summary = Summary(
            candidate_pairs=int(pairs.shape[0]),
            verified_pairs=int(edges.shape[0]),
            exact_duplicates=int(nonempty.size - np.unique(nonempty).size),
            malformed=self.errors.as_dict(),
            engine="local",
            scheme=self.options.scheme.id,
            phases=self.phases,
        )
        return self._rows(clusters, measures, text_hash), summary

    def _read(self) -> None:
        done_bytes = 0
        total = sum(FilePosition(path).size for path in self.files) or None
        task = self.progress.phase("reading", total, "articles")
        for file_index, path in enumerate(self.files):
            position = FilePosition(path)

            if path != STDIN and input_format(path) == "jsonl":
                results = self.pool.map(prepare_lines_task, self._line_batches(file_index, path))
            else:
                results = self.pool.map(prepare_task, self._record_batches(file_index, path))
            for spilled, problems in results:
                for problem in problems:
                    self.errors(problem)
                self.spill.add(spilled.spill, spilled.offsets(), spilled.lengths)
                self.state.add(spilled)
                offset = position.offset()
                self.progress.update(task, completed=done_bytes + (offset or 0), done=self.state.count)
            done_bytes += position.size
        self.progress.update(task, completed=done_bytes, done=self.state.count)
        self.progress.finish(task)

    def _record_batches(self, file_index: int, path: str) -> Iterator[tuple[Any, ...]]:
        """Records read here, fingerprinted in the workers."""
        batch: list[tuple[int, ArticleRecord]] = []
        for record in read_file(path, on_error=self.errors):
            batch.append((position_of(file_index, record.source), record))
            if len(batch) >= self.options.batch_size:
                yield (batch, self.options.scheme, self.spill_dir)
                batch = []
        if batch:
            yield (batch, self.options.scheme, self.spill_dir)

    def _line_batches(self, file_index: int, path: str) -> Iterator[tuple[Any, ...]]:
        """JSONL lines read here, parsed and fingerprinted in the workers (`prepare_lines_task`). Lines of
        an uncompressed regular file are only counted here: a worker reads its batch's byte range itself
        (until a line over the record limit, whose length is not known; then the lines are sent)."""
        with open(path, "rb") as raw, ExitStack() as stack:
            stream = peekable(raw)
            body = decompressed(stream, sniff_compression(stream))
            if body is not stream:
                stack.enter_context(body)
            ranged = body is stream and stat.S_ISREG(os.fstat(raw.fileno()).st_mode)
            start = end = 0
            batch: list[tuple[int, bytes | None]] = []
            for number, line in lines(body, path, max_bytes=DEFAULT_MAX_RECORD_BYTES, on_error=self.errors):
                if line is None:
                    ranged = False
                elif ranged:
                    end += len(line)
                batch.append((number, line))
                if len(batch) >= self.options.batch_size:
                    sent = LineRange(batch[0][0], start, end) if ranged else batch
                    yield (path, file_index, sent, self.options.scheme, self.spill_dir)
                    batch, start = [], end
            if batch:
                sent = LineRange(batch[0][0], start, end) if ranged else batch
                yield (path, file_index, sent, self.options.scheme, self.spill_dir)

    def _bucket_order(self) -> np.ndarray:
        """Ids of the articles with words, in bucket order ``(url_key, text_hash, position)``."""
        state = self.state
        banded = np.flatnonzero(state.column("words") > 0)
        keys = (
            state.column("position")[banded],
            state.column("text_hash")[banded],
            state.column("url_key")[banded],
        )
        return banded[np.lexsort(keys)]

    def _chunk(self, count: int) -> int:
        """Pairs per task: at most `PAIR_CHUNK`, few enough that every worker gets several tasks."""
        return max(16, min(PAIR_CHUNK, -(-count // (4 * self.pool.workers))))

    def _tasks(self, pairs: np.ndarray) -> Iterator[tuple[Any, ...]]:
        size = self._chunk(pairs.shape[0])
        for start in range(0, pairs.shape[0], size):
            chunk = pairs[start : start + size]
            ids = np.unique(chunk)
            yield (
                PairTask(
                    spills=tuple(self.spill.paths),
                    ids=ids,
                    places=self.places[ids],
                    text_hashes=self.state.column("text_hash")[ids],
                    pairs=chunk,
                    config=self.options.verify,
                ),
            )

    def _verify(self, pairs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Verified ``(query, match, direction)`` edges, and their similarity and shares reused."""
        task = self.progress.phase("verifying", pairs.shape[0], "pairs")
        kept: list[np.ndarray] = [np.empty((0, 3), dtype=np.int64)]
        measured: list[np.ndarray] = [np.empty((0, 3), dtype=np.float64)]
        done = 0
        size = self._chunk(pairs.shape[0])
        for edges, measures in self.pool.map(verify_task, self._tasks(pairs)):
            kept.append(edges)
            measured.append(measures)
            done = min(done + size, pairs.shape[0])
            self.progress.update(task, done=done)
        self.progress.finish(task)
        return np.concatenate(kept), np.concatenate(measured)

    def _cluster(self, edges: np.ndarray) -> Clusters:
        state = self.state
        sets = UnionFind()
        for a, b in edges[:, :2].tolist():
            sets.union(a, b)
        holds = np.zeros(state.count, dtype=np.int64)
        np.add.at(holds, edges[edges[:, 2] == 1, 0], 1)
        np.add.at(holds, edges[edges[:, 2] == -1, 1], 1)
        published, first_seen = state.column("published"), state.column("first_seen")
        position = state.column("position")

        def key(article: int) -> tuple[int, int, int, str, int]:
            return precedence_of(
                int(published[article]),
                int(first_seen[article]),
                int(holds[article]),
                self.spill.url(article),
                int(position[article]),
            )

        return assign_originals(state.count, sets.groups(), key)

    def _compare(self, clusters: Clusters, edges: np.ndarray, known: np.ndarray) -> np.ndarray:
        """``(similarity, reused)`` to the original per article (NaN for originals and unique ones).

        A member verified in a pair with its original already has them (``known``, from either side).
        """
        measures = np.full((self.state.count, 2), np.nan)
        members = clusters.members
        total = max(self.state.count, 1)
        edge_codes = edges[:, 0] * total + edges[:, 1]
        order = np.argsort(edge_codes)
        hit = np.zeros(members.size, dtype=bool)
        for query, match, reused in (
            (members, clusters.original[members], 1),
            (clusters.original[members], members, 2),
        ):
            if not edge_codes.size:
                break
            wanted = query * total + match
            at = np.searchsorted(edge_codes[order], wanted).clip(max=edge_codes.size - 1)
            found = (edge_codes[order[at]] == wanted) & ~hit
            measures[members[found]] = known[order[at[found]]][:, [0, reused]]
            hit |= found
        members = members[~hit]
        members = members[np.lexsort((members, clusters.original[members]))]
        pairs = np.stack([members, clusters.original[members]], axis=1)
        task = self.progress.phase("comparing", pairs.shape[0], "copies")
        done = 0
        size = self._chunk(pairs.shape[0])
        for start, result in zip(
            range(0, pairs.shape[0], size), self.pool.map(compare_task, self._tasks(pairs)), strict=True
        ):
            measures[members[start : start + size]] = result
            done += result.shape[0]
            self.progress.update(task, done=done)
        self.progress.finish(task)
        return measures

    def _rows(self, clusters: Clusters, measures: np.ndarray, text_hash: np.ndarray) -> Iterator[ResultRow]:
        task = self.progress.phase("writing", self.state.count, "rows")
        chosen_ids = np.unique(clusters.original[clusters.original >= 0]).tolist()
        originals = {chosen: self.spill.url(chosen) for chosen in chosen_ids}
        for article, url in enumerate(self.spill.urls()):
            chosen = int(clusters.original[article])
            role = ROLE_CODES[int(clusters.role[article])]
            original = None if chosen < 0 else (originals[chosen], int(text_hash[chosen]))
            similarity, reused = measures[article].tolist()
            yield result_row(url, int(text_hash[article]), role, original, (similarity, reused))
            if article % 10_000 == 0:
                self.progress.update(task, done=article + 1)
        self.progress.finish(task)
