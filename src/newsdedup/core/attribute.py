"""Which of two overlapping texts is the original, the evidence for saying so, and how sure that is.

Each piece of evidence is a `Signal` that says which side it takes for the original and how much it
weighs (log-odds): a source the other side cites (by url, site or publisher name), a canonical link,
the publication time (given, or read from the page; first sight counts for little), the direction of
reuse (a copy is contained in its original far more than the reverse) and a publisher known to be an
original source. The weights add up; the sign picks the original, the size (less any disagreement)
gives the confidence. Pure: no database, no HTTP, usable from the API, the CLI and batch jobs alike.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from newsdedup.core.citations import NO_CITATIONS, Citations, url_key
from newsdedup.core.furniture import furniture_words
from newsdedup.core.verify import Overlap

__all__ = ["Attribution", "Facts", "Relation", "Reuse", "Side", "Signal", "attribute"]

CITED_URL = 3.0
CANONICAL = 3.0
CITED_SITE = 2.0
PUBLISHED = 2.0
PUBLISHED_ON_PAGE = 1.5
FIRST_SEEN = 0.5
DIRECTION = (1.0, 1.5)
"""Weight of the direction of reuse at its threshold and at its strongest."""
KNOWN_ORIGINAL = 1.0
DECIDES = 0.25
"""Smallest total weight that picks a side; below it the two are duplicates."""
DIRECTION_GAP = 0.3
"""How much more of one text must be found in the other than the reverse to count."""
DIRECTION_EXTRA_WORDS = 30
"""Non-furniture words the fuller text must have beyond what was reused."""
SAME_TIME = timedelta(seconds=59)
"""Publication times this close are the same time (first-seen times count to the microsecond)."""
DISAGREEMENT_PENALTY = 0.3


class Relation(StrEnum):
    """What a matched article is to the query."""

    ORIGINAL = "original"
    """The match is the query's source."""
    COPY = "copy"
    """The match copied the query."""
    DUPLICATE = "duplicate"
    """The same text, with no way to tell which came first."""


class Side(StrEnum):
    """The side a signal takes for the original."""

    MATCH = "match"
    QUERY = "query"

    @property
    def other(self) -> Side:
        """The opposite side."""
        return Side.QUERY if self is Side.MATCH else Side.MATCH


@dataclass(frozen=True, slots=True)
class Facts:
    """What attribution may use about one side of a pair; every field is optional."""

    published_at: datetime | None = None
    first_seen_at: datetime | None = None
    date_from_page: bool = False
    """``published_at`` was read from the page's HTML rather than given."""
    url: str | None = None
    canonical_url: str | None = None
    """The page's canonical link or og:url."""
    publisher: str | None = None
    """Display name of its publisher."""
    names: frozenset[str] = frozenset()
    """Name keys (`citations.name_key`) its publisher goes by."""
    domains: frozenset[str] = frozenset()
    """Its own domain and its publisher's registered domains."""
    original_source: bool = False
    """Its publisher is registered as a known original source."""
    cites: Citations = NO_CITATIONS
    """The sources its text gives (`citations.cited_sources`)."""
    words: int = 0
    """Words in its text (0: count them in `text` when needed, see `word_count`)."""
    text: str = field(default="", repr=False)
    """Its text, for measures only some pairs need (`word_count`, `furniture`)."""

    @property
    def word_count(self) -> int:
        """`words` if given, else the words of `text` (0 when both are unknown)."""
        return self.words or len(self.text.split())

    @property
    def furniture(self) -> int:
        """Of its words, those of site furniture (`furniture.furniture_words`; 0 when the text is unknown)."""
        return furniture_words(self.text) if self.text else 0


@dataclass(frozen=True, slots=True)
class Signal:
    """One piece of evidence: its name, the side it takes for the original, its weight, in plain words."""

    name: str
    favours: Side
    weight: float
    detail: str

    def describe(self) -> str:
        """``name: detail``."""
        return f"{self.name}: {self.detail}"


