"""Words of raw text with their character offsets, as passage alignment sees them.

Independent of `normalize` (which decides signatures): alignment needs offsets into the text as given,
a paraphrase-tolerant word form (a light stem that also folds British and American spelling), which
words are function words, which are facts (numbers, names), and which stand inside quotation marks.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import numpy as np
import xxhash

TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+(?:[.,/:-]\d+)*")
"""A word (letters, with inner apostrophes) or a number (digits, with inner separators); words first, as
most tokens are words (the two never start alike)."""
_ASCII_TOKEN = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)*|[0-9]+(?:[.,/:-][0-9]+)*")
"""`TOKEN` for a text all of ASCII: the same tokens, found faster (ranges test quicker than Unicode
categories)."""
LINE = re.compile(r"[^\n]+")
"""A line of a text (its offsets are the line's in the text)."""
_QUOTE_SPAN = re.compile(r"[\"“”«»][^\"“”«»\n]{1,600}[\"“”«»]")
_DIGIT_GROUP = re.compile(r"(?<=\d),(?=\d{3}(?:\D|$))")

_STOP_WORDS_TEXT = """
    a about above after again against ago all almost along already also although always am among an and
    another any anyone anything are around as at away back be became because become been before being
    below between both but by can cannot could did do does doing done down during each either else
    enough even ever every few for from further had has have having he her here hers herself him himself
    his how however i if in including into is it its itself just last least less like made make many may
    me might more most mostly much must my myself near nearly neither never new no nor not now of off
    often on once one only onto or other others otherwise our ours ourselves out over own per perhaps
    rather really said same say saying says she should since so some still such than that the their
    theirs them themselves then there therefore these they this those though through thus to too told
    toward towards under until up upon us very via was we were what whatever when where whether which
    while who whom whose why will with within without would yet you your yours mr mrs ms dr according
    told year years week day time
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())
"""Function words and words every news story uses: never evidence of copying on their own."""

_NUMBER_WORDS = {
    "zero": "0",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "eleven": "11",
    "twelve": "12",
    "thirteen": "13",
    "fourteen": "14",
    "fifteen": "15",
    "sixteen": "16",
    "seventeen": "17",
    "eighteen": "18",
    "nineteen": "19",
    "twenty": "20",
    "thirty": "30",
    "forty": "40",
    "fifty": "50",
    "sixty": "60",
    "seventy": "70",
    "eighty": "80",
    "ninety": "90",
    "hundred": "100",
}
_SUFFIXES = ("ingly", "edly", "ings", "ing", "ies", "ied", "ed", "ly", "s")
_SPELLING = (("isation", "ization"), ("is", "iz"), ("ys", "yz"), ("tr", "ter"))


CONTENT = 1
"""`word_info` flag: not a function word, so evidence of shared wording."""
NUMBER = 2
"""`word_info` flag: a number (digits or a spelled-out number); its stem is ``#`` + canonical digits."""
CAPITALIZED = 4
"""`word_info` flag: a capitalised content word, a name unless it starts a sentence."""
FLAG_BITS = 7
"""The bits of a `word_code` that hold its flags."""


def fold(word: str) -> str:
    """Lower case without accents, curly apostrophes made straight."""
    lower = word.lower().replace("’", "'")
    if lower.isascii():
        return lower
    decomposed = unicodedata.normalize("NFKD", lower)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=65536)
def stem(folded: str) -> str:
    """A light, cached stem: possessive, common suffixes and UK spelling removed, cut to 7 letters."""
    word = folded[:-2] if folded.endswith("'s") else folded.replace("'", "")
    if len(word) > 3:
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                word = word[: -len(suffix)]
                if suffix in ("ies", "ied"):
                    word += "y"
                break
    if len(word) > 4:
        word = word.replace("our", "or")
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    for old, new in _SPELLING:
        if word.endswith(old) and len(word) > len(old) + 2:
            word = word[: -len(old)] + new
            break
    return word[:7]


def canonical_number(raw: str) -> str:
    """A number without thousands separators or trailing zero decimals ("1,000.50" -> "1000.5")."""
    value = _DIGIT_GROUP.sub("", raw)
    if "." in value and value.replace(".", "", 1).isdigit():
        value = value.rstrip("0").rstrip(".")
    return value.lstrip("0") or "0"


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of quotations in double quotes (straight, curly or guillemets)."""
    return [(match.start(), match.end()) for match in _QUOTE_SPAN.finditer(text)]


def _info(stem_: str, flags: int) -> tuple[str, int, int]:
    return stem_, flags, xxhash.xxh64_intdigest(stem_.encode()) - (1 << 63)


def word_info(raw: str) -> tuple[str, int, int]:
    """One raw word or number: its stem, flags (`CONTENT`, `NUMBER`, `CAPITALIZED`) and stem hash.

    The hash is a signed 64-bit xxh64 of the stem, stable across processes.
    """
    if raw[0].isdigit():
        return _info("#" + canonical_number(raw), CONTENT | NUMBER)
    folded = fold(raw)
    number = _NUMBER_WORDS.get(folded)
    if number is not None:
        return _info("#" + number, CONTENT | NUMBER)
    if folded in STOP_WORDS or len(folded) < 2:
        return _info(stem(folded), 0)
    if raw[0].isupper():
        return _info(stem(folded), CONTENT | CAPITALIZED)
    return _info(stem(folded), CONTENT)


def token_pattern(text: str) -> re.Pattern[str]:
    """`TOKEN`, or its faster equivalent when ``text`` is all ASCII."""
    return _ASCII_TOKEN if text.isascii() else TOKEN


def words(text: str, start: int = 0, end: int | None = None) -> list[str]:
    """The raw words and numbers of ``text[start:end]``."""
    return token_pattern(text).findall(text, start, len(text) if end is None else end)


def word_code(raw: str) -> int:
    """`word_info` packed in one signed 64-bit integer: the stem hash with its low `FLAG_BITS` holding the
    flags (one array of these describes a text's words for alignment)."""
    _, flags, hashed = word_info(raw)
    return (hashed & ~FLAG_BITS) | flags


_CODES: dict[str, int] = {}
_CODES_KEPT = 200_000
"""Words whose code is remembered; past that the memory starts afresh (hostile input cannot grow it)."""


def word_codes(words: list[str]) -> np.ndarray:
    """`word_code` of each word as an int64 array, from a plain dict of the words seen before (a text's
    words are mostly known: one dict lookup each costs less than a bounded cache's bookkeeping)."""
    try:
        return np.fromiter(map(_CODES.__getitem__, words), np.int64, len(words))
    except KeyError:
        pass
    if len(_CODES) > _CODES_KEPT:
        _CODES.clear()
    for word in words:
        if word not in _CODES:
            _CODES[word] = word_code(word)
    return np.fromiter(map(_CODES.__getitem__, words), np.int64, len(words))
