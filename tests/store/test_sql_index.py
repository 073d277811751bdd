"""SqlArticleIndex on SQLite and PostgreSQL: upserts, candidates, deletes, scheme checks, timestamps."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from newsdedup.core import SchemeError, SignatureScheme, fingerprint
from newsdedup.ports import BUCKET_READ_LIMIT
from newsdedup.store.memory import MemoryArticleIndex
from newsdedup.store.meta import SchemeConfirmation, reset_index, stored_scheme
from newsdedup.store.models import Article, LshBand, Signature
from newsdedup.store.sql import SqlArticleIndex
from tests.store.factory import article, near_copy, random_text


def _band_rows(session: Session, article_id: int | None = None) -> int:
    statement = select(func.count()).select_from(LshBand)
    if article_id is not None:
        statement = statement.where(LshBand.article_id == article_id)
    return session.scalar(statement) or 0


def test_upsert_creates_then_updates_the_same_url(
    session: Session, scheme: SignatureScheme, index: SqlArticleIndex
) -> None:
    first_text, second_text = random_text(1), random_text(2)
    [created] = index.upsert_many([article("https://a.example/1", first_text, scheme, title="one")])
    assert created.created
    before = index.get(created.id)
    assert before is not None

    [updated] = index.upsert_many([article("https://a.example/1", second_text, scheme, title="two")])

    assert updated.id == created.id
    assert not updated.created
    assert session.scalar(select(func.count()).select_from(Article)) == 1
    after = index.get(created.id)
    assert after is not None
    assert (after.text, after.title) == (second_text, "two")
    assert after.first_seen_at == before.first_seen_at
    assert _band_rows(session, created.id) == scheme.bands
    old_hits = index.candidates(fingerprint(first_text, scheme), limit=10)
    assert created.id not in [candidate.article_id for candidate in old_hits]
    [new_hit] = index.candidates(fingerprint(second_text, scheme), limit=10)
    assert (new_hit.article_id, new_hit.band_hits, new_hit.same_text) == (created.id, scheme.bands, True)


def test_a_url_twice_in_one_batch_keeps_the_last_version(
    session: Session, scheme: SignatureScheme, index: SqlArticleIndex
) -> None:
    url = "https://a.example/dup"
    outcomes = index.upsert_many([article(url, random_text(3), scheme), article(url, random_text(4), scheme)])
    assert [outcome.created for outcome in outcomes] == [True, False]
    assert outcomes[0].id == outcomes[1].id
    stored = index.get_by_url(url)
    assert stored is not None
    assert stored.text == random_text(4)
    assert _band_rows(session) == scheme.bands


def test_candidates_find_a_near_copy_and_not_an_unrelated_text(
    scheme: SignatureScheme, index: SqlArticleIndex
) -> None:
    original = random_text(10)
    outcomes = index.upsert_many(
        [
            article("https://a.example/original", original, scheme),
            article("https://b.example/x", random_text(11), scheme),
        ]
    )
    original_id, unrelated_id = (outcome.id for outcome in outcomes)

    found = index.candidates(fingerprint(near_copy(original, seed=12), scheme), limit=10)

    assert [candidate.article_id for candidate in found] == [original_id]
    assert found[0].band_hits >= scheme.bands // 4
    assert not found[0].same_text
    assert unrelated_id not in [candidate.article_id for candidate in found]


def test_exact_text_is_found_by_its_hash_and_ranked_by_hits(
    scheme: SignatureScheme, index: SqlArticleIndex
) -> None:
    text = random_text(20)
    outcomes = index.upsert_many(
        [
            article("https://a.example/same", text, scheme),
            article("https://b.example/same-but-shouted", text.upper() + " !!!", scheme),
            article("https://c.example/near", near_copy(text, seed=21), scheme),
        ]
    )
    found = index.candidates(fingerprint(text, scheme), limit=10)
    assert [(c.article_id, c.band_hits, c.same_text) for c in found[:2]] == [
        (outcomes[0].id, scheme.bands, True),
        (outcomes[1].id, scheme.bands, True),
    ]
    assert found[2].article_id == outcomes[2].id
    assert not found[2].same_text
    assert index.candidates(fingerprint(text, scheme), limit=1)[0].article_id == outcomes[0].id


def test_the_text_hash_branch_finds_what_the_bands_miss(
    session: Session, scheme: SignatureScheme, index: SqlArticleIndex
) -> None:
    text = random_text(30)
    [outcome] = index.upsert_many([article("https://a.example/h", text, scheme)])
    session.execute(delete(LshBand).where(LshBand.article_id == outcome.id))

    [found] = index.candidates(fingerprint(text, scheme), limit=5)

    assert (found.article_id, found.band_hits, found.same_text) == (outcome.id, 0, True)


def test_delete_removes_the_article_its_signature_and_its_band_rows(
    session: Session, scheme: SignatureScheme, index: SqlArticleIndex
) -> None:
    kept, gone = index.upsert_many(
        [
            article("https://a.example/keep", random_text(40), scheme),
            article("https://a.example/gone", random_text(41), scheme),
        ]
    )
    assert _band_rows(session) == 2 * scheme.bands

    assert index.delete(gone.id)

    assert _band_rows(session) == scheme.bands
    assert _band_rows(session, gone.id) == 0
    assert _band_rows(session, kept.id) == scheme.bands
    assert session.scalar(select(func.count()).select_from(Signature)) == 1
    assert index.get(gone.id) is None
    assert index.candidates(fingerprint(random_text(41), scheme), limit=5) == []
    assert not index.delete(gone.id)
    assert index.stats().articles == 1


def test_get_many_get_by_url_and_iter_articles(scheme: SignatureScheme, index: SqlArticleIndex) -> None:
    outcomes = index.upsert_many(
        [article(f"https://a.example/{i}", random_text(50 + i), scheme) for i in range(5)]
    )
    ids = [outcome.id for outcome in outcomes]

    found = index.get_many([ids[0], ids[3], 10**12, ids[3]])

    assert set(found) == {ids[0], ids[3]}
    assert found[ids[3]].url == "https://a.example/3"
    by_url = index.get_by_url("https://a.example/2")
    assert by_url is not None
    assert by_url.id == ids[2]
    assert index.get_by_url("https://a.example/none") is None
    assert [stored.id for stored in index.iter_articles(batch_size=2)] == sorted(ids)
    signature = index.signature(ids[1])
    assert signature is not None
    assert signature.tolist() == fingerprint(random_text(51), scheme).signature.tolist()


def test_timestamps_are_stored_in_utc_and_read_back_aware(scheme: SignatureScheme, session: Session) -> None:
    moment = datetime(2024, 3, 1, 12, 30, tzinfo=UTC)
    index = SqlArticleIndex(session, scheme, clock=lambda: moment)
    published = datetime(2024, 2, 29, 23, 0, tzinfo=timezone(timedelta(hours=-5)))
    [outcome] = index.upsert_many(
        [article("https://a.example/t", random_text(60), scheme, published_at=published)]
    )

    if session.get_bind().dialect.name == "postgresql":  # get_many reads timestamps through psycopg
        session.connection().exec_driver_sql("SET TIME ZONE 'Asia/Kolkata'")

    for stored in (index.get(outcome.id), index.get_many([outcome.id])[outcome.id]):
        assert stored is not None
        assert stored.published_at == published
        assert stored.published_at is not None
        assert stored.published_at.tzinfo is UTC
        assert stored.first_seen_at == moment
        assert stored.first_seen_at.tzinfo is UTC


def test_a_naive_published_at_is_refused(scheme: SignatureScheme, index: SqlArticleIndex) -> None:
    naive = article("https://a.example/n", random_text(61), scheme, published_at=datetime(2024, 1, 1))
    with pytest.raises(ValueError, match="naive published_at"):
        index.upsert_many([naive])


def test_a_different_stored_scheme_is_refused_with_reindex_advice(
    session: Session, scheme: SignatureScheme, index: SqlArticleIndex
) -> None:
    index.upsert_many([article("https://a.example/s", random_text(70), scheme)])
    other = SignatureScheme(seed=2)
    other_index = SqlArticleIndex(session, other)

    with pytest.raises(SchemeError, match="reindex"):
        other_index.upsert_many([article("https://a.example/t", random_text(71), other)])
    with pytest.raises(SchemeError, match="reindex"):
        other_index.candidates(fingerprint(random_text(70), other), limit=5)
    with pytest.raises(SchemeError, match="reindex"):
        other_index.delete(1)


def test_a_shared_confirmation_checks_the_stored_scheme_once_per_interval(
    session: Session, scheme: SignatureScheme, index: SqlArticleIndex
) -> None:
    index.upsert_many([article("https://a.example/c", random_text(74), scheme)])
    now = [0.0]
    confirmation = SchemeConfirmation(ttl=10.0, clock=lambda: now[0])
    query = fingerprint(random_text(74), scheme)
    assert SqlArticleIndex(session, scheme, confirmation=confirmation).candidates(query, limit=1)

    reset_index(session, SignatureScheme(seed=4))

    now[0] = 9.0
    [unchecked] = SqlArticleIndex(session, scheme, confirmation=confirmation).candidates(query, limit=1)
    assert (unchecked.band_hits, unchecked.same_text, unchecked.side) == (0, True, None)
    now[0] = 10.5
    with pytest.raises(SchemeError, match="reindex"):
        SqlArticleIndex(session, scheme, confirmation=confirmation).candidates(query, limit=1)


def test_a_fingerprint_from_another_scheme_is_refused(
    scheme: SignatureScheme, index: SqlArticleIndex
) -> None:
    other = SignatureScheme(num_perm=64, bands=32)
    with pytest.raises(SchemeError, match="reindex"):
        index.upsert_many([article("https://a.example/o", random_text(72), other)])
    with pytest.raises(SchemeError, match="index's scheme"):
        index.candidates(fingerprint(random_text(72), other), limit=5)


def test_reset_index_adopts_a_new_scheme_and_keeps_the_articles(
    session: Session, scheme: SignatureScheme, index: SqlArticleIndex
) -> None:
    [outcome] = index.upsert_many([article("https://a.example/r", random_text(80), scheme)])
    other = SignatureScheme(seed=3)

    reset_index(session, other)

    assert stored_scheme(session) == other
    assert _band_rows(session) == 0
    reindexed = SqlArticleIndex(session, other)
    again = [article(stored.url, stored.text, other) for stored in reindexed.iter_articles()]
    [outcome_again] = reindexed.upsert_many(again)
    assert (outcome_again.id, outcome_again.created) == (outcome.id, False)
    assert _band_rows(session) == other.bands
    assert reindexed.candidates(fingerprint(random_text(80), other), limit=1)[0].article_id == outcome.id


def test_stats_and_empty_batches(session: Session, scheme: SignatureScheme, index: SqlArticleIndex) -> None:
    assert index.upsert_many([]) == []
    empty = index.stats()
    assert (empty.articles, empty.band_rows, empty.scheme_id) == (0, 0, None)
    index.upsert_many([article("https://a.example/s", random_text(90), scheme)])
    assert index.stats().articles == 1
    assert index.stats().band_rows == scheme.bands
    assert index.stats().scheme_id == scheme.id


def test_a_band_key_held_by_many_articles_is_read_for_its_first_holders_only(
    scheme: SignatureScheme, index: SqlArticleIndex
) -> None:
    """A stock key (held by more than BUCKET_READ_LIMIT articles) counts for its earliest holders only; a
    copy sharing many keys still ranks first, and the SQL and in-memory stores agree."""
    many = BUCKET_READ_LIMIT + 20
    articles = []
    for i in range(many):
        new = article(f"https://stock.example/{i}", random_text(1000 + i), scheme)
        keys = new.fingerprint.band_keys.copy()
        keys[0] = 12345
        articles.append(replace(new, fingerprint=replace(new.fingerprint, band_keys=keys)))
    memory = MemoryArticleIndex(scheme)
    ids = [outcome.id for outcome in index.upsert_many(articles)]
    assert [outcome.id for outcome in memory.upsert_many(articles)] == list(range(1, many + 1))
    newest = articles[-1].fingerprint

    found = index.candidates(newest, limit=10 * many)

    assert found == memory.candidates(newest, limit=10 * many)
    assert (found[0].article_id, found[0].band_hits) == (ids[-1], scheme.bands - 1)
    assert [candidate.article_id for candidate in found[1:]] == ids[:BUCKET_READ_LIMIT]
    assert {candidate.band_hits for candidate in found[1:]} == {1}
