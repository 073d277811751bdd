"""Exact similarity of a candidate: Jaccard and containment in both directions, on shingle sets."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, slots=True)
class Overlap:
    """How much two shingle sets share."""

    jaccard: float
    query_in_match: float
    """Share of the query's shingles found in the match."""
    match_in_query: float
    """Share of the match's shingles found in the query."""
    shared: int

    @property
    def containment(self) -> float:
        """The larger of the two containments: how much of the smaller side the other holds."""
        return max(self.query_in_match, self.match_in_query)


@dataclass(frozen=True, slots=True)
class VerifyConfig:
    """When an overlap counts as reuse rather than coincidence (shared quotes, stock phrases)."""

    min_containment: float = 0.5
    min_jaccard: float = 0.3

    def is_reuse(self, overlap: Overlap) -> bool:
        """True when ``overlap`` is large enough to call one text a copy of the other."""
        return overlap.containment >= self.min_containment or overlap.jaccard >= self.min_jaccard


def overlap(query: np.ndarray, match: np.ndarray) -> Overlap:
    """Exact overlap of two sorted unique uint64 shingle arrays."""
    if query.size == 0 or match.size == 0:
        return Overlap(0.0, 0.0, 0.0, 0)
    shared = int(np.intersect1d(query, match, assume_unique=True).size)
    union = query.size + match.size - shared
    return Overlap(
        jaccard=shared / union,
        query_in_match=shared / query.size,
        match_in_query=shared / match.size,
        shared=shared,
    )
