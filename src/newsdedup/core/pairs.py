"""The pair decision: is one text reused from the other? One function for the API and the batch engines.

The Detector and both batch engines (local and Spark) call `verify_pair` on every candidate pair, so they
accept and reject the same pairs by construction. Today it is the exact shingle overlap with
`VerifyConfig.is_reuse`; passage alignment plugs in here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

from newsdedup.core.verify import Overlap, VerifyConfig, overlap

__all__ = ["PairVerdict", "Shingled", "ShingledText", "compare_pair", "verify_pair"]


class Shingled(Protocol):
    """What the pair decision reads of one side besides its text (a `Fingerprint` is one)."""

    @property
    def text_hash(self) -> int:
        """Hash of the normalized text: equal for exact duplicates."""
        ...

    @property
    def shingles(self) -> np.ndarray:
        """Sorted unique uint64 shingle hashes."""
        ...


@dataclass(frozen=True, slots=True)
class ShingledText:
    """A side known only by its text hash and shingles (no signature needed to verify)."""

    text_hash: int
    shingles: np.ndarray


@dataclass(frozen=True, slots=True)
class PairVerdict:
    """How much two texts share, whether they are the same text, and whether that counts as reuse."""

    overlap: Overlap
    same_text: bool
    is_reuse: bool

    @property
    def similarity(self) -> float:
        """Jaccard similarity of the two texts' shingles."""
        return self.overlap.jaccard

    @property
    def query_reused(self) -> float:
        """Share of the query found in the match."""
        return self.overlap.query_in_match

    @property
    def match_reused(self) -> float:
        """Share of the match found in the query."""
        return self.overlap.match_in_query


def compare_pair(
    query_text: str,
    query: Shingled,
    match_text: str,
    match: Shingled,
    config: VerifyConfig,
) -> PairVerdict:
    """Measure a pair and decide it; always returns the measures, even when they are not reuse.

    The texts are not read yet: they are in the signature for passage alignment.
    """
    same_text = query.text_hash == match.text_hash
    shared = overlap(query.shingles, match.shingles)
    return PairVerdict(overlap=shared, same_text=same_text, is_reuse=same_text or config.is_reuse(shared))


def verify_pair(
    query_text: str,
    query: Shingled,
    match_text: str,
    match: Shingled,
    config: VerifyConfig,
) -> PairVerdict | None:
    """The verdict on a candidate pair when one text reuses the other, else None."""
    verdict = compare_pair(query_text, query, match_text, match, config)
    return verdict if verdict.is_reuse else None
