"""The use cases: index articles, find the likely original of a text. Thin glue over the core and a port.

The API, the CLI and the batch jobs call these; none of them re-implements matching.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

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
from newsdedup.core.align import EMPTY_ALIGNMENT, Alignment
from newsdedup.core.attribute import Reuse, Side, Signal
from newsdedup.core.citations import Citations, cited_sources, domain_of
from newsdedup.core.fingerprint import compact_shingles, shingles_of_many
from newsdedup.core.pairs import ShingledText, compare_pair, verify_pair, worth_comparing_many
from newsdedup.evidence import FactFinder, NoProvenance, QueryFacts, url_variants
from newsdedup.ports import ArticleIndex, Candidate, NewArticle, Provenance, RecordedMatch, StoredArticle

__all__ = ["ArticleInput", "Detector", "IndexOutcome", "Match", "MatchQuery", "MatchReport", "domain_of"]

MAX_CHAIN = 8
"""Most recorded copy-of links followed from a query's source to the first original."""
CHAIN_WEIGHT = 2.0


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
    date_from_page: bool = False
    """``published_at`` was read from the submitted HTML rather than given."""
    canonical_url: str | None = None
    """The canonical link or og:url of the submitted HTML."""
    publisher: str | None = None


@dataclass(frozen=True, slots=True)
class Match:
    """An indexed article that shares text with the query, and what it is to the query."""

    article: StoredArticle
    overlap: Overlap
    attribution: Attribution
    alignment: Alignment = EMPTY_ALIGNMENT
    """The passages the two texts share (character offsets into the query's and the match's text)."""

    @property
    def relation(self) -> Relation:
        """Shortcut for ``attribution.relation``."""
        return self.attribution.relation

    @property
    def reused(self) -> Reuse:
        """Share of each side found in the other: aligned words, else shingle containment."""
        if self.alignment.passages:
            return Reuse(self.alignment.query_coverage, self.alignment.match_coverage)
        return Reuse(self.overlap.query_in_match, self.overlap.match_in_query)


@dataclass(frozen=True, slots=True)
class MatchReport:
    """The verified matches of a query, best first, and the one judged its original."""

    likely_original: Match | None
    matches: list[Match]
    candidates_checked: int


@dataclass(frozen=True, slots=True)
class _Asked:
    """A query on its way through matching: what it is, its fingerprint and facts, its own id if stored."""

    query: MatchQuery
    side: ShingledText
    facts: Facts
    finder: FactFinder
    own_id: int | None


@dataclass(frozen=True, slots=True)
class IndexOutcome:
    """What indexing one article did, with the matches it had before it was stored."""

    id: int
    url: str
    created: bool
    matches: list[Match] = field(default_factory=list)


def _rank(match: Match) -> tuple[bool, float, float, float]:
    return (
        match.attribution.relation is Relation.ORIGINAL,
        match.attribution.confidence,
        match.overlap.containment,
        match.overlap.jaccard,
    )


def _with_evidence(match: Match, line: str) -> Match:
    return replace(
        match, attribution=replace(match.attribution, evidence=(*match.attribution.evidence, line))
    )


def _records(article_id: int, report: MatchReport) -> list[RecordedMatch]:
    """What the audit keeps of an indexed article's matches: its original, its copies, else a duplicate."""
    found = []
    original = report.likely_original
    if original is not None:
        found.append(_record(original.article.id, article_id, "copy", original, copy_is_query=True))
    for match in report.matches:
        if match.relation is Relation.COPY:
            found.append(_record(article_id, match.article.id, "copy", match, copy_is_query=False))
    duplicates = [match for match in report.matches if match.relation is Relation.DUPLICATE]
    if original is None and duplicates:
        found.append(_record(duplicates[0].article.id, article_id, "duplicate", duplicates[0], True))
    return found


def _record(
    original_id: int, copy_id: int, relation: str, match: Match, copy_is_query: bool
) -> RecordedMatch:
    in_match, in_query = match.reused.query, match.reused.match
    return RecordedMatch(
        original_id=original_id,
        copy_id=copy_id,
        relation=relation,
        confidence=match.attribution.confidence,
        similarity=round(match.overlap.jaccard, 4),
        reused_original=round(in_query if copy_is_query else in_match, 4),
        reused_copy=round(in_match if copy_is_query else in_query, 4),
    )


