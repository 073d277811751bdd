"""Extraction of the article from generated pages: main text without furniture, links, date, fallbacks."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest

from newsdedup.extract import ExtractionError, decode_html, extract_article
from tests.io.builders import page, paragraphs

URL = "https://www.example.com/news/story"


def test_article_body_without_the_furniture(rng: random.Random) -> None:
    generated = page(rng)
    found = extract_article(generated.html, url=URL)
    assert found.method == "trafilatura"
    for paragraph in generated.body:
        assert paragraph in found.text
    for item in generated.menu:
        assert item not in found.text
    assert "Footerline" not in found.text and "analytics" not in found.text
    assert found.title == generated.title
    assert found.canonical_url == URL
    assert found.og_url == "https://www.example.com/news/story?from=og"
    assert found.published_at == datetime(2023, 6, 4, 6, 15, tzinfo=UTC)
    assert found.language == "en"


def test_links_stay_relative_free_without_a_page_url(rng: random.Random) -> None:
    found = extract_article(page(rng).html)
    assert found.canonical_url is None  # "/news/story" cannot be made absolute
    assert found.og_url == "https://www.example.com/news/story?from=og"


def test_bytes_with_a_declared_legacy_charset(rng: random.Random) -> None:
    text = "Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e, na\u00efve fa\u00e7ade. " + paragraphs(rng, 1)[0]
    head = '<html><head><meta charset="iso-8859-1"></head>'
    html = f"{head}<body><article><p>{text}</p></article></body></html>"
    found = extract_article(html.encode("latin-1"))
    assert text in found.text
    assert decode_html("caf\u00e9".encode("latin-1"), "windows-1252") == "caf\u00e9"
    # valid UTF-8 wins over a wrong header
    assert decode_html("caf\u00e9".encode(), "iso-8859-1") == "caf\u00e9"
    assert decode_html("caf\u00e9".encode("utf-16")) == "caf\u00e9"
    assert decode_html("\ufeffcaf\u00e9".encode()) == "caf\u00e9"


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (
            '<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", '
            '"datePublished": "2022-11-05T17:45:00-05:00", '
            '"dateModified": "2023-01-01T00:00:00Z"}]}</script>',
            datetime(2022, 11, 5, 22, 45, tzinfo=UTC),
        ),
        (
            '<meta itemprop="datePublished" content="2021-03-02T10:00:00">',
            datetime(2021, 3, 2, 10, tzinfo=UTC),
        ),
        ('<meta name="date" content="2020-08-09">', datetime(2020, 8, 9, tzinfo=UTC)),
        (
            '<meta property="article:modified_time" content="2023-09-01T00:00:00Z">'
            '<meta property="article:published_time" content="2019-12-31T23:00:00Z">',
            datetime(2019, 12, 31, 23, tzinfo=UTC),
        ),
    ],
)
def test_publication_date_sources(rng: random.Random, head: str, expected: datetime) -> None:
    found = extract_article(page(rng, published=None, head_extra=head).html, url=URL)
    assert found.published_at == expected


def test_no_date_and_a_future_date_give_none(rng: random.Random) -> None:
    assert extract_article(page(rng, published=None).html).published_at is None
    assert extract_article(page(rng, published="2999-01-01T00:00:00Z").html).published_at is None


def test_fragments_plain_text_and_broken_html() -> None:
    assert extract_article("<p>Just a fragment of words.</p><p>And one more.</p>").text == (
        "Just a fragment of words.\nAnd one more."
    )
    assert extract_article("Only plain text, with no markup at all.").text == (
        "Only plain text, with no markup at all."
    )
    broken = "<html><body><div><p>Unclosed paragraph <b>bold <i>nested</div><p>Next one</body>"
    assert "Unclosed paragraph bold nested" in extract_article(broken).text
    assert "with nul" in extract_article("<html><body><p>text\x00 with nul</p></body></html>").text


def test_fallback_keeps_a_page_trafilatura_gives_up_on() -> None:
    html = "<html><body><header><p>The only words on this page sit in a header.</p></header></body></html>"
    found = extract_article(html)
    assert found.method == "fallback"
    assert found.text == "The only words on this page sit in a header."


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   ",
        "<html><head><script>var a = 1;</script><style>p {}</style></head><body></body></html>",
        "<html><body><img src='a.png'><p> . , ! </p></body></html>",
    ],
)
def test_no_readable_text_is_an_error(html: str) -> None:
    with pytest.raises(ExtractionError, match=r"no readable article text; send the text in `text` instead"):
        extract_article(html)


def test_binary_and_oversized_input_are_errors() -> None:
    with pytest.raises(ExtractionError, match="binary data"):
        extract_article(random.Random(1).randbytes(5000))
    with pytest.raises(ExtractionError, match=r"above the limit of 100; raise max_size"):
        extract_article("<p>" + "word " * 100 + "</p>", max_size=100)
