"""Word n-gram shingles as 64-bit hashes.

Each word is hashed once (xxh64); an n-gram's hash combines its words' hashes with per-position odd
multipliers and a 64-bit finalizer, in NumPy, instead of hashing every n-gram string.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from itertools import chain

import numpy as np
import xxhash

from newsdedup.core.hashing import fmix64, position_multipliers

_EMPTY = np.empty(0, dtype=np.uint64)


def word_hashes(words: list[str]) -> np.ndarray:
    """One xxh64 value per word, in order."""
    digest = xxhash.xxh64_intdigest
    return np.fromiter((digest(word.encode()) for word in words), dtype=np.uint64, count=len(words))


@lru_cache(maxsize=8)
def _multipliers(size: int) -> np.ndarray:
    return position_multipliers(size)


def ngram_hashes(hashes: np.ndarray, size: int) -> np.ndarray:
    """The hash of every word n-gram, in order of position (duplicates kept).

    A text shorter than ``size`` words gives one shingle of all its words; an empty one gives none.
    """
    count = hashes.shape[0]
    if count == 0:
        return _EMPTY
    width = min(size, count)
    multipliers = _multipliers(size)
    combined = hashes[: count - width + 1] * multipliers[0]
    for offset in range(1, width):
        combined += hashes[offset : count - width + 1 + offset] * multipliers[offset]
    return fmix64(combined ^ np.uint64(width))


def _unique(values: np.ndarray) -> np.ndarray:
    """``np.unique`` for a 1-d array, with less overhead."""
    ordered = np.sort(values)
    if ordered.shape[0] < 2:
        return ordered
    keep = np.empty(ordered.shape[0], dtype=bool)
    keep[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]


def shingle_set(words: list[str], size: int) -> np.ndarray:
    """The sorted, unique word n-gram hashes of ``words``."""
    return _unique(ngram_hashes(word_hashes(words), size))


def shingle_sets(word_lists: Sequence[list[bytes]], size: int) -> list[np.ndarray]:
    """`shingle_set` of each list of UTF-8 encoded words; hashed and combined for all lists at once."""
    lengths = [len(words) for words in word_lists]
    total = sum(lengths)
    hashes = np.fromiter(
        map(xxhash.xxh64_intdigest, chain.from_iterable(word_lists)), dtype=np.uint64, count=total
    )
    combined = _EMPTY
    if total >= size:
        multipliers = _multipliers(size)
        combined = hashes[: total - size + 1] * multipliers[0]
        for offset in range(1, size):
            combined += hashes[offset : total - size + 1 + offset] * multipliers[offset]
        combined = fmix64(combined ^ np.uint64(size))
    sets = []
    start = 0
    for length in lengths:
        if length >= size:
            # n-grams starting in this list and ending in it; those spanning two lists are skipped.
            sets.append(_unique(combined[start : start + length - size + 1]))
        else:
            sets.append(_unique(ngram_hashes(hashes[start : start + length], size)))
        start += length
    return sets
