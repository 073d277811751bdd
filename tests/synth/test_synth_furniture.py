"""Excerpt pages: furniture sized as asked, and HTML whose main text is the excerpt."""

from __future__ import annotations

import random

import lxml.html
import pytest
import trafilatura

from newsdedup.synth import generate_articles, make_excerpt_html
from newsdedup.synth.furniture import build_page, render_text
from newsdedup.synth.textops import word_count

ARTICLES = list(generate_articles(12, seed=31))


@pytest.mark.parametrize("budget", [0, 3, 12, 60, 250, 900])
def test_furniture_fills_its_word_budget(budget: int) -> None:
    page = build_page(random.Random(budget), paragraphs=4, furniture_words=budget)
    assert abs(page.words - budget) <= 1
    text = render_text(page, ["First paragraph.", "Second.", "Third.", "Fourth."])
    assert word_count(text) == page.words + 5


def test_big_budgets_hold_the_usual_furniture() -> None:
    page = build_page(random.Random(1), paragraphs=5, furniture_words=400)
    kinds = {block.kind for block in (*page.top, *(block for _, block in page.inline), *page.bottom)}
    assert {"nav", "footer", "related"} <= kinds
    assert "All rights reserved" in render_text(page, ["Body."])


def test_excerpt_page_structure() -> None:
    for seed, article in enumerate(ARTICLES):
        page = make_excerpt_html(
            article.text, random.Random(seed), title=article.title, source_url=article.url
        )
        tree = lxml.html.fromstring(page.html)
        containers = tree.xpath("//article | //div[@class='content']")
        assert len(containers) == 1
        paragraphs = [p.text_content() for p in containers[0].xpath("./p")]
        assert paragraphs == page.article_text.split("\n\n")
        assert tree.xpath("//h1")[0].text_content() == article.title
        assert tree.xpath("//nav//a") and tree.xpath("//footer") and tree.xpath("//aside")
        words = article.text.split()
        kept = page.article_text.split()
        assert kept == words[: len(kept)]
        assert 0.3 <= page.copied_fraction <= 0.5
        assert 0.3 <= page.furniture_fraction <= 0.6


def test_same_seed_same_page() -> None:
    first = make_excerpt_html(ARTICLES[0].text, random.Random(9))
    assert first == make_excerpt_html(ARTICLES[0].text, random.Random(9))


def test_an_extractor_finds_the_excerpt() -> None:
    for seed, article in enumerate(ARTICLES[:5]):
        page = make_excerpt_html(article.text, random.Random(seed), title=article.title)
        extracted = trafilatura.extract(page.html) or ""
        paragraphs = page.article_text.split("\n\n")
        found = sum(paragraph in extracted for paragraph in paragraphs)
        assert found >= 0.8 * len(paragraphs)
        assert len(extracted.split()) < 1.3 * len(page.article_text.split())
