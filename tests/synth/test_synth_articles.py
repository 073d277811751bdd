"""Synthetic articles: deterministic, news-like lengths and shapes, unrelated articles share few 3-grams."""

from __future__ import annotations

import random
import re
import statistics
from datetime import UTC, datetime

import pytest

from newsdedup.synth.articles import MAX_WORDS, MIN_WORDS, SyntheticArticle, generate_articles

_URL = re.compile(r"^https://[a-z0-9.-]+/[a-z-]+/[a-z0-9-]+-\d+$")


def _trigrams(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[index : index + 3]) for index in range(len(words) - 2)}


@pytest.fixture(scope="module")
def articles() -> list[SyntheticArticle]:
    return list(generate_articles(300, seed=11))


def test_same_seed_same_articles() -> None:
    assert list(generate_articles(25, seed=4)) == list(generate_articles(25, seed=4))


def test_other_seed_other_articles() -> None:
    first = [article.text for article in generate_articles(10, seed=4)]
    second = [article.text for article in generate_articles(10, seed=5)]
    assert not set(first) & set(second)


def test_a_longer_stream_starts_with_the_shorter_one() -> None:
    assert list(generate_articles(5, seed=8)) == list(generate_articles(12, seed=8))[:5]


def test_lengths_are_news_like(articles: list[SyntheticArticle]) -> None:
    counts = [len(article.text.split()) for article in articles]
    assert all(MIN_WORDS <= count <= MAX_WORDS for count in counts)
    assert 250 <= statistics.median(counts) <= 500
    assert max(counts) > 600


def test_paragraphs_are_separated_by_blank_lines(articles: list[SyntheticArticle]) -> None:
    for article in articles:
        paragraphs = article.text.split("\n\n")
        assert len(paragraphs) >= 2
        assert all(paragraph.strip() == paragraph and paragraph for paragraph in paragraphs)
        assert "\n" not in "".join(paragraphs)


def test_most_articles_quote_someone(articles: list[SyntheticArticle]) -> None:
    quoting = [
        article for article in articles if re.search(r'"[^"]+"', article.text) and " said" in article.text
    ]
    assert len(quoting) >= 0.95 * len(articles)


def test_urls_titles_and_times(articles: list[SyntheticArticle]) -> None:
    assert len({article.url for article in articles}) == len(articles)
    for article in articles:
        assert _URL.match(article.url), article.url
        assert article.url.startswith(f"https://{article.domain}/")
        assert article.title and article.title[0].isupper()
        assert article.publisher
    times = [article.published_at for article in articles]
    assert times == sorted(times)
    assert len({article.domain for article in articles}) > 20


def test_start_sets_the_clock() -> None:
    start = datetime(2031, 5, 1, tzinfo=UTC)
    first = next(generate_articles(1, seed=1, start=start))
    assert start < first.published_at < datetime(2031, 5, 2, tzinfo=UTC)


def test_unrelated_articles_share_few_trigrams(articles: list[SyntheticArticle]) -> None:
    rng = random.Random(0)
    grams = [_trigrams(article.text) for article in articles]
    scores = []
    for _ in range(50):
        left, right = rng.sample(range(len(articles)), 2)
        scores.append(len(grams[left] & grams[right]) / len(grams[left] | grams[right]))
    assert statistics.mean(scores) < 0.05


def test_zero_and_negative_counts() -> None:
    assert list(generate_articles(0, seed=1)) == []
    with pytest.raises(ValueError, match="count must be zero or more"):
        list(generate_articles(-1, seed=1))
