"""The publisher's audit: who republished an article, and per copying site, how often and how much.

Read from the ``matches`` table (filled when articles are indexed) joined to the articles on both sides.
The grouping is plain Python over the rows (`summarize`), the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Row, Select, func, or_, select
from sqlalchemy.orm import Session, aliased

from newsdedup.ports import PublisherInfo
from newsdedup.store.models import Article, MatchRecord

UNKNOWN_DOMAIN = "(no domain)"
MAX_REPORT_ROWS = 200_000
"""Most copies read for one report."""


@dataclass(frozen=True, slots=True)
class CopyRow:
    """One copy of an original article, as the audit shows it."""

    original_id: int
    original_url: str
    original_title: str | None
    copy_id: int
    copy_url: str
    copy_title: str | None
    copy_publisher: str | None
    copy_domain: str
    seen_at: datetime
    """When the copy appeared: its publication time, else when it was first seen."""
    relation: str
    confidence: float
    similarity: float
    reused_original: float
    reused_copy: float


@dataclass(frozen=True, slots=True)
class SiteSummary:
    """What one copying site took from a publisher."""

    domain: str
    articles: int
    """Distinct articles of the publisher it republished."""
    copies: int
    median_reused: float
    """Median share of the original reused, over its copies."""
    first_seen: datetime
    last_seen: datetime
    worst: tuple[CopyRow, ...]
    """Its copies that reused the most."""


@dataclass(frozen=True, slots=True)
class Report:
    """The audit of one publisher over a time window."""

    publisher: PublisherInfo
    since: datetime | None
    until: datetime | None
    articles_copied: int
    copies: int
    sites: tuple[SiteSummary, ...]
    timeline: tuple[tuple[datetime, int], ...]
    """Copies per period (day, week or month by the span), oldest first."""
    period: str


_ORIGINAL = aliased(Article, name="original")
_COPY = aliased(Article, name="copy")


def _statement() -> Select[*tuple[Any, ...]]:
    return (
        select(
            MatchRecord.original_id,
            _ORIGINAL.url.label("original_url"),
            _ORIGINAL.title.label("original_title"),
            MatchRecord.copy_id,
            _COPY.url.label("copy_url"),
            _COPY.title.label("copy_title"),
            _COPY.publisher.label("copy_publisher"),
            _COPY.domain.label("copy_domain"),
            _COPY.published_at.label("copy_published_at"),
            _COPY.first_seen_at.label("copy_first_seen_at"),
            MatchRecord.relation,
            MatchRecord.confidence,
            MatchRecord.similarity,
            MatchRecord.reused_original,
            MatchRecord.reused_copy,
        )
        .join(_ORIGINAL, _ORIGINAL.id == MatchRecord.original_id)
        .join(_COPY, _COPY.id == MatchRecord.copy_id)
    )


def _row(row: Row[*tuple[Any, ...]]) -> CopyRow:
    values = row._mapping
    return CopyRow(
        original_id=values["original_id"],
        original_url=values["original_url"],
        original_title=values["original_title"],
        copy_id=values["copy_id"],
        copy_url=values["copy_url"],
        copy_title=values["copy_title"],
        copy_publisher=values["copy_publisher"],
        copy_domain=values["copy_domain"] or UNKNOWN_DOMAIN,
        seen_at=values["copy_published_at"] or values["copy_first_seen_at"],
        relation=values["relation"],
        confidence=values["confidence"],
        similarity=values["similarity"],
        reused_original=values["reused_original"],
        reused_copy=values["reused_copy"],
    )


def copies_of(session: Session, article_id: int) -> list[CopyRow]:
    """Who republished article ``article_id``: every recorded copy, earliest first."""
    statement = _statement().where(MatchRecord.original_id == article_id)
    rows = [_row(row) for row in session.execute(statement)]
    return sorted(rows, key=lambda row: (row.seen_at, row.copy_id))


def article_ids_after(session: Session, after: int, limit: int) -> list[int]:
    """The next ``limit`` article ids above ``after``, in order (to walk the index in batches)."""
    statement = select(Article.id).where(Article.id > after).order_by(Article.id).limit(limit)
    return list(session.scalars(statement))


def sources_of(session: Session, article_id: int) -> list[CopyRow]:
    """What article ``article_id`` was recorded as a copy (or duplicate) of, most confident first."""
    statement = _statement().where(MatchRecord.copy_id == article_id)
    rows = [_row(row) for row in session.execute(statement)]
    return sorted(rows, key=lambda row: (-row.confidence, row.original_id))


def publisher_copies(
    session: Session, publisher: PublisherInfo, since: datetime | None, until: datetime | None
) -> list[CopyRow]:
    """Copies of ``publisher``'s articles (by its domains, else its name) on other sites, in the window."""
    owned: list[ColumnElement[bool]] = [func.lower(_ORIGINAL.publisher) == publisher.name.lower()]
    if publisher.domains:
        owned.append(_ORIGINAL.domain.in_(publisher.domains))
    statement = _statement().where(or_(*owned)).limit(MAX_REPORT_ROWS)
    own_domains = set(publisher.domains)
    rows = [_row(row) for row in session.execute(statement)]
    return [
        row
        for row in rows
        if row.copy_domain not in own_domains
        and (since is None or row.seen_at >= since)
        and (until is None or row.seen_at < until)
    ]


