"""The web pages through HTTP: paste and match, article, compare, publisher report; hostile input escaped."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient

from newsdedup.api import create_app
from newsdedup.settings import Settings
from newsdedup.synth import generate_articles, make_copy

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def web(sqlite_url: str) -> Iterator[TestClient]:
    """The app on a fresh SQLite file, open as the embedded default is."""
    with TestClient(create_app(Settings(database_url=sqlite_url), migrate=True)) as client:
        yield client


def _seed(web: TestClient) -> tuple[dict[str, int], str, str]:
    original, *others = generate_articles(4, seed=101)
    ids = {}
    for article in (original, *others):
        body = {
            "url": article.url,
            "text": article.text,
            "title": article.title,
            "publisher": article.publisher,
            "published_at": article.published_at.isoformat(),
        }
        ids[article.url] = web.post("/v1/articles", json=body).json()["id"]
    copy = make_copy(original.text, "roundtrip", random.Random(5)).text
    later = (original.published_at + timedelta(days=1)).isoformat()
    ids["copy"] = web.post(
        "/v1/articles", json={"url": "https://scraper.example/c", "text": copy, "published_at": later}
    ).json()["id"]
    ids["original"] = ids[original.url]
    return ids, original.title, copy


def test_pasting_a_copy_shows_its_original_the_evidence_and_highlighted_passages(web: TestClient) -> None:
    ids, title, copy = _seed(web)
    page = web.get("/")
    assert page.status_code == 200 and 'name="article"' in page.text
    assert "default-src 'none'" in page.headers["content-security-policy"]
    result = web.post("/", data={"article": copy, "url": "", "published": ""})
    assert result.status_code == 200, result.text
    assert "Likely original" in result.text and title in result.text
    assert result.text.count('<mark class="p0"') >= 2
    assert "Confidence" in result.text and "<li>" in result.text
    assert f"/articles/{ids['original']}" in result.text


def test_hostile_input_is_escaped_everywhere(web: TestClient) -> None:
    ids, _, copy = _seed(web)
    pasted = web.post("/", data={"article": f"{HOSTILE}\n\n{copy}", "url": "", "published": ""})
    assert "<script>" not in pasted.text and "<img src=x" not in pasted.text
    assert "&lt;script&gt;" in pasted.text or "alert" not in pasted.text
    evil = {
        "url": "https://evil.example/a",
        "title": HOSTILE,
        "publisher": HOSTILE,
        "text": f"{HOSTILE} " + copy,
    }
    evil_id = web.post("/v1/articles", json=evil).json()["id"]
    for path in (
        f"/articles/{evil_id}",
        f"/compare?a={evil_id}&b={ids['original']}",
        "/publishers/evil.example",
    ):
        page = web.get(path)
        assert page.status_code == 200, (path, page.text)
        assert "<script>" not in page.text and "<img src=x" not in page.text, path
    bad_form = web.post("/", data={"article": "   ", "url": "javascript:alert(1)", "published": "nope"})
    assert bad_form.status_code == 422 and "javascript:alert" not in bad_form.text.split("</form>")[1]


def test_article_page_lists_its_copies_and_compare_shows_both_texts(web: TestClient) -> None:
    ids, _, _ = _seed(web)
    page = web.get(f"/articles/{ids['original']}")
    assert "Who republished it (1)" in page.text and "scraper.example" in page.text
    copy_page = web.get(f"/articles/{ids['copy']}")
    assert "A copy" in copy_page.text
    compared = web.get("/compare", params={"a": ids["copy"], "b": ids["original"]})
    assert "looks like the original" in compared.text and '<mark class="p0"' in compared.text
    assert web.get("/articles/999999").status_code == 404
    assert web.get("/compare", params={"a": 1, "b": 1}).status_code == 404


def test_publisher_report_page_has_a_table_and_a_chart(web: TestClient) -> None:
    ids, _, _ = _seed(web)
    web.post("/v1/publishers", json={"name": "Paper & Co", "domains": ["scraper-victim.example"]})
    listing = web.get("/publishers")
    assert "Paper &amp; Co" in listing.text
    redirected = web.get("/publishers", params={"publisher": "Paper & Co"}, follow_redirects=False)
    assert redirected.status_code == 303
    original_domain = web.get(f"/v1/articles/{ids['original']}").json()["domain"]
    report = web.get(f"/publishers/{original_domain}")
    assert report.status_code == 200
    assert "scraper.example" in report.text and "<svg" in report.text and "<rect" in report.text
    window = web.get(f"/publishers/{original_domain}", params={"since": "2030-01-01"})
    assert "No copies in this window" in window.text
    assert web.get("/publishers/nobody.example").status_code == 404
    assert web.get("/static/style.css").headers["content-type"].startswith("text/css")
    assert web.get("/static/other.css").status_code == 404


def test_pages_need_a_key_when_reads_do(sqlite_url: str) -> None:
    settings = Settings(database_url=sqlite_url, require_key_for_reads=True)
    with TestClient(create_app(settings, migrate=True)) as client:
        page = client.get("/")
        assert page.status_code == 401 and "newsdedup key create" in page.text
