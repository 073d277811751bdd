"""Seeded synthetic news articles, streamed.

Each article draws one news beat (`vocab.topics`), an invented cast (three people, two organisations, two
places, three story nouns) and fills the project's sentence templates (`templates`) from them: a lead
sentence, paragraphs of one to three sentences (about one in five a quotation with "said"), sometimes a
closing line. Lengths are log-normal (median 350 words, sigma 0.45) clipped to 80-1500 words. Articles
from different beats share little beyond stock phrases. The same seed gives the same articles.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache

from newsdedup.synth.inflect import plural, verb_forms
from newsdedup.synth.phrasing import to_american
from newsdedup.synth.templates import SLOT_INDEX, Draws, Flat, Words, compiled, spread, with_article
from newsdedup.synth.vocab import (
    AREAS,
    FIELDS,
    FIRST_NAMES,
    PARTY_ADJECTIVES,
    PLACES,
    SURNAMES,
    Publisher,
    Topic,
    club_suffixes,
    corp_suffixes,
    publishers,
    tech_name,
    topics,
)
from newsdedup.synth.words import split_words

MEDIAN_WORDS = 350
SIGMA = 0.45
MIN_WORDS = 80
MAX_WORDS = 1500
QUOTE_SHARE = 0.22
DEFAULT_START = datetime(2024, 1, 1, tzinfo=UTC)

_UNCOUNTABLE = frozenset(
    split_words(
        "software data health care research aid evidence fraud pollution traffic security funding planning "
        "construction conservation recycling waste water climate growth output debt tuition police talks "
        "diet broadband curriculum wildlife energy"
    )
)
_GENERAL_ADJECTIVES: tuple[str, ...] = split_words(
    "significant major serious important new recent strong difficult clear possible unexpected likely "
    "modest sharp substantial positive negative widespread long-awaited fresh"
)
_MONTHS = split_words("January February March April May June July August September October November December")
_DAYS = split_words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
_DAY_PHRASES = tuple(
    [f"on {day}" for day in _DAYS]
    + [f"late on {day}" for day in _DAYS[:5]]
    + ["last week", "earlier this month", "this week", "last month", "over the weekend", "in recent days"]
)
_SMALL = split_words("two three four five six seven eight nine ten 12 15 20")
_ORDINALS = split_words("first second third fourth fifth sixth")
_SLUG = re.compile(r"[^a-z0-9]+")


Group = tuple[tuple[Flat, ...], ...]


@dataclass(frozen=True, slots=True)
class SyntheticArticle:
    """One generated article."""

    url: str
    title: str
    text: str
    publisher: str
    published_at: datetime
    domain: str


@dataclass(slots=True)
class _Cast:
    """One article's slot values (by `templates.SLOT_INDEX`) and its random source."""

    words: Words
    draws: Draws
    rnd: Callable[[], float]
    bits: Callable[[int], int]

    def fill(self, group: Group) -> str:
        """One sentence from a random template of ``group``."""
        rnd = self.rnd
        variants = group[int(rnd() * len(group))]
        return variants[int(rnd() * len(variants))].fill(self.words, self.draws, self.bits)


def _plural(noun: str) -> str:
    return noun if noun in _UNCOUNTABLE else plural(noun)


@lru_cache(maxsize=32)
def _beat(index: int, american: bool) -> tuple[tuple[str, ...], dict[str, tuple[str, ...]]]:
    """A topic's nouns, and its slot word lists spread for `templates.Flat.fill`: inflected, in British
    or American spelling, with "a"/"an" forms."""
    topic: Topic = topics()[index]
    forms = [verb_forms(verb) for verb in topic.verbs]

    def spell(words: Iterable[str]) -> tuple[str, ...]:
        return tuple(to_american(word) if american else word for word in words)

    lists = {
        "n": spell(topic.nouns),
        "ns": spell(_plural(noun) for noun in topic.nouns),
        "v": spell(form.base for form in forms),
        "V": spell(form.past for form in forms),
        "VS": spell(form.third for form in forms),
        "VP": spell(form.participle for form in forms),
        "A": spell(topic.adjectives + _GENERAL_ADJECTIVES),
        "T": spell(topic.things),
        "R": spell(topic.roles),
    }
    for name in ("A", "n", "R"):
        lists["a:" + name] = tuple(with_article(word) for word in lists[name])
    return lists["n"], {name: spread(words) for name, words in lists.items()}


