"""Reading records from JSONL, CSV and Parquet files, compressed or not, from directories, globs and stdin."""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import random
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import zstandard

from newsdedup.io import InputError, ReadStats, expand_paths, read_file, read_records
from tests.io.builders import words
from tests.io.conftest import Errors


def article(rng: random.Random, number: int) -> dict[str, object]:
    return {
        "id": f"a{number}",
        "url": f"https://site{number % 3}.example/news/{number}",
        "title": words(rng, 4),
        "text": words(rng, 60),
        "publisher": f"Publisher {number % 3}",
        "published_at": f"2024-02-{number % 27 + 1:02d}T10:00:00+00:00",
    }


def jsonl_bytes(rows: list[dict[str, object]]) -> bytes:
    return b"".join(json.dumps(row).encode() + b"\n" for row in rows)


def test_jsonl_reports_bad_lines_by_place_and_keeps_the_good_ones(
    tmp_path: Path, rng: random.Random, errors: Errors
) -> None:
    good = [article(rng, i) for i in range(4)]
    lines = [
        json.dumps(good[0]).encode(),
        b'{"url": "https://x.example/1", "text": ',  # cut short
        json.dumps(good[1]).encode(),
        b"",  # blank lines are skipped
        b"[1, 2, 3]",
        json.dumps(good[2]).encode().replace(b"Publisher", "Publicaci\u00f3n".encode("latin-1")),
        json.dumps({"url": "not a url", "text": "x"}).encode(),
        json.dumps(good[3]).encode(),
    ]
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    stats = ReadStats()
    records = list(read_records([str(path)], on_error=errors, stats=stats))
    assert [record.id for record in records] == ["a0", "a1", "a3"]
    assert [record.source.line for record in records] == [1, 3, 8]
    first = records[0]
    assert first.url == good[0]["url"] and first.text == good[0]["text"] and first.title == good[0]["title"]
    assert first.published_at == datetime(2024, 2, 1, 10, tzinfo=UTC)
    assert errors.lines[0].startswith(f"{path}:2: invalid JSON")
    assert errors.lines[1] == f"{path}:5: expected one JSON object per line, got an array"
    assert errors.lines[2].startswith(f"{path}:6: line is not valid UTF-8 (byte 0xf3")
    assert "re-encode the file as UTF-8" in errors.lines[2]
    assert errors.lines[3].startswith(f"{path}:7: field `url` must be an absolute http(s) URL")
    assert (stats.files, stats.records, stats.errors) == (1, 3, 4)


def test_byte_order_mark_and_crlf_are_accepted(tmp_path: Path, rng: random.Random, errors: Errors) -> None:
    path = tmp_path / "bom.ndjson"
    path.write_bytes(b"\xef\xbb\xbf" + jsonl_bytes([article(rng, 0)]).replace(b"\n", b"\r\n"))
    assert [record.id for record in read_records([str(path)], on_error=errors)] == ["a0"]
    assert not errors


@pytest.mark.parametrize(
    ("name", "compress"),
    [
        ("data.jsonl.gz", gzip.compress),
        ("data.jsonl.zst", zstandard.ZstdCompressor().compress),
        ("data.jsonl", gzip.compress),  # told by its magic bytes, not its name
        ("data.jsonl", zstandard.ZstdCompressor().compress),
        ("data.jsonl.gz", lambda data: data),  # a name that lies: read as it is
    ],
)
def test_compression_by_extension_and_by_magic_bytes(
    tmp_path: Path, rng: random.Random, errors: Errors, name: str, compress: Callable[[bytes], bytes]
) -> None:
    rows = [article(rng, i) for i in range(5)]
    path = tmp_path / name
    path.write_bytes(compress(jsonl_bytes(rows)))
    records = list(read_records([str(path)], on_error=errors))
    assert [record.id for record in records] == [row["id"] for row in rows]
    assert not errors


def test_truncated_gzip_reports_where_it_broke(tmp_path: Path, rng: random.Random, errors: Errors) -> None:
    rows = [article(rng, i) for i in range(200)]
    data = gzip.compress(jsonl_bytes(rows))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    records = list(read_records([str(path)], on_error=errors))
    assert 0 < len(records) < 200
    assert [record.id for record in records] == [f"a{i}" for i in range(len(records))]
    assert len(errors) == 1
    assert errors.lines[0].startswith(
        f"{path}:{len(records) + 1}: cannot read on (EOFError: Compressed file ended before the "
    )


