"""Bodies of the audit endpoints: compare, copies of an article, publishers and their reports."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from newsdedup.api.schemas import ArticleRef, MatchOut
from newsdedup.detector import Match
from newsdedup.ports import PublisherInfo, StoredArticle
from newsdedup.store.audit import CopyRow, Report, SiteSummary


def _original_ref(row: CopyRow) -> ArticleRef:
    return ArticleRef(
        id=row.original_id, url=row.original_url, title=row.original_title, publisher=None, published_at=None
    )


def _copy_ref(row: CopyRow) -> ArticleRef:
    return ArticleRef(
        id=row.copy_id,
        url=row.copy_url,
        title=row.copy_title,
        publisher=row.copy_publisher,
        published_at=None,
    )


class CompareResponse(MatchOut):
    """Article ``b`` measured against article ``a`` as the query; passages index a's and b's stored texts."""

    query: ArticleRef

    @classmethod
    def of_pair(cls, query: StoredArticle, match: Match) -> CompareResponse:
        """From the two articles' comparison."""
        return cls(**MatchOut.of(match).model_dump(), query=ArticleRef.of(query))


class CopyShare(BaseModel):
    """Share of the original found in the copy, and of the copy taken from the original, 0-1."""

    original: float
    copy_: float = Field(alias="copy", serialization_alias="copy")

    model_config = ConfigDict(populate_by_name=True)


class CopyOut(BaseModel):
    """One republication of an article."""

    article: ArticleRef
    domain: str
    seen_at: datetime = Field(description="The copy's publication time, else when it was first seen.")
    relation: str = Field(
        description="copy, or duplicate (the same text with no way to tell which is first)."
    )
    confidence: float
    similarity: float
    reused_fraction: CopyShare

    @classmethod
    def of(cls, row: CopyRow) -> CopyOut:
        """From an audit row."""
        return cls(
            article=_copy_ref(row),
            domain=row.copy_domain,
            seen_at=row.seen_at,
            relation=row.relation,
            confidence=row.confidence,
            similarity=row.similarity,
            reused_fraction=CopyShare(original=row.reused_original, copy_=row.reused_copy),
        )


class CopiesResponse(BaseModel):
    """Who republished an article, earliest first."""

    article: ArticleRef
    copies: list[CopyOut]


class PublisherIn(BaseModel):
    """A publisher to register, or to update (domains are added; the flag is set when given)."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    domains: list[str] = Field(default_factory=list, max_length=200, description="e.g. paper.example")
    original_source: bool | None = Field(default=None, description="A known original source (news agency).")


class PublisherOut(BaseModel):
    """A publisher: registered, or inferred from the urls of its articles."""

    name: str
    domains: list[str]
    original_source: bool
    registered: bool

    @classmethod
    def of(cls, publisher: PublisherInfo, registered: bool = True) -> PublisherOut:
        """From the registry (or an inferred publisher)."""
        return cls(
            name=publisher.name,
            domains=list(publisher.domains),
            original_source=publisher.original_source,
            registered=registered,
        )


class ExampleOut(BaseModel):
    """One of a site's copies that reused the most."""

    original: ArticleRef
    copy_: ArticleRef = Field(alias="copy", serialization_alias="copy")
    seen_at: datetime
    reused_fraction: float = Field(description="Share of the original found in the copy.")

    model_config = ConfigDict(populate_by_name=True)

    @classmethod
    def of(cls, row: CopyRow) -> ExampleOut:
        """From an audit row."""
        return cls(
            original=_original_ref(row),
            copy_=_copy_ref(row),
            seen_at=row.seen_at,
            reused_fraction=row.reused_original,
        )


class SiteOut(BaseModel):
    """What one copying site took from the publisher."""

    domain: str
    articles: int = Field(description="Distinct articles of the publisher it republished.")
    copies: int
    median_reused_fraction: float = Field(description="Median share of the original reused, 0-1.")
    first_seen: datetime
    last_seen: datetime
    worst_examples: list[ExampleOut]

    @classmethod
    def of(cls, site: SiteSummary) -> SiteOut:
        """From the report's summary of a site."""
        return cls(
            domain=site.domain,
            articles=site.articles,
            copies=site.copies,
            median_reused_fraction=site.median_reused,
            first_seen=site.first_seen,
            last_seen=site.last_seen,
            worst_examples=[ExampleOut.of(row) for row in site.worst],
        )


class TimelinePoint(BaseModel):
    """Copies first seen in one period."""

    start: datetime
    copies: int


class ReportOut(BaseModel):
    """Which sites republish a publisher's articles, how often and how much."""

    publisher: PublisherOut
    since: datetime | None
    until: datetime | None
    articles_copied: int
    copies: int
    sites: list[SiteOut]
    period: str = Field(description="The timeline's period: day, week or month.")
    timeline: list[TimelinePoint]

    @classmethod
    def of(cls, report: Report, registered: bool) -> ReportOut:
        """From the audit report."""
        return cls(
            publisher=PublisherOut.of(report.publisher, registered),
            since=report.since,
            until=report.until,
            articles_copied=report.articles_copied,
            copies=report.copies,
            sites=[SiteOut.of(site) for site in report.sites],
            period=report.period,
            timeline=[TimelinePoint(start=start, copies=count) for start, count in report.timeline],
        )
