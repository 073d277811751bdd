"""Text normalization: the one place that decides which differences between two texts do not count.

Unicode NFKC, case folding, accents, typographic quotes and dashes, digit grouping, punctuation
and whitespace.
Any change to the output of `normalize` must bump `scheme.NORMALIZATION_VERSION`.
"""

from __future__ import annotations

import re
import unicodedata

import xxhash

_TRANSLATE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00ad": None,
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\ufeff": None,
    }
)
# A thousands separator between digits ("1,000", "1\u202f000") is dropped; a decimal point stays.
_DIGIT_GROUP = re.compile(r"(?<=\d)[,\u00a0\u202f](?=\d{3}\b)")
# Apostrophes inside words are dropped ("don't" -> "dont", "BBC's" -> "bbcs") so contractions are one token.
_INNER_APOSTROPHE = re.compile(r"(?<=\w)['`](?=\w)")
# A word is a run of letters and digits; a number keeps its decimal point ("3.5", "1.000").
_WORD = re.compile(r"\d+(?:\.\d+)+|[^\W_]+")


def normalize(text: str) -> str:
    """Return the canonical form of ``text``: lower-case words separated by single spaces.

    Idempotent: ``normalize(normalize(t)) == normalize(t)``.
    """
    if text.isascii():
        folded = text.lower()
    else:
        decomposed = unicodedata.normalize("NFKD", text).translate(_TRANSLATE)
        unaccented = "".join(char for char in decomposed if not unicodedata.combining(char))
        folded = unicodedata.normalize("NFKC", unaccented.casefold())
    folded = _DIGIT_GROUP.sub("", folded)
    folded = _INNER_APOSTROPHE.sub("", folded)
    return " ".join(_WORD.findall(folded))


def tokens(text: str) -> list[str]:
    """The words of ``text`` after normalization."""
    return normalize(text).split()


def text_hash(normalized: str) -> int:
    """A signed 64-bit hash of normalized text, for recognising exact duplicates without LSH."""
    return xxhash.xxh64_intdigest(normalized.encode("utf-8")) - (1 << 63)
