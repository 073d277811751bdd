"""The original of a cluster of copies: `attribute`'s rule (earlier publication, else earlier first sight)
made a total order, so every engine picks the same member.

Members are ordered by, in turn:
1. publication time, earliest first; a member with one comes before a member without one;
2. first-seen (crawl) time, earliest first; likewise;
3. direction of reuse: the member that holds more of its verified neighbours than they hold of it
   (``holds``, a count of pairs) comes first, since an excerpt or a truncation is contained in its source;
4. url, then input position, so that ties never depend on the engine.

The key is made of plain integers and a string so that a Spark job can compare it as a struct.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Final

from newsdedup.core.attribute import Facts

__all__ = ["NEVER", "ClusterRole", "Precedence", "micros", "precedence", "precedence_of", "role_of"]

NEVER: Final = (1 << 63) - 1
"""The time key of a missing time: after every real time."""

_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND: Final = timedelta(microseconds=1)

Precedence = tuple[int, int, int, str, int]
"""``(published, first_seen, -holds, url, position)``: the smallest is the original."""


class ClusterRole(StrEnum):
    """What an article is within its cluster."""

    UNIQUE = "unique"
    """No other article reuses it or is reused by it."""
    ORIGINAL = "original"
    """The cluster's original."""
    COPY = "copy"
    """Published (or first seen) after the original."""
    DUPLICATE = "duplicate"
    """No time tells it apart from the original; the original was chosen by direction of reuse or url."""


def micros(moment: datetime | None) -> int:
    """Microseconds since the epoch of an aware time, `NEVER` for None (exact, no float rounding)."""
    if moment is None:
        return NEVER
    return (moment - _EPOCH) // _MICROSECOND


def precedence(facts: Facts, *, holds: int, url: str, position: int) -> Precedence:
    """The key that orders the members of a cluster; the smallest is the original."""
    return precedence_of(micros(facts.published_at), micros(facts.first_seen_at), holds, url, position)


def precedence_of(published: int, first_seen: int, holds: int, url: str, position: int) -> Precedence:
    """`precedence` from times already in `micros`."""
    return (published, first_seen, -holds, url, position)


def role_of(member: Precedence, original: Precedence) -> ClusterRole:
    """The role of ``member`` in a cluster (of two or more) whose original has key ``original``."""
    if member == original:
        return ClusterRole.ORIGINAL
    if member[:2] == original[:2]:
        return ClusterRole.DUPLICATE
    return ClusterRole.COPY
