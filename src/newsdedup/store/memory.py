"""`ArticleIndex` in memory: dicts of band -> key -> ids, for tests and batch jobs."""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime

import numpy as np

from newsdedup.core.fingerprint import Fingerprint
from newsdedup.core.pairs import ShingledText
from newsdedup.core.scheme import SignatureScheme
from newsdedup.ports import BUCKET_READ_LIMIT, Candidate, IndexStats, NewArticle, StoredArticle, UpsertOutcome
from newsdedup.store.batch import (
    check_articles,
    check_fingerprint_scheme,
    last_wins,
    rank_candidates,
    sequential_outcomes,
)


def _utc_now() -> datetime:
    return datetime.now(UTC)


class MemoryArticleIndex:
    """Articles, signatures and band keys in dicts; same behaviour as `SqlArticleIndex`, no transactions."""

    def __init__(self, scheme: SignatureScheme, *, clock: Callable[[], datetime] = _utc_now) -> None:
        self._scheme = scheme
        self._clock = clock
        self._articles: dict[int, StoredArticle] = {}
        self._by_url: dict[str, int] = {}
        self._band_keys: dict[int, np.ndarray] = {}
        self._signatures: dict[int, np.ndarray] = {}
        self._shingles: dict[int, ShingledText] = {}
        self._bands: list[defaultdict[int, set[int]]] = [defaultdict(set) for _ in range(scheme.bands)]
        self._by_text_hash: defaultdict[int, set[int]] = defaultdict(set)
        self._next_id = 1
        self._scheme_recorded = False

    @property
    def scheme(self) -> SignatureScheme:
        """The scheme every stored signature was made under."""
        return self._scheme

    def upsert_many(self, articles: Sequence[NewArticle]) -> list[UpsertOutcome]:
        """Insert new urls and replace known ones; a url given twice keeps its last version."""
        check_articles(articles, self._scheme)
        for article in articles:
            if not article.url:
                raise ValueError("an article needs a non-empty url")
        if articles:
            self._scheme_recorded = True
        known_before = {article.url for article in articles if article.url in self._by_url}
        now = self._clock()
        urls = [article.url for article in articles]
        for position in last_wins(urls).values():
            self._store(articles[position], now)
        return sequential_outcomes(urls, self._by_url, known_before)

    def _store(self, article: NewArticle, now: datetime) -> None:
        existing_id = self._by_url.get(article.url)
        if existing_id is None:
            article_id, first_seen_at = self._next_id, now
            self._next_id += 1
        else:
            first_seen_at = self._articles[existing_id].first_seen_at
            article_id = existing_id
            self._unlink(article_id)
        fingerprint = article.fingerprint
        self._articles[article_id] = StoredArticle(
            id=article_id,
            url=article.url,
            text=article.text,
            text_hash=fingerprint.text_hash,
            first_seen_at=first_seen_at,
            title=article.title,
            publisher=article.publisher,
            domain=article.domain,
            canonical_url=article.canonical_url,
            published_at=article.published_at,
        )
        self._by_url[article.url] = article_id
        self._signatures[article_id] = fingerprint.signature.copy()
        self._shingles[article_id] = ShingledText(fingerprint.text_hash, fingerprint.compact_shingles())
        self._band_keys[article_id] = fingerprint.band_keys.copy()
        for band, key in enumerate(fingerprint.band_keys.tolist()):
            self._bands[band][key].add(article_id)
        self._by_text_hash[fingerprint.text_hash].add(article_id)

    def _unlink(self, article_id: int) -> None:
        for band, key in enumerate(self._band_keys.pop(article_id).tolist()):
            members = self._bands[band][key]
            members.discard(article_id)
            if not members:
                del self._bands[band][key]
        self._signatures.pop(article_id, None)
        self._shingles.pop(article_id, None)
        text_hash = self._articles[article_id].text_hash
        self._by_text_hash[text_hash].discard(article_id)
        if not self._by_text_hash[text_hash]:
            del self._by_text_hash[text_hash]

    def candidates(self, fingerprint: Fingerprint, limit: int) -> list[Candidate]:
        """Articles sharing a band key or the exact normalized text, most shared bands first."""
        check_fingerprint_scheme(fingerprint.scheme_id, self._scheme, what="the query")
        found: list[int] = []
        for table, key in zip(self._bands, fingerprint.band_keys.tolist(), strict=True):
            members = table.get(key)
            if members and len(members) > BUCKET_READ_LIMIT:
                found.extend(heapq.nsmallest(BUCKET_READ_LIMIT, members))
            elif members:
                found.extend(members)
        hits = Counter(found)
        ranked = rank_candidates(hits, set(self._by_text_hash.get(fingerprint.text_hash, ())), limit)
        return [replace(candidate, side=self._shingles.get(candidate.article_id)) for candidate in ranked]

    def shingles_many(self, article_ids: Sequence[int]) -> dict[int, ShingledText]:
        """Text hash and compact shingles of several articles; missing ids are absent."""
        return {i: self._shingles[i] for i in article_ids if i in self._shingles}

    def get(self, article_id: int) -> StoredArticle | None:
        """One article by id."""
        return self._articles.get(article_id)

    def get_many(self, article_ids: Sequence[int]) -> dict[int, StoredArticle]:
        """Several articles by id; missing ids are absent from the result."""
        return {i: self._articles[i] for i in article_ids if i in self._articles}

    def get_by_url(self, url: str) -> StoredArticle | None:
        """One article by its exact url."""
        article_id = self._by_url.get(url)
        return None if article_id is None else self._articles[article_id]

    def signature(self, article_id: int) -> np.ndarray | None:
        """The stored signature of an article, or None."""
        return self._signatures.get(article_id)

    def delete(self, article_id: int) -> bool:
        """Remove an article with its signature and band keys; False when there was none."""
        article = self._articles.get(article_id)
        if article is None:
            return False
        self._unlink(article_id)
        del self._articles[article_id]
        del self._by_url[article.url]
        return True

    def iter_articles(self, batch_size: int = 1000) -> Iterator[StoredArticle]:
        """Every article in id order (``batch_size`` is accepted for parity with the SQL store)."""
        del batch_size
        for article_id in sorted(self._articles):
            yield self._articles[article_id]

    def stats(self) -> IndexStats:
        """Counts of what is stored."""
        band_rows = sum(len(ids) for table in self._bands for ids in table.values())
        return IndexStats(
            articles=len(self._articles),
            band_rows=band_rows,
            scheme_id=self._scheme.id if self._scheme_recorded else None,
        )
