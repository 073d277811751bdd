"""Attribution through HTTP on generated cases: cited sources, chains of copies, direction of reuse."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from fastapi.testclient import TestClient

from newsdedup.synth import SyntheticArticle, generate_articles, make_copy
from tests.api.corpus import first_fraction


def _articles(count: int, seed: int) -> list[SyntheticArticle]:
    return list(generate_articles(count, seed=seed))


def _post(client: TestClient, url: str, text: str, **fields: Any) -> dict[str, Any]:
    response = client.post("/v1/articles", json={"url": url, "text": text, **fields})
    assert response.status_code in (200, 201), response.text
    body: dict[str, Any] = response.json()
    return body


def _index(client: TestClient, article: SyntheticArticle, **overrides: Any) -> int:
    fields = {
        "title": article.title,
        "publisher": article.publisher,
        "published_at": article.published_at.isoformat(),
    } | overrides
    return int(_post(client, article.url, article.text, **fields)["id"])


def _match(client: TestClient, **body: Any) -> dict[str, Any]:
    response = client.post("/v1/match", json=body)
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()
    return found


def test_a_copy_citing_its_source_by_url_wins_over_its_earlier_claimed_date(client: TestClient) -> None:
    original, other, *noise = _articles(6, seed=41)
    for article in noise:
        _index(client, article)
    original_id = _index(client, original)
    copy = make_copy(original.text, "near_verbatim", random.Random(1)).text
    cited = f"{copy}\n\nSource: {original.url.replace('https://', 'http://www.')}/?utm_source=feed"
    earlier = (original.published_at - timedelta(days=2)).isoformat()
    body = _match(client, text=cited, published_at=earlier, url="https://scraper.example/x")
    likely = body["likely_original"]
    assert likely is not None and likely["article"]["id"] == original_id
    assert any(line.startswith("cited source:") for line in likely["evidence"])
    assert any("claims an earlier date" in line for line in likely["evidence"])
    undisputed = _match(client, text=cited, url="https://scraper.example/x")["likely_original"]
    assert likely["confidence"] < undisputed["confidence"]
    assert other.url not in {match["article"]["url"] for match in body["matches"]}


def test_a_cited_article_is_found_even_when_lsh_would_not_offer_it(client: TestClient) -> None:
    (original,) = _articles(1, seed=42)
    original_id = _index(client, original)
    excerpt = first_fraction(original.text, 0.35)
    body = _match(client, text=f"{excerpt}\n\nOriginally published at {original.url}")
    assert body["likely_original"]["article"]["id"] == original_id


def test_a_copy_of_a_copy_resolves_to_the_first_original(client: TestClient) -> None:
    first, *noise = _articles(5, seed=43)
    for article in noise:
        _index(client, article)
    first_id = _index(client, first)
    rng = random.Random(2)
    middle = make_copy(first.text, "near_verbatim", rng).text
    later = (first.published_at + timedelta(hours=3)).isoformat()
    middle_id = _post(client, "https://relay.example/story", middle, published_at=later)["id"]
    copies = client.get(f"/v1/articles/{first_id}/copies").json()["copies"]
    assert [copy["article"]["id"] for copy in copies] == [middle_id]

    copy_of_copy = make_copy(middle, "truncated", rng).text
    body = _match(client, text=copy_of_copy)
    assert body["likely_original"]["article"]["id"] == first_id
    by_id = {match["article"]["id"]: match for match in body["matches"]}
    assert by_id[middle_id]["relation"] == "original"
    assert any(line.startswith("chain:") for line in by_id[middle_id]["evidence"])


def test_the_chain_is_followed_through_the_index_when_the_first_original_is_not_a_candidate(
    client: TestClient,
) -> None:
    (first,) = _articles(1, seed=44)
    first_id = _index(client, first, published_at=None)
    paragraphs = first.text.split("\n\n")
    half = "\n\n".join(paragraphs[: max(2, len(paragraphs) // 2)])
    middle_id = _post(client, "https://relay.example/b", f"{half}\n\nSource: {first.url}")["id"]
    assert client.get(f"/v1/articles/{first_id}/copies").json()["copies"][0]["article"]["id"] == middle_id
    excerpt = first_fraction(half, 0.5)
    body = _match(client, text=excerpt)
    assert body["likely_original"]["article"]["id"] == first_id


def test_direction_of_reuse_alone_picks_the_original_without_dates(client: TestClient) -> None:
    (article,) = _articles(1, seed=45)
    excerpt = first_fraction(article.text, 0.4)
    excerpt_id = _post(client, "https://scraper.example/excerpt", excerpt)["id"]
    body = _match(client, text=article.text)
    assert body["likely_original"] is None
    (match,) = body["matches"]
    assert match["article"]["id"] == excerpt_id and match["relation"] == "copy"
    assert any(line.startswith("direction of reuse:") for line in match["evidence"])

    full_id = _post(client, article.url, article.text)["id"]
    copies = client.get(f"/v1/articles/{full_id}/copies").json()["copies"]
    assert [copy["article"]["id"] for copy in copies] == [excerpt_id]
    assert _match(client, text=excerpt)["likely_original"]["article"]["id"] == full_id


def test_a_query_older_than_its_matches_is_their_original(client: TestClient) -> None:
    (article,) = _articles(1, seed=46)
    _index(client, article)
    earlier = (article.published_at - timedelta(days=1)).isoformat()
    body = _match(client, text=article.text, published_at=earlier)
    assert body["likely_original"] is None
    assert body["matches"][0]["relation"] == "copy"
    assert "the query was published earlier" in body["matches"][0]["evidence"][0]


def test_a_canonical_link_in_submitted_html_points_at_the_original(client: TestClient) -> None:
    (article,) = _articles(1, seed=47)
    article_id = _index(client, article, published_at=None)
    paragraphs = "".join(f"<p>{paragraph}</p>" for paragraph in article.text.split("\n\n"))
    html = (
        f'<html><head><title>{article.title}</title><link rel="canonical" href="{article.url}"></head>'
        f"<body><article><h1>{article.title}</h1>{paragraphs}</article></body></html>"
    )
    body = _match(client, html=html, url="https://mirror.example/copy")
    likely = body["likely_original"]
    assert likely["article"]["id"] == article_id
    assert any(line.startswith("canonical link:") for line in likely["evidence"])
    assert article.text[:40] in body["query_text"]


def test_a_registered_original_source_counts_as_evidence(client: TestClient) -> None:
    (article,) = _articles(1, seed=48)
    domain = article.url.split("/")[2]
    response = client.post(
        "/v1/publishers", json={"name": article.publisher, "domains": [domain], "original_source": True}
    )
    assert response.status_code == 201, response.text
    _index(client, article, published_at=None)
    likely = _match(client, text=article.text)["likely_original"]
    assert any(line.startswith("known original source:") for line in likely["evidence"])
    assert {signal["name"] for signal in likely["signals"]} >= {"known original source", "time"}
