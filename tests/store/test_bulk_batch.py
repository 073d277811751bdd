"""`SqlArticleIndex.upsert_batch`: articles in their stored form, ids reserved up front, COPY on PostgreSQL
and prepared ``executemany`` on SQLite, with the same upsert semantics as `upsert_many`."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import numpy as np
import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from newsdedup.core import SignatureScheme, fingerprint_many
from newsdedup.core.fingerprint import shingles_from_bytes
from newsdedup.ports import NewArticle
from newsdedup.store import bulk
from newsdedup.store.bulk import ArticleBatch
from newsdedup.store.models import Article, LshBand, Signature
from newsdedup.store.sql import SqlArticleIndex
from tests.store.factory import random_text
from tests.store.test_bulk import counting

PUBLISHED = datetime(2021, 8, 9, 16, 7, tzinfo=UTC)


def _batch(items: list[tuple[str, str]], scheme: SignatureScheme) -> ArticleBatch:
    prints = fingerprint_many([text for _, text in items], scheme)
    articles = [
        NewArticle(
            url=url,
            text=text,
            fingerprint=print_,
            title=f"title of {url}",
            publisher="The Paper",
            domain="paper.example",
            canonical_url=url + "?canonical",
            published_at=PUBLISHED,
        )
        for (url, text), print_ in zip(items, prints, strict=True)
    ]
    return ArticleBatch.of(articles, scheme)


def _count(session: Session, table: type) -> int:
    return session.scalar(select(func.count()).select_from(table)) or 0


def test_new_urls_are_stored_whole_under_ascending_ids(session: Session, scheme: SignatureScheme) -> None:
    items = [(f"https://paper.example/{i}", random_text(i)) for i in range(300)]
    batch = _batch(items, scheme)
    index = SqlArticleIndex(session, scheme, clock=lambda: PUBLISHED)

    outcomes = index.upsert_batch(batch)

    assert all(outcome.created for outcome in outcomes)
    ids = [outcome.id for outcome in outcomes]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    assert _count(session, Article) == 300
    assert _count(session, LshBand) == 300 * scheme.bands
    stored = index.get(ids[7])
    assert stored is not None
    assert (stored.url, stored.text, stored.title) == (items[7][0], items[7][1], f"title of {items[7][0]}")
    assert (stored.publisher, stored.domain) == ("The Paper", "paper.example")
    assert stored.canonical_url == items[7][0] + "?canonical"
    assert stored.published_at == PUBLISHED and stored.first_seen_at == PUBLISHED
    assert stored.text_hash == batch.text_hashes[7]
    row = session.execute(select(Signature).where(Signature.article_id == ids[7])).scalar_one()
    assert (row.signature, row.shingles) == (batch.signatures[7], batch.shingles[7])
    word_count = session.scalar(select(Article.word_count).where(Article.id == ids[7]))
    assert word_count == batch.word_counts[7]


def test_a_stored_batch_is_found_by_its_band_keys(session: Session, scheme: SignatureScheme) -> None:
    items = [(f"https://paper.example/{i}", random_text(i)) for i in range(50)]
    outcomes = SqlArticleIndex(session, scheme).upsert_batch(_batch(items, scheme))
    query = fingerprint_many([items[20][1]], scheme)[0]

    candidates = SqlArticleIndex(session, scheme).candidates(query, limit=3)

    assert candidates[0].article_id == outcomes[20].id
    assert candidates[0].band_hits == scheme.bands and candidates[0].same_text
    assert candidates[0].side is not None
    assert np.array_equal(
        candidates[0].side.shingles, shingles_from_bytes(_batch(items, scheme).shingles[20])
    )


def test_known_urls_are_updated_and_a_repeated_url_keeps_its_last_version(
    session: Session, scheme: SignatureScheme
) -> None:
    index = SqlArticleIndex(session, scheme)
    first = index.upsert_batch(
        _batch([(f"https://paper.example/{i}", random_text(i)) for i in range(3)], scheme)
    )
    second = index.upsert_batch(
        _batch(
            [
                ("https://paper.example/1", random_text(101)),  # known: replaced
                ("https://paper.example/new", random_text(102)),  # new, then repeated
                ("https://paper.example/2", random_text(2)),  # known, same text
                ("https://paper.example/new", random_text(103)),  # the version kept
            ],
            scheme,
        )
    )

    assert [(outcome.id, outcome.created) for outcome in second] == [
        (first[1].id, False),
        (second[1].id, True),
        (first[2].id, False),
        (second[1].id, False),
    ]
    assert second[1].id > max(outcome.id for outcome in first)
    assert _count(session, Article) == 4
    assert _count(session, LshBand) == 4 * scheme.bands
    replaced, new = index.get(first[1].id), index.get(second[1].id)
    assert replaced is not None and replaced.text == random_text(101)
    assert new is not None and new.text == random_text(103)
    assert index.candidates(fingerprint_many([random_text(1)], scheme)[0], limit=5) == []


def test_ids_are_never_reused_after_the_newest_article_is_deleted(
    session: Session, scheme: SignatureScheme
) -> None:
    index = SqlArticleIndex(session, scheme)
    first = index.upsert_batch(
        _batch([(f"https://paper.example/{i}", random_text(i)) for i in range(3)], scheme)
    )
    assert index.delete(first[-1].id)

    again = index.upsert_batch(_batch([("https://paper.example/again", random_text(9))], scheme))

    assert again[0].id > first[-1].id


def test_a_batch_under_another_scheme_is_refused(session: Session, scheme: SignatureScheme) -> None:
    other = replace(scheme, seed=scheme.seed + 1)
    batch = _batch([("https://paper.example/a", random_text(1))], other)

    with pytest.raises(ValueError, match="scheme"):
        SqlArticleIndex(session, scheme).upsert_batch(batch)


def test_head_and_take_keep_the_columns_together(scheme: SignatureScheme) -> None:
    batch = _batch([(f"https://paper.example/{i}", random_text(i)) for i in range(5)], scheme)

    head, taken = batch.head(2), batch.take([4, 0])

    assert head.urls == batch.urls[:2] and np.array_equal(head.band_keys, batch.band_keys[:2])
    assert taken.signatures == [batch.signatures[4], batch.signatures[0]]
    assert np.array_equal(taken.band_keys, batch.band_keys[[4, 0]])
    assert len(batch.head(0)) == 0 and batch.head(0).band_keys.shape == (0, scheme.bands)


def test_new_articles_go_in_with_copy_on_postgresql_and_one_executemany_on_sqlite(
    engine: Engine, session: Session, scheme: SignatureScheme, monkeypatch: pytest.MonkeyPatch
) -> None:
    copied: list[int] = []
    real_copy = bulk._copy_articles

    def spy(connection, batch, positions, ids, now):  # type: ignore[no-untyped-def]
        copied.append(len(positions))
        real_copy(connection, batch, positions, ids, now)

    monkeypatch.setattr(bulk, "_copy_articles", spy)
    batch = _batch([(f"https://paper.example/{i}", random_text(i)) for i in range(1500)], scheme)
    index = SqlArticleIndex(session, scheme)
    index.upsert_batch(batch.head(10))

    with counting(engine) as statements:
        index.upsert_batch(batch.take(range(10, 1500)))

    inserts = [statement for statement in statements if statement.lstrip().upper().startswith("INSERT")]
    if engine.dialect.name == "postgresql":
        assert copied == [10, 1490]
        assert inserts == [], "articles, signatures and band rows all go through COPY"
    else:
        assert copied == []
        assert len(inserts) == 3, "one executemany each for articles, signatures and band rows"
    assert _count(session, Article) == 1500
    assert _count(session, Signature) == 1500