def test_binary_garbage_is_reported_and_the_next_file_still_read(
    tmp_path: Path, rng: random.Random, errors: Errors
) -> None:
    garbage = tmp_path / "a_garbage.jsonl"
    garbage.write_bytes(random.Random(7).randbytes(200_000))
    good = tmp_path / "b_good.jsonl"
    good.write_bytes(jsonl_bytes([article(rng, 0)]))
    stats = ReadStats()
    records = list(read_records([str(garbage), str(good)], on_error=errors, stats=stats))
    assert [record.id for record in records] == ["a0"]
    assert all(line.startswith(str(garbage)) for line in errors.lines)
    assert "this is not a JSONL file" in errors.lines[-1]
    assert len(errors) == 21 and stats.errors == 21


def test_a_line_over_the_limit_is_skipped(tmp_path: Path, rng: random.Random, errors: Errors) -> None:
    big = dict(article(rng, 1), text=words(rng, 5000))
    path = tmp_path / "long.jsonl"
    path.write_bytes(jsonl_bytes([article(rng, 0), big, article(rng, 2)]))
    records = list(read_records([str(path)], on_error=errors, max_record_bytes=10_000))
    assert [record.id for record in records] == ["a0", "a2"]
    assert errors.lines == [f"{path}:2: line is longer than 10,000 bytes; raise max_record_bytes"]


def test_csv(tmp_path: Path, rng: random.Random, errors: Errors) -> None:
    rows = [article(rng, i) for i in range(3)]
    rows[1]["text"] = 'Two lines,\nwith a comma and "quotes".'
    path = tmp_path / "data.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["url", "title", "text", "publisher", "date", "extra"])
        writer.writeheader()
        for row in rows:
            writer.writerow(
                {
                    "url": row["url"],
                    "title": row["title"],
                    "text": row["text"],
                    "publisher": row["publisher"],
                    "date": row["published_at"],
                    "extra": "",
                }
            )
    with path.open("ab") as handle:
        handle.write(b"https://x.example/1,too,many,cells,here,now,!\n")
        handle.write("https://x.example/2,T\u00edtulo,text,,,\n".encode("latin-1"))
        handle.write(b"https://x.example/3,,,P,,\n")
        handle.write(b"https://x.example/4,,last words,,,\n")
    records = list(read_records([str(path)], on_error=errors))
    assert [record.text for record in records] == [row["text"] for row in rows] + ["last words"]
    assert [record.source.line for record in records] == [2, 3, 5, 9]
    assert records[0].published_at == datetime(2024, 2, 1, 10, tzinfo=UTC)
    assert records[0].title == rows[0]["title"] and records[0].publisher == rows[0]["publisher"]
    assert errors.lines[0] == (
        f"{path}:6: row has 7 cells but the header has 6; "
        "quote cells that contain commas, quotes or line breaks"
    )
    assert errors.lines[1].startswith(f"{path}:7: line is not valid UTF-8")
    assert errors.lines[2].startswith(f"{path}:8: field `text` is empty")


def test_csv_without_the_columns_it_needs(tmp_path: Path, errors: Errors) -> None:
    path = tmp_path / "wrong.csv"
    path.write_text("link,content\nhttps://x.example/1,words\n")
    assert list(read_records([str(path)], on_error=errors)) == []
    assert errors.lines == [
        f"{path}:1: CSV header has no `url` column (it has: link, content); every record needs the "
        "article's absolute http(s) URL; the file was skipped"
    ]


