"""The facts attribution weighs, gathered from the query, the stored articles and the publisher registry.

`FactFinder` turns a query or a stored article into `core.attribute.Facts`: its times, urls, the sources
its text cites, its size and furniture, and what the registry says of its publisher (name, domains,
known original source). Registry lookups are made once per batch of articles.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from courlan import extract_domain

from newsdedup.core.attribute import Facts
from newsdedup.core.citations import Citations, cited_sources, domain_of, name_key
from newsdedup.ports import Provenance, PublisherInfo, RecordedMatch, StoredArticle

__all__ = ["FactFinder", "NoProvenance", "QueryFacts", "site_name", "url_variants"]

STORED_CITATIONS_CACHE = 2048
"""Stored texts whose citations are remembered: an original that many scrapers copy is a candidate of
every copy's query."""
_stored_citations = lru_cache(maxsize=STORED_CITATIONS_CACHE)(cited_sources)


class NoProvenance:
    """A `Provenance` that knows nothing and records nothing (an index without a registry)."""

    def publishers(self, domains: Sequence[str], names: Sequence[str]) -> list[PublisherInfo]:
        """No publisher is registered."""
        return []

    def articles_at(self, urls: Sequence[str]) -> list[int]:
        """No article is found by url."""
        return []

    def originals_of(self, article_ids: Sequence[int]) -> dict[int, int]:
        """No copy is recorded."""
        return {}

    def record(self, records: Sequence[RecordedMatch], replacing: Sequence[int]) -> None:
        """Keep nothing."""


@dataclass(frozen=True, slots=True)
class QueryFacts:
    """What the query side says about itself before attribution."""

    text: str
    first_seen_at: datetime
    url: str | None = None
    published_at: datetime | None = None
    date_from_page: bool = False
    canonical_url: str | None = None
    publisher: str | None = None


@lru_cache(maxsize=8192)
def site_name(domain: str | None) -> str | None:
    """The name a site goes by: ``reuters`` for ``www.reuters.com``, ``bbc`` for ``news.bbc.co.uk`` (cached:
    the public suffix lookup costs ~0.1 ms)."""
    if not domain:
        return None
    registered = extract_domain(f"https://{domain}") or domain
    labels = registered.split(".")
    return labels[0] if len(labels) > 1 else None


def url_variants(key: str) -> list[str]:
    """Urls a stored article may have for a `citations.url_key`: http(s), with or without www and slash."""
    path_start = key.find("/")
    host, rest = (key, "") if path_start < 0 else (key[:path_start], key[path_start:])
    variants = []
    for scheme in ("https", "http"):
        for prefix in ("", "www."):
            base = f"{scheme}://{prefix}{host}{rest}"
            variants += [base, base + "/"] if "?" not in rest else [base]
    return variants


class FactFinder:
    """Builds `Facts` for queries and stored articles; one registry lookup per `prepare` call."""

    def __init__(self, provenance: Provenance) -> None:
        self._provenance = provenance
        self._by_domain: dict[str, PublisherInfo] = {}
        self._by_name: dict[str, PublisherInfo] = {}
        self._asked: set[str] = set()

    def prepare(self, urls: Iterable[str | None], publishers: Iterable[str | None] = ()) -> None:
        """Look up the registry entries of these urls' domains and these publisher names in one query."""
        domains = {domain for domain in map(domain_of, urls) if domain and f"d:{domain}" not in self._asked}
        names = {name for name in publishers if name and f"n:{name.casefold()}" not in self._asked}
        if not domains and not names:
            return
        self._asked |= {f"d:{domain}" for domain in domains} | {f"n:{name.casefold()}" for name in names}
        for publisher in self._provenance.publishers(sorted(domains), sorted(names)):
            self._by_name[name_key(publisher.name)] = publisher
            for domain in publisher.domains:
                self._by_domain[domain] = publisher

    def registered(self, url: str | None, publisher: str | None) -> PublisherInfo | None:
        """The registry entry of a url's domain (else of a publisher name), if `prepare` found one."""
        domain = domain_of(url)
        if domain is not None and domain in self._by_domain:
            return self._by_domain[domain]
        return self._by_name.get(name_key(publisher)) if publisher else None

    def _facts(self, side: QueryFacts | StoredArticle, cites: Citations | None) -> Facts:
        text, url, publisher = side.text, side.url, side.publisher
        registered = self.registered(url, publisher)
        domain = domain_of(url)
        names = {name_key(name) for name in (publisher, registered and registered.name) if name}
        label = site_name(domain)
        if label:
            names.add(label)
        domains = {domain} if domain else set()
        if registered is not None:
            domains |= set(registered.domains)
        return Facts(
            url=url,
            publisher=(registered.name if registered else None) or publisher or domain,
            names=frozenset(name for name in names if name),
            domains=frozenset(domains),
            original_source=bool(registered and registered.original_source),
            cites=cites if cites is not None else cited_sources(text),
            text=text,
            published_at=side.published_at,
            first_seen_at=side.first_seen_at,
            date_from_page=isinstance(side, QueryFacts) and side.date_from_page,
            canonical_url=side.canonical_url,
        )

    def for_query(self, query: QueryFacts, cites: Citations | None = None) -> Facts:
        """The query's facts."""
        return self._facts(query, cites)

    def for_article(self, article: StoredArticle) -> Facts:
        """A stored article's facts."""
        return self._facts(article, _stored_citations(article.text))
