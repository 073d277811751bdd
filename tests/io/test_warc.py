"""Reading HTML responses out of WARC files, plain and gzipped, and extracting their articles."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from pathlib import Path

import pytest
import zstandard

from newsdedup.extract import extract_article
from newsdedup.io import ReadStats, read_records
from tests.io.builders import WarcEntry, page, write_warc
from tests.io.conftest import Errors


def crawl(rng: random.Random) -> tuple[list[WarcEntry], list[str]]:
    pages = [page(rng) for _ in range(3)]
    entries = [
        WarcEntry("https://one.example/a", b"", kind="request"),
        WarcEntry("https://one.example/a", pages[0].html.encode(), date="2024-01-02T03:04:05Z"),
        WarcEntry("https://one.example/logo.png", b"\x89PNG\r\n\x1a\n", content_type="image/png"),
        WarcEntry("https://one.example/gone", b"<html><body>Not found</body></html>", status="404 Not Found"),
        WarcEntry(
            "https://two.example/b",
            pages[1].html.replace('charset="utf-8"', "").encode("cp1252", errors="replace"),
            content_type="text/html; charset=ISO-8859-1",
            date="2024-01-03T00:00:00Z",
        ),
        WarcEntry("https://two.example/c", pages[2].html.encode(), content_type="application/xhtml+xml"),
    ]
    return entries, [item.body[0] for item in pages]


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_html_responses_become_records(tmp_path: Path, rng: random.Random, errors: Errors, name: str) -> None:
    entries, first_paragraphs = crawl(rng)
    path = tmp_path / name
    write_warc(path, entries, gzip=name.endswith(".gz"))
    stats = ReadStats()
    records = list(read_records([str(path)], on_error=errors, stats=stats))
    assert not errors
    assert [record.url for record in records] == [
        "https://one.example/a",
        "https://two.example/b",
        "https://two.example/c",
    ]
    assert records[0].crawled_at == datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert all(record.published_at is None and record.text is None for record in records)
    assert (stats.records, stats.skipped) == (3, 3)
    offsets = [record.source.offset or 0 for record in records]
    assert offsets == sorted(offsets) and len(set(offsets)) == 3 and offsets[0] > 0
    for record, paragraph in zip(records, first_paragraphs, strict=True):
        assert record.html is not None
        assert paragraph in extract_article(record.html, url=record.url).text


def test_zstd_compressed_warc(tmp_path: Path, rng: random.Random, errors: Errors) -> None:
    entries, _ = crawl(rng)
    plain = tmp_path / "plain.warc"
    write_warc(plain, entries, gzip=False)
    path = tmp_path / "crawl.warc.zst"
    path.write_bytes(zstandard.ZstdCompressor().compress(plain.read_bytes()))
    assert len(list(read_records([str(path)], on_error=errors))) == 3
    assert not errors


def test_bad_records_are_reported_by_offset(tmp_path: Path, rng: random.Random, errors: Errors) -> None:
    entries, _ = crawl(rng)
    entries.insert(2, WarcEntry("http:///no-host", b"<html><body><p>x</p></body></html>"))
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, entries, gzip=True)
    records = list(read_records([str(path)], on_error=errors, max_record_bytes=1_000_000))
    assert len(records) == 3
    assert len(errors) == 1
    assert errors.lines[0].startswith(f"{path}:byte ")
    assert "field `url` must be an absolute http(s) URL" in errors.lines[0]


def test_oversized_body_is_reported(tmp_path: Path, rng: random.Random, errors: Errors) -> None:
    entries, _ = crawl(rng)
    path = tmp_path / "crawl.warc"
    write_warc(path, entries, gzip=False)
    records = list(read_records([str(path)], on_error=errors, max_record_bytes=100))
    assert records == []
    assert len(errors) == 3
    assert all("larger than 100 bytes" in line for line in errors.lines)


def test_garbage_warc_is_one_error_and_records_before_it_survive(
    tmp_path: Path, rng: random.Random, errors: Errors
) -> None:
    entries, _ = crawl(rng)
    path = tmp_path / "crawl.warc"
    write_warc(path, entries, gzip=False)
    size = path.stat().st_size
    with path.open("ab") as handle:
        handle.write(random.Random(3).randbytes(5000))
    records = list(read_records([str(path)], on_error=errors))
    assert len(records) == 3
    assert len(errors) == 1
    assert errors.lines[0].startswith(f"{path}:byte {size}: not a readable WARC from here on")
