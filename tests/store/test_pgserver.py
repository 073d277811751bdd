"""The fallback of `tests.pgserver`: a throwaway PostgreSQL server from the system's binaries."""

from __future__ import annotations

import pytest

from newsdedup.store.db import create_engine_for, database_is_ready, upgrade_database
from tests import pgserver


@pytest.mark.slow
def test_a_throwaway_server_starts_migrates_and_stops() -> None:
    if pgserver.postgres_bindir() is None:
        pytest.skip("no initdb/pg_ctl on this machine; the tests then need a running server")
    server = pgserver.start_server()
    try:
        url = pgserver.create_database(server, pgserver.unique_name())
        upgrade_database(url)
        engine = create_engine_for(url)
        try:
            assert database_is_ready(engine)
        finally:
            engine.dispose()
    finally:
        server.stop()
    assert pgserver.reachable(server.admin_url, timeout=1) is not None
