"""Sentences of a raw text with character offsets, their weighted content stems and their facts.

What `align` compares: each sentence (and each two neighbouring sentences taken together, for copies
that merge or split sentences) becomes a sparse vector of content-word stems, wording weighted 1 and
numbers and names `FACT_WEIGHT`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain
from typing import NamedTuple

import numpy as np

from newsdedup.core.furniture import furniture_flags
from newsdedup.core.lexical import (
    CAPITALIZED,
    CONTENT,
    FLAG_BITS,
    LINE,
    NUMBER,
    quote_spans,
    token_pattern,
    word_codes,
    words,
)
from newsdedup.core.shingle import run_starts

_CANDIDATE = re.compile(
    r"[.!?](?:[\"”’')\]]*(?=(?P<space>\s+)[\"“‘'(\[]?[A-Z0-9])|(?=[\"”’')\]]*(?:\s|\Z)))|[\n|•·]"
)
"""Where a sentence may end: an end mark before a space and an ASCII capital or digit (group ``space``
set: a sentence end unless the mark ends an abbreviation; the space is looked at, not taken, so its line
breaks stay candidates), else an end mark before a space, a line break or a separator (decided by
`_cut`). Every alternative starts with one of a few characters, which the regex engine scans for."""
_SEPARATORS = frozenset("|•·")
_CLOSERS = frozenset("\"”’')]")
_OPENERS = frozenset("\"“‘'([")
_ABBREVIATIONS_TEXT = """
    mr mrs ms dr st gen sen rep gov lt col sgt capt prof jr sr vs no nos inc corp co ltd jan feb mar apr
    jun jul aug sep sept oct nov dec
"""
_ABBREVIATIONS = frozenset(_ABBREVIATIONS_TEXT.split())
_LONGEST_ABBREVIATION = max(map(len, _ABBREVIATIONS))
"""Letters before a dot are read back at most one further than this: a longer word is no abbreviation."""
FACT_WEIGHT = 0.6
"""Weight of a number or a name in sentence similarity (wording weighs 1): independent reports of one
event share their names and numbers, a reworded copy shares its wording too."""
NUMBER_FACT, NAME_FACT, FIRST_NAME_FACT = 1, 2, 3
"""Kinds of fact (`Text.fact_kinds`)."""
MAX_SENTENCE_TOKENS = 48
"""Longer runs without a sentence end (tables, run-ons) are cut into pieces of this many words or fewer."""
_PIECE = 32
_LONG_CHARS = 200
_SHORT_LINE = 40
_UNWRAPPED = 0.6
"""A line this much shorter than the text's longest ends where it does (a heading, a list item), even
without a sentence end; longer ones may be prose hard-wrapped at a fixed width."""


class Sentence(NamedTuple):
    """One sentence of a text: its span and word counts (a named tuple: a text makes dozens)."""

    start: int
    end: int
    words: int
    original_words: int
    """Words outside quotation marks, none for site furniture (`furniture.furniture_flags`)."""


@dataclass(frozen=True, slots=True)
class Text:
    """A raw text cut into sentences, with each sentence's weighted content stems and facts."""

    text: str
    sentences: tuple[Sentence, ...]
    words: int
    original_words: int
    rows: np.ndarray
    """Row of each (row, stem) entry: rows ``0..n-1`` are the sentences, ``n..2n-2`` each two neighbouring
    sentences taken together (for sentences a copy merged or split). Entries are sorted by stem hash."""
    keys: np.ndarray
    """Stem hash of each entry (int64)."""
    weights: np.ndarray
    """Weight of each entry: 1 for wording, `FACT_WEIGHT` for numbers and names (float64)."""
    norms: np.ndarray
    """Euclidean norm of each row's weights."""
    sizes: np.ndarray
    """Number of content stems of each row."""
    fact_rows: np.ndarray
    """Sentence of each fact: a number, or a name (see `_names`)."""
    fact_keys: np.ndarray
    """Stem hash of each fact."""
    fact_kinds: np.ndarray
    """`NUMBER_FACT`, `NAME_FACT` (a name inside its sentence) or `FIRST_NAME_FACT` (first word)."""
    marks: np.ndarray
    """Sorted stem hashes of every content word of the text: where the other side's facts are looked for."""


def _abbreviation_before(text: str, dot: int) -> bool:
    start = dot
    limit = max(dot - _LONGEST_ABBREVIATION - 1, 0)
    while start > limit and text[start - 1].isalpha():
        start -= 1
    word = text[start:dot]
    return len(word) == 1 or word.lower() in _ABBREVIATIONS


