"""Seeded synthetic news and scraper-style copies, for tests and benchmarks.

`generate_articles` streams invented articles; `make_copy` turns any English article into one kind of
republished copy (see `newsdedup.synth.copies` for the kinds and their parameters).
"""

from newsdedup.synth.articles import SyntheticArticle, generate_articles

__all__ = ["SyntheticArticle", "generate_articles"]
