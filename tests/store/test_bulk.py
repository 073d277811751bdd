"""Bulk paths are bulk: thousands of articles in a handful of statements."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
import pytest
from sqlalchemy import Connection, Engine, create_engine, event, func, select
from sqlalchemy.orm import Session

from newsdedup.core import SignatureScheme, default_scheme, fingerprint_many
from newsdedup.ports import NewArticle
from newsdedup.store import bands
from newsdedup.store.models import Article, LshBand
from newsdedup.store.sql import SqlArticleIndex
from tests.store.factory import random_text

BULK = 2000


@pytest.fixture(scope="module")
def bulk_articles() -> list[NewArticle]:
    """2,000 distinct random articles and 200 of them again, fingerprinted once for the module."""
    texts = [random_text(seed) for seed in range(BULK)]
    prints = fingerprint_many(texts, default_scheme())
    return [
        NewArticle(url=f"https://bulk.example/{i}", text=text, fingerprint=print_)
        for i, (text, print_) in enumerate(zip(texts, prints, strict=True))
    ]


@contextmanager
def counting(engine: Engine) -> Iterator[list[str]]:
    """Collect every statement sent through ``engine`` (executemany counts once)."""
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def test_bulk_upsert_uses_a_constant_number_of_statements(
    engine: Engine,
    session: Session,
    scheme: SignatureScheme,
    bulk_articles: list[NewArticle],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    copies: list[int] = []
    real_copy = bands.copy_band_rows

    def spy(connection: Connection, rows: bands.BandRows) -> None:
        copies.append(len(rows))
        real_copy(connection, rows)

    monkeypatch.setattr(bands, "copy_band_rows", spy)
    index = SqlArticleIndex(session, scheme)
    with counting(engine) as few:
        index.upsert_many(bulk_articles[:20])
    copies.clear()
    with counting(engine) as many:
        outcomes = index.upsert_many(bulk_articles[20:])

    assert len(outcomes) == BULK - 20
    assert all(outcome.created for outcome in outcomes)
    assert session.scalar(select(func.count()).select_from(Article)) == BULK
    assert session.scalar(select(func.count()).select_from(LshBand)) == BULK * scheme.bands
    # Insert-many-values pages 1000 rows per INSERT ... RETURNING, so 2,000 rows may add one.
    assert len(many) <= len(few) + 2, many
    assert len(many) <= 12, many
    if engine.dialect.name == "postgresql":
        assert copies == [(BULK - 20) * scheme.bands], "PostgreSQL band rows go through one COPY"


def test_bulk_update_uses_a_constant_number_of_statements(
    engine: Engine, session: Session, scheme: SignatureScheme, bulk_articles: list[NewArticle]
) -> None:
    index = SqlArticleIndex(session, scheme)
    index.upsert_many(bulk_articles)
    shifted = [
        NewArticle(url=item.url, text=other.text, fingerprint=other.fingerprint)
        for item, other in zip(bulk_articles, bulk_articles[1:] + bulk_articles[:1], strict=True)
    ]
    with counting(engine) as statements:
        outcomes = index.upsert_many(shifted)

    assert not any(outcome.created for outcome in outcomes)
    assert len(statements) <= 12, statements
    assert session.scalar(select(func.count()).select_from(LshBand)) == BULK * scheme.bands
    [first] = index.candidates(bulk_articles[1].fingerprint, limit=1)
    assert first.article_id == outcomes[0].id


def test_a_query_is_one_statement(
    engine: Engine,
    session: Session,
    scheme: SignatureScheme,
    bulk_articles: list[NewArticle],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    index = SqlArticleIndex(session, scheme)
    index.upsert_many(bulk_articles[:300])
    index.candidates(bulk_articles[0].fingerprint, limit=5)  # the first query reads the stored scheme
    with counting(engine) as statements:
        real_fetch = bands.fetch_binary  # psycopg's binary reads bypass SQLAlchemy's events

        def spy(connection: Connection, statement: str, params: Any) -> list[tuple[Any, ...]]:
            statements.append(statement)
            return real_fetch(connection, statement, params)

        monkeypatch.setattr(bands, "fetch_binary", spy)
        found = index.candidates(bulk_articles[7].fingerprint, limit=5)
    assert len(statements) == 1
    assert found[0].same_text
    assert found[0].side is not None and found[0].side.text_hash == bulk_articles[7].fingerprint.text_hash
    assert np.array_equal(found[0].side.shingles, bulk_articles[7].fingerprint.compact_shingles())


@pytest.mark.parametrize("count", [0, 1, 7, 300])
def test_band_rows_sorted_band_by_band_are_the_rows_in_key_order(count: int) -> None:
    rng = np.random.default_rng(count)
    keys = rng.integers(-5, 5, size=(count, 16), dtype=np.int64)  # many equal keys
    ids = rng.permutation(np.arange(100, 100 + count)).tolist()

    fast = bands.BandRows.in_key_order_of(ids, keys)
    rows = bands.BandRows.of(ids, keys)
    order = np.lexsort((rows.article_ids, rows.keys, rows.bands))
    slow = bands.BandRows(rows.bands[order], rows.keys[order], rows.article_ids[order])

    assert fast.tuples() == slow.tuples()


@pytest.mark.parametrize(("count", "per_article"), [(0, 64), (1, 64), (3, 5), (70, 3)])
def test_band_rows_go_into_sqlite_many_to_a_statement_exactly_as_given(count: int, per_article: int) -> None:
    rng = np.random.default_rng(count)
    keys = rng.integers(-(2**63), 2**63 - 1, size=(count, per_article), dtype=np.int64)
    rows = bands.BandRows.in_key_order_of(list(range(1, count + 1)), keys)
    engine = create_engine("sqlite://")
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE staged (band INTEGER, key INTEGER, article_id INTEGER)")
        rows.insert_sqlite(connection, "staged")
        stored = connection.exec_driver_sql("SELECT band, key, article_id FROM staged ORDER BY rowid").all()
    assert [tuple(row) for row in stored] == rows.tuples()
