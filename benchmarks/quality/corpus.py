"""The benchmark's corpus and queries: real articles read from the shared data folder, copies generated.

Nothing here is written anywhere: the texts stay in memory for the run.
"""

from __future__ import annotations

import json
import random
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from newsdedup.core import default_scheme, normalize, text_hash
from newsdedup.core.fingerprint import shingles_of
from newsdedup.synth.copies import CopyKind, make_copy

KINDS = tuple(kind.value for kind in CopyKind)
BASIL_OUTLETS = ("nyt", "fox", "hpo")


@dataclass(frozen=True, slots=True)
class Article:
    """One real article as the benchmark indexes or queries it."""

    id: str
    url: str
    text: str
    publisher: str
    published_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Query:
    """One query: its text and facts, what it should find, and which group of the report it counts in."""

    group: str
    """A copy kind, or ``basil``, ``lee``, ``templated``, ``templated_same_facts``, ``refiling``."""
    text: str
    url: str
    published_at: datetime | None
    expected: frozenset[str]
    """Urls accepted as the original (copies, re-filings: the source, or an earlier identical text);
    empty for hard negatives."""
    forbidden: frozenset[str] = frozenset()
    """Urls that must not be reported as related (hard negatives)."""
    copied_fraction: float = 1.0


def _rows(data: Path, name: str) -> Iterator[dict[str, str]]:
    with (data / name).open(encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)


def _reuters_time(value: str) -> datetime | None:
    try:
        return datetime.strptime(value.split(".", maxsplit=1)[0].strip(), "%d-%b-%Y %H:%M:%S").replace(
            tzinfo=UTC
        )
    except ValueError:
        return None


def _basil_time(value: str) -> datetime | None:
    try:
        return datetime.strptime(value, "%Y-%m-%d").replace(tzinfo=UTC)
    except ValueError:
        return None


def _has_words(text: str) -> bool:
    return bool(normalize(text))


@dataclass(frozen=True, slots=True)
class Corpus:
    """The indexed articles, the BASIL articles held out as queries, and the Lee articles."""

    indexed: list[Article]
    basil_held_out: list[Article]
    by_id: dict[str, Article]


def load_corpus(data: Path) -> Corpus:
    """BBC, Reuters, one BASIL outlet per event (rotating), Lee 50 and background 300."""
    indexed: list[Article] = []
    by_id: dict[str, Article] = {}
    for row in _rows(data, "bbc_fulltext.jsonl"):
        by_id[row["id"]] = Article(
            row["id"], f"https://www.bbc.co.uk/news/{row['id']}", row["text"], "BBC News"
        )
    for row in _rows(data, "reuters21578.jsonl"):
        if _has_words(row["text"]):
            url = f"https://www.reuters.com/article/{row['id']}"
            by_id[row["id"]] = Article(row["id"], url, row["text"], "Reuters", _reuters_time(row["date"]))
    for name in ("lee_50.jsonl", "lee_background_300.jsonl"):
        for row in _rows(data, name):
            url = f"https://www.abc.net.au/news/{row['id']}"
            by_id[row["id"]] = Article(row["id"], url, row["text"], "ABC")
    indexed.extend(by_id.values())
    events: dict[str, list[dict[str, str]]] = {}
    for row in _rows(data, "basil_articles.jsonl"):
        events.setdefault(row["event_id"], []).append(row)
    held_out: list[Article] = []
    for number, event in enumerate(sorted(events)):
        keep = BASIL_OUTLETS[number % len(BASIL_OUTLETS)]
        for row in events[event]:
            article = Article(row["id"], row["url"], row["text"], row["publisher"], _basil_time(row["date"]))
            by_id[row["id"]] = article
            (indexed if row["publisher_code"] == keep else held_out).append(article)
    return Corpus(indexed, held_out, by_id)


def _identical_texts(corpus: Corpus) -> dict[int, list[Article]]:
    """Reuters articles by normalized-text hash: a re-filing's source may have identical earlier twins."""
    found: dict[int, list[Article]] = {}
    for article in corpus.by_id.values():
        if article.publisher == "Reuters":
            found.setdefault(text_hash(normalize(article.text)), []).append(article)
    return found


def _seed(*parts: object) -> int:
    return zlib.crc32("|".join(str(part) for part in parts).encode())


