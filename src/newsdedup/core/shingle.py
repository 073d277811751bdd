"""Word n-gram shingles as 64-bit hashes.

Each word is hashed once (xxh64); an n-gram's hash combines its words' hashes with per-position odd
multipliers and a 64-bit finalizer, in NumPy, instead of hashing every n-gram string.
"""

from __future__ import annotations

from functools import lru_cache

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


def shingle_set(words: list[str], size: int) -> np.ndarray:
    """The sorted, unique word n-gram hashes of ``words``."""
    return np.unique(ngram_hashes(word_hashes(words), size))
