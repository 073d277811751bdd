"""Request and response bodies of the HTTP API (apart from the ORM tables and the core types)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from newsdedup.detector import IndexOutcome, Match, MatchReport
from newsdedup.ports import StoredArticle
from newsdedup.validation import check_http_url, check_text

ShortText = Annotated[str, StringConstraints(max_length=2000)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)


class _HasContent(_Strict):
    text: str | None = Field(default=None, description="The article's plain text.")
    html: str | None = Field(default=None, description="The page's HTML; reduced to its main text.")
    title: ShortText | None = None
    published_at: datetime | None = Field(
        default=None, description="ISO-8601; a time without a zone is taken as UTC."
    )

    @model_validator(mode="after")
    def _one_of_text_or_html(self) -> Self:
        if (self.text is None) == (self.html is None):
            raise ValueError(
                "send exactly one of `text` (plain text) or `html` (the page), not both or neither"
            )
        if self.text is not None:
            check_text(self.text, "text")
        if self.html is not None:
            check_text(self.html, "html")
        return self

    @field_validator("published_at")
    @classmethod
    def _aware(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


class ArticleIn(_HasContent):
    """An article to index."""

    url: str = Field(description="The article's http(s) url; re-posting a url updates that article.")
    publisher: ShortText | None = None

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        return check_http_url(value, "url")


class MatchIn(_HasContent):
    """A text whose original is wanted. Nothing is stored."""

    url: str | None = Field(default=None, description="The query's own url: never returned as its own match.")
    publisher: ShortText | None = Field(default=None, description="The query's publisher, if known.")

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        return None if value is None else check_http_url(value, "url")


class ArticleRef(BaseModel):
    """The identifying fields of an indexed article."""

    id: int
    url: str
    title: str | None
    publisher: str | None
    published_at: datetime | None

    @classmethod
    def of(cls, article: StoredArticle) -> ArticleRef:
        """From the stored record."""
        return cls(
            id=article.id,
            url=article.url,
            title=article.title,
            publisher=article.publisher,
            published_at=article.published_at,
        )


class ArticleOut(ArticleRef):
    """An indexed article in full."""

    domain: str | None
    canonical_url: str | None
    first_seen_at: datetime
    text: str

    @classmethod
    def of(cls, article: StoredArticle) -> ArticleOut:
        """From the stored record."""
        return cls(
            **ArticleRef.of(article).model_dump(),
            domain=article.domain,
            canonical_url=article.canonical_url,
            first_seen_at=article.first_seen_at,
            text=article.text,
        )


class Containment(BaseModel):
    """How much of each side is found in the other (shares of word n-grams, 0-1)."""

    query_in_match: float
    match_in_query: float


class SignalOut(BaseModel):
    """One piece of attribution evidence."""

    name: str = Field(description="time, cited source, canonical link, direction of reuse, ...")
    favours: Literal["match", "query"] = Field(description="The side this evidence takes for the original.")
    weight: float = Field(description="How much it counts (log-odds; citations 3, dates 2, first seen 0.5).")
    detail: str


class PassageOut(BaseModel):
    """A stretch of the query reused from a stretch of the match.

    Offsets count characters (Unicode code points) into the query's text as submitted (for HTML: the
    extracted ``query_text``) and the match's text as stored (``GET /v1/articles/{id}``); ends exclusive.
    """

    query_start: int
    query_end: int
    match_start: int
    match_end: int
    score: float = Field(description="How closely the passage is reused, 0-1 (1: the same words).")


class ReusedFraction(BaseModel):
    """Share of each text's words in reused passages, 0-1."""

    query: float
    match: float


class MatchOut(BaseModel):
    """An indexed article that shares text with the query."""

    article: ArticleRef
    similarity: float = Field(description="Jaccard similarity of the word n-gram sets, 0-1.")
    containment: Containment
    relation: Literal["original", "copy", "duplicate"]
    confidence: float = Field(description="How sure the relation is, 0-1 (0.5 for a duplicate).")
    evidence: list[str] = Field(description="Each piece of evidence in plain words, `name: detail`.")
    signals: list[SignalOut]
    passages: list[PassageOut]
    reused_fraction: ReusedFraction

    @classmethod
    def of(cls, match: Match) -> MatchOut:
        """From the detector's match."""
        reused = match.reused
        return cls(
            article=ArticleRef.of(match.article),
            similarity=round(match.overlap.jaccard, 4),
            containment=Containment(
                query_in_match=round(match.overlap.query_in_match, 4),
                match_in_query=round(match.overlap.match_in_query, 4),
            ),
            relation=match.relation.value,
            confidence=match.attribution.confidence,
            evidence=list(match.attribution.evidence),
            signals=[
                SignalOut(
                    name=signal.name, favours=signal.favours.value, weight=signal.weight, detail=signal.detail
                )
                for signal in match.attribution.signals
            ],
            passages=[
                PassageOut(
                    query_start=passage.query_start,
                    query_end=passage.query_end,
                    match_start=passage.match_start,
                    match_end=passage.match_end,
                    score=round(passage.score, 4),
                )
                for passage in match.alignment.passages
            ],
            reused_fraction=ReusedFraction(query=round(reused.query, 4), match=round(reused.match, 4)),
        )


class MatchResponse(BaseModel):
    """The likely original of the query and every verified match."""

    likely_original: MatchOut | None
    matches: list[MatchOut]
    candidates_checked: int
    query_text: str | None = Field(
        default=None, description="The text extracted from submitted HTML (passage offsets point into it)."
    )

    @classmethod
    def of(cls, report: MatchReport, query_text: str | None = None) -> MatchResponse:
        """From the detector's report."""
        return cls(
            likely_original=MatchOut.of(report.likely_original) if report.likely_original else None,
            matches=[MatchOut.of(match) for match in report.matches],
            candidates_checked=report.candidates_checked,
            query_text=query_text,
        )


class IndexResponse(BaseModel):
    """The stored article's id and what it matched before it was stored."""

    id: int
    url: str
    created: bool
    matches: list[MatchOut]

    @classmethod
    def of(cls, outcome: IndexOutcome) -> IndexResponse:
        """From the detector's outcome."""
        return cls(
            id=outcome.id,
            url=outcome.url,
            created=outcome.created,
            matches=[MatchOut.of(match) for match in outcome.matches],
        )


class BulkItemResult(BaseModel):
    """The result for one item of a bulk request, by its position in the request."""

    index: int
    status: int = Field(description="201 created, 200 updated, 422 invalid (not stored).")
    id: int | None = None
    url: str | None = None
    created: bool | None = None
    error: str | None = None


class BulkResponse(BaseModel):
    """Per-item results of a bulk request; valid items are stored together, invalid ones reported."""

    created: int
    updated: int
    failed: int
    results: list[BulkItemResult]


class ErrorBody(BaseModel):
    """Every error response: what went wrong and how to fix it."""

    error: str = Field(description="A stable code, e.g. invalid_request, not_found, payload_too_large.")
    message: str
    errors: list[dict[str, str]] = Field(default_factory=list, description="Per-field problems, if any.")
