"""API keys: writes need one when auth is on, reads only when configured; 401s say how to get one."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient

from newsdedup.api import create_app
from newsdedup.settings import Settings
from newsdedup.store.db import create_engine_for, session_factory, transaction
from newsdedup.store.keys import hash_key, list_keys, revoke_key
from tests.api.conftest import make_key
from tests.api.corpus import make_texts

URL = "https://paper.example/a1"


@pytest.fixture
def anonymous(db_url: str, api_settings: Settings) -> Iterator[TestClient]:
    """The app with API keys on, and a client that sends none."""
    with TestClient(create_app(api_settings, migrate=True)) as test_client:
        yield test_client


def _unauthorized(response: httpx.Response) -> None:
    assert response.status_code == 401
    body = response.json()
    assert body["error"] == "unauthorized" and "newsdedup key create" in body["message"]
    assert response.headers["www-authenticate"].startswith("Bearer")


def test_writes_need_a_key_and_reads_do_not(anonymous: TestClient, db_url: str) -> None:
    (text,) = make_texts(1, seed=71)
    _unauthorized(anonymous.post("/v1/articles", json={"url": URL, "text": text}))
    _unauthorized(anonymous.post("/v1/articles/bulk", json=[{"url": URL, "text": text}]))
    _unauthorized(anonymous.delete("/v1/articles/1"))
    _unauthorized(anonymous.post("/v1/publishers", json={"name": "P", "domains": ["p.example"]}))
    _unauthorized(anonymous.delete("/v1/publishers/P"))
    _unauthorized(
        anonymous.post(
            "/v1/articles", json={"url": URL, "text": text}, headers={"Authorization": "Bearer nd_wrong"}
        )
    )
    _unauthorized(
        anonymous.post(
            "/v1/articles", json={"url": URL, "text": text}, headers={"Authorization": "Basic eDp5"}
        )
    )

    key = make_key(db_url)
    created = anonymous.post(
        "/v1/articles", json={"url": URL, "text": text}, headers={"Authorization": f"Bearer {key}"}
    )
    assert created.status_code == 201
    assert anonymous.post("/v1/match", json={"text": text}).json()["likely_original"]["article"]["url"] == URL
    assert anonymous.get(f"/v1/articles/{created.json()['id']}").status_code == 200
    assert anonymous.get("/v1/publishers").status_code == 200


def test_a_revoked_key_stops_working_and_keys_are_stored_hashed(anonymous: TestClient, db_url: str) -> None:
    (text,) = make_texts(1, seed=72)
    key = make_key(db_url, "crawler")
    headers = {"Authorization": f"Bearer {key}"}
    assert anonymous.post("/v1/articles", json={"url": URL, "text": text}, headers=headers).status_code == 201
    engine = create_engine_for(db_url, pool_size=1)
    try:
        with transaction(session_factory(engine)) as session:
            (listed,) = [info for info in list_keys(session) if info.name == "crawler"]
            assert key.startswith(listed.prefix) and len(listed.prefix) < len(key)
            stored = session.connection().exec_driver_sql("SELECT key_hash FROM api_keys").scalars().all()
            assert hash_key(key) in stored and key not in stored
            revoked = revoke_key(session, listed.id)
            assert revoked is not None and revoked.revoked_at is not None
            assert revoke_key(session, 999_999) is None
    finally:
        engine.dispose()
    _unauthorized(anonymous.post("/v1/articles", json={"url": URL, "text": text}, headers=headers))


def test_reads_need_a_key_when_configured(db_url: str, api_settings: Settings) -> None:
    settings = api_settings.model_copy(update={"require_key_for_reads": True})
    key = make_key(db_url)
    with TestClient(create_app(settings, migrate=True)) as client:
        _unauthorized(client.post("/v1/match", json={"text": "some words to match"}))
        _unauthorized(client.get("/v1/articles/1"))
        _unauthorized(client.get("/v1/publishers/x.example/report"))
        assert client.get("/healthz").status_code == 200
        found = client.post(
            "/v1/match", json={"text": "some words"}, headers={"Authorization": f"Bearer {key}"}
        )
        assert found.status_code == 200


def test_the_embedded_sqlite_default_starts_open_and_postgresql_closed() -> None:
    assert not Settings(auth="auto").auth_enabled("sqlite")
    assert Settings(auth="auto").auth_enabled("postgresql")
    assert Settings(auth="on").auth_enabled("sqlite")
    assert not Settings(auth="off").auth_enabled("postgresql")
