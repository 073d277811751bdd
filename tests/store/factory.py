"""Synthetic articles for store tests: seeded random words, never real news text."""

from __future__ import annotations

import random
from datetime import datetime

from newsdedup.core import SignatureScheme, fingerprint, fingerprint_many
from newsdedup.ports import NewArticle

_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def vocabulary(size: int = 3000, seed: int = 7) -> list[str]:
    """Made-up words of 3 to 9 letters."""
    rng = random.Random(seed)
    return ["".join(rng.choices(_LETTERS, k=rng.randint(3, 9))) for _ in range(size)]


_VOCABULARY = vocabulary()


def random_text(seed: int, words: int = 200) -> str:
    """``words`` random words drawn with a seeded generator."""
    rng = random.Random(seed)
    return " ".join(rng.choices(_VOCABULARY, k=words))


def near_copy(text: str, seed: int, share: float = 0.9) -> str:
    """``text`` with its last ``1 - share`` of words replaced by other random words."""
    words = text.split()
    keep = int(len(words) * share)
    return " ".join(words[:keep] + random_text(seed, len(words) - keep).split())


def article(
    url: str,
    text: str,
    scheme: SignatureScheme,
    *,
    title: str | None = None,
    published_at: datetime | None = None,
    domain: str | None = None,
) -> NewArticle:
    """A `NewArticle` fingerprinted under ``scheme``."""
    return NewArticle(
        url=url,
        text=text,
        fingerprint=fingerprint(text, scheme),
        title=title,
        published_at=published_at,
        domain=domain,
    )


def articles(texts: dict[str, str], scheme: SignatureScheme) -> list[NewArticle]:
    """Articles for ``{url: text}``, fingerprinted together."""
    prints = fingerprint_many(list(texts.values()), scheme)
    return [
        NewArticle(url=url, text=text, fingerprint=print_)
        for (url, text), print_ in zip(texts.items(), prints, strict=True)
    ]
