"""From validated request bodies to the detector's inputs: HTML reduced to text, limits applied."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from newsdedup.api.errors import ApiError
from newsdedup.api.schemas import ArticleIn, MatchIn
from newsdedup.detector import ArticleInput, MatchQuery
from newsdedup.extract import ExtractionError, extract_article
from newsdedup.settings import Settings
from newsdedup.validation import check_has_words, check_length


@dataclass(frozen=True, slots=True)
class _Content:
    text: str
    title: str | None = None
    published_at: datetime | None = None
    canonical_url: str | None = None


def _content(body: ArticleIn | MatchIn, settings: Settings) -> _Content:
    try:
        if body.text is not None:
            return _Content(check_has_words(check_length(body.text, "text", settings.max_text_chars), "text"))
        html = check_length(body.html or "", "html", settings.max_text_chars * 4)
        extracted = extract_article(html, url=body.url)
        return _Content(
            text=check_has_words(check_length(extracted.text, "html", settings.max_text_chars), "html"),
            title=extracted.title,
            published_at=extracted.published_at,
            canonical_url=extracted.canonical_url or extracted.og_url,
        )
    except (ValueError, ExtractionError) as error:
        raise ApiError(422, "invalid_request", str(error)) from None


def article_input(body: ArticleIn, settings: Settings) -> ArticleInput:
    """The detector's input for an article to index."""
    content = _content(body, settings)
    return ArticleInput(
        url=body.url,
        text=content.text,
        title=body.title or content.title,
        publisher=body.publisher,
        published_at=body.published_at or content.published_at,
        canonical_url=content.canonical_url,
    )


def match_query(body: MatchIn, settings: Settings) -> MatchQuery:
    """The detector's query for a text whose original is wanted (from HTML: its date and canonical too)."""
    content = _content(body, settings)
    return MatchQuery(
        text=content.text,
        url=body.url,
        title=body.title or content.title,
        published_at=body.published_at or content.published_at,
        date_from_page=body.published_at is None and content.published_at is not None,
        canonical_url=content.canonical_url,
        publisher=body.publisher,
    )
