"""The facts check of an alignment: a copy keeps the numbers and names of what it copies.

Templated stories (dividend notices, market tables, rate changes) align sentence for sentence with each
other while their numbers, names and dates differ; a copy, however reworded, keeps them. The facts of
each side are those of its passages' regions (first to last sentence of each passage, the unaligned ones
between included); a fact is kept when its stem occurs anywhere in the other text, so that reordering
does not count. A copy that shortens drops facts on one side only; a templated story replaces them, so
both sides have facts the other lacks.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import accumulate

import numpy as np

from newsdedup.core.sentences import NAME_FACT, NUMBER_FACT, Text

Node = tuple[int, int, int, int, float]
"""Aligned sentences: query ``[i1, i2]``, match ``[j1, j2]`` (one side a single sentence), similarity."""


@dataclass(frozen=True, slots=True)
class SideFacts:
    """The numbers and names of one side's aligned region, and how many the other side's region lacks."""

    numbers: int
    numbers_missing: int
    names: int
    names_missing: int
    lead_names_missing: int = 0
    """Names of the region's first sentence (the lead: who the story is about) the other side lacks."""
    lead_inner_names_missing: int = 0
    """Of those, names that are not the lead's first word (a first word may be a title, "Former ...")."""

    @property
    def facts(self) -> int:
        """Numbers and names together."""
        return self.numbers + self.names

    @property
    def missing(self) -> float:
        """Share of this side's facts the other side lacks (0 when it has none)."""
        return (self.numbers_missing + self.names_missing) / self.facts if self.facts else 0.0

    @property
    def numbers_missing_share(self) -> float:
        """Share of this side's numbers the other side lacks (0 when it has none)."""
        return self.numbers_missing / self.numbers if self.numbers else 0.0


@dataclass(frozen=True, slots=True)
class FactCheck:
    """The facts of both aligned regions."""

    query: SideFacts
    match: SideFacts

    @property
    def replaced(self) -> float:
        """How much of the facts were replaced rather than dropped: the smaller side's missing share.

        Zero when one side keeps all its facts (a copy that only shortens or adds); high for two
        templated stories with different numbers, names and dates.
        """
        return min(self.query.missing, self.match.missing)

    @property
    def numbers_replaced(self) -> float:
        """Like `replaced`, for numbers only."""
        return min(self.query.numbers_missing_share, self.match.numbers_missing_share)

    @property
    def lead_replaced(self) -> bool:
        """Each side's lead names someone or something the other side does not: another subject."""
        query, match = self.query, self.match
        both = query.lead_names_missing > 0 and match.lead_names_missing > 0
        return both and query.lead_inner_names_missing + match.lead_inner_names_missing > 0


NO_FACTS = FactCheck(SideFacts(0, 0, 0, 0), SideFacts(0, 0, 0, 0))


def _side(own: Text, regions: list[tuple[int, int]], present: np.ndarray) -> SideFacts:
    """Fact mentions of ``own`` inside ``regions`` (one per sentence and stem), and those not ``present``.

    Counted in Python: a text has a few dozen facts, fewer than the numpy calls it would take."""
    if not own.fact_rows.size:
        return SideFacts(0, 0, 0, 0)
    if present.size:
        places = np.minimum(np.searchsorted(present, own.fact_keys), present.size - 1)
        absent = (present[places] != own.fact_keys).tolist()
    else:
        absent = [True] * own.fact_rows.size
    lead = min(first for first, _ in regions)
    depth = [0] * (len(own.sentences) + 1)
    for first, last in regions:
        depth[first] += 1
        depth[last + 1] -= 1
    inside = list(accumulate(depth))
    counts = [0] * 6
    for row, kind, missing in zip(own.fact_rows.tolist(), own.fact_kinds.tolist(), absent, strict=True):
        if inside[row] <= 0:
            continue
        if kind == NUMBER_FACT:
            counts[0] += 1
            counts[1] += missing
            continue
        counts[2] += 1
        if missing:
            counts[3] += 1
            if row == lead:
                counts[4] += 1
                counts[5] += kind == NAME_FACT
    return SideFacts(*counts)


def fact_check(query: Text, match: Text, passages: list[list[Node]]) -> FactCheck:
    """Compare the facts of the passages' regions on each side with everything the other side says."""
    if not passages:
        return NO_FACTS
    q_regions = [(min(node[0] for node in group), max(node[1] for node in group)) for group in passages]
    m_regions = [(min(node[2] for node in group), max(node[3] for node in group)) for group in passages]
    return FactCheck(query=_side(query, q_regions, match.marks), match=_side(match, m_regions, query.marks))
