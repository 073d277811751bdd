"""Two writers at once on the embedded SQLite file: the second waits for the first, neither fails."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from sqlalchemy.orm import sessionmaker

from newsdedup.core import default_scheme, fingerprint
from newsdedup.detector import ArticleInput, Detector
from newsdedup.store.db import create_engine_for, transaction, upgrade_database
from newsdedup.store.sql import SqlArticleIndex
from tests.api.corpus import make_texts


def test_overlapping_read_then_write_transactions_both_commit(tmp_path: Path) -> None:
    engine = create_engine_for(f"sqlite:///{tmp_path / 'shared.sqlite3'}")
    upgrade_database(engine)
    sessions = sessionmaker(engine, expire_on_commit=False)
    texts = make_texts(2, seed=41)
    failures: list[BaseException] = []

    def writer(number: int) -> None:
        time.sleep(0.1 * number)
        try:
            with transaction(sessions) as session:
                index = SqlArticleIndex(session, default_scheme())
                index.candidates(fingerprint(texts[number], default_scheme()), 10)
                time.sleep(0.3)
                Detector(index).index_many(
                    [ArticleInput(url=f"https://a.example/{number}", text=texts[number])]
                )
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=writer, args=(number,)) for number in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    try:
        assert failures == []
        with transaction(sessions, read_only=True) as session:
            assert SqlArticleIndex(session, default_scheme()).stats().articles == 2
    finally:
        engine.dispose()