@dataclass(frozen=True, slots=True)
class Reuse:
    """Shares of each text found in the other (e.g. from passage alignment), 0-1."""

    query: float
    """Share of the query found in the match."""
    match: float
    """Share of the match found in the query."""


@dataclass(frozen=True, slots=True)
class Attribution:
    """The relation of a match to the query, the evidence in plain words, and the confidence (0-1)."""

    relation: Relation
    evidence: tuple[str, ...]
    confidence: float = 0.5
    signals: tuple[Signal, ...] = field(default=())


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _earlier(query: datetime, match: datetime, tolerance: timedelta) -> tuple[Side, str] | None:
    if abs(query - match) <= tolerance:
        return None
    if match < query:
        return Side.MATCH, f"({_stamp(match)} before {_stamp(query)})"
    return Side.QUERY, f"({_stamp(query)} before {_stamp(match)})"


def _time(query: Facts, match: Facts) -> Signal | None:
    if query.published_at is not None and match.published_at is not None:
        found = _earlier(query.published_at, match.published_at, SAME_TIME)
        if found is not None:
            side, when = found
            weight = PUBLISHED_ON_PAGE if query.date_from_page or match.date_from_page else PUBLISHED
            return Signal("time", side, weight, f"the {side} was published earlier {when}")
    if query.first_seen_at is not None and match.first_seen_at is not None:
        found = _earlier(query.first_seen_at, match.first_seen_at, timedelta(0))
        if found is not None:
            side, when = found
            detail = f"the {side} was first seen earlier {when}; a publication date is missing"
            return Signal("time", side, FIRST_SEEN, detail)
    return None


def _keys(facts: Facts) -> set[str]:
    return {key for key in (url_key(facts.url), url_key(facts.canonical_url)) if key is not None}


def _citation(citer: Facts, cited: Facts, cited_side: Side) -> Signal | None:
    """A signal that ``cited`` is the original because ``citer`` names it as its source."""
    if not citer.cites:
        return None
    who = cited_side.other
    by_url = set(citer.cites.urls) & _keys(cited)
    if by_url:
        return Signal(
            "cited source", cited_side, CITED_URL, f"the {who} cites the {cited_side}'s url as its source"
        )
    sites = {key.split("/", 1)[0] for key in citer.cites.urls} & cited.domains
    if sites:
        site = sorted(sites)[0]
        detail = f"the {who} cites the {cited_side}'s site ({site}) as its source"
        return Signal("cited source", cited_side, CITED_SITE, detail)
    names = set(citer.cites.names) & cited.names
    if names:
        shown = cited.publisher or sorted(names)[0]
        detail = f"the {who} names the {cited_side}'s publisher ({shown}) as its source"
        return Signal("cited source", cited_side, CITED_SITE, detail)
    return None


def _canonical(page: Facts, target: Facts, target_side: Side) -> Signal | None:
    """A signal that ``target`` is the original because ``page``'s canonical link points at it."""
    canonical = url_key(page.canonical_url)
    if canonical is None or canonical == url_key(page.url):
        return None
    who = target_side.other
    if canonical in _keys(target):
        detail = f"the {who}'s page gives the {target_side}'s url as its canonical link"
        return Signal("canonical link", target_side, CANONICAL, detail)
    site = canonical.split("/", 1)[0]
    if site in target.domains and site not in page.domains:
        detail = f"the {who}'s page gives a canonical link on the {target_side}'s site ({site})"
        return Signal("canonical link", target_side, CITED_SITE, detail)
    return None


def _direction(query: Facts, match: Facts, reuse: Reuse) -> Signal | None:
    gap = reuse.query - reuse.match
    if abs(gap) < DIRECTION_GAP:
        return None
    fuller, fuller_facts, reused_share = (
        (Side.MATCH, match, reuse.match) if gap > 0 else (Side.QUERY, query, reuse.query)
    )
    words = fuller_facts.word_count
    if words:
        extra = words * (1 - reused_share) - fuller_facts.furniture
        if extra < DIRECTION_EXTRA_WORDS:
            return None
    low, high = DIRECTION
    weight = low + (high - low) * min(1.0, (abs(gap) - DIRECTION_GAP) / 0.4)
    contained, container = fuller.other, fuller
    detail = (
        f"{max(reuse.query, reuse.match):.0%} of the {contained} is found in the {container} but only "
        f"{min(reuse.query, reuse.match):.0%} of the {container} in the {contained}: "
        f"the {contained} looks cut from the {container}, the fuller text"
    )
    return Signal("direction of reuse", fuller, round(weight, 2), detail)


