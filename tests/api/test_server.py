"""`newsdedup serve` as a user runs it: a real uvicorn process on the embedded SQLite default."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.api.corpus import make_texts, wrap_in_furniture


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    port = _free_port()
    env = {key: value for key, value in os.environ.items() if not key.endswith("DATABASE_URL")}
    process = subprocess.Popen(
        [sys.executable, "-m", "newsdedup.cli", "serve", "--port", str(port)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
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


def test_the_served_api_indexes_and_matches_over_http(server: str, tmp_path: Path) -> None:
    (text,) = make_texts(1, seed=31)
    created = httpx.post(f"{server}/v1/articles", json={"url": "https://paper.example/a1", "text": text})
    assert created.status_code == 201
    found = httpx.post(f"{server}/v1/match", json={"text": wrap_in_furniture(text)}).json()
    assert found["likely_original"]["article"]["url"] == "https://paper.example/a1"
    assert (tmp_path / "newsdedup.sqlite3").is_file()
