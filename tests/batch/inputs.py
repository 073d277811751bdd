"""The generated crawl the batch tests run on: known copies split over JSONL, Parquet, CSV and WARC files,
plus a file of malformed records."""

from __future__ import annotations

import csv
import gzip
import io
import json
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from benchmarks.batch.crawl import generate_crawl
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsdedup.synth.articles import SyntheticArticle, generate_articles
from newsdedup.synth.copies import make_copy, make_excerpt_html

BAD_LINES = (
    '{"url": "https://bad.example/1", "text": "fine text for a fine record"}\n',
    "{not json\n",
    '{"url": "ftp://bad.example/2", "text": "a url that is not http"}\n',
    '["an", "array"]\n',
    '{"url": "https://bad.example/3"}\n',
)
"""Line 1 is good; lines 2-5 are malformed."""


@dataclass
class Inputs:
    """Input files in order, and the truth: each url's root original and copy kind."""

    files: list[Path]
    truth: dict[str, str] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    chains: set[str] = field(default_factory=set)
    """Urls of copies made from a copy."""
    warc_pages: dict[str, str] = field(default_factory=dict)
    """WARC page url -> the url of its original page."""

    @property
    def names(self) -> list[str]:
        """The files as strings, for `dedup`."""
        return [str(path) for path in self.files]


def _html(title: str, text: str, published: str | None) -> str:
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    body = "".join(f"<p>{part}</p>" for part in text.split("\n\n"))
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>{meta}</head>'
        f"<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{body}</article><footer>All rights reserved.</footer></body></html>"
    )


def write_warc(path: Path, rng: random.Random, originals: list[SyntheticArticle]) -> dict[str, str]:
    """Pages of two originals and three copies (two near-verbatim, one excerpt page in site furniture), a
    non-page record and a redirect. The first original says when it was published (before the excerpt
    page's byline date); nothing else in the second cluster does, so crawl dates decide there."""
    start = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
    pages: dict[str, str] = {}
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)

        def response(url: str, html: str, moment: datetime, content_type: str = "text/html") -> None:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(html.encode("utf-8")),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": moment.strftime("%Y-%m-%dT%H:%M:%SZ")},
            )
            writer.write_record(record)

        for number, source in enumerate(originals):
            text, title = source.text, source.title
            origin = f"https://warc-origin{number}.example/story"
            published = "2023-06-01T08:00:00+00:00" if number == 0 else None
            response(origin, _html(title, text, published), start + timedelta(hours=number))
            pages[origin] = origin
            near = make_copy(text, "near_verbatim", rng).text
            copy = f"https://warc-copier{number}.example/copied"
            response(copy, _html(title, near, None), start + timedelta(hours=number, minutes=30))
            pages[copy] = origin
            if number == 0:
                excerpt = make_excerpt_html(text, rng, title=title, source_url=origin)
                response("https://warc-excerpts.example/a", excerpt.html, start + timedelta(days=1))
                pages["https://warc-excerpts.example/a"] = origin
        response("https://warc-origin0.example/logo.png", "\x89PNG", start, content_type="image/png")
        redirect = StatusAndHeaders("301 Moved", [("Location", "https://x.example/")], protocol="HTTP/1.1")
        moved = writer.create_warc_record(
            "https://x.example/old", "response", payload=io.BytesIO(b""), http_headers=redirect
        )
        writer.write_record(moved)
    return pages


def _moment(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


def build_inputs(directory: Path, *, articles: int, copies: float, seed: int) -> Inputs:
    """Write the crawl: 80% JSONL, 10% Parquet (timestamps typed), 10% gzipped CSV, a WARC, bad lines."""
    crawl = list(generate_crawl(articles, copies, seed))
    inputs = Inputs(files=[])
    for item in crawl:
        inputs.truth[item.fields["url"]] = item.root
        inputs.kinds[item.fields["url"]] = item.kind
        if item.parent != item.root:
            inputs.chains.add(item.fields["url"])
    first, second = int(len(crawl) * 0.8), int(len(crawl) * 0.9)
    jsonl = directory / "crawl.jsonl"
    with jsonl.open("w", encoding="utf-8") as handle:
        for item in crawl[:first]:
            handle.write(json.dumps(item.fields) + "\n")
    parquet = directory / "part.parquet"
    rows = [dict(item.fields) for item in crawl[first:second]]
    table = pa.table(
        {
            "url": [row["url"] for row in rows],
            "text": [row["text"] for row in rows],
            "published_at": pa.array(
                [_moment(row.get("published_at")) for row in rows], type=pa.timestamp("us", tz="UTC")
            ),
            "crawled_at": [row["crawled_at"] for row in rows],
        }
    )
    pq.write_table(table, parquet, row_group_size=64)
    table_csv = directory / "part.csv.gz"
    with gzip.open(table_csv, "wt", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, ["url", "text", "title", "publisher", "published_at", "crawled_at"])
        writer.writeheader()
        for item in crawl[second:]:
            writer.writerow(item.fields)
    warc = directory / "pages.warc.gz"
    inputs.warc_pages = write_warc(warc, random.Random(seed), list(generate_articles(2, seed + 1)))
    inputs.truth.update(inputs.warc_pages)
    bad = directory / "bad.jsonl"
    bad.write_text("".join(BAD_LINES), encoding="utf-8")
    inputs.truth["https://bad.example/1"] = "https://bad.example/1"
    inputs.files = [jsonl, parquet, table_csv, warc, bad]
    return inputs
