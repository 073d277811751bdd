"""`newsdedup index` with parsing and fingerprinting in worker processes: bad records still come out as
FILE:LINE in input order, ``--on-error stop`` keeps exactly the articles before the first bad record,
and a url repeated in the input keeps its last version."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsdedup.cli import app
from newsdedup.core import default_scheme
from newsdedup.store.db import create_engine_for, session_factory, transaction
from newsdedup.store.sql import SqlArticleIndex
from tests.api.corpus import make_texts

runner = CliRunner()


@pytest.fixture
def env(db_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("NEWSDEDUP_DATABASE_URL", db_url)
    return db_url


def _line(i: int, text: str) -> str:
    return json.dumps({"url": f"https://paper.example/{i}", "text": text, "published_at": "2021-01-01"})


def _stored_urls(db_url: str) -> dict[str, str]:
    engine = create_engine_for(db_url)
    try:
        with transaction(session_factory(engine)) as session:
            return {
                article.url: article.text
                for article in SqlArticleIndex(session, default_scheme()).iter_articles()
            }
    finally:
        engine.dispose()


def _mixed_file(path: Path, texts: list[str]) -> dict[int, str]:
    """Good lines with bad ones of every kind among them; the bad ones by line number."""
    bad = {
        4: "{not json",
        9: json.dumps({"text": texts[0]}),  # no url
        13: json.dumps({"url": "https://paper.example/x", "text": "!!! ... ???"}),  # no words
        14: json.dumps({"url": "https://paper.example/y", "text": "a\x00b"}),  # binary
        22: json.dumps({"url": "ftp://paper.example/z", "text": texts[1]}),
    }
    lines, good = [], iter(enumerate(texts))
    for number in range(1, 31):
        if number in bad:
            lines.append(bad[number])
        else:
            i, text = next(good)
            lines.append(_line(i, text))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {number: line for number, line in bad.items()}


def _reported_lines(output: str, path: Path) -> list[int]:
    return [int(number) for number in re.findall(re.escape(str(path)) + r":(\d+)", " ".join(output.split()))]


@pytest.mark.parametrize("workers", ["1", "2"])
def test_bad_records_are_reported_in_input_order_and_the_rest_is_stored(
    env: str, tmp_path: Path, workers: str
) -> None:
    source = tmp_path / "articles.jsonl"
    bad = _mixed_file(source, make_texts(25, seed=3))

    result = runner.invoke(app, ["index", "--batch-size", "4", "--workers", workers, str(source)])

    assert result.exit_code == 0, result.output
    assert _reported_lines(result.output, source) == sorted(bad)
    assert "has no words" in result.output and "NUL" in result.output
    assert "indexed 25 articles, 5 bad records" in " ".join(result.output.split())
    assert len(_stored_urls(env)) == 25


@pytest.mark.parametrize("workers", ["1", "2"])
def test_stop_keeps_exactly_the_articles_before_the_first_bad_record(
    env: str, tmp_path: Path, workers: str
) -> None:
    source = tmp_path / "articles.jsonl"
    _mixed_file(source, make_texts(25, seed=3))

    result = runner.invoke(
        app, ["index", "--on-error", "stop", "--batch-size", "2", "--workers", workers, str(source)]
    )

    assert result.exit_code == 1
    assert _reported_lines(result.output, source) == [4]
    assert set(_stored_urls(env)) == {f"https://paper.example/{i}" for i in range(3)}


def test_stop_at_a_record_in_a_later_chunk_keeps_every_chunk_before_it(env: str, tmp_path: Path) -> None:
    texts = make_texts(40, seed=5)
    source = tmp_path / "articles.jsonl"
    lines = [_line(i, text) for i, text in enumerate(texts)]
    lines.insert(33, json.dumps({"url": "https://paper.example/bad"}))  # line 34: neither text nor html
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")

    result = runner.invoke(
        app, ["index", "--on-error", "stop", "--batch-size", "5", "--workers", "2", str(source)]
    )

    assert result.exit_code == 1
    assert f"{source}:34" in " ".join(result.output.split())
    assert set(_stored_urls(env)) == {f"https://paper.example/{i}" for i in range(33)}


def test_a_url_repeated_in_the_input_keeps_its_last_version(env: str, tmp_path: Path) -> None:
    texts = make_texts(6, seed=8)
    source = tmp_path / "articles.jsonl"
    # url 0 three times: in one chunk, then again in a later chunk.
    lines = [
        _line(0, texts[0]),
        _line(1, texts[1]),
        _line(0, texts[2]),
        _line(2, texts[3]),
        _line(0, texts[4]),
    ]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")

    result = runner.invoke(app, ["index", "--batch-size", "3", "--workers", "2", str(source)])

    assert result.exit_code == 0, result.output
    assert _stored_urls(env) == {
        "https://paper.example/0": texts[4],
        "https://paper.example/1": texts[1],
        "https://paper.example/2": texts[3],
    }


def test_a_file_that_is_not_jsonl_is_given_up_on_and_other_formats_still_load(
    env: str, tmp_path: Path
) -> None:
    garbage = tmp_path / "garbage.jsonl"
    garbage.write_text("".join(f"this is line {i}, not JSON\n" for i in range(40)), encoding="utf-8")
    texts = make_texts(3, seed=9)
    table = tmp_path / "more.csv"
    with table.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["url", "text"])
        writer.writerows([f"https://paper.example/c{i}", text] for i, text in enumerate(texts))

    result = runner.invoke(app, ["index", "--workers", "2", str(garbage), str(table)])

    assert result.exit_code == 0, result.output
    assert "this is not a JSONL file" in " ".join(result.output.split())
    assert _reported_lines(result.output, garbage)[:20] == list(range(1, 21))
    assert set(_stored_urls(env)) == {f"https://paper.example/c{i}" for i in range(3)}


def test_postgresql_tables_are_analyzed_after_a_load(env: str, tmp_path: Path) -> None:
    """The planner gets statistics at once (autovacuum may be late, or off); SQLite is left as it is."""
    source = tmp_path / "articles.jsonl"
    source.write_text("".join(_line(i, text) + "\n" for i, text in enumerate(make_texts(5, seed=4))))

    result = runner.invoke(app, ["index", "--workers", "1", str(source)])

    assert result.exit_code == 0, result.output
    engine = create_engine_for(env)
    try:
        with engine.connect() as connection:
            if engine.dialect.name == "postgresql":
                analyzed = connection.exec_driver_sql(
                    "SELECT relname FROM pg_stat_user_tables WHERE last_analyze IS NOT NULL"
                ).scalars()
                assert {"articles", "signatures", "lsh_bands"} <= set(analyzed)
            else:
                assert connection.exec_driver_sql("SELECT count(*) FROM articles").scalar_one() == 5
    finally:
        engine.dispose()