def _period(rows: Sequence[CopyRow]) -> tuple[str, timedelta]:
    if not rows:
        return "day", timedelta(days=1)
    span = max(row.seen_at for row in rows) - min(row.seen_at for row in rows)
    if span <= timedelta(days=62):
        return "day", timedelta(days=1)
    if span <= timedelta(days=730):
        return "week", timedelta(weeks=1)
    return "month", timedelta(days=31)


def _bucket(moment: datetime, period: str) -> datetime:
    day = moment.replace(hour=0, minute=0, second=0, microsecond=0)
    if period == "week":
        return day - timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    return day


def _timeline(rows: Sequence[CopyRow]) -> tuple[str, tuple[tuple[datetime, int], ...]]:
    period, step = _period(rows)
    counts: dict[datetime, int] = defaultdict(int)
    for row in rows:
        counts[_bucket(row.seen_at, period)] += 1
    if not counts:
        return period, ()
    filled = []
    moment, last = min(counts), max(counts)
    while moment <= last:
        filled.append((moment, counts.get(moment, 0)))
        moment = _bucket(moment + step, period) if period == "month" else moment + step
    return period, tuple(filled)


def summarize(
    publisher: PublisherInfo,
    rows: Sequence[CopyRow],
    since: datetime | None = None,
    until: datetime | None = None,
    examples: int = 3,
) -> Report:
    """Group copies by copying site: articles taken, median reuse, first and last seen, worst examples."""
    by_site: dict[str, list[CopyRow]] = defaultdict(list)
    for row in rows:
        by_site[row.copy_domain].append(row)
    sites = []
    for domain, copies in by_site.items():
        worst = sorted(copies, key=lambda row: (-row.reused_original, -row.similarity, row.copy_id))
        sites.append(
            SiteSummary(
                domain=domain,
                articles=len({row.original_id for row in copies}),
                copies=len(copies),
                median_reused=round(statistics.median(row.reused_original for row in copies), 4),
                first_seen=min(row.seen_at for row in copies),
                last_seen=max(row.seen_at for row in copies),
                worst=tuple(worst[:examples]),
            )
        )
    sites.sort(key=lambda site: (-site.articles, -site.median_reused, site.domain))
    period, timeline = _timeline(rows)
    return Report(
        publisher=publisher,
        since=since,
        until=until,
        articles_copied=len({row.original_id for row in rows}),
        copies=len(rows),
        sites=tuple(sites),
        timeline=timeline,
        period=period,
    )


def publisher_report(
    session: Session, publisher: PublisherInfo, since: datetime | None = None, until: datetime | None = None
) -> Report:
    """The audit of ``publisher`` between ``since`` (inclusive) and ``until`` (exclusive)."""
    return summarize(publisher, publisher_copies(session, publisher, since, until), since, until)
