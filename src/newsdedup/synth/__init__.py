"""Seeded synthetic news and scraper-style copies, for tests and benchmarks.

`generate_articles` streams invented articles; `make_copy` turns any English article into one kind of
republished copy (the kinds and their parameters are described in `newsdedup.synth.copies`).
"""

from newsdedup.synth.articles import SyntheticArticle, generate_articles
from newsdedup.synth.copies import CopyKind, CopyResult, ExcerptPage, make_copy, make_excerpt_html
from newsdedup.synth.parameters import DEFAULT_PARAMETERS, CopyParameters

__all__ = [
    "DEFAULT_PARAMETERS",
    "CopyKind",
    "CopyParameters",
    "CopyResult",
    "ExcerptPage",
    "SyntheticArticle",
    "generate_articles",
    "make_copy",
    "make_excerpt_html",
]
