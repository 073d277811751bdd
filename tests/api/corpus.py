"""A small corpus the tests generate themselves: random news-like words, no third-party text."""

from __future__ import annotations

import random

_SYLLABLES = [
    "ka",
    "lo",
    "mer",
    "dan",
    "si",
    "tro",
    "vel",
    "un",
    "pa",
    "ris",
    "gon",
    "te",
    "bal",
    "mi",
    "or",
    "sen",
]
_FUNCTION = ["the", "of", "and", "to", "in", "a", "said", "on", "for", "that", "with", "was", "by", "at"]


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def make_texts(count: int, seed: int, words_per_text: int = 300) -> list[str]:
    """``count`` unrelated texts of about ``words_per_text`` words, in sentences and paragraphs."""
    rng = random.Random(seed)
    vocabulary = _vocabulary(rng, 5000)
    texts = []
    for _ in range(count):
        sentences = []
        for _ in range(words_per_text // 15):
            words = [
                rng.choice(vocabulary) if rng.random() < 0.7 else rng.choice(_FUNCTION) for _ in range(15)
            ]
            sentences.append(" ".join(words).capitalize() + ".")
        paragraphs = [" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4)]
        texts.append("\n\n".join(paragraphs))
    return texts


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
