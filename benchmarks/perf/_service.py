"""Throwaway databases and a real `newsdedup serve` (uvicorn, N workers) for the HTTP benchmarks."""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text

ADMIN_URL = os.environ.get("NEWSDEDUP_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def database(backend: str, keep: str | None = None) -> Iterator[str]:
    """A fresh, migrated database URL: PostgreSQL (created and dropped) or a SQLite file in /tmp.

    With ``keep``, the database of that name is reused if present and left in place afterwards.
    """
    name = keep or f"perf_{secrets.token_hex(4)}"
    if backend == "sqlite":
        path = Path("/tmp") / f"{name}.sqlite3"
        url = f"sqlite:///{path}"
        if not keep:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        subprocess.run(["newsdedup", "db", "upgrade"], env=os.environ | {"DATABASE_URL": url}, check=True)
        try:
            yield url
        finally:
            if not keep:
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    admin = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        exists = connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name})
        if not exists:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    subprocess.run(["newsdedup", "db", "upgrade"], env=os.environ | {"DATABASE_URL": url}, check=True)
    try:
        yield url
    finally:
        if not keep:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def api_key(url: str) -> dict[str, str]:
    """Create an API key in the database at ``url``; the headers that send it."""
    created = subprocess.run(
        ["newsdedup", "key", "create", f"bench-{secrets.token_hex(3)}"],
        env=os.environ | {"DATABASE_URL": url},
        check=True,
        capture_output=True,
        text=True,
    )
    return {"authorization": f"Bearer {created.stdout.strip().splitlines()[0]}"}


def drop_database(name: str) -> None:
    """Drop a PostgreSQL benchmark database."""
    admin = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@contextmanager
def server(url: str, workers: int = 2, env: dict[str, str] | None = None) -> Iterator[tuple[str, list[int]]]:
    """``newsdedup serve --workers N`` on a free port; yields its base URL and the worker pids."""
    port = free_port()
    process = subprocess.Popen(
        ["newsdedup", "serve", "--port", str(port), "--workers", str(workers)],
        env=os.environ | {"DATABASE_URL": url} | (env or {}),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        if not _until_healthy(base, process, within=120):
            raise RuntimeError(f"newsdedup serve did not start (exit code {process.poll()})")
        time.sleep(1.0 if workers > 1 else 0.1)
        yield base, children(process.pid)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _until_healthy(base: str, process: subprocess.Popen[bytes], within: float) -> bool:
    """Wait until ``base``/healthz answers 200 (True), the process exits or ``within`` seconds pass."""
    deadline = time.monotonic() + within
    while process.poll() is None and time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                return True
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    return False


def children(pid: int) -> list[int]:
    """Pids of uvicorn's worker processes under ``pid`` (not multiprocessing's resource tracker), or
    ``[pid]`` with none."""
    try:
        found = [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        found = []
    workers = [child for child in found if b"resource_tracker" not in _cmdline(child)]
    return workers or [pid]


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def rss_mib(pid: int) -> float:
    """Resident set size of a process, MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def log(message: str) -> None:
    """Progress to stderr."""
    print(message, file=sys.stderr, flush=True)


@contextmanager
def uvicorn_app(
    factory: str, cwd: Path, env: dict[str, str] | None = None, ready_within: float = 60
) -> Iterator[str]:
    """A benchmark app (``module:create_app``, 2 uvicorn workers) on a free port; yields its base URL once
    ``/healthz`` answers (or after ``ready_within`` seconds), stops it afterwards."""
    port = free_port()
    command = [sys.executable, "-m", "uvicorn", factory, "--factory", "--workers", "2"]
    process = subprocess.Popen(
        [*command, "--port", str(port), "--log-level", "warning"],
        cwd=cwd,
        env=env,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _until_healthy(base, process, within=ready_within)
        time.sleep(1.5)
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=60)
