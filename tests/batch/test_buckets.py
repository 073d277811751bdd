"""The bucket rule: the vectorised candidate pairs are exactly the rule's pairs, and stay linear."""

from __future__ import annotations

from collections import Counter
from itertools import combinations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdedup.batch.buckets import BucketLimits, bucket_pairs, candidate_pairs
from newsdedup.batch.graph import UnionFind


def _expected(keys: np.ndarray, order: np.ndarray, limits: BucketLimits) -> set[tuple[int, int]]:
    found: Counter[tuple[int, int]] = Counter()
    for band in range(keys.shape[1]):
        buckets: dict[int, list[int]] = {}
        for article in order.tolist():
            buckets.setdefault(int(keys[article, band]), []).append(article)
        for members in buckets.values():
            for first, second in bucket_pairs(len(members), limits):
                a, b = members[first], members[second]
                found[min(a, b), max(a, b)] += 1
    return {pair for pair, hits in found.items() if hits >= limits.min_hits}


@settings(max_examples=60, deadline=None)
@given(
    shape=st.tuples(st.integers(2, 60), st.integers(1, 4), st.integers(1, 6)),
    limits=st.builds(
        BucketLimits, cap=st.integers(2, 8), window=st.integers(1, 3), min_hits=st.integers(1, 3)
    ),
    seed=st.integers(0, 2**32 - 1),
)
def test_candidate_pairs_follow_the_rule(
    shape: tuple[int, int, int], limits: BucketLimits, seed: int
) -> None:
    articles, bands, distinct = shape
    generator = np.random.default_rng(seed)
    keys = generator.integers(0, distinct, size=(articles, bands)).astype(np.int64)
    order = generator.permutation(articles)[: max(2, articles - 3)]
    pairs = candidate_pairs(lambda band: keys[:, band], bands, order, limits)
    assert {(int(a), int(b)) for a, b in pairs} == _expected(keys, order, limits)
    assert np.all(pairs[:, 0] < pairs[:, 1])


def test_a_stock_phrase_bucket_stays_linear_and_connected() -> None:
    """10,000 articles sharing one band key give 10,000 * window pairs, not 50 million, still one chain."""
    articles = 10_000
    keys = np.zeros((articles, 1), dtype=np.int64)
    limits = BucketLimits(cap=32, window=4, min_hits=1)
    pairs = candidate_pairs(lambda band: keys[:, band], 1, np.arange(articles), limits)
    assert len(pairs) == sum(min(4, articles - 1 - i) for i in range(articles))
    sets = UnionFind()
    for a, b in pairs.tolist():
        sets.union(a, b)
    assert len(sets.groups()) == 1


def test_small_buckets_give_all_pairs() -> None:
    assert bucket_pairs(4, BucketLimits(cap=4, window=1)) == list(combinations(range(4), 2))
    assert bucket_pairs(5, BucketLimits(cap=4, window=2)) == [
        (0, 1),
        (0, 2),
        (1, 2),
        (1, 3),
        (2, 3),
        (2, 4),
        (3, 4),
    ]
