"""Generated test inputs: random-word articles, web pages with site furniture, and WARC files."""

from __future__ import annotations

import io
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

SYLLABLES = ("ka", "lo", "mi", "ren", "to", "sa", "vu", "del", "pri", "on", "es", "tar", "bel", "qui", "no")


def words(rng: random.Random, count: int) -> str:
    """``count`` made-up words."""
    return " ".join("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4))) for _ in range(count))


def paragraphs(rng: random.Random, count: int = 6) -> list[str]:
    """``count`` paragraphs of made-up sentences."""
    return [words(rng, rng.randint(40, 70)).capitalize() + "." for _ in range(count)]


@dataclass(frozen=True)
class Page:
    """A generated article page and what extraction should find in it."""

    html: str
    title: str
    body: list[str]
    menu: list[str]


def page(
    rng: random.Random,
    *,
    canonical: str = "/news/story",
    og_url: str = "https://www.example.com/news/story?from=og",
    published: str | None = "2023-06-04T08:15:00+02:00",
    head_extra: str = "",
    lang: str = "en-GB",
) -> Page:
    """An article page wrapped in a header, navigation menu, sidebar and footer."""
    title = words(rng, 5).title()
    body = paragraphs(rng)
    menu = [f"Menulink{i} {words(rng, 2)}" for i in range(12)]
    side = [f"Sidebarpick{i} {words(rng, 4)}" for i in range(6)]
    date_meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    menu_html = "".join(f'<li><a href="/s/{i}">{item}</a></li>' for i, item in enumerate(menu))
    side_html = "".join(f'<li><a href="/r/{i}">{item}</a></li>' for i, item in enumerate(side))
    body_html = "".join(f"<p>{text}</p>" for text in body)
    html = f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title} | The Daily Example</title>
<link rel="canonical" href="{canonical}"><meta property="og:url" content="{og_url}">{date_meta}{head_extra}
<script>window.analytics = {{"page": "article"}};</script></head>
<body><header><div class="logo">The Daily Example</div>
<nav class="menu"><ul>{menu_html}</ul></nav>
</header>
<main><article><h1>{title}</h1>{body_html}</article>
<aside class="sidebar"><h3>Most read</h3><ul>{side_html}</ul></aside>
</main>
<footer><p>Footerline copyright The Daily Example. Privacy. Terms. Contact.</p></footer></body></html>"""
    return Page(html=html, title=title, body=body, menu=menu + side)


@dataclass(frozen=True)
class WarcEntry:
    """One record to write into a test WARC."""

    url: str
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: str = "200 OK"
    date: str = "2024-01-02T03:04:05Z"
    kind: str = "response"


def write_warc(path: Path, entries: Sequence[WarcEntry], *, gzip: bool) -> None:
    """Write ``entries`` as a WARC file (gzip per record when ``gzip``)."""
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        for entry in entries:
            http: StatusAndHeaders | None = None
            if entry.kind == "response":
                http = StatusAndHeaders(
                    entry.status,
                    [("Content-Type", entry.content_type), ("Content-Length", str(len(entry.body)))],
                    protocol="HTTP/1.1",
                )
            elif entry.kind == "request":
                http = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.com")], is_http_request=True)
            record = writer.create_warc_record(
                entry.url,
                entry.kind,
                payload=io.BytesIO(entry.body),
                http_headers=http,
                warc_headers_dict={"WARC-Date": entry.date},
            )
            writer.write_record(record)
