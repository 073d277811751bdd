"""Checks and bookkeeping shared by every `ArticleIndex` implementation, so they behave alike."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from newsdedup.core.scheme import SchemeError, SignatureScheme
from newsdedup.ports import Candidate, NewArticle, UpsertOutcome


def check_articles(articles: Sequence[NewArticle], scheme: SignatureScheme) -> None:
    """Refuse articles fingerprinted under another scheme or carrying a naive ``published_at``."""
    for article in articles:
        check_fingerprint_scheme(article.fingerprint.scheme_id, scheme, what=f"article {article.url!r}")
        if article.published_at is not None and article.published_at.tzinfo is None:
            raise ValueError(
                f"article {article.url!r} has a naive published_at ({article.published_at.isoformat()}); "
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


def last_wins(articles: Sequence[NewArticle]) -> dict[str, NewArticle]:
    """One article per url, the last one given, in order of each url's first appearance."""
    chosen: dict[str, NewArticle] = {}
    for article in articles:
        chosen[article.url] = article
    return chosen


def sequential_outcomes(
    articles: Sequence[NewArticle], ids: Mapping[str, int], known_before: set[str]
) -> list[UpsertOutcome]:
    """One outcome per input, as if stored one by one: a url's first new occurrence is the creation."""
    seen: set[str] = set()
    outcomes = []
    for article in articles:
        created = article.url not in known_before and article.url not in seen
        seen.add(article.url)
        outcomes.append(UpsertOutcome(id=ids[article.url], created=created))
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
