"""What a dedup job produces: one row per input article, a summary, and the malformed records it met."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any, Final

import xxhash

from newsdedup.core.originals import ClusterRole
from newsdedup.detector import domain_of
from newsdedup.io.records import RecordError

__all__ = [
    "COLUMNS",
    "DedupAbortError",
    "ErrorLog",
    "ResultRow",
    "Summary",
    "cluster_id",
    "result_row",
    "summarize",
]

COLUMNS: Final = (
    "url",
    "cluster_id",
    "original_url",
    "is_original",
    "relation",
    "similarity_to_original",
    "reused_fraction",
)
TOP_DOMAINS: Final = 10
MAX_EXAMPLES: Final = 20


class DedupAbortError(RuntimeError):
    """The job stopped (``--strict`` met a malformed record); no output was written."""


@dataclass(frozen=True, slots=True)
class ResultRow:
    """One input article's place: its cluster, the cluster's original, and how much it reused of it."""

    url: str
    cluster_id: str
    original_url: str
    is_original: bool
    relation: str
    """`ClusterRole`: unique, original, copy or duplicate."""
    similarity_to_original: float | None
    """Jaccard of its shingles with the original's (None for originals and unique articles)."""
    reused_fraction: float | None
    """Share of its shingles found in the original (None for originals and unique articles)."""

    def as_dict(self) -> dict[str, Any]:
        """The row as plain values, in `COLUMNS` order."""
        return asdict(self)


def result_row(
    url: str,
    text_hash: int,
    role: ClusterRole,
    original: tuple[str, int] | None,
    measures: tuple[float, float] | None,
) -> ResultRow:
    """The row of one article: ``original`` is the cluster original's (url, text hash) for copies and
    duplicates, ``measures`` their (similarity, reused fraction) to it; both None otherwise.
    """
    if original is None or role in (ClusterRole.UNIQUE, ClusterRole.ORIGINAL):
        return ResultRow(url, cluster_id(url, text_hash), url, True, role, None, None)
    similarity, reused = measures if measures is not None else (None, None)
    return ResultRow(url, cluster_id(*original), original[0], False, role, similarity, reused)


def cluster_id(original_url: str, original_text_hash: int) -> str:
    """A stable cluster id: 16 hex digits of the hash of the original's url and text hash."""
    return xxhash.xxh64_hexdigest(f"{original_url}\n{original_text_hash}".encode())


class ErrorLog:
    """Malformed records: counted by file, the first few kept in full; ``strict`` stops at the first."""

    def __init__(self, *, strict: bool = False) -> None:
        self.strict = strict
        self.count = 0
        self.by_file: Counter[str] = Counter()
        self.examples: list[str] = []

    def __call__(self, error: RecordError) -> None:
        """Record one error (the ``on_error`` of the readers)."""
        self.count += 1
        self.by_file[error.source.path] += 1
        if len(self.examples) < MAX_EXAMPLES:
            self.examples.append(str(error))
        if self.strict:
            raise DedupAbortError(f"malformed record (--strict): {error}")

    def merge(self, by_file: Iterable[tuple[str, int]], examples: Iterable[str]) -> None:
        """Add counts and examples gathered elsewhere (a Spark job)."""
        for path, count in by_file:
            self.count += count
            self.by_file[path] += count
        for example in examples:
            if len(self.examples) < MAX_EXAMPLES:
                self.examples.append(example)
        if self.strict and self.count:
            raise DedupAbortError(f"malformed record (--strict): {self.examples[0] if self.examples else ''}")

    def as_dict(self) -> dict[str, Any]:
        """Counts by file and examples, for the summary."""
        return {"count": self.count, "by_file": dict(sorted(self.by_file.items())), "examples": self.examples}


@dataclass(slots=True)
class Summary:
    """Counts of a dedup job, written beside the output and printed."""

    articles: int = 0
    clusters: int = 0
    """Clusters of two or more articles."""
    copies: int = 0
    """Articles in a cluster that are not its original (copies and duplicates)."""
    unique: int = 0
    exact_duplicates: int = 0
    """Articles whose normalized text equals that of an article before them in the input."""
    top_copying_domains: list[dict[str, Any]] = field(default_factory=list)
    candidate_pairs: int = 0
    verified_pairs: int = 0
    malformed: dict[str, Any] = field(default_factory=dict)
    engine: str = ""
    scheme: str = ""
    seconds: float = 0.0
    phases: dict[str, float] = field(default_factory=dict)
    """Seconds spent in each phase (for Spark, until each phase's results were first needed)."""

    def as_dict(self) -> dict[str, Any]:
        """The summary as JSON-able values."""
        return asdict(self)


def summarize(rows: Iterable[ResultRow], summary: Summary) -> Summary:
    """Fill the row counts of ``summary`` from the output rows (the same code for both engines)."""
    domains: Counter[str] = Counter()
    for row in rows:
        summary.articles += 1
        if row.relation == ClusterRole.ORIGINAL:
            summary.clusters += 1
        elif row.relation == ClusterRole.UNIQUE:
            summary.unique += 1
        else:
            summary.copies += 1
            domains[domain_of(row.url) or "?"] += 1
    ranked = sorted(domains.items(), key=lambda item: (-item[1], item[0]))[:TOP_DOMAINS]
    summary.top_copying_domains = [{"domain": domain, "copies": count} for domain, count in ranked]
    return summary
