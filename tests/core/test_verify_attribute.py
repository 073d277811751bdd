from datetime import UTC, datetime, timedelta

import numpy as np

from newsdedup.core import Facts, Relation, VerifyConfig, attribute, overlap
from newsdedup.core.align import EMPTY_ALIGNMENT

T0 = datetime(2021, 8, 9, 16, 7, tzinfo=UTC)


def test_overlap_measures_both_directions() -> None:
    query = np.array([1, 2, 3, 4], dtype=np.uint64)
    match = np.array([3, 4, 5, 6, 7, 8, 9, 10], dtype=np.uint64)
    result = overlap(query, match)
    assert result.shared == 2
    assert result.jaccard == 2 / 10
    assert result.query_in_match == 0.5 and result.match_in_query == 0.25
    assert result.containment == 0.5


def test_overlap_of_an_empty_side_is_zero() -> None:
    assert overlap(np.array([], dtype=np.uint64), np.array([1], dtype=np.uint64)).jaccard == 0.0


def test_verify_config_aligns_only_plausible_pairs_and_needs_alignment_for_reuse() -> None:
    config = VerifyConfig()
    excerpt = overlap(np.arange(40, dtype=np.uint64), np.arange(100, dtype=np.uint64))
    coincidence = overlap(np.arange(100, dtype=np.uint64), np.arange(95, 1000, dtype=np.uint64))
    assert config.is_plausible(excerpt) and not config.is_plausible(coincidence)
    assert not config.is_reuse(excerpt, EMPTY_ALIGNMENT)


def test_earlier_publication_is_the_original() -> None:
    shared = overlap(np.arange(10, dtype=np.uint64), np.arange(10, dtype=np.uint64))
    earlier, later = Facts(published_at=T0), Facts(published_at=T0 + timedelta(hours=3))
    assert attribute(later, earlier, shared, same_text=True).relation is Relation.ORIGINAL
    result = attribute(earlier, later, shared, same_text=True)
    assert result.relation is Relation.COPY
    assert "published earlier" in result.evidence[0]


def test_first_seen_decides_when_a_date_is_missing() -> None:
    shared = overlap(np.arange(10, dtype=np.uint64), np.arange(10, dtype=np.uint64))
    query = Facts(published_at=None, first_seen_at=T0 + timedelta(days=1))
    match = Facts(published_at=T0, first_seen_at=T0)
    assert attribute(query, match, shared, same_text=False).relation is Relation.ORIGINAL


def test_the_same_time_on_both_sides_is_a_duplicate() -> None:
    shared = overlap(np.arange(10, dtype=np.uint64), np.arange(10, dtype=np.uint64))
    same = Facts(published_at=T0, first_seen_at=T0)
    result = attribute(same, same, shared, same_text=True)
    assert result.relation is Relation.DUPLICATE
    assert any("no publication" in line for line in result.evidence)
