"""Migrations and models agree (``alembic check``) on both backends; engines are configured as promised."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Connection, Engine, inspect

from newsdedup.store.db import alembic_config, create_engine_for, database_is_ready, normalize_database_url
from newsdedup.store.models import Base


def test_alembic_check_finds_no_difference(connection: Connection) -> None:
    command.check(alembic_config(connection=connection))


def test_every_model_table_exists(connection: Connection) -> None:
    tables = set(inspect(connection).get_table_names())
    assert set(Base.metadata.tables) <= tables


def test_database_is_ready_after_upgrade(engine: Engine) -> None:
    assert database_is_ready(engine)


def test_an_unmigrated_database_is_not_ready(tmp_path: Path) -> None:
    engine = create_engine_for(f"sqlite:///{tmp_path}/empty.sqlite3")
    try:
        assert not database_is_ready(engine)
    finally:
        engine.dispose()


def test_sqlite_engines_use_wal_foreign_keys_and_a_busy_timeout(tmp_path: Path) -> None:
    engine = create_engine_for(f"sqlite:///{tmp_path}/nested/dir/x.sqlite3")
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert (connection.exec_driver_sql("PRAGMA busy_timeout").scalar() or 0) > 0
    finally:
        engine.dispose()
    assert (tmp_path / "nested" / "dir" / "x.sqlite3").exists()


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgres://u:p@h:5432/d", "postgresql+psycopg://u:p@h:5432/d"),
        ("postgresql://u@h/d", "postgresql+psycopg://u@h/d"),
        ("postgresql+psycopg://u@h/d", "postgresql+psycopg://u@h/d"),
        ("sqlite:///data/x.sqlite3", "sqlite:///data/x.sqlite3"),
    ],
)
def test_postgres_urls_are_rewritten_for_psycopg(given: str, expected: str) -> None:
    assert normalize_database_url(given) == expected


def test_an_unsupported_url_says_what_to_use() -> None:
    with pytest.raises(ValueError, match="postgresql\\+psycopg://"):
        create_engine_for("mysql://u@h/d")


def test_postgresql_compresses_article_texts_with_lz4_where_it_can(connection: Connection) -> None:
    if connection.dialect.name != "postgresql":
        pytest.skip("a PostgreSQL column setting")
    available = connection.exec_driver_sql(
        "SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'"
    ).scalar()
    compression = connection.exec_driver_sql(
        "SELECT attcompression FROM pg_attribute WHERE attrelid = 'articles'::regclass AND attname = 'text'"
    ).scalar()
    assert compression == ("l" if available else "")
