"""Database fixtures: real SQLite and PostgreSQL databases built with ``alembic upgrade head``.

- ``db_url``: a fresh, migrated, empty database for one test, once per backend ("sqlite",
  "postgres"; the latter marked ``postgres``). PostgreSQL comes from `tests.pgserver`; with
  ``CI=true`` a missing server is an error, elsewhere the PostgreSQL cases are skipped.
- ``engine``: an engine on ``db_url``.
- ``connection`` / ``session`` / ``session_maker``: one outer transaction per test, rolled back
  at the end; sessions join it through savepoints, so even ``commit()`` leaves nothing behind.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session, sessionmaker

from newsdedup.store.db import READ_ONLY_OPTION, create_engine_for, upgrade_database
from tests import pgserver

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgres", id="postgres", marks=pytest.mark.postgres),
]


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, empty SQLite file that each test copies."""
    path = tmp_path_factory.mktemp("sqlite-template") / "template.sqlite3"
    engine = create_engine_for(f"sqlite:///{path}")
    try:
        upgrade_database(engine)
        with engine.connect().execution_options(**{READ_ONLY_OPTION: True}) as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        engine.dispose()
    return path


@pytest.fixture(scope="session")
def pg_server() -> Iterator[pgserver.PgServer]:
    """A PostgreSQL server to create test databases on (found, or started for this session)."""
    try:
        server = pgserver.find_or_start_server()
    except pgserver.ServerUnavailableError as error:
        if _in_ci():
            pytest.fail(f"CI=true and PostgreSQL tests must not skip: {error}", pytrace=False)
        pytest.skip(f"PostgreSQL unavailable (set NEWSDEDUP_TEST_DATABASE_URL to run these): {error}")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def pg_template(pg_server: pgserver.PgServer) -> Iterator[str]:
    """The name of a migrated, empty PostgreSQL database that each test clones."""
    name = pgserver.unique_name("newsdedup_template")
    url = pgserver.create_database(pg_server, name)
    try:
        upgrade_database(url)
        yield name
    finally:
        pgserver.drop_database(pg_server, name)


@pytest.fixture
def sqlite_url(sqlite_template: Path, tmp_path: Path) -> str:
    """A fresh, migrated SQLite database file for this test."""
    path = tmp_path / "newsdedup.sqlite3"
    shutil.copyfile(sqlite_template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def postgres_url(pg_server: pgserver.PgServer, pg_template: str) -> Iterator[str]:
    """A fresh, migrated PostgreSQL database for this test, dropped afterwards."""
    name = pgserver.unique_name()
    url = pgserver.create_database(pg_server, name, template=pg_template)
    try:
        yield url
    finally:
        pgserver.drop_database(pg_server, name)


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest) -> str:
    """A fresh, migrated, empty database for this test, on each backend in turn."""
    url: str = request.getfixturevalue(f"{request.param}_url")
    return url


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """An engine on this test's database."""
    built = create_engine_for(db_url, pool_size=2)
    try:
        yield built
    finally:
        built.dispose()


@pytest.fixture
def connection(engine: Engine) -> Iterator[Connection]:
    """A connection inside a transaction that is rolled back after the test."""
    with engine.connect() as opened:
        outer = opened.begin()
        try:
            yield opened
        finally:
            if outer.is_active:
                outer.rollback()


@pytest.fixture
def session_maker(connection: Connection) -> sessionmaker[Session]:
    """Sessions joining the test's transaction through savepoints: their commits and rollbacks stay inside."""
    return sessionmaker(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False)


@pytest.fixture
def session(session_maker: sessionmaker[Session]) -> Iterator[Session]:
    """A session whose work is rolled back after the test."""
    with session_maker() as opened:
        yield opened
