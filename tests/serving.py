"""Run the real service in a subprocess on a free localhost port, for tests that speak HTTP to it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def running_server(
    command: Sequence[str], cwd: Path, *, database_url: str | None = None, ready_within: float = 60
) -> Iterator[str]:
    """Start ``command`` (``{port}`` in it is filled in), wait for /readyz, yield the base url, stop it.

    The test process's DATABASE_URL settings are not passed on; ``database_url`` sets one.
    """
    port = free_port()
    env = {key: value for key, value in os.environ.items() if not key.endswith("DATABASE_URL")}
    if database_url is not None:
        env["NEWSDEDUP_DATABASE_URL"] = database_url
    argv = [sys.executable, "-m", *(part.format(port=port) for part in command)]
    process = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + ready_within
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        else:
            process.kill()
            output = process.stdout.read().decode() if process.stdout else ""
            pytest.fail(f"the server did not become ready:\n{output}")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
