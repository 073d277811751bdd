"""The command line over a real database (SQLite file and PostgreSQL)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsdedup.cli import app
from tests.api.corpus import first_fraction, make_texts

runner = CliRunner()


@pytest.fixture
def env(db_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("NEWSDEDUP_DATABASE_URL", db_url)
    return db_url


def _write_articles(path: Path, texts: list[str], bad_after: int | None = None) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for i, text in enumerate(texts):
            record = {
                "url": f"https://paper.example/{i}",
                "text": text,
                "published_at": "2021-01-01T00:00:00Z",
            }
            handle.write(json.dumps(record) + "\n")
            if i == bad_after:
                handle.write("{not json\n")


def _stats() -> dict[str, object]:
    result = runner.invoke(app, ["stats"])
    assert result.exit_code == 0, result.output
    stats: dict[str, object] = json.loads(result.stdout)
    return stats


def test_index_skips_bad_lines_by_file_and_line_and_keeps_the_rest(env: str, tmp_path: Path) -> None:
    source = tmp_path / "articles.jsonl"
    _write_articles(source, make_texts(30, seed=4), bad_after=9)
    result = runner.invoke(app, ["index", str(source)])
    assert result.exit_code == 0, result.output
    assert f"{source}:11" in result.output
    assert _stats()["articles"] == 30


def test_index_can_stop_at_the_first_bad_line_keeping_the_good_ones_before_it(
    env: str, tmp_path: Path
) -> None:
    source = tmp_path / "articles.jsonl"
    _write_articles(source, make_texts(30, seed=4), bad_after=9)
    result = runner.invoke(app, ["index", "--on-error", "stop", str(source)])
    assert result.exit_code == 1
    assert "stopped at the first bad record" in result.output
    assert _stats()["articles"] == 10


def test_reindexing_the_same_file_updates_instead_of_duplicating(env: str, tmp_path: Path) -> None:
    source = tmp_path / "articles.jsonl"
    _write_articles(source, make_texts(5, seed=4))
    for _ in range(2):
        assert runner.invoke(app, ["index", str(source)]).exit_code == 0
    assert _stats()["articles"] == 5


def test_match_prints_the_likely_original_as_json(env: str, tmp_path: Path) -> None:
    texts = make_texts(20, seed=6)
    source = tmp_path / "articles.jsonl"
    _write_articles(source, texts)
    runner.invoke(app, ["index", str(source)])
    queries = tmp_path / "queries.jsonl"
    queries.write_text(
        json.dumps({"text": first_fraction(texts[7], 0.5)})
        + "\n"
        + json.dumps({"text": make_texts(1, 99)[0]})
        + "\n"
    )
    result = runner.invoke(app, ["match", str(queries)])
    assert result.exit_code == 0, result.output
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["likely_original"]["article"]["url"] == "https://paper.example/7"
    assert second["likely_original"] is None
    plain = tmp_path / "query.txt"
    plain.write_text(texts[3])
    single = json.loads(runner.invoke(app, ["match", str(plain)]).stdout)
    assert single["likely_original"]["article"]["url"] == "https://paper.example/3"


def test_unreadable_inputs_are_clear_errors(env: str, tmp_path: Path) -> None:
    missing = runner.invoke(app, ["index", str(tmp_path / "missing.jsonl")])
    assert missing.exit_code == 2 and "no such file" in " ".join(missing.output.split())
    binary = tmp_path / "query.txt"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    result = runner.invoke(app, ["match", str(binary)])
    assert result.exit_code == 2 and "query.txt" in result.output


def test_db_upgrade_is_idempotent(env: str) -> None:
    assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0
    assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0