def _known_original(query: Facts, match: Facts) -> Signal | None:
    if query.original_source == match.original_source:
        return None
    side, facts = (Side.MATCH, match) if match.original_source else (Side.QUERY, query)
    who = facts.publisher or next(iter(sorted(facts.domains)), f"the {side}'s publisher")
    return Signal("known original source", side, KNOWN_ORIGINAL, f"{who} is registered as an original source")


def _disagreement(winner: Side, signals: Sequence[Signal]) -> str | None:
    against = [signal for signal in signals if signal.favours is not winner and signal.weight >= FIRST_SEEN]
    if not against:
        return None
    loser = winner.other
    names = {signal.name for signal in signals if signal.favours is winner}
    if "cited source" in names and any(signal.name == "time" for signal in against):
        return (
            f"disagreement: the {loser} claims an earlier date but cites the {winner} as its source; "
            "the citation outweighs the date, so the confidence is lower"
        )
    return (
        f"disagreement: {', '.join(sorted({signal.name for signal in against}))} "
        f"point{'s' if len(against) == 1 else ''} the other way, so the confidence is lower"
    )


def _confidence(score: float, supporting: float, opposing: float) -> float:
    sure = 1 / (1 + math.exp(-abs(score)))
    if supporting > 0:
        sure *= 1 - DISAGREEMENT_PENALTY * min(1.0, opposing / supporting)
    return round(sure, 3)


def attribute(
    query: Facts,
    match: Facts,
    shared: Overlap,
    same_text: bool,
    *,
    reuse: Reuse | None = None,
    extra: Sequence[Signal] = (),
) -> Attribution:
    """Decide the relation of ``match`` to ``query`` from the evidence, with a confidence.

    ``reuse`` gives each side's reused share when known (passage alignment); by default the shingle
    containments of ``shared``. ``extra`` adds signals found elsewhere (e.g. a chain of copies).
    """
    shares = reuse or Reuse(shared.query_in_match, shared.match_in_query)
    found = [
        _citation(query, match, Side.MATCH),
        _citation(match, query, Side.QUERY),
        _canonical(query, match, Side.MATCH),
        _canonical(match, query, Side.QUERY),
        _time(query, match),
        None if same_text else _direction(query, match, shares),
        _known_original(query, match),
        *extra,
    ]
    signals = sorted((signal for signal in found if signal is not None), key=lambda s: -s.weight)
    for_match = sum(signal.weight for signal in signals if signal.favours is Side.MATCH)
    for_query = sum(signal.weight for signal in signals if signal.favours is Side.QUERY)
    score = for_match - for_query
    evidence = [signal.describe() for signal in signals]
    if score >= DECIDES:
        relation, confidence = Relation.ORIGINAL, _confidence(score, for_match, for_query)
        note = _disagreement(Side.MATCH, signals)
    elif score <= -DECIDES:
        relation, confidence = Relation.COPY, _confidence(score, for_query, for_match)
        note = _disagreement(Side.QUERY, signals)
    else:
        relation, confidence = Relation.DUPLICATE, 0.5
        note = (
            "the evidence cancels out: no way to tell which came first"
            if signals
            else "no publication or first-seen time tells them apart"
        )
    if note:
        evidence.append(note)
    if same_text:
        evidence.append("same text: the normalized texts are identical")
    evidence.append(
        f"overlap: {shared.query_in_match:.0%} of the query is in the match, "
        f"{shared.match_in_query:.0%} of the match is in the query"
    )
    return Attribution(relation, tuple(evidence), confidence, tuple(signals))
