"""Property tests: copies never fail on generated articles or on arbitrary text with words in it."""

from __future__ import annotations

import os
import random
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdedup.synth import CopyKind, generate_articles, make_copy, make_excerpt_html
from newsdedup.synth.textops import quotations

ARTICLES = [article.text for article in generate_articles(30, seed=2)]

_SYMBOLS = "abcdefghij XYZ .,;:!?'\"“”‘’()-%$£\n\t0123456789"
_PIECES = [*_SYMBOLS, "é", "ß", "1,000", " per cent", " the ", "\n\n"]
_TEXTS = (
    st.lists(st.sampled_from(_PIECES), min_size=1, max_size=120)
    .map("".join)
    .filter(lambda text: any(char.isalnum() for char in text))
)
_KINDS = st.sampled_from(list(CopyKind))
_SEEDS = st.integers(0, 10**6)


@settings(max_examples=60, deadline=None)
@given(
    index=st.integers(0, len(ARTICLES) - 1), kind=st.sampled_from(list(CopyKind)), seed=st.integers(0, 10**6)
)
def test_copies_of_generated_articles(index: int, kind: CopyKind, seed: int) -> None:
    text = ARTICLES[index]
    copy = make_copy(text, kind, random.Random(seed), source_url="https://a.example/x", source_publisher="A")
    assert copy.text.strip()
    assert 0 < copy.copied_fraction <= 1
    if kind is CopyKind.REWRITE:
        assert all(quote in copy.text for quote in quotations(text))


@settings(max_examples=150, deadline=None)
@given(text=_TEXTS, kind=_KINDS, seed=_SEEDS)
def test_copies_of_arbitrary_text(text: str, kind: CopyKind, seed: int) -> None:
    copy = make_copy(text, kind, random.Random(seed))
    assert copy.text.strip()
    assert 0 < copy.copied_fraction <= 1


@settings(max_examples=40, deadline=None)
@given(text=_TEXTS, seed=_SEEDS)
def test_excerpt_pages_of_arbitrary_text(text: str, seed: int) -> None:
    page = make_excerpt_html(text, random.Random(seed), source_url="https://a.example/<x>&y")
    assert page.html.startswith("<!DOCTYPE html>")
    assert "<x>" not in page.html


_DIGEST = """
import hashlib, random
from newsdedup.synth import CopyKind, generate_articles, make_copy, make_excerpt_html
digest = hashlib.sha256()
for article in generate_articles(15, seed=6):
    digest.update(repr(article).encode())
    rng = random.Random(article.url)
    for kind in CopyKind:
        digest.update(repr(make_copy(article.text, kind, rng, source_url=article.url)).encode())
    digest.update(make_excerpt_html(article.text, rng).html.encode())
print(digest.hexdigest())
"""


def test_output_does_not_depend_on_the_hash_seed() -> None:
    digests = set()
    for hash_seed in ("1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        result = subprocess.run(
            [sys.executable, "-c", _DIGEST], env=env, capture_output=True, text=True, check=True, timeout=120
        )
        digests.add(result.stdout.strip())
    assert len(digests) == 1
