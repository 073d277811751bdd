from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from newsdedup.api import create_app
from newsdedup.settings import Settings


@pytest.fixture
def client(db_url: str) -> Iterator[TestClient]:
    """The app over a freshly migrated database (SQLite file or PostgreSQL), through its HTTP interface."""
    settings = Settings(
        database_url=db_url, max_body_bytes=300_000, max_text_chars=100_000, max_bulk_items=500
    )
    with TestClient(create_app(settings, migrate=True)) as test_client:
        yield test_client
