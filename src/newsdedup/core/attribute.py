"""Which of two overlapping texts is the original, and the evidence for saying so."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from newsdedup.core.verify import Overlap


class Relation(StrEnum):
    """What a matched article is to the query."""

    ORIGINAL = "original"
    """The match is the query's source."""
    COPY = "copy"
    """The match copied the query."""
    DUPLICATE = "duplicate"
    """The same text, with no way to tell which came first."""


@dataclass(frozen=True, slots=True)
class Facts:
    """What attribution may use about one side of a pair."""

    published_at: datetime | None = None
    first_seen_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Attribution:
    """The relation of a match to the query, with the evidence in plain words."""

    relation: Relation
    evidence: tuple[str, ...]


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="minutes")


def _earlier(query: datetime, match: datetime, what: str) -> tuple[Relation, str] | None:
    if match < query:
        return Relation.ORIGINAL, f"match {what} earlier ({_stamp(match)} before {_stamp(query)})"
    if query < match:
        return Relation.COPY, f"query {what} earlier ({_stamp(query)} before {_stamp(match)})"
    return None


def attribute(query: Facts, match: Facts, shared: Overlap, same_text: bool) -> Attribution:
    """Decide the relation of ``match`` to ``query``: earlier publication wins, else earlier first sight."""
    evidence: list[str] = []
    if same_text:
        evidence.append("same normalized text")
    evidence.append(
        f"{shared.query_in_match:.0%} of the query is in the match, "
        f"{shared.match_in_query:.0%} of the match is in the query"
    )
    decided: tuple[Relation, str] | None = None
    if query.published_at is not None and match.published_at is not None:
        decided = _earlier(query.published_at, match.published_at, "published")
    if decided is None and query.first_seen_at is not None and match.first_seen_at is not None:
        decided = _earlier(query.first_seen_at, match.first_seen_at, "first seen")
    if decided is None:
        evidence.append("no publication or first-seen time tells them apart")
        return Attribution(Relation.DUPLICATE, tuple(evidence))
    relation, reason = decided
    return Attribution(relation, (reason, *evidence))