def _contained_elsewhere(articles: list[Article], share: float = 0.5) -> set[str]:
    """Ids of articles at least ``share`` of whose word 3-grams are in one other article of the list."""
    scheme = default_scheme()
    shingles = [set(shingles_of(article.text, scheme).tolist()) for article in articles]
    holders: dict[int, list[int]] = defaultdict(list)
    for number, found in enumerate(shingles):
        for shingle in found:
            holders[shingle].append(number)
    contained = set()
    for number, found in enumerate(shingles):
        shared: Counter[int] = Counter()
        for shingle in found:
            if len(holders[shingle]) < 50:
                shared.update(holders[shingle])
        if any(other != number and count >= share * len(found) for other, count in shared.items()):
            contained.add(articles[number].id)
    return contained


def copy_queries(data: Path, corpus: Corpus, per_kind: int, seed: int) -> list[Query]:
    """``per_kind`` copies of each kind, of BBC articles sampled with ``seed``.

    Articles with a near-duplicate inside the BBC set are not sampled: those listed in
    ``bbc_internal_dup_candidates.jsonl`` and those half of whose word 3-grams another BBC article holds
    (the BBC re-published stories with edits: which version is the original is unknowable without dates).
    """
    bbc = [article for key, article in corpus.by_id.items() if key.startswith("bbc-")]
    ambiguous = _contained_elsewhere(bbc) | {
        row[key]
        for row in _rows(data, "bbc_internal_dup_candidates.jsonl")
        for key in ("source_id", "derived_id")
    }
    pool = sorted(key for key in corpus.by_id if key.startswith("bbc-") and key not in ambiguous)
    chosen = random.Random(seed).sample(pool, min(per_kind, len(pool)))
    queries = []
    for kind in KINDS:
        for number, key in enumerate(chosen):
            original = corpus.by_id[key]
            rng = random.Random(_seed(seed, kind, key))
            copy = make_copy(
                original.text, kind, rng, source_url=original.url, source_publisher=original.publisher
            )
            url = f"https://copies.example/{kind}/{number}"
            expected = frozenset({original.url})
            queries.append(Query(kind, copy.text, url, None, expected, copied_fraction=copy.copied_fraction))
    return queries


def negative_queries(data: Path, corpus: Corpus, labels: Path) -> list[Query]:
    """BASIL held-out outlets, every Lee 50 article, labelled Reuters templated look-alikes and re-filings."""
    queries = []
    events: dict[str, set[str]] = {}
    for row in _rows(data, "basil_articles.jsonl"):
        events.setdefault(row["event_id"], set()).add(corpus.by_id[row["id"]].url)
    event_of = {corpus.by_id[row["id"]].url: row["event_id"] for row in _rows(data, "basil_articles.jsonl")}
    for article in corpus.basil_held_out:
        others = frozenset(events[event_of[article.url]] - {article.url})
        queries.append(Query("basil", article.text, article.url, article.published_at, frozenset(), others))
    lee_partners: dict[str, set[str]] = {}
    for row in _rows(data, "lee_human_similarity_pairs.jsonl"):
        a, b = corpus.by_id[row["source_id"]].url, corpus.by_id[row["derived_id"]].url
        lee_partners.setdefault(a, set()).add(b)
        lee_partners.setdefault(b, set()).add(a)
    for row in _rows(data, "lee_50.jsonl"):
        article = corpus.by_id[row["id"]]
        partners = frozenset(lee_partners[article.url])
        queries.append(Query("lee", article.text, article.url, None, frozenset(), partners))
    same_text = _identical_texts(corpus)
    for row in _rows(labels.parent, labels.name):
        source, derived = corpus.by_id.get(row["source_id"]), corpus.by_id.get(row["derived_id"])
        if source is None or derived is None or row["label"] == "unsure":
            continue
        if row["label"] == "refiling":
            accepted = frozenset(
                article.url
                for article in same_text[text_hash(normalize(source.text))]
                if article.published_at is not None
                and source.published_at is not None
                and article.published_at <= source.published_at
            ) | {source.url}
            queries.append(Query("refiling", derived.text, derived.url, derived.published_at, accepted))
        else:
            forbidden = frozenset({source.url})
            queries.append(
                Query(row["label"], derived.text, derived.url, derived.published_at, frozenset(), forbidden)
            )
    return queries
