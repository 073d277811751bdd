"""Checks and bookkeeping shared by every `ArticleIndex` implementation, so they behave alike."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from newsdedup.core.scheme import SchemeError, SignatureScheme
from newsdedup.ports import Candidate, NewArticle, UpsertOutcome


def check_articles(articles: Sequence[NewArticle], scheme: SignatureScheme) -> None:
    """Refuse articles fingerprinted under another scheme or carrying a naive ``published_at``."""
    for article in articles:
        check_fingerprint_scheme(article.fingerprint.scheme_id, scheme, what=f"article {article.url!r}")
        check_published_at(article.url, article.published_at)


def check_published_at(url: str, published_at: datetime | None) -> None:
    """Refuse a naive ``published_at``: the store keeps UTC and cannot guess the timezone."""
    if published_at is not None and published_at.tzinfo is None:
        raise ValueError(
            f"article {url!r} has a naive published_at ({published_at.isoformat()}); "
            "give it a timezone, e.g. published_at.replace(tzinfo=UTC) if it is UTC"
        )


def check_fingerprint_scheme(scheme_id: str, scheme: SignatureScheme, *, what: str) -> None:
    """Raise `SchemeError` unless a fingerprint made under ``scheme_id`` fits an index under ``scheme``."""
    if scheme_id != scheme.id:
        raise SchemeError(
            f"{what} was fingerprinted under scheme {scheme_id} but the index uses {scheme.id}; "
            "fingerprint it with the index's scheme (newsdedup.core.fingerprint(text, index.scheme)), "
            "or re-index the store under the new scheme with `newsdedup reindex`"
        )


def last_wins(urls: Sequence[str]) -> dict[str, int]:
    """Each url's last position among ``urls``, in order of the url's first appearance: a url given twice
    in one batch is stored in its last version."""
    chosen: dict[str, int] = {}
    for position, url in enumerate(urls):
        chosen[url] = position
    return chosen


def sequential_outcomes(
    urls: Sequence[str], ids: Mapping[str, int], known_before: set[str]
) -> list[UpsertOutcome]:
    """One outcome per input url, as if stored one by one: a url's first new occurrence is the creation."""
    seen: set[str] = set()
    outcomes = []
    for url in urls:
        outcomes.append(UpsertOutcome(id=ids[url], created=url not in known_before and url not in seen))
        seen.add(url)
    return outcomes


def rank_candidates(hits: Mapping[int, int], same_text: set[int], limit: int) -> list[Candidate]:
    """Order as the SQL store does: most band hits, then exact text, then lowest id; keep ``limit``."""
    ids = set(hits) | same_text
    ordered = sorted(
        ids, key=lambda article_id: (-hits.get(article_id, 0), article_id not in same_text, article_id)
    )
    return [
        Candidate(article_id=article_id, band_hits=hits.get(article_id, 0), same_text=article_id in same_text)
        for article_id in ordered[: max(limit, 0)]
    ]