def _next_visible(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def _starts_sentence(text: str, position: int) -> bool:
    if position < len(text) and text[position] in _OPENERS:
        position += 1
    return position < len(text) and (text[position].isupper() or text[position].isdigit())


def _cut(text: str, index: int, width: int) -> tuple[int, int] | None:
    """Where a sentence ends at ``text[index]`` and the next one starts, if it does; ``width`` is the
    text's longest line."""
    char = text[index]
    if char in _SEPARATORS:
        return index, index + 1
    if char == "\n":
        following = _next_visible(text, index + 1)
        if "\n" in text[index + 1 : following]:
            return index, following
        line_start = text.rfind("\n", 0, index) + 1
        line = text[line_start:index].rstrip()
        wrapped = bool(line) and (line[-1].islower() or line[-1] == ",")
        short = len(line) < _SHORT_LINE and not wrapped
        if (short or len(line) < _UNWRAPPED * width) and _starts_sentence(text, following):
            return index, following
        return None
    end = index + 1
    while end < len(text) and text[end] in _CLOSERS:
        end += 1
    if end < len(text) and not text[end].isspace():
        return None
    following = _next_visible(text, end)
    if not _starts_sentence(text, following) or (char == "." and _abbreviation_before(text, index)):
        return None
    return end, following


def _spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans: cut at blank lines, separators, sentence ends and after short lines."""
    spans = []
    cursor = 0
    width = max(map(len, text.split("\n"))) if "\n" in text else len(text)
    cuts: list[tuple[int, int]] = []
    for found in _CANDIDATE.finditer(text):
        space = found.start("space")
        if space < 0:
            cut = _cut(text, found.start(), width)
            if cut is not None:
                cuts.append(cut)
        elif text[found.start()] != "." or not _abbreviation_before(text, found.start()):
            cuts.append((space, found.end("space")))
    cuts.append((len(text), len(text)))
    for end, resume in cuts:
        if cursor < end and not text[cursor].isspace() and not text[end - 1].isspace():
            spans.append((cursor, end))
        else:
            segment = text[cursor:end]
            stripped = segment.strip()
            if stripped:
                first = cursor + (len(segment) - len(segment.lstrip()))
                spans.append((first, first + len(stripped)))
        cursor = max(cursor, resume)
    return spans


def _split_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """An over-long run cut at its line breaks (a list of headlines has no sentence ends), and lines still
    too long cut every `_PIECE` words."""
    token = token_pattern(text)
    if len(token.findall(text, start, end)) <= MAX_SENTENCE_TOKENS:
        return [(start, end)]
    if text.find("\n", start, end) >= 0:
        pieces = []
        for line in LINE.finditer(text, start, end):
            segment = line.group()
            first = line.start() + len(segment) - len(segment.lstrip())
            last = line.start() + len(segment.rstrip())
            if last > first:
                pieces.extend(_split_long(text, first, last))
        return pieces
    offsets = [found.start() for found in token.finditer(text, start, end)]
    cuts = offsets[_PIECE::_PIECE]
    bounds = [start, *cuts, end]
    return [(bounds[k], bounds[k + 1]) for k in range(len(bounds) - 1)]


def _pieces(text: str) -> list[tuple[int, int]]:
    pieces = []
    for start, end in _spans(text):
        pieces.extend(_split_long(text, start, end) if end - start > _LONG_CHARS else [(start, end)])
    return pieces


KEY_BITS = 40
"""Stem hashes are cut to this many bits, so that a stem and a row number pack into one int64 entry (two
stems of a 100,000-word vocabulary share a hash with odds of about 1 in 200; a pair of texts that both
hold such a pair is rarer still)."""
ROW_BITS = 63 - KEY_BITS
_KEY_MASK = np.int64((1 << KEY_BITS) - 1)
_ROW_MASK = np.int64((1 << ROW_BITS) - 1)
_MAX_PACKED_ROWS = 1 << ROW_BITS
"""Rows that fit beside the stem in a non-negative int64: 8 million, far above a text of the longest
accepted size (`Settings.max_text_chars`)."""


def _unique_max(packed: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One entry per packed value, keeping the largest weight, sorted."""
    if packed.size == 0:
        return packed, weights
    order = packed.argsort()
    packed, weights = packed[order], weights[order]
    starts = run_starts(packed).nonzero()[0]
    return packed[starts], np.maximum.reduceat(weights, starts)


def _empty(text: str) -> Text:
    ints, floats = np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float64)
    return Text(
        text, (), 0, 0, ints, ints, floats, floats, floats, ints, ints, np.empty(0, dtype=np.int8), ints
    )


