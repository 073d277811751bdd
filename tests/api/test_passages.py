"""Passages on every match: offsets into the texts as submitted and stored, covering the copied part."""

from __future__ import annotations

import random
import re
import statistics

from fastapi.testclient import TestClient

from newsdedup.core import default_scheme
from newsdedup.detector import ArticleInput, Detector, MatchQuery
from newsdedup.store.memory import MemoryArticleIndex
from newsdedup.synth import generate_articles, make_copy

WORD = re.compile(r"\S+")


def _covered(text: str, spans: list[tuple[int, int]], words: int | None = None) -> float:
    """Share of the first ``words`` words of ``text`` (all by default) that start inside a span."""
    found = list(WORD.finditer(text))[:words]
    inside = sum(1 for word in found if any(start <= word.start() < end for start, end in spans))
    return inside / len(found)


def test_passages_of_round_trip_copies_cover_the_copied_part() -> None:
    articles = list(generate_articles(40, seed=91))
    detector = Detector(MemoryArticleIndex(default_scheme()))
    detector.index_many(
        [ArticleInput(url=article.url, text=article.text) for article in articles], with_matches=False
    )
    rng = random.Random(92)
    coverage = []
    for article in articles:
        copy = make_copy(article.text, "roundtrip", rng, source_url=article.url)
        report = detector.match(MatchQuery(text=copy.text))
        assert report.likely_original is not None and report.likely_original.article.url == article.url
        passages = report.likely_original.alignment.passages
        copied_words = max(1, round(copy.copied_fraction * len(WORD.findall(article.text))))
        spans = [(passage.match_start, passage.match_end) for passage in passages]
        coverage.append(_covered(article.text, spans, copied_words))
        copy_spans = [(passage.query_start, passage.query_end) for passage in passages]
        assert _covered(copy.text, copy_spans) >= 0.8
    assert min(coverage) >= 0.8
    assert statistics.mean(coverage) >= 0.95


def test_passage_offsets_point_into_the_submitted_and_stored_texts(client: TestClient) -> None:
    (article,) = generate_articles(1, seed=93)
    stored = client.post("/v1/articles", json={"url": article.url, "text": article.text}).json()
    copy = make_copy(article.text, "spun", random.Random(94)).text
    body = client.post("/v1/match", json={"text": copy}).json()
    likely = body["likely_original"]
    assert likely["article"]["id"] == stored["id"]
    assert likely["passages"], likely
    stored_text = client.get(f"/v1/articles/{stored['id']}").json()["text"]
    for passage in likely["passages"]:
        query_part = copy[passage["query_start"] : passage["query_end"]]
        match_part = stored_text[passage["match_start"] : passage["match_end"]]
        assert 0 < passage["score"] <= 1
        query_words = set(re.findall(r"[a-z]+", query_part.lower()))
        match_words = set(re.findall(r"[a-z]+", match_part.lower()))
        assert len(query_words & match_words) >= 0.4 * min(len(query_words), len(match_words))
    assert likely["reused_fraction"]["query"] > 0.8
    assert 0 < likely["reused_fraction"]["match"] <= 1
