"""Nothing half-written: `transaction` commits once or rolls every part of a batch back."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import Connection, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from newsdedup.core import SignatureScheme
from newsdedup.store import bands, sql
from newsdedup.store.bands import BandRows
from newsdedup.store.db import transaction
from newsdedup.store.models import Article, IndexMeta, LshBand, Signature
from newsdedup.store.sql import SqlArticleIndex
from tests.store.factory import article, random_text


def _counts(connection: Connection) -> dict[str, int]:
    return {
        model.__tablename__: connection.scalar(select(func.count()).select_from(model)) or 0
        for model in (IndexMeta, Article, Signature, LshBand)
    }


EMPTY = {"index_meta": 0, "articles": 0, "signatures": 0, "lsh_bands": 0}


def test_transaction_commits_once_at_the_end(
    connection: Connection, session_maker: sessionmaker[Session], scheme: SignatureScheme
) -> None:
    with transaction(session_maker) as session:
        SqlArticleIndex(session, scheme).upsert_many([article("https://a.example/c", random_text(1), scheme)])

    assert _counts(connection) == {"index_meta": 1, "articles": 1, "signatures": 1, "lsh_bands": scheme.bands}


def test_a_constraint_violation_midway_rolls_back_the_whole_transaction(
    connection: Connection, session_maker: sessionmaker[Session], scheme: SignatureScheme
) -> None:
    good = [article(f"https://a.example/{i}", random_text(i), scheme) for i in range(3)]
    bad = [
        article("https://b.example/1", random_text(10), scheme),
        article("", random_text(11), scheme),  # violates ck_articles_url_not_empty
        article("https://b.example/3", random_text(12), scheme),
    ]

    with (
        pytest.raises(IntegrityError, match=r"url_not_empty|CHECK constraint failed"),
        transaction(session_maker) as session,
    ):
        index = SqlArticleIndex(session, scheme)
        index.upsert_many(good)
        index.upsert_many(bad)

    assert _counts(connection) == EMPTY


def test_a_failure_after_articles_and_signatures_were_written_leaves_nothing(
    connection: Connection,
    session_maker: sessionmaker[Session],
    scheme: SignatureScheme,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real_insert: Callable[[Session, BandRows], None] = bands.insert_band_rows
    written_before_failure: dict[str, int] = {}

    def insert_half_then_fail(session: Session, rows: BandRows) -> None:
        half = len(rows) // 2
        real_insert(session, BandRows(rows.bands[:half], rows.keys[:half], rows.article_ids[:half]))
        session.flush()
        written_before_failure.update(_counts(session.connection()))
        raise RuntimeError("disk full (simulated) while writing band keys")

    monkeypatch.setattr(sql, "insert_band_rows", insert_half_then_fail)
    batch = [article(f"https://a.example/{i}", random_text(i), scheme) for i in range(4)]

    with pytest.raises(RuntimeError, match="simulated"), transaction(session_maker) as session:
        SqlArticleIndex(session, scheme).upsert_many(batch)

    assert written_before_failure == {
        "index_meta": 1,
        "articles": 4,
        "signatures": 4,
        "lsh_bands": 2 * scheme.bands,
    }
    assert _counts(connection) == EMPTY
