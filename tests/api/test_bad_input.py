"""Bad input gets a 4xx that says what to fix, and nothing is written."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from tests.api.corpus import make_texts

URL = "https://paper.example/a"
TEXT = make_texts(1, seed=21)[0]


def _article_count(client: TestClient) -> int:
    runtime = client.app.state.runtime  # type: ignore[attr-defined]
    with runtime.detector() as detector:
        count: int = detector.index.stats().articles
    return count


def _problem(response: object, status: int, needle: str) -> None:
    assert response.status_code == status, response.text  # type: ignore[attr-defined]
    body = response.json()  # type: ignore[attr-defined]
    assert set(body) == {"error", "message", "errors"}
    assert needle.lower() in body["message"].lower(), body["message"]


@pytest.mark.parametrize(
    ("payload", "needle"),
    [
        ({"url": URL, "text": ""}, "empty"),
        ({"url": URL, "text": "   \n\t  "}, "whitespace"),
        ({"url": URL}, "exactly one of `text`"),
        ({"url": URL, "text": TEXT, "html": "<p>x</p>"}, "exactly one of `text`"),
        ({"url": "ftp://paper.example/a", "text": TEXT}, "http"),
        ({"url": "not a url", "text": TEXT}, "whitespace"),
        ({"url": "/relative/path", "text": TEXT}, "absolute"),
        ({"text": TEXT}, "url"),
        ({"url": URL, "text": 42}, "text"),
        ({"url": URL, "text": TEXT, "published_at": "yesterday"}, "published_at"),
        ({"url": URL, "text": TEXT, "colour": "red"}, "unknown field"),
        ({"url": URL, "text": "abc\x00def"}, "binary"),
        ({"url": URL, "text": "\x01\x02\x03\x04" * 100}, "binary"),
        ({"url": URL, "text": "word " * 30_000}, "limit"),
        ({"url": URL, "text": "!!! ... --- ???"}, "no words"),
        ({"url": URL, "html": "<html><body><script>1</script></body></html>"}, "text"),
    ],
)
def test_invalid_articles_are_refused_and_nothing_is_written(
    client: TestClient, payload: dict[str, object], needle: str
) -> None:
    _problem(client.post("/v1/articles", json=payload), 422, needle)
    assert _article_count(client) == 0


def test_a_body_that_is_not_json_or_not_utf8_is_a_400(client: TestClient) -> None:
    headers = {"content-type": "application/json"}
    _problem(client.post("/v1/articles", content=b'{"url": ', headers=headers), 400, "not valid JSON")
    bad_utf8 = b'{"url": "https://paper.example/a", "text": "caf\xe9 au lait"}'
    response = client.post("/v1/articles", content=bad_utf8, headers=headers)
    assert response.status_code in (400, 422)
    assert _article_count(client) == 0


def test_a_body_over_the_limit_is_a_413(client: TestClient) -> None:
    huge = json.dumps({"url": URL, "text": "x" * 400_000}).encode()
    _problem(
        client.post("/v1/articles", content=huge, headers={"content-type": "application/json"}), 413, "limit"
    )
    assert _article_count(client) == 0


def test_match_validates_its_body_and_limit(client: TestClient) -> None:
    _problem(client.post("/v1/match", json={}), 422, "exactly one of")
    _problem(client.post("/v1/match", json={"text": TEXT}, params={"limit": 0}), 422, "limit")
    _problem(client.post("/v1/match", json={"text": TEXT, "url": "mailto:x@y.z"}), 422, "http")


def test_bulk_reports_bad_items_by_position_and_stores_the_good_ones(client: TestClient) -> None:
    good = make_texts(2, seed=22)
    lines = [
        json.dumps({"url": "https://a.example/1", "text": good[0]}),
        json.dumps({"url": "https://a.example/2", "text": ""}),
        json.dumps({"url": "https://a.example/3", "text": good[1]}),
    ]
    response = client.post(
        "/v1/articles/bulk", content="\n".join(lines), headers={"content-type": "application/x-ndjson"}
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["created"], body["failed"]) == (2, 1)
    assert [item["status"] for item in body["results"]] == [201, 422, 201]
    assert "empty" in body["results"][1]["error"]
    assert _article_count(client) == 2


def test_bulk_refuses_malformed_and_oversized_requests_whole(client: TestClient) -> None:
    ndjson = {"content-type": "application/x-ndjson"}
    _problem(client.post("/v1/articles/bulk", content='{"url": 1}\n{broken', headers=ndjson), 400, "line 2")
    _problem(client.post("/v1/articles/bulk", json={"url": URL, "text": TEXT}), 422, "array")
    _problem(client.post("/v1/articles/bulk", json=[]), 422, "no articles")
    many = [{"url": f"https://a.example/{i}", "text": "short text"} for i in range(501)]
    _problem(client.post("/v1/articles/bulk", json=many), 413, "at most 500")
    _problem(
        client.post("/v1/articles/bulk", content=b"[\xff]", headers={"content-type": "application/json"}),
        400,
        "UTF-8",
    )
    assert _article_count(client) == 0


def test_unknown_ids_and_urls_are_404(client: TestClient) -> None:
    _problem(client.get("/v1/articles/999"), 404, "no article")
    _problem(client.get("/v1/articles", params={"url": URL}), 404, "no article")
