"""`newsdedup report`, `publisher` and `key` over a real database (SQLite file and PostgreSQL)."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsdedup.cli import app
from newsdedup.core import default_scheme
from newsdedup.detector import ArticleInput, Detector
from newsdedup.store.db import create_engine_for, session_factory, transaction
from newsdedup.store.keys import check_key
from newsdedup.store.provenance import SqlProvenance
from newsdedup.store.sql import SqlArticleIndex
from tests.api.corpus import first_fraction, make_texts

runner = CliRunner()
T0 = datetime(2024, 5, 1, tzinfo=UTC)


@pytest.fixture
def env(db_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("NEWSDEDUP_DATABASE_URL", db_url)
    return db_url


def _seed(db_url: str) -> None:
    texts = make_texts(2, seed=81)
    items = [
        ArticleInput(url=f"https://paper.example/{i}", text=text, publisher="The Paper", published_at=T0)
        for i, text in enumerate(texts)
    ]
    items += [
        ArticleInput(url="https://copier.example/a", text=texts[0], published_at=T0 + timedelta(days=1)),
        ArticleInput(
            url="https://copier.example/b",
            text=first_fraction(texts[1], 0.5),
            published_at=T0 + timedelta(days=2),
        ),
        ArticleInput(url="https://other.example/c", text=texts[0], published_at=T0 + timedelta(days=9)),
    ]
    engine = create_engine_for(db_url, pool_size=1)
    try:
        for item in items:
            with transaction(session_factory(engine)) as session:
                index = SqlArticleIndex(session, default_scheme())
                Detector(index, provenance=SqlProvenance(session)).index_many([item])
    finally:
        engine.dispose()


def test_publisher_add_list_remove(env: str) -> None:
    added = runner.invoke(
        app,
        [
            "publisher",
            "add",
            "The Paper",
            "--domain",
            "paper.example",
            "--domain",
            "www.paper.news",
            "--original-source",
        ],
    )
    assert added.exit_code == 0, added.output
    assert "a known original source" in added.output
    listed = [json.loads(line) for line in runner.invoke(app, ["publisher", "list"]).stdout.splitlines()]
    assert listed == [
        {"name": "The Paper", "domains": ["paper.example", "paper.news"], "original_source": True}
    ]
    bad = runner.invoke(app, ["publisher", "add", "X", "--domain", "no domain"])
    assert bad.exit_code == 2 and "not a domain" in bad.output
    assert runner.invoke(app, ["publisher", "remove", "The Paper"]).exit_code == 0
    assert runner.invoke(app, ["publisher", "remove", "The Paper"]).exit_code == 1


def test_report_as_table_csv_and_json(env: str) -> None:
    _seed(env)
    assert runner.invoke(app, ["publisher", "add", "The Paper", "--domain", "paper.example"]).exit_code == 0
    table = runner.invoke(app, ["report", "The Paper"], terminal_width=200)
    assert table.exit_code == 0, table.output
    assert "copier.example" in table.stdout and "other.example" in table.stdout
    rows = list(
        csv.DictReader(io.StringIO(runner.invoke(app, ["report", "The Paper", "--format", "csv"]).stdout))
    )
    by_site = {row["domain"]: row for row in rows}
    assert by_site["copier.example"]["articles"] == "2" and by_site["other.example"]["articles"] == "1"
    assert 0.4 < float(by_site["copier.example"]["median_reused_fraction"]) <= 1
    window = runner.invoke(app, ["report", "paper.example", "--format", "json", "--until", "2024-05-05"])
    assert window.exit_code == 0, window.output
    report = json.loads(window.stdout)
    assert [site["domain"] for site in report["sites"]] == ["copier.example"]
    assert report["sites"][0]["worst_examples"][0]["copy"]["url"] == "https://copier.example/a"
    missing = runner.invoke(app, ["report", "nobody.example"])
    assert missing.exit_code == 1 and "no publisher" in missing.output


def test_keys_are_created_shown_once_listed_and_revoked(env: str) -> None:
    created = runner.invoke(app, ["key", "create", "crawler"])
    assert created.exit_code == 0, created.output
    secret = created.stdout.strip().splitlines()[-1]
    assert secret.startswith("nd_") and len(secret) > 40
    (listed,) = [json.loads(line) for line in runner.invoke(app, ["key", "list"]).stdout.splitlines()]
    assert (
        listed["name"] == "crawler" and secret.startswith(listed["prefix"]) and listed["revoked_at"] is None
    )
    engine = create_engine_for(env, pool_size=1)
    try:
        with transaction(session_factory(engine)) as session:
            assert check_key(session, secret) is not None
        assert runner.invoke(app, ["key", "revoke", str(listed["id"])]).exit_code == 0
        with transaction(session_factory(engine)) as session:
            assert check_key(session, secret) is None
    finally:
        engine.dispose()
    assert runner.invoke(app, ["key", "revoke", "999"]).exit_code == 1


def test_record_copies_fills_the_audit_after_a_bulk_index(env: str, tmp_path: Path) -> None:
    texts = make_texts(3, seed=82)
    records = [
        {"url": f"https://paper.example/{i}", "text": text, "published_at": "2024-05-01T00:00:00Z"}
        for i, text in enumerate(texts)
    ]
    records += [
        {"url": "https://copier.example/0", "text": texts[0], "published_at": "2024-05-03T00:00:00Z"},
        {"url": "https://copier.example/1", "text": first_fraction(texts[1], 0.5)},
    ]
    source = tmp_path / "crawl.jsonl"
    source.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    assert runner.invoke(app, ["index", str(source)]).exit_code == 0
    before = json.loads(runner.invoke(app, ["report", "paper.example", "--format", "json"]).stdout)
    assert before["copies"] == 0
    scanned = runner.invoke(app, ["record-copies", "--batch-size", "2"])
    assert scanned.exit_code == 0, scanned.output
    assert "5 articles scanned" in scanned.output
    after = json.loads(runner.invoke(app, ["report", "paper.example", "--format", "json"]).stdout)
    assert after["copies"] == 2 and after["sites"][0]["domain"] == "copier.example"
    again = runner.invoke(app, ["record-copies"])
    assert again.exit_code == 0
    assert (
        json.loads(runner.invoke(app, ["report", "paper.example", "--format", "json"]).stdout)["copies"] == 2
    )
