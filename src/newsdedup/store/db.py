"""Engines, sessions, the one transaction boundary, and schema migrations (Alembic).

Nothing here runs at import time: engines are built by `create_engine_for` when the caller asks.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DisconnectionError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

SQLITE_BUSY_TIMEOUT_MS = 30_000

_MIGRATIONS_CANDIDATES = (
    Path(__file__).resolve().parents[1] / "migrations",  # packaged next to the code (wheel build)
    Path(__file__).resolve().parents[3] / "migrations",  # source checkout / editable install
)


def normalize_database_url(url: str) -> str:
    """Return ``url`` with PostgreSQL spelled for psycopg 3 (``postgres://`` and ``postgresql://`` too)."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url.removeprefix("postgres://")
    parsed = make_url(url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


PING_IDLE_AFTER_SECONDS = 1.0
"""A pooled PostgreSQL connection idle for longer is pinged before use; one used more recently is taken
to be alive (HikariCP's rule, with its 0.5 s window doubled)."""


def create_engine_for(
    url: str, *, pool_size: int = 5, ping_idle_after: float = PING_IDLE_AFTER_SECONDS
) -> Engine:
    """Build an engine for a SQLite or PostgreSQL URL.

    SQLite gets WAL, foreign keys and a busy timeout on every connection, its parent directory is
    created, and SQLAlchemy emits BEGIN itself so savepoints and transactional DDL work.
    PostgreSQL goes through psycopg 3 with a pool of ``pool_size`` connections, most recently used
    first, each pinged before use if it sat idle ``ping_idle_after`` seconds or more.
    """
    parsed = make_url(normalize_database_url(url))
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed)
    if parsed.get_backend_name() == "postgresql":
        engine = create_engine(parsed, pool_size=pool_size, max_overflow=pool_size, pool_use_lifo=True)
        _ping_idle_connections(engine, ping_idle_after)
        return engine
    raise ValueError(
        f"unsupported database URL {parsed.render_as_string(hide_password=True)!r}; "
        "use sqlite:///path/to/file.sqlite3 or postgresql+psycopg://user:password@host/dbname"
    )


_IDLE_SINCE = "newsdedup_idle_since"


def _ping_idle_connections(engine: Engine, idle_after: float) -> None:
    """Ping a pooled connection before use when it sat idle ``idle_after`` seconds or more.

    SQLAlchemy's ``pool_pre_ping`` pings at every checkout: one round trip more per request (a match
    makes three or four). A connection handed back moments ago is alive unless the server went away in
    between; then that request fails, the pool is invalidated, and the next one reconnects.
    """

    @event.listens_for(engine, "checkin")
    def _on_checkin(_dbapi_connection: Any, record: Any) -> None:
        record.info[_IDLE_SINCE] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _on_checkout(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        idle_since = record.info.get(_IDLE_SINCE)
        if idle_since is None or time.monotonic() - idle_since < idle_after:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as error:
            raise DisconnectionError(f"a pooled connection failed its ping: {error}") from error


READ_ONLY_OPTION = "newsdedup_read_only"
"""Execution option marking a transaction that writes nothing (SQLite then begins it deferred)."""


def _sqlite_engine(url: URL) -> Engine:
    database = url.database or ""
    plain_file = database not in ("", ":memory:") and not database.startswith("file:")
    if plain_file:
        Path(database).expanduser().resolve().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take BEGIN away from the sqlite3 module (it skips it before SELECT, DDL and SAVEPOINT).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            if plain_file:
                cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # A write transaction takes the write lock at BEGIN, so a second writer waits (busy_timeout)
        # instead of failing with SQLITE_BUSY when it upgrades a read transaction to a write one.
        read_only = connection.get_execution_options().get(READ_ONLY_OPTION, False)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions bound to ``engine``; objects stay readable after commit."""
    return sessionmaker(bind=engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session], *, read_only: bool = False) -> Iterator[Session]:
    """The one transaction boundary: yield a session, commit once at the end, roll back on any error.

    On SQLite a transaction takes the write lock when it begins, so concurrent writers queue up;
    ``read_only`` ones do not, so reads run beside a writer (WAL). On PostgreSQL a ``read_only`` unit
    runs its statements in autocommit: it writes nothing, so it needs no BEGIN and no COMMIT (two round
    trips, a fifth of a match request at 1M articles); each statement sees the data committed when it
    starts, and a later read tolerates rows deleted since an earlier one.
    """
    with factory() as session:
        if read_only:
            options: dict[str, object] = {READ_ONLY_OPTION: True}
            if session.get_bind().dialect.name == "postgresql":
                options["isolation_level"] = "AUTOCOMMIT"
            session.connection(execution_options=options)
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def migrations_dir() -> Path:
    """The directory holding ``env.py`` and ``versions/`` for Alembic.

    The migrations live in the repository's top-level ``migrations/``, found from here in a source
    checkout or an editable install (``pip install -e .``). A wheel that should carry them must
    include that directory as ``newsdedup/migrations``, which is looked at first.
    """
    for candidate in _MIGRATIONS_CANDIDATES:
        if (candidate / "env.py").is_file():
            return candidate
    tried = ", ".join(str(path) for path in _MIGRATIONS_CANDIDATES)
    raise FileNotFoundError(
        f"newsdedup's Alembic migrations were not found (tried {tried}). They live in the source "
        "checkout's migrations/ directory: install with `pip install -e .` from a checkout, or run "
        "`alembic upgrade head` from the checkout with DATABASE_URL set."
    )


def alembic_config(url: str | None = None, *, connection: Connection | None = None) -> Config:
    """An Alembic config for newsdedup's migrations, aimed at ``url`` or an open ``connection``."""
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    if url is not None:
        # ConfigParser interpolation: a literal % in a password must be doubled.
        config.set_main_option("sqlalchemy.url", normalize_database_url(url).replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade_database(url_or_engine: str | Engine) -> None:
    """Bring the database's schema to the newest migration (``alembic upgrade head``)."""
    engine = create_engine_for(url_or_engine) if isinstance(url_or_engine, str) else url_or_engine
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection=connection), "head")
    finally:
        if isinstance(url_or_engine, str):
            engine.dispose()


def database_is_ready(engine: Engine) -> bool:
    """True when the database answers and its schema is at the newest migration."""
    heads = set(ScriptDirectory.from_config(alembic_config()).get_heads())
    try:
        with engine.connect() as connection:
            current = set(MigrationContext.configure(connection).get_current_heads())
    except SQLAlchemyError:
        return False
    return current == heads
