"""A load into an empty index is one transaction that indexes its band keys at the end
(`newsdedup.store.first_load`): it stores exactly what batch-by-batch commits store, the ``lsh_bands``
primary key exists afterwards whatever happens, and a failure, Ctrl-C or a crash stores nothing. A load
into a live index still commits batch by batch, its readers never blocked."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, inspect, text
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from newsdedup.cli import app
from newsdedup.core import default_scheme, fingerprint_many
from newsdedup.ingest import Entry, entries_of, index_entries
from newsdedup.io.readers import read_raw
from newsdedup.store.db import alembic_config, create_engine_for, session_factory, transaction
from newsdedup.store.sql import SqlArticleIndex
from tests.api.corpus import make_texts

runner = CliRunner()
TEXTS = make_texts(60, seed=11)


@pytest.fixture
def db(db_url: str) -> Iterator[Engine]:
    engine = create_engine_for(db_url)
    yield engine
    engine.dispose()


def _line(i: int, body: str) -> str:
    return json.dumps({"url": f"https://paper.example/{i}", "text": body, "published_at": "2021-01-01"})


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _entries(path: Path) -> Iterator[Entry]:
    return entries_of(lambda report: read_raw([str(path)], on_error=report))


def _band_rows(engine: Engine) -> set[tuple[int, int, int]]:
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT band, key, article_id FROM lsh_bands"))
        return {(int(band), int(key), int(article_id)) for band, key, article_id in rows}


def _expected_band_rows(engine: Engine) -> set[tuple[int, int, int]]:
    """What the stored texts' fingerprints give, for every stored article."""
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT id, text FROM articles ORDER BY id")).all()
    prints = fingerprint_many([row.text for row in stored], default_scheme())
    return {
        (band, int(key), int(row.id))
        for row, print_ in zip(stored, prints, strict=True)
        for band, key in enumerate(print_.band_keys.tolist())
    }


def _assert_primary_key(engine: Engine) -> None:
    """The band table's primary key is there, and the schema is as the migrations made it."""
    key = inspect(engine).get_pk_constraint("lsh_bands")
    assert key["constrained_columns"] == ["band", "key", "article_id"]
    assert key["name"] in ("pk_lsh_bands", None)  # SQLite does not report the name
    with engine.connect() as connection:
        command.check(alembic_config(connection=connection))


def _count(engine: Engine, table: str) -> int:
    with engine.connect() as connection:
        return int(connection.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar_one())


def _load(
    engine: Engine, path: Path, *, batch_size: int = 7, first_load: bool = True, **options: object
) -> int:
    loading = index_entries(
        _entries(path),
        session_factory(engine),
        default_scheme(),
        pool=None,
        batch_size=batch_size,
        on_error=lambda message: None,
        first_load=first_load,
        **options,  # type: ignore[arg-type]
    )
    return sum(loading)


@pytest.mark.parametrize("first_load", [True, False])
def test_a_load_stores_every_article_with_exactly_its_band_rows_under_the_key(
    db: Engine, tmp_path: Path, first_load: bool
) -> None:
    # url 0 again in the same chunk and in later chunks (its last version is kept), url 1 unchanged.
    lines = [_line(i, TEXTS[i]) for i in range(40)]
    lines[3] = _line(0, TEXTS[45])
    lines[20] = _line(0, TEXTS[46])
    lines[30] = _line(1, TEXTS[1])
    source = _write(tmp_path / "a.jsonl", lines)

    assert _load(db, source, first_load=first_load) == 40

    assert _count(db, "articles") == 37
    with db.connect() as connection:
        assert (
            connection.scalar(
                text("SELECT text FROM articles WHERE url = :u"), {"u": "https://paper.example/0"}
            )
            == TEXTS[46]
        )
    assert _band_rows(db) == _expected_band_rows(db)
    _assert_primary_key(db)
    with transaction(session_factory(db)) as session:
        [found] = fingerprint_many([TEXTS[46]], default_scheme())
        best = SqlArticleIndex(session, default_scheme()).candidates(found, limit=1)
        assert best and best[0].same_text


