"""The use cases: index articles, find the likely original of a text. Thin glue over the core and a port.

The API, the CLI and the batch jobs call these; none of them re-implements matching.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

from newsdedup.core import (
    Attribution,
    Facts,
    Fingerprint,
    Overlap,
    Relation,
    VerifyConfig,
    attribute,
    fingerprint_many,
)
from newsdedup.core.fingerprint import shingles_of
from newsdedup.core.pairs import ShingledText, verify_pair
from newsdedup.ports import ArticleIndex, NewArticle, StoredArticle


@dataclass(frozen=True, slots=True)
class ArticleInput:
    """An article to index, already validated and reduced to plain text."""

    url: str
    text: str
    title: str | None = None
    publisher: str | None = None
    published_at: datetime | None = None
    canonical_url: str | None = None


@dataclass(frozen=True, slots=True)
class MatchQuery:
    """A text whose original is wanted."""

    text: str
    url: str | None = None
    title: str | None = None
    published_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Match:
    """An indexed article that shares text with the query, and what it is to the query."""

    article: StoredArticle
    overlap: Overlap
    attribution: Attribution

    @property
    def relation(self) -> Relation:
        """Shortcut for ``attribution.relation``."""
        return self.attribution.relation


@dataclass(frozen=True, slots=True)
class MatchReport:
    """The verified matches of a query, best first, and the one judged its original."""

    likely_original: Match | None
    matches: list[Match]
    candidates_checked: int


@dataclass(frozen=True, slots=True)
class IndexOutcome:
    """What indexing one article did, with the matches it had before it was stored."""

    id: int
    url: str
    created: bool
    matches: list[Match] = field(default_factory=list)


def domain_of(url: str) -> str | None:
    """The host of ``url`` without a leading ``www.``, lower-case."""
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.") or None


def _rank(match: Match) -> tuple[bool, float, float]:
    return (match.attribution.relation is Relation.ORIGINAL, match.overlap.containment, match.overlap.jaccard)


class Detector:
    """Finds the likely original of a text among the articles of an `ArticleIndex`."""

    def __init__(
        self,
        index: ArticleIndex,
        *,
        verify: VerifyConfig | None = None,
        candidate_limit: int = 100,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.index = index
        self.verify = verify or VerifyConfig()
        self.candidate_limit = candidate_limit
        self.clock = clock

    def match(self, query: MatchQuery, *, limit: int = 10) -> MatchReport:
        """Verified matches of ``query`` against the index; stores nothing."""
        (print_,) = fingerprint_many([query.text], self.index.scheme)
        return self._match_fingerprint(query, print_, limit)

    def index_many(self, items: Sequence[ArticleInput], *, with_matches: bool = True) -> list[IndexOutcome]:
        """Store ``items`` (new urls inserted, known ones updated) and return each one's outcome.

        Matches are computed against the index as it was before this call.
        """
        prints = fingerprint_many([item.text for item in items], self.index.scheme)
        empty = [item.url for item, print_ in zip(items, prints, strict=True) if print_.is_empty]
        if empty:
            raise ValueError(f"articles with no words cannot be indexed: {', '.join(empty[:5])}")
        found: list[list[Match]] = []
        for item, print_ in zip(items, prints, strict=True):
            query = MatchQuery(text=item.text, url=item.url, title=item.title, published_at=item.published_at)
            found.append(self._match_fingerprint(query, print_, 10).matches if with_matches else [])
        stored = self.index.upsert_many(
            [
                NewArticle(
                    url=item.url,
                    text=item.text,
                    fingerprint=print_,
                    title=item.title,
                    publisher=item.publisher,
                    domain=domain_of(item.url),
                    canonical_url=item.canonical_url,
                    published_at=item.published_at,
                )
                for item, print_ in zip(items, prints, strict=True)
            ]
        )
        return [
            IndexOutcome(id=outcome.id, url=item.url, created=outcome.created, matches=matches)
            for item, outcome, matches in zip(items, stored, found, strict=True)
        ]

    def _match_fingerprint(self, query: MatchQuery, print_: Fingerprint, limit: int) -> MatchReport:
        candidates = self.index.candidates(print_, self.candidate_limit)
        articles = self.index.get_many([candidate.article_id for candidate in candidates])
        query_facts = Facts(published_at=query.published_at, first_seen_at=self.clock())
        matches: list[Match] = []
        for candidate in candidates:
            article = articles.get(candidate.article_id)
            if article is None or (query.url is not None and article.url == query.url):
                continue
            side = ShingledText(article.text_hash, shingles_of(article.text, self.index.scheme))
            verdict = verify_pair(query.text, print_, article.text, side, self.verify)
            if verdict is None:
                continue
            facts = Facts(published_at=article.published_at, first_seen_at=article.first_seen_at)
            relation = attribute(query_facts, facts, verdict.overlap, verdict.same_text)
            matches.append(Match(article, verdict.overlap, relation))
        matches.sort(key=_rank, reverse=True)
        originals = [match for match in matches if match.relation is Relation.ORIGINAL]
        return MatchReport(
            likely_original=originals[0] if originals else None,
            matches=matches[:limit],
            candidates_checked=len(candidates),
        )
