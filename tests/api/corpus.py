"""Test corpora the project generates itself (no third-party text), and scraper-style wrappers."""

from __future__ import annotations

from itertools import islice

from newsdedup.synth import generate_articles


def make_texts(count: int, seed: int) -> list[str]:
    """``count`` unrelated news-like articles from the project's seeded generator."""
    return [article.text for article in islice(generate_articles(count, seed), count)]


FURNITURE_TOP = (
    "Home | World | Business | Sport | Tech | Contact us\n"
    "We use cookies to improve your experience. By continuing you accept our cookie policy. Accept all\n"
    "Subscribe to our newsletter for the latest headlines delivered to your inbox every morning.\n"
)
FURNITURE_BOTTOM = (
    "\nRelated articles: Ten things you missed this week | Markets wrap | Weather outlook for the weekend\n"
    "Share this article on Facebook Twitter WhatsApp Email\n"
    "Copyright 2026 Daily Aggregator News Network. All rights reserved. Privacy policy. Terms of use.\n"
)


def wrap_in_furniture(text: str) -> str:
    """``text`` inside a scraper site's menus, banners and footer."""
    return FURNITURE_TOP + text + FURNITURE_BOTTOM


def first_fraction(text: str, fraction: float) -> str:
    """The first ``fraction`` of the words of ``text``."""
    words = text.split()
    return " ".join(words[: int(len(words) * fraction)])