def test_parquet(tmp_path: Path, rng: random.Random, errors: Errors) -> None:
    rows = [article(rng, i) for i in range(10)]
    rows[4]["url"] = "mailto:someone@example.com"
    table = pa.table(
        {
            "url": [row["url"] for row in rows],
            "text": [row["text"] for row in rows],
            "title": [row["title"] for row in rows],
            "published_at": pa.array(
                [datetime(2024, 1, i + 1, 9, 30, tzinfo=UTC) for i in range(10)], pa.timestamp("s", tz="UTC")
            ),
            "crawled_at": pa.array([datetime(2024, 2, 1, 12, 0)] * 10, pa.timestamp("ms")),
            "views": list(range(10)),
        }
    )
    path = tmp_path / "data.parquet"
    pq.write_table(table, path, row_group_size=3)
    stats = ReadStats()
    records = list(read_records([str(path)], on_error=errors, stats=stats))
    assert [record.url for record in records] == [row["url"] for i, row in enumerate(rows) if i != 4]
    assert records[0].published_at == datetime(2024, 1, 1, 9, 30, tzinfo=UTC)
    assert records[0].crawled_at == datetime(2024, 2, 1, 12, tzinfo=UTC)
    assert [record.source.row for record in records][:5] == [0, 1, 2, 3, 5]
    assert len(errors) == 1 and errors.lines[0].startswith(f"{path}:row 4: field `url`")
    assert (stats.records, stats.errors) == (9, 1)


def test_garbage_parquet_is_one_error(tmp_path: Path, errors: Errors) -> None:
    path = tmp_path / "bad.parquet"
    path.write_bytes(b"PAR1 this is not parquet at all")
    assert list(read_records([str(path)], on_error=errors)) == []
    assert len(errors) == 1 and errors.lines[0].startswith(f"{path}: not a readable Parquet file")


def test_directories_recurse_sorted_and_globs_expand(
    tmp_path: Path, rng: random.Random, errors: Errors
) -> None:
    (tmp_path / "in" / "b").mkdir(parents=True)
    (tmp_path / "in" / "a").mkdir()
    files = {
        "in/b/2.jsonl": [article(rng, 2)],
        "in/a/1.jsonl.gz": [article(rng, 1)],
        "in/0.ndjson": [article(rng, 0)],
    }
    for name, rows in files.items():
        data = jsonl_bytes(rows)
        (tmp_path / name).write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    (tmp_path / "in" / "notes.txt").write_text("not an input")
    (tmp_path / "in" / "_SUCCESS").write_text("")
    directory = str(tmp_path / "in")
    assert expand_paths([directory]) == [
        str(tmp_path / "in" / "0.ndjson"),
        str(tmp_path / "in" / "a" / "1.jsonl.gz"),
        str(tmp_path / "in" / "b" / "2.jsonl"),
    ]
    records = list(read_records([directory], on_error=errors))
    assert [record.id for record in records] == ["a0", "a1", "a2"]
    pattern = os.path.join(directory, "**", "*.jsonl*")
    assert [os.path.basename(path) for path in expand_paths([pattern])] == ["1.jsonl.gz", "2.jsonl"]
    assert expand_paths([directory, pattern]) == expand_paths([directory])
    assert not errors


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda root: root / "missing.jsonl", "no such file or directory"),
        (lambda root: root / "notes.txt", "unknown input format; name the file with one of .jsonl"),
        (lambda root: root / "empty", "the directory holds no .jsonl/.ndjson/.csv/.parquet/.warc files"),
        (lambda root: root / "*.nothing", "the pattern matches no"),
    ],
)
def test_unreadable_paths_raise_before_reading(
    tmp_path: Path, errors: Errors, make: Callable[[Path], Path], message: str
) -> None:
    (tmp_path / "notes.txt").write_text("x")
    (tmp_path / "empty").mkdir()
    path = str(make(tmp_path))
    with pytest.raises(InputError, match=message) as caught:
        read_records([path], on_error=errors)
    assert str(caught.value).startswith(path)


def test_stdin_reads_jsonl_plain_or_compressed(rng: random.Random, errors: Errors) -> None:
    data = jsonl_bytes([article(rng, 0), article(rng, 1)])
    for payload in (data, gzip.compress(data)):
        records = list(read_records(["-"], on_error=errors, stdin=io.BytesIO(payload)))
        assert [record.id for record in records] == ["a0", "a1"]
        assert records[0].source.path == "<stdin>"
    assert not errors


def test_read_file_counts_into_given_stats(tmp_path: Path, rng: random.Random, errors: Errors) -> None:
    path = tmp_path / "one.jsonl"
    path.write_bytes(jsonl_bytes([article(rng, 0)]) + b"{}\n")
    stats = ReadStats()
    reader = read_file(str(path), on_error=errors, stats=stats)
    assert stats.files == 0
    assert len(list(reader)) == 1
    assert (stats.files, stats.records, stats.errors) == (1, 1, 1)
