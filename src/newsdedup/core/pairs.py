"""The pair decision: is one text reused from the other? One function for the API and the batch engines.

The Detector and both batch engines (local and Spark) call `verify_pair` on every candidate pair, so they
accept and reject the same pairs by construction: the exact shingle overlap first, then, for plausible
pairs, passage alignment and the facts check (`VerifyConfig.is_reuse`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

import numpy as np

from newsdedup.core.align import EMPTY_ALIGNMENT, Alignment, Passage, align
from newsdedup.core.facts import NO_FACTS
from newsdedup.core.sentences import Text, analyse
from newsdedup.core.verify import Overlap, VerifyConfig, check_same_kind, overlap

__all__ = [
    "PairVerdict",
    "Shingled",
    "ShingledText",
    "compare_pair",
    "verify_pair",
    "worth_comparing",
    "worth_comparing_many",
]


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
    alignment: Alignment = EMPTY_ALIGNMENT
    """The passages the two texts share, with character offsets (empty when the pair was not aligned)."""

    @property
    def similarity(self) -> float:
        """Jaccard similarity of the two texts' shingles."""
        return self.overlap.jaccard

    @property
    def query_reused(self) -> float:
        """Share of the query found in the match: aligned words, or shingles when not aligned."""
        if self.alignment.passages:
            return self.alignment.query_coverage
        return self.overlap.query_in_match

    @property
    def match_reused(self) -> float:
        """Share of the match found in the query: aligned words, or shingles when not aligned."""
        if self.alignment.passages:
            return self.alignment.match_coverage
        return self.overlap.match_in_query


ANALYSIS_CACHE = 1024
"""Texts whose sentence analysis is kept (~15 KB each): the query of a match is compared with every
candidate, and an original that many scrapers copy is a candidate of every copy's query."""
_analysed = lru_cache(maxsize=ANALYSIS_CACHE)(analyse)


def _whole(query_text: str, match_text: str) -> Alignment:
    """The alignment of two texts with the same normalized words: all of one is all of the other."""
    passage = Passage(0, len(query_text), 0, len(match_text), 1.0)
    return Alignment((passage,), 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, NO_FACTS)


def analysed(text: str) -> Text:
    """``text`` cut into sentences for alignment (the last few are cached)."""
    return _analysed(text)


def worth_comparing(query: Shingled, match: Shingled, config: VerifyConfig) -> bool:
    """False when `verify_pair` is sure to reject the pair on its shingles alone, before any alignment:
    the texts differ and share too little exact wording (`VerifyConfig.is_plausible`)."""
    return query.text_hash == match.text_hash or config.is_plausible(overlap(query.shingles, match.shingles))


def worth_comparing_many(query: Shingled, matches: Sequence[Shingled], config: VerifyConfig) -> list[bool]:
    """`worth_comparing` of the query with each of ``matches``, with one membership pass for all of them
    (a query has up to `candidate_limit` candidates; one `overlap` each costs more than the pass)."""
    if not matches:
        return []
    sizes = np.array([match.shingles.size for match in matches])
    pooled = np.concatenate([match.shingles for match in matches])
    check_same_kind(query.shingles, pooled)
    known = query.shingles
    if known.size and pooled.size:
        found = known[np.minimum(np.searchsorted(known, pooled), known.size - 1)] == pooled
    else:
        found = np.zeros(pooled.size, dtype=bool)
    shared = np.bincount(np.repeat(np.arange(len(matches)), sizes), weights=found, minlength=len(matches))
    in_match = shared / np.maximum(sizes, 1)
    in_query = shared / known.size if known.size else np.zeros(len(matches))
    containment = np.where(sizes > 0, np.maximum(in_match, in_query), 0.0)
    return [
        match.text_hash == query.text_hash or bool(value >= config.plausible)
        for match, value in zip(matches, containment.tolist(), strict=True)
    ]


def compare_pair(
    query_text: str,
    query: Shingled,
    match_text: str,
    match: Shingled,
    config: VerifyConfig,
) -> PairVerdict:
    """Measure a pair and decide it; always returns the measures, even when they are not reuse.

    The exact shingle overlap comes first; only a pair that shares enough wording to be plausible is
    aligned passage by passage.
    """
    same_text = query.text_hash == match.text_hash
    shared = overlap(query.shingles, match.shingles)
    if same_text:
        return PairVerdict(shared, True, True, _whole(query_text, match_text))
    if not config.is_plausible(shared):
        return PairVerdict(shared, False, False)
    alignment = align(analysed(query_text), analysed(match_text), config.align)
    return PairVerdict(shared, False, config.is_reuse(shared, alignment), alignment)


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
