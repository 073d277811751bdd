"""Changing the signature scheme: refused with advice, then fixed by `newsdedup reindex`."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import sessionmaker
from typer.testing import CliRunner

from newsdedup.cli import app
from newsdedup.core import SchemeError, SignatureScheme, default_scheme, fingerprint
from newsdedup.detector import ArticleInput, Detector, MatchQuery
from newsdedup.store.db import transaction
from newsdedup.store.sql import SqlArticleIndex
from tests.api.corpus import make_texts

OLD = SignatureScheme(seed=7)


def test_reindex_moves_the_index_to_the_current_scheme(
    engine: Engine, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = make_texts(25, seed=12)
    sessions = sessionmaker(engine, expire_on_commit=False)
    with transaction(sessions) as session:
        Detector(SqlArticleIndex(session, OLD)).index_many(
            [ArticleInput(url=f"https://paper.example/{i}", text=text) for i, text in enumerate(texts)]
        )
    with pytest.raises(SchemeError, match="reindex"), transaction(sessions) as session:
        SqlArticleIndex(session, default_scheme()).candidates(fingerprint(texts[0], default_scheme()), 10)

    monkeypatch.setenv("NEWSDEDUP_DATABASE_URL", db_url)
    result = CliRunner().invoke(app, ["reindex", "--batch-size", "10"])
    assert result.exit_code == 0, result.output

    with transaction(sessions) as session:
        index = SqlArticleIndex(session, default_scheme())
        stats = index.stats()
        report = Detector(index).match(MatchQuery(text=texts[4]))
    assert stats.scheme_id == default_scheme().id
    assert stats.articles == 25 and stats.band_rows == 25 * default_scheme().bands
    assert [match.article.url for match in report.matches] == ["https://paper.example/4"]
