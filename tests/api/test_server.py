"""`newsdedup serve` as a user runs it: a real uvicorn process on the embedded SQLite default."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.api.corpus import make_texts, wrap_in_furniture
from tests.serving import running_server


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """`newsdedup serve` with no database configured: the embedded SQLite file in the working directory."""
    with running_server(["newsdedup.cli", "serve", "--port", "{port}"], tmp_path) as base:
        yield base


def test_the_served_api_indexes_and_matches_over_http(server: str, tmp_path: Path) -> None:
    (text,) = make_texts(1, seed=31)
    created = httpx.post(f"{server}/v1/articles", json={"url": "https://paper.example/a1", "text": text})
    assert created.status_code == 201
    found = httpx.post(f"{server}/v1/match", json={"text": wrap_in_furniture(text)}).json()
    assert found["likely_original"]["article"]["url"] == "https://paper.example/a1"
    assert (tmp_path / "newsdedup.sqlite3").is_file()
