"""The pair decision's measures and rule: exact shingle overlap first, then passage alignment and facts.

A candidate pair is reuse when one text holds enough of the other (by exact word n-gram containment,
by reworded sentences aligned in order, or by a long near-verbatim run, as an excerpt has) and the
facts of the aligned passages agree. Shared quotations do not count towards coverage, and a templated
story, which aligns sentence for sentence but replaces numbers, names and dates, fails the facts check.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from newsdedup.core.align import AlignConfig, Alignment


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
    """The thresholds of the pair decision (tuned on the quality benchmark, see docs/quality.md)."""

    plausible: float = 0.1
    """Shingle containment (either way) below which a pair is rejected without aligning it."""
    min_containment: float = 0.45
    """Shingle containment (either way) that is reuse, facts permitting, when the aligned sentences also
    hold `min_original` of a side's words outside quotations (shared quotations alone are not reuse)."""
    min_original: float = 0.2
    min_coverage: float = 0.7
    """Share of either side's words outside quotations in aligned sentences that is reuse."""
    min_run: float = 0.18
    """A near-verbatim run holding this share of one side's unquoted words ..."""
    min_run_other: float = 0.15
    """... and this share of the other side's is reuse (an excerpt in site furniture)."""
    max_replaced: float = 0.14
    """Most facts (numbers and names) each side may have that the other lacks (`FactCheck.replaced`)."""
    max_number_replaced: float = 0.25
    """Most numbers each side may have that the other lacks, when each lacks one of the other's ..."""
    max_numbers_replaced: float = 0.1
    """... and when each lacks two or more: numbers replaced, as in a templated report."""
    align: AlignConfig = field(default_factory=AlignConfig)

    def is_plausible(self, overlap: Overlap) -> bool:
        """True when the pair shares enough exact wording to be worth aligning."""
        return overlap.containment >= self.plausible

    def facts_agree(self, alignment: Alignment) -> bool:
        """False when the aligned passages replace numbers, names or dates (a templated story)."""
        facts = alignment.facts
        if facts.replaced > self.max_replaced or facts.lead_replaced:
            return False
        replaced = min(facts.query.numbers_missing, facts.match.numbers_missing)
        limit = self.max_numbers_replaced if replaced >= 2 else self.max_number_replaced
        return not (replaced and facts.numbers_replaced > limit)

    def holds_enough(self, overlap: Overlap, alignment: Alignment) -> bool:
        """True when one side holds enough of the other, by containment, coverage or a verbatim run."""
        runs = (alignment.run_query_share, alignment.run_match_share)
        original = max(alignment.query_original_coverage, alignment.match_original_coverage)
        return (
            (overlap.containment >= self.min_containment and original >= self.min_original)
            or original >= self.min_coverage
            or (max(runs) >= self.min_run and min(runs) >= self.min_run_other)
        )

    def is_reuse(self, overlap: Overlap, alignment: Alignment) -> bool:
        """True when the pair is reuse: enough of one side is in the other and the facts agree."""
        return self.holds_enough(overlap, alignment) and self.facts_agree(alignment)


def check_same_kind(query: np.ndarray, match: np.ndarray) -> None:
    """Refuse to compare full (uint64) shingles with compact (uint32) ones: they never match."""
    if query.dtype != match.dtype:
        raise ValueError(
            f"shingles of two kinds cannot be compared ({query.dtype} and {match.dtype}): "
            "make both compact with newsdedup.core.fingerprint.compact_shingles"
        )


def overlap(query: np.ndarray, match: np.ndarray) -> Overlap:
    """Exact overlap of two sorted unique shingle arrays of one kind (uint64, or both compact uint32)."""
    check_same_kind(query, match)
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
