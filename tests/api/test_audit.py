"""The publisher's audit through HTTP: publishers, copies of an article, the report, compare."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient

from tests.api.corpus import first_fraction, make_texts, wrap_in_furniture

T0 = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)


def _stamp(moment: datetime) -> str:
    return moment.isoformat()


def _seed(client: TestClient) -> dict[str, int]:
    """Three articles of The Paper; scraper-a copies two of them, scraper-b one (by bulk)."""
    texts = make_texts(4, seed=61)
    ids: dict[str, int] = {}
    for number, text in enumerate(texts[:3]):
        body = {
            "url": f"https://www.paper.example/news/{number}",
            "text": text,
            "title": f"Story {number}",
            "publisher": "The Paper",
            "published_at": _stamp(T0 + timedelta(days=number)),
        }
        ids[f"original{number}"] = client.post("/v1/articles", json=body).json()["id"]
    copies = [
        ("https://scraper-a.example/1", wrap_in_furniture(texts[0]), T0 + timedelta(days=1)),
        ("https://scraper-a.example/2", first_fraction(texts[1], 0.5), T0 + timedelta(days=40)),
    ]
    for url, text, when in copies:
        ids[url] = client.post(
            "/v1/articles", json={"url": url, "text": text, "published_at": _stamp(when)}
        ).json()["id"]
    bulk = [
        {
            "url": "https://scraper-b.example/x",
            "text": texts[0],
            "published_at": _stamp(T0 + timedelta(days=3)),
        },
        {"url": "https://unrelated.example/y", "text": texts[3]},
    ]
    results = client.post("/v1/articles/bulk", json=bulk).json()["results"]
    ids["https://scraper-b.example/x"] = results[0]["id"]
    return ids


def test_publishers_are_registered_updated_listed_and_removed(client: TestClient) -> None:
    created = client.post(
        "/v1/publishers", json={"name": "The Paper", "domains": ["https://www.Paper.example/"]}
    )
    assert created.status_code == 201, created.text
    assert created.json() == {
        "name": "The Paper",
        "domains": ["paper.example"],
        "original_source": False,
        "registered": True,
    }
    updated = client.post(
        "/v1/publishers", json={"name": "the paper", "domains": ["paper.news"], "original_source": True}
    )
    assert updated.status_code == 200
    assert updated.json()["domains"] == ["paper.example", "paper.news"] and updated.json()["original_source"]
    assert [item["name"] for item in client.get("/v1/publishers").json()] == ["The Paper"]
    assert client.get("/v1/publishers/paper.news").json()["name"] == "The Paper"
    bad = client.post("/v1/publishers", json={"name": "X", "domains": ["not a domain"]})
    assert bad.status_code == 422 and "not a domain" in bad.json()["message"]
    assert client.delete("/v1/publishers/The Paper").status_code == 204
    assert client.delete("/v1/publishers/The Paper").status_code == 404
    assert client.get("/v1/publishers/nowhere.example").status_code == 404


def test_copies_of_an_article_say_who_republished_it_when_and_how_much(client: TestClient) -> None:
    ids = _seed(client)
    body = client.get(f"/v1/articles/{ids['original0']}/copies").json()
    assert body["article"]["id"] == ids["original0"]
    copies = body["copies"]
    assert [copy["domain"] for copy in copies] == ["scraper-a.example", "scraper-b.example"]
    first = copies[0]
    assert first["relation"] == "copy" and first["reused_fraction"]["original"] > 0.95
    assert first["reused_fraction"]["copy"] < 0.95 and 0.5 < first["confidence"] <= 1
    assert first["seen_at"].startswith("2024-03-02")
    assert client.get("/v1/articles/999999/copies").status_code == 404


def test_the_publisher_report_groups_copies_by_site(client: TestClient) -> None:
    ids = _seed(client)
    client.post("/v1/publishers", json={"name": "The Paper", "domains": ["paper.example"]})
    report = client.get("/v1/publishers/The Paper/report").json()
    assert report["publisher"]["registered"] and report["articles_copied"] == 2 and report["copies"] == 3
    sites = {site["domain"]: site for site in report["sites"]}
    assert set(sites) == {"scraper-a.example", "scraper-b.example"}
    assert sites["scraper-a.example"]["articles"] == 2
    assert 0.4 < sites["scraper-a.example"]["median_reused_fraction"] < 1
    assert sites["scraper-a.example"]["first_seen"].startswith("2024-03-02")
    assert sites["scraper-a.example"]["last_seen"].startswith("2024-04-10")
    worst = sites["scraper-a.example"]["worst_examples"][0]
    assert (
        worst["copy"]["id"] == ids["https://scraper-a.example/1"]
        and worst["original"]["id"] == ids["original0"]
    )
    assert report["period"] == "day" and sum(point["copies"] for point in report["timeline"]) == 3

    window = client.get(
        "/v1/publishers/The Paper/report", params={"since": "2024-03-01", "until": "2024-03-10"}
    ).json()
    assert window["copies"] == 2 and {site["domain"] for site in window["sites"]} == {
        "scraper-a.example",
        "scraper-b.example",
    }
    inferred = client.get("/v1/publishers/paper.example/report").json()
    assert inferred["copies"] == 3
    bad = client.get("/v1/publishers/The Paper/report", params={"since": "2024-05-01", "until": "2024-04-01"})
    assert bad.status_code == 422
    assert client.get("/v1/publishers/nobody.example/report").status_code == 404


def test_compare_two_indexed_articles(client: TestClient) -> None:
    ids = _seed(client)
    response = client.get(
        "/v1/compare", params={"a": ids["https://scraper-a.example/2"], "b": ids["original1"]}
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    assert body["query"]["id"] == ids["https://scraper-a.example/2"]
    assert body["article"]["id"] == ids["original1"] and body["relation"] == "original"
    assert body["reused_fraction"]["query"] > 0.9
    assert set(body) >= {"passages", "confidence", "evidence", "signals", "containment"}
    assert client.get("/v1/compare", params={"a": ids["original1"], "b": 999999}).status_code == 404
    assert client.get("/v1/compare", params={"a": 1, "b": 1}).status_code == 422


def test_bulk_can_skip_recording_copies_for_speed(client: TestClient) -> None:
    (text,) = make_texts(1, seed=62)
    original = client.post("/v1/articles", json={"url": "https://paper.example/o", "text": text}).json()["id"]
    copies = [{"url": "https://fast.example/c", "text": wrap_in_furniture(text)}]
    response = client.post("/v1/articles/bulk", params={"record_copies": "false"}, json=copies)
    assert response.status_code == 200 and response.json()["created"] == 1
    assert client.get(f"/v1/articles/{original}/copies").json()["copies"] == []
    client.post("/v1/articles/bulk", json=copies)
    assert len(client.get(f"/v1/articles/{original}/copies").json()["copies"]) == 1
