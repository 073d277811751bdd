"""Passage alignment of two raw texts: which sentences of one are reworded from which of the other, in order.

Sentences are compared on their content-word stems (cosine of the two sets, numbers included), which
survives function-word swaps, inflection, spelling variants, merged or split sentences and moderate
synonym substitution. A monotone chain of sentence pairs (both sides in order; a sentence may pair with
neighbours of one sentence when they were merged or split) is chosen by dynamic programming, and runs of
nearby pairs become passages with character offsets into the texts as given.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import accumulate

import numpy as np

from newsdedup.core.facts import NO_FACTS, FactCheck, Node, fact_check
from newsdedup.core.sentences import Sentence, Text, analyse


@dataclass(frozen=True, slots=True)
class Passage:
    """A stretch of the query reworded from (or identical to) a stretch of the match; character offsets."""

    query_start: int
    query_end: int
    match_start: int
    match_end: int
    score: float
    """Mean similarity of the sentence pairs in the passage, 0-1 (1: same content words)."""


@dataclass(frozen=True, slots=True)
class Alignment:
    """The passages two texts share, in order, and how much of each text they cover."""

    passages: tuple[Passage, ...]
    query_coverage: float
    """Share of the query's words in aligned sentences."""
    match_coverage: float
    """Share of the match's words in aligned sentences."""
    query_original_coverage: float
    """Like `query_coverage`, counting only words outside quotation marks."""
    match_original_coverage: float
    """Like `match_coverage`, counting only words outside quotation marks."""
    mean_score: float
    """Mean similarity of aligned sentence pairs, weighted by query words."""
    run_query_share: float
    """The longest near-verbatim run (consecutive pairs of similarity >= `AlignConfig.verbatim`): its share
    of the query's words outside quotations."""
    run_match_share: float
    """The same run's share of the match's words outside quotations."""
    facts: FactCheck

    @property
    def longest_passage(self) -> Passage | None:
        """The passage covering the most query characters."""
        return max(self.passages, key=lambda p: p.query_end - p.query_start, default=None)


MIN_OWN_WORDS = 20
"""Shares of a text's own words (outside quotations and furniture) are taken of at least this many: a page
that is nearly all furniture or quotation has too little of its own to say it was copied."""

EMPTY_ALIGNMENT = Alignment((), 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, NO_FACTS)


@dataclass(frozen=True, slots=True)
class AlignConfig:
    """Thresholds of the alignment."""

    min_similarity: float = 0.3
    """Cosine of two sentences' content stems from which they may pair."""
    min_shared: int = 2
    """Content stems two sentences must share to pair (one, if either has only one)."""
    max_gap: int = 2
    """Sentences a passage may skip on either side and still be one passage."""
    merge_gain: float = 0.1
    """How much better a sentence must match two merged neighbours than either alone to pair with both."""
    verbatim: float = 0.8
    """Similarity from which a pair counts as copied nearly word for word (`Alignment.run_query_share`)."""


def _products(query: Text, match: Text) -> tuple[np.ndarray, np.ndarray] | None:
    """Dot products and shared-stem counts of every query row with every match row, by a sorted join."""
    low = np.searchsorted(match.keys, query.keys, side="left")
    counts = np.searchsorted(match.keys, query.keys, side="right") - low
    total = int(counts.sum())
    if total == 0:
        return None
    left = np.repeat(np.arange(query.keys.size), counts)
    right = np.arange(total) + np.repeat(low - (np.cumsum(counts) - counts), counts)
    width = match.norms.size
    cells = query.rows[left] * width + match.rows[right]
    size = query.norms.size * width
    dot = np.bincount(cells, weights=query.weights[left] * match.weights[right], minlength=size)
    shared = np.bincount(cells, minlength=size)
    return dot.reshape(-1, width), shared.reshape(-1, width)


def _found(matrix: np.ndarray, mask: np.ndarray, shape: tuple[int, int, int, int]) -> list[Node]:
    di, dj, ei, ej = shape
    rows, cols = np.nonzero(mask)
    values = matrix[rows, cols].tolist()
    return [
        (i + di, i + ei, j + dj, j + ej, value)
        for i, j, value in zip(rows.tolist(), cols.tolist(), values, strict=True)
    ]


def _nodes(query: Text, match: Text, config: AlignConfig) -> list[Node]:
    """Sentence pairs, and pairs of one sentence with two merged neighbours, similar enough to align.

    Similarity is the cosine of weighted content stems, zero when fewer stems are shared than
    `AlignConfig.min_shared`; a merged pair counts only if it beats both single pairs by `merge_gain`.
    """
    products = _products(query, match)
    if products is None:
        return []
    dot, shared = products
    cosine = dot / (query.norms[:, None] * match.norms[None, :] + 1e-9)
    needed = np.minimum(
        np.maximum(np.minimum(query.sizes[:, None], match.sizes[None, :]), 1), config.min_shared
    )
    cosine[shared < needed] = 0.0
    n, k = len(query.sentences), len(match.sentences)
    single = cosine[:n, :k]
    nodes = _found(single, single >= config.min_similarity, (0, 0, 0, 0))
    if k > 1:
        merged = cosine[:n, k:]
        keep = (merged >= config.min_similarity) & (
            merged - np.maximum(single[:, :-1], single[:, 1:]) > config.merge_gain
        )
        nodes += _found(merged, keep, (0, 0, 0, 1))
    if n > 1:
        merged = cosine[n:, :k]
        keep = (merged >= config.min_similarity) & (
            merged - np.maximum(single[:-1], single[1:]) > config.merge_gain
        )
        nodes += _found(merged, keep, (0, 0, 1, 0))
    return nodes


