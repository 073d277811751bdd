"""Find a PostgreSQL server for tests and benchmarks, or start a throwaway one.

In order: ``NEWSDEDUP_TEST_DATABASE_URL``, ``DATABASE_URL`` (when it names PostgreSQL),
``postgres@127.0.0.1:5432`` with trust auth, else a private server from the system's
``initdb``/``pg_ctl`` (PATH or /usr/lib/postgresql/*/bin) in a temporary directory on a free port,
run as an unprivileged user when we are root. The URL found is only used to connect and
``CREATE DATABASE``; tests work in databases of their own (`create_database`).
"""

from __future__ import annotations

import os
import pwd
import re
import secrets
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from newsdedup.store.db import normalize_database_url

LOCAL_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
_NAME = re.compile(r"^[a-z_][a-z0-9_]*$")


class ServerUnavailableError(RuntimeError):
    """No PostgreSQL server could be found or started; the message says what was tried."""


@dataclass
class PgServer:
    """A server we may create databases on, and how to stop it if we started it."""

    admin_url: str
    """SQLAlchemy URL of a maintenance database on the server (connect and CREATE DATABASE only)."""
    origin: str
    """Where it came from: an environment variable, "127.0.0.1:5432", or "started"."""
    _stop: Callable[[], None] | None = field(default=None, repr=False)

    def stop(self) -> None:
        """Stop the server if we started it; a server found running is left alone."""
        if self._stop is not None:
            self._stop()
            self._stop = None

    def database_url(self, name: str) -> str:
        """The URL of database ``name`` on this server."""
        return make_url(self.admin_url).set(database=name).render_as_string(hide_password=False)


def reachable(url: str, timeout: int = 3) -> str | None:
    """None when ``url`` accepts a connection, else the reason it does not."""
    engine = create_engine(normalize_database_url(url), connect_args={"connect_timeout": timeout})
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except DBAPIError as error:
        return str(error.orig or error).strip().splitlines()[0]
    finally:
        engine.dispose()
    return None


def find_server() -> tuple[PgServer | None, list[str]]:
    """A running server from the environment or 127.0.0.1:5432, and what was tried."""
    tried: list[str] = []
    candidates = [
        ("NEWSDEDUP_TEST_DATABASE_URL", os.environ.get("NEWSDEDUP_TEST_DATABASE_URL")),
        ("DATABASE_URL", os.environ.get("DATABASE_URL")),
        ("127.0.0.1:5432", LOCAL_URL),
        ("127.0.0.1:5432", LOCAL_URL.removesuffix("/postgres") + "/test"),
    ]
    for origin, given in candidates:
        if not given or not given.startswith(("postgres", "postgresql")):
            continue
        url = normalize_database_url(given)
        problem = reachable(url)
        if problem is None:
            return PgServer(admin_url=url, origin=origin), tried
        tried.append(f"{origin}: {problem}")
    return None, tried


def postgres_bindir() -> Path | None:
    """The directory holding initdb and pg_ctl: PATH first, then the newest /usr/lib/postgresql/*/bin."""
    initdb = shutil.which("initdb")
    if initdb and shutil.which("pg_ctl"):
        return Path(initdb).resolve().parent
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"),
        key=lambda path: int(path.parent.name) if path.parent.name.isdigit() else 0,
        reverse=True,
    )
    for bindir in versions:
        if (bindir / "initdb").is_file() and (bindir / "pg_ctl").is_file():
            return bindir
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _unprivileged_user() -> str | None:
    """The user to run the server as: None when we are not root, else postgres or nobody."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return name
    raise ServerUnavailableError("running as root and neither a 'postgres' nor a 'nobody' user exists")


def start_server(bindir: Path | None = None) -> PgServer:
    """Start a throwaway server (trust auth, no fsync) in a temp directory; `PgServer.stop` removes it."""
    bindir = bindir or postgres_bindir()
    if bindir is None:
        raise ServerUnavailableError("initdb/pg_ctl not found in PATH or /usr/lib/postgresql/*/bin")
    user = _unprivileged_user()
    root = Path(tempfile.mkdtemp(prefix="newsdedup-pg-"))
    data, log = root / "data", root / "server.log"
    if user is not None:
        entry = pwd.getpwnam(user)
        os.chown(root, entry.pw_uid, entry.pw_gid)
    env = {**os.environ, "LC_ALL": "C", "LANG": "C"}

    def run(*args: str) -> None:
        done = subprocess.run(
            args, user=user, env=env, cwd=root, capture_output=True, text=True, timeout=120, check=False
        )
        if done.returncode != 0:
            detail = (done.stderr or done.stdout).strip()
            if log.exists():
                detail += "\n" + log.read_text(errors="replace")[-2000:]
            raise ServerUnavailableError(f"{' '.join(args)} failed ({done.returncode}): {detail}")

    port = _free_port()
    options = (
        f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off"
    )
    try:
        run(
            str(bindir / "initdb"),
            "-D",
            str(data),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--no-sync",
        )
        run(str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options, "-w", "-t", "60", "start")
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)
        raise

    def stop() -> None:
        try:
            run(str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(root, ignore_errors=True)

    url = f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    return PgServer(admin_url=url, origin="started", _stop=stop)


def find_or_start_server() -> PgServer:
    """A running server if there is one, else a throwaway one; `ServerUnavailableError` says what failed."""
    server, tried = find_server()
    if server is not None:
        return server
    try:
        return start_server()
    except (ServerUnavailableError, OSError, subprocess.SubprocessError) as error:
        tried.append(f"throwaway server: {error}")
    raise ServerUnavailableError("no PostgreSQL server for the tests. Tried:\n  " + "\n  ".join(tried))


def unique_name(prefix: str = "newsdedup_test") -> str:
    """A database name no other run will pick."""
    return f"{prefix}_{os.getpid()}_{secrets.token_hex(4)}"


def _checked(name: str) -> str:
    if not _NAME.match(name):
        raise ValueError(f"database name {name!r} must be lower-case letters, digits and underscores")
    return name


def create_database(server: PgServer, name: str, *, template: str | None = None) -> str:
    """Create database ``name`` (a copy of ``template`` if given) and return its URL."""
    statement = f'CREATE DATABASE "{_checked(name)}"'
    if template is not None:
        statement += f' TEMPLATE "{_checked(template)}"'
    engine = create_engine(server.admin_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql(statement)
    finally:
        engine.dispose()
    return server.database_url(name)


def drop_database(server: PgServer, name: str) -> None:
    """Drop database ``name``, disconnecting anyone still in it."""
    engine = create_engine(server.admin_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{_checked(name)}" WITH (FORCE)')
    finally:
        engine.dispose()
