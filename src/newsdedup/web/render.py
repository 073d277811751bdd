"""Pure helpers for the web pages: highlighted segments, evidence in plain words, a bar chart's geometry.

Nothing here builds HTML: the templates (autoescaped) render the plain values these return.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from newsdedup.core.align import Passage

COLOURS = 6
"""Passage colours cycle through this many classes (``p0`` .. ``p5`` in the stylesheet)."""

_QUERY = re.compile(r"\b(?:the )?query(?:'s)?\b")
_MATCH = re.compile(r"\b(?:the )?match(?:'s)?\b")


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text, inside passage ``passage`` (0-based) or outside any (None)."""

    text: str
    passage: int | None = None

    @property
    def colour(self) -> int | None:
        """The colour class number of its passage."""
        return None if self.passage is None else self.passage % COLOURS


def segments(text: str, spans: Sequence[tuple[int, int]]) -> list[Segment]:
    """``text`` cut at the spans (start, end) so each run is in at most one span, numbered by position.

    Overlapping or out-of-range spans are clipped; the runs joined give back ``text``.
    """
    cut: list[Segment] = []
    position = 0
    for number, (given_start, given_end) in sorted(enumerate(spans), key=lambda item: item[1]):
        start, end = max(given_start, position, 0), min(given_end, len(text))
        if start >= end:
            continue
        if start > position:
            cut.append(Segment(text[position:start]))
        cut.append(Segment(text[start:end], number))
        position = end
    if position < len(text):
        cut.append(Segment(text[position:]))
    return cut


def sides(
    query_text: str, match_text: str, passages: Sequence[Passage]
) -> tuple[list[Segment], list[Segment]]:
    """Both texts cut into segments, a passage numbered the same on both sides."""
    ordered = sorted(passages, key=lambda passage: passage.query_start)
    return (
        segments(query_text, [(passage.query_start, passage.query_end) for passage in ordered]),
        segments(match_text, [(passage.match_start, passage.match_end) for passage in ordered]),
    )


def plain(evidence: str, query: str = "your text", match: str = "this article") -> str:
    """An evidence line with "query" and "match" said as a reader would: your text, this article."""
    _, _, detail = evidence.partition(": ")
    text = detail or evidence
    text = _QUERY.sub(lambda found: f"{query}'s" if found.group(0).endswith("'s") else query, text)
    text = _MATCH.sub(lambda found: f"{match}'s" if found.group(0).endswith("'s") else match, text)
    return text[:1].upper() + text[1:]


def safe_href(url: str | None) -> str | None:
    """``url`` if it is an http(s) link, else None (never a ``javascript:`` or ``data:`` link)."""
    if url and re.match(r"https?://[^\s]+$", url, re.IGNORECASE):
        return url
    return None


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar of the copies-over-time chart, in SVG user units."""

    x: float
    y: float
    width: float
    height: float
    count: int
    label: str


@dataclass(frozen=True, slots=True)
class Chart:
    """The chart's bars, size, highest count and axis labels."""

    bars: tuple[Bar, ...]
    width: int
    height: int
    top: int
    first: str
    last: str


def chart(points: Sequence[tuple[datetime, int]], period: str, width: int = 960, height: int = 200) -> Chart:
    """Bars for copies per period; the tallest fills the height (leaving room for labels)."""
    plot = height - 20
    top = max((count for _, count in points), default=0)
    step = width / max(1, len(points))
    shown = "%Y-%m" if period == "month" else "%Y-%m-%d"
    bars = []
    for number, (start, count) in enumerate(points):
        bar_height = plot * count / top if top else 0.0
        bars.append(
            Bar(
                x=round(number * step + step * 0.1, 2),
                y=round(plot - bar_height, 2),
                width=round(max(step * 0.8, 1.0), 2),
                height=round(bar_height, 2),
                count=count,
                label=f"{start.strftime(shown)}: {count} cop{'y' if count == 1 else 'ies'}",
            )
        )
    first = points[0][0].strftime(shown) if points else ""
    last = points[-1][0].strftime(shown) if points else ""
    return Chart(tuple(bars), width, height, top, first, last)
