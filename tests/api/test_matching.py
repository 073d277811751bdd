"""The detector end to end through HTTP: index, match, update, delete."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.corpus import first_fraction, make_texts, wrap_in_furniture

ORIGINAL_URL = "https://paper.example/news/a1"


def _index_corpus(client: TestClient, texts: list[str]) -> None:
    for start in range(0, len(texts), 100):
        batch = [
            {"url": f"https://other.example/story/{start + i}", "text": text, "publisher": "Other"}
            for i, text in enumerate(texts[start : start + 100])
        ]
        response = client.post("/v1/articles/bulk", json=batch)
        assert response.status_code == 200, response.text
        assert response.json()["created"] == len(batch)


def test_copies_find_their_original_among_a_thousand_unrelated_articles(client: TestClient) -> None:
    original, unrelated, *corpus = make_texts(1002, seed=11)
    _index_corpus(client, corpus)
    created = client.post(
        "/v1/articles",
        json={
            "url": ORIGINAL_URL,
            "title": "The original",
            "text": original,
            "published_at": "2021-08-09T16:07:00Z",
            "publisher": "The Paper",
        },
    )
    assert created.status_code == 201, created.text
    original_id = created.json()["id"]

    for query in (original, wrap_in_furniture(original), first_fraction(original, 0.4)):
        response = client.post("/v1/match", json={"text": query})
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["likely_original"] is not None
        assert body["likely_original"]["article"]["id"] == original_id
        assert body["likely_original"]["relation"] == "original"
        assert len(body["matches"]) == 1

    excerpt = client.post("/v1/match", json={"text": first_fraction(original, 0.4)}).json()["likely_original"]
    assert excerpt["containment"]["query_in_match"] > 0.95
    assert excerpt["containment"]["match_in_query"] < 0.5

    nothing = client.post("/v1/match", json={"text": unrelated}).json()
    assert nothing["likely_original"] is None and nothing["matches"] == []


def test_a_copy_published_before_the_indexed_article_is_its_original(client: TestClient) -> None:
    (text,) = make_texts(1, seed=3)
    client.post(
        "/v1/articles", json={"url": ORIGINAL_URL, "text": text, "published_at": "2022-01-02T00:00:00Z"}
    )
    body = client.post("/v1/match", json={"text": text, "published_at": "2022-01-01T00:00:00Z"}).json()
    assert body["likely_original"] is None
    assert body["matches"][0]["relation"] == "copy"


def test_reposting_a_url_updates_the_same_article(client: TestClient) -> None:
    first, second = make_texts(2, seed=5)
    created = client.post("/v1/articles", json={"url": ORIGINAL_URL, "text": first})
    updated = client.post("/v1/articles", json={"url": ORIGINAL_URL, "text": second, "title": "New"})
    assert (created.status_code, updated.status_code) == (201, 200)
    assert created.json()["created"] is True and updated.json()["created"] is False
    assert created.json()["id"] == updated.json()["id"]
    stored = client.get("/v1/articles", params={"url": ORIGINAL_URL}).json()
    assert stored["text"] == second and stored["title"] == "New"
    assert client.post("/v1/match", json={"text": first}).json()["matches"] == []
    assert (
        client.post("/v1/match", json={"text": second}).json()["likely_original"]["article"]["id"]
        == stored["id"]
    )


def test_a_query_is_never_its_own_match(client: TestClient) -> None:
    (text,) = make_texts(1, seed=6)
    client.post("/v1/articles", json={"url": ORIGINAL_URL, "text": text})
    assert client.post("/v1/match", json={"text": text, "url": ORIGINAL_URL}).json()["matches"] == []


def test_indexing_reports_what_the_article_matched_before(client: TestClient) -> None:
    (text,) = make_texts(1, seed=8)
    client.post("/v1/articles", json={"url": ORIGINAL_URL, "text": text})
    copy = client.post(
        "/v1/articles", json={"url": "https://scraper.example/x", "text": wrap_in_furniture(text)}
    )
    assert copy.status_code == 201
    assert [match["article"]["url"] for match in copy.json()["matches"]] == [ORIGINAL_URL]


def test_get_and_delete_an_article(client: TestClient) -> None:
    (text,) = make_texts(1, seed=9)
    article_id = client.post("/v1/articles", json={"url": ORIGINAL_URL, "text": text}).json()["id"]
    fetched = client.get(f"/v1/articles/{article_id}")
    assert fetched.status_code == 200 and fetched.json()["url"] == ORIGINAL_URL
    assert client.delete(f"/v1/articles/{article_id}").status_code == 204
    assert client.get(f"/v1/articles/{article_id}").status_code == 404
    assert client.delete(f"/v1/articles/{article_id}").status_code == 404
    assert client.post("/v1/match", json={"text": text}).json()["matches"] == []


def test_html_is_reduced_to_its_main_text(client: TestClient) -> None:
    (text,) = make_texts(1, seed=10)
    paragraphs = "".join(f"<p>{paragraph}</p>" for paragraph in text.split("\n\n"))
    html = (
        "<html><head><title>Storm news</title>"
        '<link rel="canonical" href="https://paper.example/canonical"></head><body>'
        "<nav><a href='/'>Home</a> <a href='/w'>World</a></nav>"
        f"<article><h1>Storm news</h1>{paragraphs}</article>"
        "<footer>Copyright. All rights reserved.</footer></body></html>"
    )
    created = client.post("/v1/articles", json={"url": ORIGINAL_URL, "html": html})
    assert created.status_code == 201, created.text
    stored = client.get(f"/v1/articles/{created.json()['id']}").json()
    assert "Home" not in stored["text"] and stored["canonical_url"] == "https://paper.example/canonical"
    assert (
        client.post("/v1/match", json={"text": text}).json()["likely_original"]["article"]["url"]
        == ORIGINAL_URL
    )


def test_health_and_docs(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["status"] == "ready"
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/v1/articles", "/v1/articles/bulk", "/v1/match", "/v1/articles/{article_id}"} <= set(paths)