def _with_neighbours(packed: np.ndarray, weights: np.ndarray, count: int) -> tuple[np.ndarray, np.ndarray]:
    """The (stem, row) entries of the sentences and, again, as rows of two neighbouring sentences taken
    together (row ``count + k``: ``k, k+1``); not yet unique."""
    rows = packed & _ROW_MASK
    later, earlier = rows > 0, rows < count - 1
    return (
        np.concatenate([packed, packed[later] + (count - 1), packed[earlier] + count]),
        np.concatenate([weights, weights[later], weights[earlier]]),
    )


def _names(keys: np.ndarray, capitalized: np.ndarray, first: np.ndarray) -> np.ndarray:
    """Capitalised words that are names: inside a sentence; or first in it and followed by another
    capitalised word ("Harbor Foods said") or capitalised inside some sentence of the text too."""
    inside = capitalized & ~first
    names: np.ndarray = inside.copy()
    leading = (capitalized & first).nonzero()[0]
    if leading.size:
        known = set(keys[inside].tolist())
        following = inside[np.minimum(leading + 1, keys.size - 1)] & (leading + 1 < keys.size)
        elsewhere = np.array([key in known for key in keys[leading].tolist()], dtype=bool)
        names[leading] = following | elsewhere
    return names


def _quoted_words(
    text: str, quotes: list[tuple[int, int]], quote_ends: list[int], start: int, end: int
) -> int:
    """Words of ``text[start:end]`` inside quotations (``quotes`` in order, ``quote_ends`` their ends)."""
    count = 0
    for index in range(bisect_right(quote_ends, start), len(quotes)):
        q_start, q_end = quotes[index]
        if q_start >= end:
            break
        count += len(words(text, max(start, q_start), min(end, q_end)))
    return count


def analyse(text: str) -> Text:
    """Cut ``text`` into sentences (blank lines, short lines, sentence ends, over-long runs) and describe
    each by its weighted content stems and its facts."""
    quotes = quote_spans(text)
    quote_ends = [q_end for _, q_end in quotes]
    tokens_of = token_pattern(text).findall
    found = [(start, end, tokens_of(text, start, end)) for start, end in _pieces(text)]
    spans = [(start, end, tokens) for start, end, tokens in found if tokens]
    furniture = furniture_flags(text, spans)
    sentences: list[Sentence] = []
    for (start, end, tokens), is_furniture in zip(spans, furniture, strict=True):
        quoted = _quoted_words(text, quotes, quote_ends, start, end) if quotes and not is_furniture else 0
        original = 0 if is_furniture else len(tokens) - quoted
        sentences.append(Sentence(start, end, len(tokens), original))
    if not sentences:
        return _empty(text)
    return _describe(text, sentences, chain.from_iterable(tokens for _, _, tokens in spans))


def _describe(text: str, sentences: list[Sentence], tokens: Iterable[str]) -> Text:
    """The `Text` of ``text`` cut into ``sentences`` with these words, in order."""
    count = len(sentences)
    if 2 * count >= _MAX_PACKED_ROWS:
        raise ValueError(f"a text of {count} sentences is too long to align")
    counts = np.fromiter((sentence.words for sentence in sentences), dtype=np.int64, count=count)
    code = word_codes(list(tokens))
    key = (code >> (64 - KEY_BITS)) & _KEY_MASK
    flag = code & FLAG_BITS
    row = np.arange(count, dtype=np.int64).repeat(counts)
    first = np.zeros(key.size, dtype=bool)
    first[counts.cumsum() - counts] = True
    content = (flag & CONTENT) != 0
    number = (flag & NUMBER) != 0
    fact = number | _names(key, (flag & CAPITALIZED) != 0, first)
    weight = np.where(fact, FACT_WEIGHT, 1.0)
    by_stem = (key[content] << ROW_BITS) | row[content]
    packed, all_weights = _unique_max(*_with_neighbours(by_stem, weight[content], count))
    sorted_keys = packed >> ROW_BITS
    all_rows = packed & _ROW_MASK
    width = 2 * count - 1
    kind = np.where(number, NUMBER_FACT, np.where(first, FIRST_NAME_FACT, NAME_FACT))
    by_row = (row[fact] << KEY_BITS) | key[fact]
    facts, fact_kinds = _unique_max(by_row, -kind[fact].astype(np.float64))
    return Text(
        text=text,
        sentences=tuple(sentences),
        words=int(key.size),
        original_words=sum(sentence.original_words for sentence in sentences),
        rows=all_rows,
        keys=sorted_keys,
        weights=all_weights,
        norms=np.sqrt(np.bincount(all_rows, weights=all_weights * all_weights, minlength=width)),
        sizes=np.bincount(all_rows, minlength=width).astype(np.float64),
        fact_rows=facts >> KEY_BITS,
        fact_keys=facts & _KEY_MASK,
        fact_kinds=(-fact_kinds).astype(np.int8),
        marks=sorted_keys[run_starts(sorted_keys)],
    )
