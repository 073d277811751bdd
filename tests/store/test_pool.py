"""PostgreSQL's connection pool: a connection idle past the ping window is checked before use, so a
server that dropped it costs no failed request; one used moments ago is reused without a round trip."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, text

from newsdedup.store.db import create_engine_for


def _backend_pid(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.scalar(text("SELECT pg_backend_pid()")))


def _terminate(engine: Engine, pid: int) -> None:
    with engine.connect() as connection:
        connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        connection.commit()


def test_an_idle_connection_dropped_by_the_server_is_replaced_before_use(postgres_url: str) -> None:
    engine = create_engine_for(postgres_url, pool_size=1, ping_idle_after=0.0)
    other = create_engine_for(postgres_url, pool_size=1)
    try:
        first = _backend_pid(engine)
        _terminate(other, first)
        assert _backend_pid(engine) != first
    finally:
        engine.dispose()
        other.dispose()


@pytest.mark.parametrize(("idle_after", "expected_pings"), [(60.0, 0), (0.0, 1)])
def test_only_a_connection_idle_past_the_window_is_pinged(
    postgres_url: str, idle_after: float, expected_pings: int
) -> None:
    engine = create_engine_for(postgres_url, pool_size=1, ping_idle_after=idle_after)
    pings: list[object] = []
    ping = engine.dialect.do_ping

    def counting_ping(connection: object) -> bool:
        pings.append(connection)
        return ping(connection)

    engine.dialect.do_ping = counting_ping  # type: ignore[method-assign]
    try:
        pid = _backend_pid(engine)
        assert _backend_pid(engine) == pid
        assert len(pings) == expected_pings
    finally:
        engine.dispose()