class Detector:
    """Finds the likely original of a text among the articles of an `ArticleIndex`."""

    def __init__(
        self,
        index: ArticleIndex,
        *,
        verify: VerifyConfig | None = None,
        candidate_limit: int = 30,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        provenance: Provenance | None = None,
    ) -> None:
        self.index = index
        self.verify = verify or VerifyConfig()
        self.candidate_limit = candidate_limit
        self.clock = clock
        self.provenance: Provenance = provenance or NoProvenance()
        self._finder: FactFinder | None = None

    @property
    def finder(self) -> FactFinder:
        """Builds attribution facts; registry lookups are kept for this detector's life (a transaction)."""
        if self._finder is None:
            self._finder = FactFinder(self.provenance)
        return self._finder

    def _sides(
        self,
        article_ids: Sequence[int],
        known: Mapping[int, StoredArticle] | None = None,
        candidates: Sequence[Candidate] = (),
    ) -> dict[int, ShingledText]:
        """Text hash and compact shingles of articles: as the candidate lookup returned them, else as
        stored; articles stored without shingles (before they were kept, until `newsdedup reindex`) are
        shingled from their texts."""
        wanted = set(article_ids)
        sides = {c.article_id: c.side for c in candidates if c.side is not None and c.article_id in wanted}
        unread = [i for i in article_ids if i not in sides]
        if unread:
            sides |= self.index.shingles_many(unread)
        missing = [i for i in article_ids if i not in sides]
        if missing:
            texts = {i: known[i] for i in missing if known and i in known}
            texts |= self.index.get_many([i for i in missing if i not in texts])
            articles = list(texts.values())
            sets = shingles_of_many([article.text for article in articles], self.index.scheme)
            for article, shingles in zip(articles, sets, strict=True):
                sides[article.id] = ShingledText(article.text_hash, compact_shingles(shingles))
        return sides

    def match(self, query: MatchQuery, *, limit: int = 10) -> MatchReport:
        """Verified matches of ``query`` against the index; stores nothing."""
        (print_,) = fingerprint_many([query.text], self.index.scheme)
        return self._match_fingerprint(query, print_, limit)

    def compare(self, query: StoredArticle, match: StoredArticle) -> Match:
        """``match`` measured against ``query`` as if it were the query: overlap, passages and relation."""
        finder = self.finder
        finder.prepare([query.url, match.url], [query.publisher, match.publisher])
        sides = self._sides([query.id, match.id], {query.id: query, match.id: match})
        verdict = compare_pair(query.text, sides[query.id], match.text, sides[match.id], self.verify)
        facts = finder.for_article(query), finder.for_article(match)
        reuse = Reuse(verdict.query_reused, verdict.match_reused)
        attribution = attribute(*facts, verdict.overlap, verdict.same_text, reuse=reuse)
        return Match(match, verdict.overlap, attribution, verdict.alignment)

    def index_many(self, items: Sequence[ArticleInput], *, with_matches: bool = True) -> list[IndexOutcome]:
        """Store ``items`` (new urls inserted, known ones updated) and return each one's outcome.

        With ``with_matches``, each article is then matched against the index (other articles of the
        batch included, itself excluded) and what it copied, or what copied it, is recorded for the
        audit in the same transaction.
        """
        prints = fingerprint_many([item.text for item in items], self.index.scheme)
        empty = [item.url for item, print_ in zip(items, prints, strict=True) if print_.is_empty]
        if empty:
            raise ValueError(f"articles with no words cannot be indexed: {', '.join(empty[:5])}")
        stored = self.index.upsert_many(
            [NewArticle.of(item, print_) for item, print_ in zip(items, prints, strict=True)]
        )
        if not with_matches:
            return [
                IndexOutcome(id=outcome.id, url=item.url, created=outcome.created)
                for item, outcome in zip(items, stored, strict=True)
            ]
        saved = self.index.get_many([outcome.id for outcome in stored])
        articles = [saved[outcome.id] for outcome in stored]
        reports, _ = self._record_matches(articles, prints)
        return [
            IndexOutcome(outcome.id, item.url, outcome.created, report.matches[:10])
            for item, outcome, report in zip(items, stored, reports, strict=True)
        ]

    def record_matches(self, articles: Sequence[StoredArticle]) -> int:
        """Match stored ``articles`` against the index and record what they copied or what copied them.

        For articles indexed without matches (bulk loads); returns how many pairs were recorded.
        """
        prints = fingerprint_many([article.text for article in articles], self.index.scheme)
        _, recorded = self._record_matches(articles, prints)
        return recorded

    def _record_matches(
        self, articles: Sequence[StoredArticle], prints: Sequence[Fingerprint]
    ) -> tuple[list[MatchReport], int]:
        reports: list[MatchReport] = []
        records: list[RecordedMatch] = []
        for article, print_ in zip(articles, prints, strict=True):
            query = MatchQuery(
                text=article.text,
                url=article.url,
                title=article.title,
                published_at=article.published_at,
                canonical_url=article.canonical_url,
                publisher=article.publisher,
            )
            report = self._match_fingerprint(
                query, print_, self.candidate_limit, first_seen_at=article.first_seen_at, own_id=article.id
            )
            records += _records(article.id, report)
            reports.append(report)
        self.provenance.record(records, replacing=[article.id for article in articles])
        return reports, len(records)

    def _match_fingerprint(
        self,
        query: MatchQuery,
        print_: Fingerprint,
        limit: int,
        *,
        first_seen_at: datetime | None = None,
        own_id: int | None = None,
    ) -> MatchReport:
        candidates = self.index.candidates(print_, self.candidate_limit)
        cites = cited_sources(query.text)
        listed = [candidate.article_id for candidate in candidates if candidate.article_id != own_id]
        seen = {*listed, own_id}
        listed += [i for i in self._cited_articles(cites) if i not in seen]
        asked_side = ShingledText(print_.text_hash, print_.compact_shingles())
        sides = self._sides(listed, candidates=candidates)
        present = [i for i in listed if i in sides]
        verdicts = worth_comparing_many(asked_side, [sides[i] for i in present], self.verify)
        worth = [i for i, keep in zip(present, verdicts, strict=True) if keep]
        found = self.index.get_many(worth)
        articles = [found[i] for i in worth if i in found]
        if not articles:
            # Nothing shares enough text to be verified: no registry lookup, no facts to gather.
            return MatchReport(None, [], candidates_checked=len(candidates))
        finder = self.finder
        finder.prepare([query.url, *(article.url for article in articles)], [query.publisher])
        query_facts = finder.for_query(
            QueryFacts(
                text=query.text,
                first_seen_at=first_seen_at or self.clock(),
                url=query.url,
                published_at=query.published_at,
                date_from_page=query.date_from_page,
                canonical_url=query.canonical_url,
                publisher=query.publisher,
            ),
            cites,
        )
        matches: list[Match] = []
        for article in articles:
            if query.url is not None and article.url == query.url:
                continue
            verdict = verify_pair(query.text, asked_side, article.text, sides[article.id], self.verify)
            if verdict is None:
                continue
            facts = finder.for_article(article)
            reuse = Reuse(verdict.query_reused, verdict.match_reused)
            relation = attribute(query_facts, facts, verdict.overlap, verdict.same_text, reuse=reuse)
            matches.append(Match(article, verdict.overlap, relation, verdict.alignment))
        matches.sort(key=_rank, reverse=True)
        originals = [match for match in matches if match.relation is Relation.ORIGINAL]
        likely = originals[0] if originals else None
        if likely is not None:
            asked = _Asked(query, asked_side, query_facts, finder, own_id)
            likely, matches = self._follow_chain(likely, matches, asked)
        return MatchReport(likely, matches[:limit], candidates_checked=len(candidates))

    def _cited_articles(self, cites: Citations) -> list[int]:
        """Indexed articles at the urls the query cites as its source."""
        urls = [variant for key in cites.urls[:10] for variant in url_variants(key)]
        return self.provenance.articles_at(urls) if urls else []

    def _follow_chain(self, source: Match, matches: list[Match], asked: _Asked) -> tuple[Match, list[Match]]:
        """From the query's source up the recorded copy-of links to the first original, if any."""
        root, seen = source.article.id, {source.article.id, asked.own_id}
        for _ in range(MAX_CHAIN):
            parent = self.provenance.originals_of([root]).get(root)
            if parent is None or parent in seen:
                break
            seen.add(parent)
            root = parent
        if root == source.article.id:
            return source, matches
        article = next((m.article for m in matches if m.article.id == root), None) or self.index.get(root)
        if article is None or (asked.query.url is not None and article.url == asked.query.url):
            return source, matches
        asked.finder.prepare([article.url])
        side = self._sides([article.id], {article.id: article})[article.id]
        verdict = compare_pair(asked.query.text, asked.side, article.text, side, self.verify)
        chain = Signal(
            "chain",
            Side.MATCH,
            CHAIN_WEIGHT,
            f"the query's source #{source.article.id} ({source.article.url}) was itself copied from it",
        )
        facts = asked.finder.for_article(article)
        reuse = Reuse(verdict.query_reused, verdict.match_reused)
        attribution = attribute(
            asked.facts, facts, verdict.overlap, verdict.same_text, reuse=reuse, extra=[chain]
        )
        if attribution.relation is not Relation.ORIGINAL or not verdict.is_reuse:
            return source, matches
        first = Match(article, verdict.overlap, attribution, verdict.alignment)
        note = f"chain: itself a copy of #{article.id} ({article.url}), reported as the first original"
        rest = [
            _with_evidence(match, note) if match.article.id == source.article.id else match
            for match in matches
            if match.article.id != root
        ]
        return first, [first, *rest]