@lru_cache(maxsize=1)
def _calendar() -> dict[str, tuple[str, ...]]:
    """Shared slot lists that do not depend on the beat, spread."""
    return {
        "D": spread(_DAY_PHRASES),
        "M": spread(_MONTHS),
        "SMALL": spread(_SMALL),
        "ORD": spread(_ORDINALS),
    }


def _organisation(pattern: str, rng: random.Random) -> str:
    fills: dict[str, Callable[[], str]] = {
        "{S}": lambda: rng.choice(SURNAMES),
        "{L}": lambda: rng.choice(PLACES),
        "{CORP}": lambda: rng.choice(corp_suffixes()),
        "{TECH}": lambda: tech_name(int(rng.random() * 1000), int(rng.random() * 1000)),
        "{CLUB}": lambda: rng.choice(club_suffixes()),
        "{AREA}": lambda: rng.choice(AREAS),
        "{FIELD}": lambda: rng.choice(FIELDS),
        "{ADJP}": lambda: rng.choice(PARTY_ADJECTIVES),
    }
    for key, fill in fills.items():
        if key in pattern:
            pattern = pattern.replace(key, fill())
    return pattern


def _numbers(rng: random.Random, american: bool) -> dict[str, Callable[[], str]]:
    """Number, percentage and money slots in one article's style."""
    rnd = rng.random

    def randint(low: int, high: int) -> int:
        return low + int(rnd() * (high - low + 1))

    currency = "$" if american else ("£", "£", "€", "$")[int(rnd() * 4)]
    per_cent = "%" if rnd() < 0.5 else (" percent" if american else " per cent")

    def number() -> str:
        draw = rnd()
        if draw < 0.35:
            return str(randint(2, 99))
        if draw < 0.6:
            return str(randint(100, 999))
        if draw < 0.9:
            return f"{randint(1, 99)},{randint(0, 999):03d}"
        return f"{randint(1, 9)}.{randint(1, 9)} million"

    def percent() -> str:
        value = str(randint(1, 60)) if rnd() < 0.7 else f"{randint(0, 20)}.{randint(1, 9)}"
        return value + per_cent

    def money() -> str:
        draw = rnd()
        if draw < 0.4:
            return f"{currency}{randint(1, 99)}.{randint(1, 9)}m"
        if draw < 0.6:
            return f"{currency}{randint(1, 9)}.{randint(1, 9)}bn"
        if draw < 0.85:
            return f"{currency}{randint(10, 999)},000"
        return f"{currency}{randint(2, 900)} million"

    return {"NUM": number, "PCT": percent, "MONEY": money}


@lru_cache(maxsize=8)
def _years_before(year: int) -> tuple[str, ...]:
    return spread([str(year - offset) for offset in range(1, 13)])


