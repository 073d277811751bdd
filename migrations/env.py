"""Alembic environment for newsdedup: SQLite and PostgreSQL, online only.

The database is, in order: a connection handed over in ``config.attributes["connection"]``
(`newsdedup.store.db.upgrade_database` does this), the ``sqlalchemy.url`` main option, or
``newsdedup.settings.get_settings().database_url``.
"""

from __future__ import annotations

from logging.config import fileConfig

from alembic import context
from sqlalchemy import Connection

from newsdedup.settings import get_settings
from newsdedup.store.db import create_engine_for
from newsdedup.store.models import Base

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)


def run(connection: Connection) -> None:
    """Run the migrations over ``connection``; batch mode on SQLite, which cannot ALTER much."""
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        # create_engine_for makes SQLite emit BEGIN itself, so its DDL is transactional too.
        transactional_ddl=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    """Use the caller's connection, or open one to the configured URL."""
    given = config.attributes.get("connection")
    if isinstance(given, Connection):
        run(given)
        return
    url = config.get_main_option("sqlalchemy.url") or get_settings().database_url
    engine = create_engine_for(url, pool_size=1)
    try:
        with engine.connect() as connection:
            run(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit(
        "newsdedup migrations run online only: drop --sql and point DATABASE_URL at the database"
    )
run_online()
