"""The local engine's edges: --strict, interruption, --index and JSONL output through the CLI."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from rich.console import Console
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from newsdedup.batch import DedupAbortError, DedupOptions, dedup
from newsdedup.batch.output import RowWriter
from newsdedup.cli import app
from newsdedup.core import default_scheme
from newsdedup.store.db import create_engine_for
from newsdedup.store.sql import SqlArticleIndex
from tests.batch.inputs import BAD_LINES, Inputs

QUIET = Console(stderr=True, quiet=True)


def _leftovers(directory: Path) -> list[str]:
    return sorted(path.name for path in directory.iterdir() if path.name.startswith((".", "newsdedup-")))


def test_strict_stops_at_the_first_malformed_record_and_writes_nothing(crawl: Inputs, tmp_path: Path) -> None:
    output = tmp_path / "out.parquet"
    options = DedupOptions(output=output, strict=True, progress=False, workers=1, temp_dir=str(tmp_path))
    with pytest.raises(DedupAbortError, match=r"bad\.jsonl:2: invalid JSON"):
        dedup([str(crawl.files[-1])], options, console=QUIET)
    assert not output.exists()
    assert _leftovers(tmp_path) == []


def test_an_interrupted_write_leaves_no_output(
    crawl: Inputs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    written = 0
    original = RowWriter.write

    def write(self: RowWriter, row: object) -> None:
        nonlocal written
        written += 1
        if written == 3:
            raise KeyboardInterrupt
        original(self, row)  # type: ignore[arg-type]

    monkeypatch.setattr(RowWriter, "write", write)
    output = tmp_path / "out.jsonl"
    options = DedupOptions(
        output=output, output_format="jsonl", progress=False, workers=1, temp_dir=str(tmp_path)
    )
    with pytest.raises(KeyboardInterrupt):
        dedup([str(crawl.files[3])], options, console=QUIET)
    assert not output.exists()
    assert _leftovers(tmp_path) == []


def test_ctrl_c_leaves_the_output_absent_or_complete(crawl: Inputs, tmp_path: Path) -> None:
    """SIGINT to the whole process group (as a terminal sends it) part-way through a run."""
    output = tmp_path / "out.parquet"
    spill = tmp_path / "spill"
    spill.mkdir()
    command = [sys.executable, "-c", "from newsdedup.cli import app; app()", "dedup", str(crawl.files[0])]
    process = subprocess.Popen(
        [*command, "--output", str(output)],
        env={**os.environ, "TMPDIR": str(spill)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not any(spill.iterdir()):
        time.sleep(0.1)
    time.sleep(1.0)
    os.killpg(process.pid, signal.SIGINT)
    _, errors = process.communicate(timeout=120)
    assert list(spill.iterdir()) == [], errors.decode()
    assert _leftovers(tmp_path) == []
    if output.exists():
        assert pq.read_table(output).num_rows == sum(1 for _ in crawl.files[0].open())
    else:
        assert process.returncode != 0


def test_cli_writes_jsonl_and_loads_the_store(crawl: Inputs, tmp_path: Path, db_url: str) -> None:
    """--index on SQLite and PostgreSQL (200+ articles: band rows go through COPY there)."""
    output = tmp_path / "pages.jsonl"
    inputs = [str(crawl.files[2]), str(crawl.files[3]), str(crawl.files[4])]
    result = CliRunner().invoke(
        app, ["dedup", *inputs, "--output", str(output), "--index"], env={"NEWSDEDUP_DATABASE_URL": db_url}
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in output.read_text().splitlines()]
    summary = json.loads((tmp_path / "pages.summary.json").read_text())
    assert len(rows) == summary["articles"] > 200
    assert summary["malformed"]["count"] == len(BAD_LINES) - 1
    assert json.loads(result.stdout)["articles"] == summary["articles"]
    engine = create_engine_for(db_url)
    try:
        with Session(engine) as session:
            index = SqlArticleIndex(session, default_scheme())
            assert index.stats().articles == len(rows)
            assert index.stats().band_rows == default_scheme().bands * len(rows)
            assert index.get_by_url("https://warc-origin0.example/story") is not None
    finally:
        engine.dispose()


def test_cli_says_what_is_wrong_with_an_input(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["dedup", str(tmp_path / "missing.jsonl"), "--output", str(tmp_path / "o")]
    )
    assert result.exit_code == 2
    assert "no such file" in result.output


def test_lines_read_by_the_workers_give_what_the_lines_sent_to_them_give(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An uncompressed file is read by byte range in the workers, a compressed one line by line here:
    the same rows and the same malformed lines (a byte-order mark, CRLF, a blank line, bad JSON, and a line
    over the record limit, from which on the lines are sent again)."""
    monkeypatch.setattr("newsdedup.batch.local.DEFAULT_MAX_RECORD_BYTES", 400)

    def record(number: int) -> str:
        return json.dumps({"url": f"https://lines.example/{number}", "text": f"story {number} " * 8})

    lines = [
        "\ufeff" + record(1) + "\n",
        record(2) + "\r\n",
        "\n",
        "{not json\n",
        record(5) + "\n",
        json.dumps({"url": "https://lines.example/long", "text": "word " * 200}) + "\n",
        *(record(number) + "\n" for number in range(7, 14)),
        record(14),
    ]
    data = "".join(lines).encode("utf-8")
    results = []
    for name, content in (("plain", data), ("gzip", gzip.compress(data))):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "crawl.jsonl").write_bytes(content)
        output = folder / "out.jsonl"
        options = DedupOptions(output=output, output_format="jsonl", progress=False, workers=1, batch_size=2)
        summary = dedup([str(folder / "crawl.jsonl")], options, console=QUIET)
        examples = [example.replace(str(folder), "") for example in summary.malformed["examples"]]
        results.append((output.read_text(), examples))
    assert results[0] == results[1]
    rows, examples = results[0]
    assert len(rows.splitlines()) == 11
    assert [example.split(":", 2)[:2] for example in examples] == [
        ["/crawl.jsonl", "4"],
        ["/crawl.jsonl", "6"],
    ]
