"""A generated crawl with known copies: originals from `newsdedup.synth`, copies of every kind, chains.

Each copy takes a source that is a recent original or, with probability ``chain``, a recent copy (a copy
of a copy), is made by `newsdedup.synth.copies.make_copy` of a kind drawn from ``KIND_WEIGHTS``, and is put on
a copier site some minutes to days after its source. Some copies carry no publication time, only a crawl
time. The truth is each article's root original. The same arguments give the same crawl.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import combinations
from pathlib import Path

from newsdedup.synth.articles import generate_articles
from newsdedup.synth.copies import CopyKind, make_copy

KIND_WEIGHTS: dict[str, float] = {
    CopyKind.VERBATIM: 0.25,
    CopyKind.NEAR_VERBATIM: 0.2,
    CopyKind.EXCERPT: 0.15,
    CopyKind.TRUNCATED: 0.15,
    CopyKind.SPUN: 0.1,
    CopyKind.ROUNDTRIP: 0.1,
    CopyKind.REWRITE: 0.05,
}
COPIERS = tuple(
    f"{name}.example"
    for name in (
        "newsmirror", "dailyscrape", "feedfarm", "contentmill", "aggregated", "reposter", "clipdesk",
        "wirecopy", "snippets", "newsfeedhub",
    )
)  # fmt: skip


_RECENT = 1000
"""Copies are made of one of the last this many originals (or copies, for a chain)."""


@dataclass(frozen=True, slots=True)
class CrawlArticle:
    """One article of the crawl and the truth about it."""

    fields: dict[str, str]
    """The record as written: url, text, title, publisher, published_at and/or crawled_at."""
    root: str
    """Url of the original that its cluster grows from (itself for an original)."""
    kind: str
    """``original`` or the copy kind."""
    parent: str
    """Url of the article it was copied from (itself for an original): a copy when it is a chain."""


def generate_crawl(articles: int, copies: float, seed: int, *, chain: float = 0.2) -> Iterator[CrawlArticle]:
    """``articles`` articles of which a share ``copies`` are copies, interleaved by time."""
    rng = random.Random(seed)
    copy_count = round(articles * copies)
    originals = articles - copy_count
    kinds = list(KIND_WEIGHTS)
    weights = list(KIND_WEIGHTS.values())
    recent: list[CrawlArticle] = []
    recent_copies: list[CrawlArticle] = []
    copies_left = copy_count
    for index, article in enumerate(generate_articles(originals, seed)):
        stamp = article.published_at
        record = CrawlArticle(
            fields={
                "url": article.url,
                "title": article.title,
                "text": article.text,
                "publisher": article.publisher,
                "published_at": stamp.isoformat(),
                "crawled_at": (stamp + timedelta(minutes=rng.randint(1, 600))).isoformat(),
            },
            root=article.url,
            kind="original",
            parent=article.url,
        )
        recent.append(record)
        yield record
        due = round(copy_count * (index + 1) / max(originals, 1)) - (copy_count - copies_left)
        for _ in range(due):
            copies_left -= 1
            chained = bool(recent_copies) and rng.random() < chain
            source = rng.choice(recent_copies if chained else recent)
            made = _copy(source, rng, rng.choices(kinds, weights)[0], copy_count - copies_left)
            recent_copies.append(made)
            yield made
        del recent[:-_RECENT], recent_copies[:-_RECENT]


def _copy(source: CrawlArticle, rng: random.Random, kind: str, number: int) -> CrawlArticle:
    result = make_copy(source.fields["text"], kind, rng, source_url=source.fields["url"])
    published = source.fields.get("published_at") or source.fields["crawled_at"]
    moment = datetime.fromisoformat(published) + timedelta(minutes=rng.randint(5, 4 * 24 * 60))
    fields = {
        "url": f"https://{rng.choice(COPIERS)}/story/{number}",
        "text": result.text,
        "crawled_at": (moment + timedelta(minutes=rng.randint(1, 600))).isoformat(),
    }
    if rng.random() < 0.8:
        fields["published_at"] = moment.isoformat()
    return CrawlArticle(fields=fields, root=source.root, kind=str(kind), parent=source.fields["url"])


def write_crawl(path: Path, crawl: Iterator[CrawlArticle]) -> dict[str, str]:
    """Write the records as JSONL; returns the truth (url -> root url)."""
    truth: dict[str, str] = {}
    with path.open("w", encoding="utf-8") as handle:
        for item in crawl:
            handle.write(json.dumps(item.fields, ensure_ascii=False) + "\n")
            truth[item.fields["url"]] = item.root
    return truth


def pairwise_scores(truth: dict[str, str], found: dict[str, str]) -> tuple[float, float, float]:
    """Pairwise precision, recall and F1 of ``found`` clusters (url -> cluster id) against ``truth``."""
    true_pairs = _pairs(truth)
    found_pairs = _pairs(found)
    shared = len(true_pairs & found_pairs)
    precision = shared / len(found_pairs) if found_pairs else 1.0
    recall = shared / len(true_pairs) if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _pairs(labels: dict[str, str]) -> set[tuple[str, str]]:
    groups: dict[str, list[str]] = {}
    for url, label in labels.items():
        groups.setdefault(label, []).append(url)
    return {pair for members in groups.values() for pair in combinations(sorted(members), 2)}
