"""MemoryArticleIndex behaves like SqlArticleIndex: same outcomes, same candidates, same order."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy.orm import Session

from newsdedup.core import SchemeError, SignatureScheme, fingerprint
from newsdedup.ports import ArticleIndex, NewArticle
from newsdedup.store.memory import MemoryArticleIndex
from newsdedup.store.sql import SqlArticleIndex
from tests.store.factory import article, articles, near_copy, random_text

MOMENT = datetime(2025, 5, 1, 8, 0, tzinfo=UTC)


def _corpus(scheme: SignatureScheme) -> list[NewArticle]:
    """Ten originals, each with copies of varying fidelity, one exact duplicate, and loners."""
    texts: dict[str, str] = {}
    for family in range(10):
        original = random_text(1000 + family)
        texts[f"https://origin.example/{family}"] = original
        for copy, share in enumerate((0.95, 0.8, 0.6, 0.4)):
            texts[f"https://copy{copy}.example/{family}"] = near_copy(
                original, seed=family * 10 + copy, share=share
            )
        texts[f"https://mirror.example/{family}"] = original
    for loner in range(10):
        texts[f"https://alone.example/{loner}"] = random_text(5000 + loner)
    return articles(texts, scheme)


def _queries(scheme: SignatureScheme) -> list[str]:
    return [random_text(1000 + family) for family in range(10)] + [
        near_copy(random_text(1003), seed=77, share=0.7),
        random_text(9999),
    ]


def _check_same(
    memory: ArticleIndex, stored: ArticleIndex, queries: list[str], scheme: SignatureScheme
) -> None:
    for text in queries:
        query = fingerprint(text, scheme)
        assert memory.candidates(query, limit=50) == stored.candidates(query, limit=50)
        assert memory.candidates(query, limit=3) == stored.candidates(query, limit=3)
    assert memory.stats() == stored.stats()


def test_memory_and_sql_agree(session: Session, scheme: SignatureScheme) -> None:
    memory = MemoryArticleIndex(scheme, clock=lambda: MOMENT)
    stored = SqlArticleIndex(session, scheme, clock=lambda: MOMENT)
    corpus = _corpus(scheme)

    assert memory.upsert_many(corpus) == stored.upsert_many(corpus)
    _check_same(memory, stored, _queries(scheme), scheme)

    replaced = [article("https://origin.example/3", random_text(4242), scheme), corpus[0], corpus[0]]
    assert memory.upsert_many(replaced) == stored.upsert_many(replaced)
    assert memory.delete(5) == stored.delete(5)
    assert memory.delete(5) == stored.delete(5)
    _check_same(memory, stored, [*_queries(scheme), random_text(4242)], scheme)

    ids = list(range(1, 80))
    assert memory.get_many(ids) == stored.get_many(ids)
    assert list(memory.iter_articles()) == list(stored.iter_articles())


def test_memory_index_refuses_what_the_sql_index_refuses(scheme: SignatureScheme) -> None:
    memory = MemoryArticleIndex(scheme)
    other = SignatureScheme(seed=9)
    with pytest.raises(SchemeError, match="reindex"):
        memory.upsert_many([article("https://a.example/x", random_text(1), other)])
    with pytest.raises(ValueError, match="non-empty url"):
        memory.upsert_many([article("", random_text(1), scheme)])
    with pytest.raises(ValueError, match="naive"):
        memory.upsert_many(
            [article("https://a.example/x", random_text(1), scheme, published_at=datetime(2024, 1, 1))]
        )
    assert memory.stats().articles == 0
