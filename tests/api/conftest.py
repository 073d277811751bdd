from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from newsdedup.api import create_app
from newsdedup.settings import Settings
from newsdedup.store.db import create_engine_for, session_factory, transaction
from newsdedup.store.keys import create_key


def make_key(db_url: str, name: str = "tests") -> str:
    """A new API key in the database at ``db_url``; the secret."""
    engine = create_engine_for(db_url, pool_size=1)
    try:
        with transaction(session_factory(engine)) as session:
            _, secret = create_key(session, name)
    finally:
        engine.dispose()
    return secret


@pytest.fixture
def api_settings(db_url: str) -> Settings:
    """The app's settings for the API tests: small limits, API keys required for writes."""
    return Settings(
        database_url=db_url, max_body_bytes=300_000, max_text_chars=100_000, max_bulk_items=500, auth="on"
    )


@pytest.fixture
def client(db_url: str, api_settings: Settings) -> Iterator[TestClient]:
    """The app over a freshly migrated database (SQLite file or PostgreSQL), through its HTTP interface.

    API keys are on; the client sends a valid key with every request.
    """
    secret = make_key(db_url)
    with TestClient(create_app(api_settings, migrate=True)) as test_client:
        test_client.headers["Authorization"] = f"Bearer {secret}"
        yield test_client
