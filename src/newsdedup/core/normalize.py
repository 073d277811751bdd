"""Text normalization: the one place that decides which differences between two texts do not count.

Unicode NFKC, case folding, accents, typographic quotes and dashes, digit grouping, punctuation
and whitespace.
Any change to the output of `normalize` must bump `scheme.NORMALIZATION_VERSION`.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import xxhash

from newsdedup.core.hashing import word_hashes_of

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
# (Each pattern starts with its character class and looks behind after it, so `re` skips ahead fast.)
_DIGIT_GROUP = re.compile(r"[,\u00a0\u202f](?<=\d[,\u00a0\u202f])(?=\d{3}\b)")
# Apostrophes inside words are dropped ("don't" -> "dont", "BBC's" -> "bbcs") so contractions are one token.
_INNER_APOSTROPHE = re.compile(r"['`](?<=\w['`])(?=\w)")
# A word is a run of letters and digits; a number keeps its decimal point ("3.5", "1.000").
_WORD = re.compile(r"(?=[^\W_])(?:\d+(?:\.\d+)+|[^\W_]+)")
# Every ASCII character that can be in neither a word nor a number becomes a space; the pieces between
# spaces then go through _WORD only when they need to (a word never spans such a character, so matching
# piece by piece finds the same words). Without a digit-dot-digit anywhere, a dot is a space too.
_DECIMAL_POINT = re.compile(r"\.(?<=\d\.)(?=\d)")
_SEPARATORS = str.maketrans(
    {chr(code): " " for code in range(128) if not (chr(code).isalnum() or chr(code) == ".")}
)
_SEPARATORS_AND_DOTS = str.maketrans({chr(code): " " for code in range(128) if not chr(code).isalnum()})


def _fold(text: str) -> str:
    """Case, accents, compatibility forms, typographic quotes and dashes of a non-ASCII text."""
    decomposed = unicodedata.normalize("NFKD", text).translate(_TRANSLATE)
    marks = {ord(char): None for char in set(decomposed) if unicodedata.combining(char)}
    unaccented = decomposed.translate(marks) if marks else decomposed
    return unicodedata.normalize("NFKC", unaccented.casefold())


def tokens(text: str) -> list[str]:
    """The words of ``text`` after normalization: ``normalize(text).split()``."""
    return _words(text.lower() if text.isascii() else _fold(text))


def _words(folded: str) -> list[str]:
    if "," in folded or "\u00a0" in folded or "\u202f" in folded:
        folded = _DIGIT_GROUP.sub("", folded)
    if "'" in folded or "`" in folded:
        folded = _INNER_APOSTROPHE.sub("", folded)
    ascii_only = folded.isascii()
    if _DECIMAL_POINT.search(folded) is None:
        pieces = folded.translate(_SEPARATORS_AND_DOTS).split()
        if ascii_only:
            return pieces
    else:
        pieces = folded.translate(_SEPARATORS).split()
    words: list[str] = []
    for piece in pieces:
        if (ascii_only and "." not in piece) or (piece.isascii() and piece.isalnum()):
            words.append(piece)
        else:
            words += _WORD.findall(piece)
    return words


# The same rules over ASCII bytes, where `re` and `bytes.translate` are faster (\d and \w mean the same).
_DIGIT_GROUP_ASCII = re.compile(rb",(?<=\d,)(?=\d{3}\b)")
_INNER_APOSTROPHE_ASCII = re.compile(rb"['`](?<=\w['`])(?=\w)")
_DECIMAL_POINT_ASCII = re.compile(rb"\.(?<=\d\.)(?=\d)")
_WORD_ASCII = re.compile(rb"(?=[^\W_])(?:\d+(?:\.\d+)+|[^\W_]+)")
_KEEP = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
_BYTE_SEPARATORS = bytes(code if code in _KEEP or code == ord(".") else ord(" ") for code in range(256))
_BYTE_SEPARATORS_AND_DOTS = bytes(code if code in _KEEP else ord(" ") for code in range(256))
# Decimal points marked as \x01 survive as part of a piece. Letters right after a number ("1.5bn")
# start a new word, as _WORD has it; a letter before one ("a1.5" -> "a1", "5") sends the text the
# piece-by-piece way.
_MARKED_SEPARATORS = bytes(code if code in _KEEP or code == 1 else ord(" ") for code in range(256))
_DECIMAL_THEN_LETTER = re.compile(rb"\x01[0-9]+(?=[A-Za-z])")
_LETTER_THEN_DECIMAL = re.compile(rb"[A-Za-z][0-9]*\x01")


# Characters that fold alone, to ASCII or to a symbol that is no part of any word (then "?"), whatever
# surrounds them; a text that is ASCII apart from these skips the Unicode folding.
_INERT = (
    ("\u00a3", b"?"),  # pound sign
    ("\u20ac", b"?"),  # euro sign
    ("\u00a5", b"?"),  # yen sign
    ("\u00b0", b"?"),  # degree sign
    ("\u2022", b"?"),  # bullet
    ("\u2018", b"'"),
    ("\u2019", b"'"),
    ("\u201c", b'"'),
    ("\u201d", b'"'),
    ("\u00ab", b'"'),
    ("\u00bb", b'"'),
    ("\u2013", b"-"),
    ("\u2014", b"-"),
)
_INERT_UTF8 = tuple((char.encode(), ascii_form) for char, ascii_form in _INERT)


def token_bytes(text: str) -> list[bytes]:
    """`tokens` encoded as UTF-8: ``token_buffer(text).split()``."""
    return token_buffer(text).split()


def token_buffer(text: str) -> bytes:
    """The UTF-8 words of `tokens`, separated by one or more ``b" "`` (the only other byte never in a word).

    Computed on ASCII bytes whenever that gives the same words (faster). After folding, a non-ASCII
    character that is neither a letter or digit nor a digit-group space acts exactly like any ASCII
    separator, so it may become ``?`` and the bytes rules apply.
    """
    if text.isascii():
        return _ascii_words(text.encode("ascii").lower())
    raw = text.encode()
    for char, ascii_form in _INERT_UTF8:
        if char in raw:
            raw = raw.replace(char, ascii_form)
    if raw.isascii():
        return _ascii_words(raw.lower())
    folded = _fold(text)
    others = {char for char in set(folded) if char >= "\x80"}
    if "\u00a0" in others or "\u202f" in others or any(char.isalnum() for char in others):
        return " ".join(_words(folded)).encode()
    return _ascii_words(folded.encode("ascii", "replace"))


def _ascii_words(folded: bytes) -> bytes:
    if b"," in folded:
        folded = _DIGIT_GROUP_ASCII.sub(b"", folded)
    if b"'" in folded or b"`" in folded:
        folded = _INNER_APOSTROPHE_ASCII.sub(b"", folded)
    if _DECIMAL_POINT_ASCII.search(folded) is None:
        return folded.translate(_BYTE_SEPARATORS_AND_DOTS)
    if b"\x01" not in folded:
        marked = _DECIMAL_POINT_ASCII.sub(b"\x01", folded).translate(_MARKED_SEPARATORS)
        marked = _DECIMAL_THEN_LETTER.sub(rb"\g<0> ", marked)
        if not _letter_then_decimal(marked):
            return marked.replace(b"\x01", b".")
    words: list[bytes] = []
    for piece in folded.translate(_BYTE_SEPARATORS).split():
        if b"." in piece:
            words += _WORD_ASCII.findall(piece)
        else:
            words.append(piece)
    return b" ".join(words)


def _letter_then_decimal(marked: bytes) -> bool:
    """``_LETTER_THEN_DECIMAL.search(marked) is not None``, looking only around each (rare) ``\x01``
    instead of trying the pattern at every letter (which took half of the tokenising time)."""
    at = marked.find(b"\x01")
    while at != -1:
        if marked[:at].rstrip(b"0123456789")[-1:].isalpha():
            return True
        at = marked.find(b"\x01", at + 1)
    return False


def normalize(text: str) -> str:
    """Return the canonical form of ``text``: lower-case words separated by single spaces.

    Idempotent: ``normalize(normalize(t)) == normalize(t)``.
    """
    return " ".join(tokens(text))


def text_hash(normalized: str) -> int:
    """A signed 64-bit hash of normalized text, for recognising exact duplicates without LSH.

    The xxh64 of its words' ``mix64`` hashes (little-endian uint64 bytes, `hashes_hash`): equal word
    sequences, equal hashes; the word hashes are computed for shingling anyway.
    """
    return hashes_hash(word_hashes_of(normalized.encode("utf-8"))[0])


def hashes_hash(word_hashes: np.ndarray) -> int:
    """`text_hash` of the normalized text whose word hashes, in order, are ``word_hashes`` (uint64)."""
    return xxhash.xxh64_intdigest(word_hashes.astype("<u8", copy=False).tobytes()) - (1 << 63)