def _chain(nodes: list[Node], weights: list[float], width: int) -> list[Node]:
    """The heaviest chain of nodes in order on both sides (a Fenwick tree of best chains by match end)."""
    tree_value = [0.0] * (width + 1)
    tree_index = [-1] * (width + 1)
    best = [0.0] * len(nodes)
    back = [-1] * len(nodes)
    by_start = sorted(range(len(nodes)), key=lambda k: nodes[k][0])
    by_end = sorted(range(len(nodes)), key=lambda k: nodes[k][1])
    inserted = 0
    for k in by_start:
        while inserted < len(by_end) and nodes[by_end[inserted]][1] < nodes[k][0]:
            done = by_end[inserted]
            position = nodes[done][3] + 1
            while position <= width:
                if best[done] > tree_value[position]:
                    tree_value[position], tree_index[position] = best[done], done
                position += position & -position
            inserted += 1
        value, index, position = 0.0, -1, nodes[k][2]
        while position > 0:
            if tree_value[position] > value:
                value, index = tree_value[position], tree_index[position]
            position -= position & -position
        best[k] = value + weights[k]
        back[k] = index
    if not nodes:
        return []
    k = max(range(len(nodes)), key=best.__getitem__)
    chain: list[Node] = []
    while k != -1:
        chain.append(nodes[k])
        k = back[k]
    return chain[::-1]


def _groups(chain: list[Node], gap: int) -> list[list[Node]]:
    """Runs of chain nodes at most ``gap`` sentences apart on both sides: the passages."""
    groups: list[list[Node]] = []
    for node in chain:
        if groups and node[0] - groups[-1][-1][1] <= gap + 1 and node[2] - groups[-1][-1][3] <= gap + 1:
            groups[-1].append(node)
        else:
            groups.append([node])
    return groups


def _passages(query: Text, match: Text, groups: list[list[Node]]) -> list[Passage]:
    return [
        Passage(
            query_start=query.sentences[group[0][0]].start,
            query_end=query.sentences[group[-1][1]].end,
            match_start=match.sentences[group[0][2]].start,
            match_end=match.sentences[group[-1][3]].end,
            score=round(sum(node[4] for node in group) / len(group), 4),
        )
        for group in groups
    ]


def _share(sentences: tuple[Sentence, ...], rows: list[int], total: int, original: bool) -> float:
    if not total:
        return 0.0
    if original:
        return sum(sentences[k].original_words for k in rows) / max(total, MIN_OWN_WORDS)
    return sum(sentences[k].words for k in rows) / total


def _rows(chain: list[Node], side: int) -> list[int]:
    """Sentence indexes the chain covers on the query side (``side`` 0) or the match side (2)."""
    spans = [(node[0], node[1]) if side == 0 else (node[2], node[3]) for node in chain]
    return [k for first, last in spans for k in range(first, last + 1)]


def _longest_run(query: Text, match: Text, chain: list[Node], verbatim: float) -> tuple[float, float]:
    """Shares of each side's unquoted words in the longest run of consecutive near-verbatim pairs."""
    best = (0, 0)
    run: list[Node] = []
    for node in [*chain, (-1, -1, -1, -1, 0.0)]:
        adjacent = run and node[0] - run[-1][1] <= 2 and node[2] - run[-1][3] <= 2
        if node[4] >= verbatim and (not run or adjacent):
            run.append(node)
            continue
        if run:
            q = sum(query.sentences[i].original_words for i in _rows(run, 0))
            m = sum(match.sentences[j].original_words for j in _rows(run, 2))
            best = max(best, (q, m))
        run = [node] if node[4] >= verbatim else []
    return (
        best[0] / max(query.original_words, MIN_OWN_WORDS) if query.original_words else 0.0,
        best[1] / max(match.original_words, MIN_OWN_WORDS) if match.original_words else 0.0,
    )


def align(query: Text, match: Text, config: AlignConfig | None = None) -> Alignment:
    """Align ``query`` to ``match``: passages in order, coverage of each side and the facts check."""
    config = config or AlignConfig()
    nodes = _nodes(query, match, config) if query.words and match.words else []
    if not nodes:
        return EMPTY_ALIGNMENT
    before = [0, *accumulate(sentence.words for sentence in query.sentences)]
    weights = [node[4] * (before[node[1] + 1] - before[node[0]]) for node in nodes]
    chain = _chain(nodes, weights, len(match.sentences))
    q_rows, m_rows = _rows(chain, 0), _rows(chain, 2)
    q_words = sum(query.sentences[i].words for i in q_rows)
    weighted = sum(node[4] * (before[node[1] + 1] - before[node[0]]) for node in chain)
    run_query, run_match = _longest_run(query, match, chain, config.verbatim)
    groups = _groups(chain, config.max_gap)
    return Alignment(
        passages=tuple(_passages(query, match, groups)),
        query_coverage=_share(query.sentences, q_rows, query.words, original=False),
        match_coverage=_share(match.sentences, m_rows, match.words, original=False),
        query_original_coverage=_share(query.sentences, q_rows, query.original_words, original=True),
        match_original_coverage=_share(match.sentences, m_rows, match.original_words, original=True),
        mean_score=weighted / q_words if q_words else 0.0,
        run_query_share=run_query,
        run_match_share=run_match,
        facts=fact_check(query, match, groups),
    )


def align_texts(query: str, match: str, config: AlignConfig | None = None) -> Alignment:
    """Align two raw texts (see `align`)."""
    return align(analyse(query), analyse(match), config)
