"""Compact shingles kept beside each signature: written with the text, read instead of re-shingling."""

from __future__ import annotations

import numpy as np
import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session

from newsdedup.core import SignatureScheme, VerifyConfig, fingerprint, overlap
from newsdedup.core.fingerprint import compact_shingles, shingles_from_bytes, shingles_to_bytes
from newsdedup.core.pairs import ShingledText, worth_comparing, worth_comparing_many
from newsdedup.detector import Detector, MatchQuery
from newsdedup.maintenance import reindex
from newsdedup.store.memory import MemoryArticleIndex
from newsdedup.store.models import Signature
from newsdedup.store.sql import SqlArticleIndex
from tests.store.factory import article, near_copy, random_text


def _compact(text: str, scheme: SignatureScheme) -> list[int]:
    return fingerprint(text, scheme).compact_shingles().tolist()


def test_shingles_are_stored_with_the_text_and_replaced_with_it(
    scheme: SignatureScheme, index: SqlArticleIndex
) -> None:
    [first] = index.upsert_many([article("https://a.example/s", random_text(70), scheme)])

    stored = index.shingles_many([first.id, 10**12])

    assert list(stored) == [first.id]
    assert stored[first.id].shingles.tolist() == _compact(random_text(70), scheme)
    assert stored[first.id].text_hash == fingerprint(random_text(70), scheme).text_hash
    [candidate] = index.candidates(fingerprint(random_text(70), scheme), limit=5)
    assert candidate.side is not None
    assert candidate.side.shingles.tolist() == _compact(random_text(70), scheme)
    index.upsert_many([article("https://a.example/s", random_text(71), scheme)])
    assert index.shingles_many([first.id])[first.id].shingles.tolist() == _compact(random_text(71), scheme)


def test_rows_without_shingles_are_absent_and_filled_by_storing_them_again(
    session: Session, scheme: SignatureScheme, index: SqlArticleIndex
) -> None:
    [stored] = index.upsert_many([article("https://a.example/old", random_text(72), scheme)])
    session.execute(update(Signature).values(shingles=None))

    assert index.shingles_many([stored.id]) == {}

    index.upsert_many([article("https://a.example/old", random_text(72), scheme)])
    assert index.shingles_many([stored.id])[stored.id].shingles.tolist() == _compact(random_text(72), scheme)


def test_reindex_stores_the_shingles_of_every_article(
    session: Session, scheme: SignatureScheme, index: SqlArticleIndex
) -> None:
    outcomes = index.upsert_many(
        [article(f"https://a.example/r{i}", random_text(80 + i), scheme) for i in range(3)]
    )
    session.execute(update(Signature).values(shingles=None))

    assert reindex(session, scheme, batch_size=2) == 3

    found = SqlArticleIndex(session, scheme).shingles_many([outcome.id for outcome in outcomes])
    assert [found[outcome.id].shingles.tolist() for outcome in outcomes] == [
        _compact(random_text(80 + i), scheme) for i in range(3)
    ]


def test_the_detector_matches_articles_stored_without_shingles(
    session: Session, scheme: SignatureScheme, index: SqlArticleIndex
) -> None:
    original = random_text(90, words=300)
    index.upsert_many(
        [article("https://a.example/original", original, scheme)]
        + [article(f"https://a.example/other{i}", random_text(91 + i, words=300), scheme) for i in range(5)]
    )
    session.execute(update(Signature).values(shingles=None))

    report = Detector(index).match(MatchQuery(text=near_copy(original, seed=99, share=0.8)))

    assert index.shingles_many([match.article.id for match in report.matches]) == {}
    assert [match.article.url for match in report.matches] == ["https://a.example/original"]


def test_the_memory_index_keeps_the_same_compact_shingles(scheme: SignatureScheme) -> None:
    memory = MemoryArticleIndex(scheme)
    [stored] = memory.upsert_many([article("https://a.example/m", random_text(73), scheme)])

    assert memory.shingles_many([stored.id, 404])[stored.id].shingles.tolist() == _compact(
        random_text(73), scheme
    )
    memory.delete(stored.id)
    assert memory.shingles_many([stored.id]) == {}


def test_compact_shingles_measure_the_same_overlap_as_full_ones() -> None:
    rng = np.random.default_rng(5)
    common = rng.integers(0, 2**64, size=300, dtype=np.uint64)
    query = np.unique(np.concatenate([common, rng.integers(0, 2**64, size=500, dtype=np.uint64)]))
    match = np.unique(np.concatenate([common, rng.integers(0, 2**64, size=200, dtype=np.uint64)]))

    full, compact = overlap(query, match), overlap(compact_shingles(query), compact_shingles(match))

    assert compact == full
    assert shingles_from_bytes(shingles_to_bytes(compact_shingles(query))).tolist() == (
        compact_shingles(query).tolist()
    )


def test_full_and_compact_shingles_are_not_compared() -> None:
    full = np.array([1, 2, 3], dtype=np.uint64)
    with pytest.raises(ValueError, match="compact_shingles"):
        overlap(full, compact_shingles(full))
    with pytest.raises(ValueError, match="multiple of 4"):
        shingles_from_bytes(b"abc")


def test_the_pooled_plausibility_check_agrees_with_the_pairwise_one() -> None:
    rng = np.random.default_rng(11)
    config = VerifyConfig()
    pool = rng.integers(0, 2**32, size=3000, dtype=np.uint64).astype(np.uint32)
    query = ShingledText(1, np.unique(pool[:400]))
    matches = [ShingledText(2, np.empty(0, dtype=np.uint32)), ShingledText(1, np.unique(pool[2500:2600]))]
    for start in range(0, 1200, 40):
        size = int(rng.integers(1, 500))
        matches.append(ShingledText(3 + start, np.unique(pool[start : start + size])))

    pooled = worth_comparing_many(query, matches, config)

    assert pooled == [worth_comparing(query, match, config) for match in matches]
    assert True in pooled and False in pooled
    assert worth_comparing_many(ShingledText(9, np.empty(0, dtype=np.uint32)), matches[:3], config) == [
        False,
        False,
        False,
    ]
