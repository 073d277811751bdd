"""Storage: SQLAlchemy models and migrations, the SQL and in-memory article indexes.

Typical use::

    engine = create_engine_for(settings.database_url)
    upgrade_database(engine)
    sessions = session_factory(engine)
    with transaction(sessions) as session:
        index = SqlArticleIndex(session, scheme)
        index.upsert_many(articles)
"""

from newsdedup.store.db import (
    alembic_config,
    create_engine_for,
    database_is_ready,
    migrations_dir,
    normalize_database_url,
    session_factory,
    transaction,
    upgrade_database,
)
from newsdedup.store.memory import MemoryArticleIndex
from newsdedup.store.meta import ensure_scheme, reset_index, stored_scheme
from newsdedup.store.sql import SqlArticleIndex

__all__ = [
    "MemoryArticleIndex",
    "SqlArticleIndex",
    "alembic_config",
    "create_engine_for",
    "database_is_ready",
    "ensure_scheme",
    "migrations_dir",
    "normalize_database_url",
    "reset_index",
    "session_factory",
    "stored_scheme",
    "transaction",
    "upgrade_database",
]