def test_a_first_load_that_fails_stores_nothing_and_keeps_the_primary_key(
    db: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = _write(tmp_path / "a.jsonl", [_line(i, TEXTS[i]) for i in range(30)])
    real = SqlArticleIndex.upsert_batch
    calls = []

    def failing(self: SqlArticleIndex, batch: object) -> object:
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("the database went away")
        return real(self, batch)  # type: ignore[arg-type]

    monkeypatch.setattr(SqlArticleIndex, "upsert_batch", failing)

    with pytest.raises(RuntimeError, match="went away"):
        _load(db, source)

    assert (_count(db, "articles"), _count(db, "signatures"), _count(db, "lsh_bands")) == (0, 0, 0)
    _assert_primary_key(db)


def test_an_interrupted_first_load_stores_nothing(db: Engine, tmp_path: Path) -> None:
    source = _write(tmp_path / "a.jsonl", [_line(i, TEXTS[i]) for i in range(30)])
    loading = index_entries(
        _entries(source), session_factory(db), default_scheme(), pool=None, batch_size=5, on_error=print
    )
    assert next(loading) == 5 and next(loading) == 5
    with pytest.raises(KeyboardInterrupt):
        loading.throw(KeyboardInterrupt)  # where Ctrl-C lands: between chunks, in the caller
    assert _count(db, "articles") == 0 and _count(db, "lsh_bands") == 0
    _assert_primary_key(db)


def test_stop_in_a_first_load_commits_exactly_the_articles_before_the_bad_record(
    db: Engine, tmp_path: Path
) -> None:
    lines = [_line(i, TEXTS[i]) for i in range(30)]
    lines.insert(17, "{not json")
    source = _write(tmp_path / "a.jsonl", lines)

    assert _load(db, source, batch_size=4, stop_at_error=True) == 17

    with db.connect() as connection:
        urls = set(connection.execute(text("SELECT url FROM articles")).scalars())
    assert urls == {f"https://paper.example/{i}" for i in range(17)}
    assert _band_rows(db) == _expected_band_rows(db)
    _assert_primary_key(db)


def test_a_load_into_a_live_index_commits_each_batch_and_never_blocks_readers(
    db: Engine, tmp_path: Path
) -> None:
    assert _load(db, _write(tmp_path / "first.jsonl", [_line(0, TEXTS[0])])) == 1
    source = _write(tmp_path / "more.jsonl", [_line(i, TEXTS[i]) for i in range(1, 21)])
    loading = index_entries(
        _entries(source), session_factory(db), default_scheme(), pool=None, batch_size=5, on_error=print
    )
    assert next(loading) == 5

    # Another connection, mid-load: the first batch is there and a lookup does not wait for the load.
    reader = create_engine_for(str(db.url.render_as_string(hide_password=False)))
    try:
        with transaction(session_factory(reader), read_only=True) as session:
            _no_lock_waits(session)
            assert session.scalar(text("SELECT count(*) FROM articles")) == 6
            [query] = fingerprint_many([TEXTS[3]], default_scheme())
            assert SqlArticleIndex(session, default_scheme()).candidates(query, limit=1)[0].same_text
    finally:
        reader.dispose()
    assert sum(loading) == 15
    assert _band_rows(db) == _expected_band_rows(db)
    _assert_primary_key(db)


def _no_lock_waits(session: Session) -> None:
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET LOCAL lock_timeout = '2s'"))


def test_readers_of_an_index_being_first_loaded_see_it_empty_or_wait(db: Engine, tmp_path: Path) -> None:
    """SQLite: readers see the empty index; PostgreSQL: they wait for the load (documented)."""
    source = _write(tmp_path / "a.jsonl", [_line(i, TEXTS[i]) for i in range(10)])
    loading = index_entries(
        _entries(source), session_factory(db), default_scheme(), pool=None, batch_size=5, on_error=print
    )
    assert next(loading) == 5
    reader = create_engine_for(str(db.url.render_as_string(hide_password=False)))
    try:
        sessions: sessionmaker[Session] = session_factory(reader)
        if reader.dialect.name == "postgresql":
            with pytest.raises(Exception, match="lock timeout"), transaction(sessions) as session:
                _no_lock_waits(session)
                session.execute(text("SELECT count(*) FROM lsh_bands"))
        else:
            with transaction(sessions, read_only=True) as session:
                assert session.scalar(text("SELECT count(*) FROM lsh_bands")) == 0
    finally:
        reader.dispose()
    assert sum(loading) == 5
    assert _count(db, "articles") == 10


def _cli(db_url: str, *args: str) -> subprocess.Popen[bytes]:
    src = str(Path(__file__).resolve().parents[2] / "src")
    env = os.environ | {
        "DATABASE_URL": db_url,
        "NEWSDEDUP_DATABASE_URL": db_url,
        "PYTHONPATH": src + os.pathsep + os.environ.get("PYTHONPATH", ""),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "newsdedup.cli", "index", *args],
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        env=env,
    )


def _loading_started(engine: Engine, process: subprocess.Popen[bytes]) -> None:
    """Wait until the load holds its lock (PostgreSQL) or has had time to store a few chunks (SQLite)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if engine.dialect.name != "postgresql":
            time.sleep(5)
            return
        with engine.connect() as connection:
            held = connection.exec_driver_sql(
                "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                "WHERE c.relname = 'lsh_bands' AND l.mode = 'AccessExclusiveLock' AND l.granted"
            ).scalar_one()
        if held:
            time.sleep(2)
            return
        time.sleep(0.2)
    raise AssertionError("the load did not start")


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGKILL])
def test_ctrl_c_or_a_crash_in_a_first_load_leaves_the_index_empty_with_its_key(
    db: Engine, db_url: str, how: signal.Signals, monkeypatch: pytest.MonkeyPatch
) -> None:
    process = _cli(db_url, "--batch-size", "10", "--workers", "2", "-")
    assert process.stdin is not None
    process.stdin.write("".join(_line(i, TEXTS[i % 60]) + "\n" for i in range(120)).encode())
    process.stdin.flush()  # left open: the load waits for more
    _loading_started(db, process)

    process.send_signal(how)
    process.stdin.close()
    assert process.wait(timeout=60) != 0

    assert _count(db, "articles") == 0 and _count(db, "lsh_bands") == 0
    _assert_primary_key(db)
    # The next load is a first load again, and completes.
    monkeypatch.setenv("NEWSDEDUP_DATABASE_URL", db_url)
    result = runner.invoke(app, ["index", "--workers", "1", "-"], input=_line(1, TEXTS[1]) + "\n")
    assert result.exit_code == 0, result.output
    assert _count(db, "articles") == 1 and _band_rows(db) == _expected_band_rows(db)
    _assert_primary_key(db)