def _cast(rng: random.Random, topic_index: int, publisher: Publisher, year: int) -> _Cast:
    """Everything one article's templates are filled from: its beat, cast, dates and numbers."""
    topic = topics()[topic_index]
    rnd = rng.random
    people = [
        (FIRST_NAMES[int(rnd() * len(FIRST_NAMES))], SURNAMES[int(rnd() * len(SURNAMES))]) for _ in range(3)
    ]
    nouns, beat = _beat(topic_index, publisher.american)
    story = rng.sample(nouns, 3)
    lead = (0, 0, 1, 2)
    places = (PLACES[int(rnd() * len(PLACES))], PLACES[int(rnd() * len(PLACES))])
    organisations = [_organisation(rng.choice(topic.org_patterns), rng) for _ in range(2)]
    values = {
        **beat,
        **_calendar(),
        "Y": _years_before(year),
        "P": tuple(f"{people[index][0]} {people[index][1]}" for index in lead),
        "S": tuple(people[index][1] for index in lead),
        "O": (organisations[0], organisations[1], organisations[0], organisations[1]),
        "L": (places[0], places[0], places[0], places[1]),
        "N": tuple(story[index] for index in lead),
        "NS": tuple(_plural(story[index]) for index in lead),
        "a:N": tuple(with_article(story[index]) for index in lead),
    }
    draws: list[Callable[[], str] | None] = [None] * len(SLOT_INDEX)
    for name, draw in _numbers(rng, publisher.american).items():
        draws[SLOT_INDEX[name]] = draw
    words = [values.get(name, ()) for name in SLOT_INDEX]
    cast = _Cast(words, draws, rnd, rng.getrandbits)
    quoted = compiled()["quoted"]
    draws[SLOT_INDEX["Q"]] = lambda: cast.fill(quoted)
    return cast


def _body(rng: random.Random, cast: _Cast, target: int) -> str:
    groups = compiled()
    rnd = rng.random
    paragraphs = [cast.fill(groups["lead"])]
    words = paragraphs[0].count(" ") + 1
    quoted = False
    while words < target:
        draw = rnd()
        size = 1 if draw < 0.35 else 2 if draw < 0.8 else 3
        sentences: list[str] = []
        for _ in range(size):
            force = not quoted and words > target * 0.6
            group = "quote" if force or rnd() < QUOTE_SHARE else "body"
            sentence = cast.fill(groups[group])
            count = sentence.count(" ") + 1
            if words + count > MAX_WORDS:
                break
            quoted = quoted or group == "quote"
            sentences.append(sentence)
            words += count
        if not sentences:
            break
        paragraphs.append(" ".join(sentences))
    if rnd() < 0.6:
        closer = cast.fill(groups["closer"])
        if words + closer.count(" ") + 1 <= MAX_WORDS:
            paragraphs.append(closer)
    return "\n\n".join(paragraphs)


def random_headline(rng: random.Random, *, year: int = DEFAULT_START.year) -> str:
    """One invented headline on a random beat (for "related articles" lists and similar furniture)."""
    sites = publishers()
    cast = _cast(rng, rng.randrange(len(topics())), sites[rng.randrange(len(sites))], year)
    return cast.fill(compiled()["headline"])


def _slug(title: str) -> str:
    return "-".join(_SLUG.sub(" ", title.lower()).split()[:8])


def generate_articles(
    count: int, seed: int, *, start: datetime = DEFAULT_START
) -> Iterator[SyntheticArticle]:
    """Yield ``count`` synthetic articles for ``seed``, published in time order from ``start``.

    Urls are ``https://<publisher domain>/<section>/<slug>-<n>`` with ``n`` unique within the stream.
    """
    if count < 0:
        raise ValueError(f"count must be zero or more, got {count}")
    rng = random.Random(seed)
    rnd = rng.random
    sites = publishers()
    beats = topics()
    headline = compiled()["headline"]
    published = start
    for number in range(count):
        publisher = sites[int(rnd() * len(sites))]
        topic_index = int(rnd() * len(beats))
        published += timedelta(seconds=rng.expovariate(1 / 90))
        cast = _cast(rng, topic_index, publisher, published.year)
        target = min(MAX_WORDS, max(MIN_WORDS, int(rng.lognormvariate(math.log(MEDIAN_WORDS), SIGMA))))
        title = cast.fill(headline)
        text = _body(rng, cast, target)
        yield SyntheticArticle(
            url=f"https://{publisher.domain}/{beats[topic_index].section}/{_slug(title)}-{100000 + number}",
            title=title,
            text=text,
            publisher=publisher.name,
            published_at=published,
            domain=publisher.domain,
        )
