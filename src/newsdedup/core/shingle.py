"""Word n-gram shingles as 64-bit hashes.

Each word is hashed once (`hashing.word_hashes_of`, vectorised over a whole batch's bytes); an n-gram's
hash combines its words' hashes with per-position odd multipliers and a 64-bit finalizer, in NumPy,
instead of hashing every n-gram string.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

import numpy as np

from newsdedup.core.hashing import fmix64, position_multipliers, word_hashes_of, word_hashes_of_words

_EMPTY = np.empty(0, dtype=np.uint64)
_CHUNK_BYTES = 1 << 17
"""Bytes of text whose words are hashed in one pass (its uint64 arrays stay in cache)."""


def word_hashes(words: list[str]) -> np.ndarray:
    """One ``mix64`` value per word (non-empty, without spaces), in order."""
    return word_hashes_of_words([word.encode() for word in words])


def batch_word_hashes(buffers: Sequence[bytes]) -> tuple[np.ndarray, np.ndarray]:
    """The word hashes of many texts, concatenated, and each text's word count.

    Each buffer holds one text's words separated by ``b" "`` (see `normalize.token_buffer`).
    """
    if not buffers:
        return _EMPTY, np.empty(0, dtype=np.int64)
    if len(buffers) == 1:
        hashes, starts = word_hashes_of(buffers[0])
        return hashes, np.array([starts.shape[0]], dtype=np.int64)
    sizes = np.fromiter(map(len, buffers), dtype=np.int64, count=len(buffers)) + 1
    # Texts hashed together, about _CHUNK_BYTES at a time: the per-byte arrays stay in cache.
    cuts = np.searchsorted(np.cumsum(sizes), np.arange(_CHUNK_BYTES, int(sizes.sum()), _CHUNK_BYTES))
    bounds = [0, *np.unique(cuts[cuts > 0]).tolist(), len(buffers)]
    hash_parts = []
    count_parts = []
    for first, last in pairwise(bounds):
        if first == last:
            continue
        hashes, starts = word_hashes_of(b" ".join(buffers[first:last]))
        # Text i spans [ends[i] - len(buffers[i]), ends[i]) of the joined bytes.
        ends = np.cumsum(sizes[first:last]) - 1
        hash_parts.append(hashes)
        count_parts.append(np.diff(np.searchsorted(starts, ends), prepend=0))
    if len(hash_parts) == 1:
        return hash_parts[0], count_parts[0]
    return np.concatenate(hash_parts), np.concatenate(count_parts)


def ngram_hashes(hashes: np.ndarray, size: int) -> np.ndarray:
    """The hash of every word n-gram, in order of position (duplicates kept).

    A text shorter than ``size`` words gives one shingle of all its words; an empty one gives none.
    """
    count = hashes.shape[0]
    if count == 0:
        return _EMPTY
    width = min(size, count)
    multipliers = position_multipliers(size)
    combined = hashes[: count - width + 1] * multipliers[0]
    for offset in range(1, width):
        combined += hashes[offset : count - width + 1 + offset] * multipliers[offset]
    return fmix64(combined ^ np.uint64(width))


def sorted_unique(values: np.ndarray) -> np.ndarray:
    """``np.unique`` of a 1-d array, with less overhead (sorting beats NumPy's hash-based unique on the
    arrays of one text)."""
    ordered = np.sort(values)
    if ordered.shape[0] < 2:
        return ordered
    unique: np.ndarray = ordered[run_starts(ordered)]
    return unique


def run_starts(ordered: np.ndarray) -> np.ndarray:
    """A mask of the first element of each run of equal values in a sorted 1-d array."""
    first = np.empty(ordered.shape[0], dtype=bool)
    first[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    return first


def shingle_set(words: list[str], size: int) -> np.ndarray:
    """The sorted, unique word n-gram hashes of ``words``."""
    return sorted_unique(ngram_hashes(word_hashes(words), size))


def shingle_sets(word_lists: Sequence[list[bytes]], size: int) -> list[np.ndarray]:
    """`shingle_set` of each list of UTF-8 encoded words; hashed and combined for all lists at once."""
    hashes, counts = batch_word_hashes([b" ".join(words) for words in word_lists])
    if counts.tolist() != [len(words) for words in word_lists]:
        raise ValueError("words must be non-empty and contain no space")
    return shingle_sets_of(hashes, counts, size)


def shingle_sets_of(hashes: np.ndarray, counts: np.ndarray, size: int) -> list[np.ndarray]:
    """The shingle sets of consecutive texts whose word hashes, concatenated, are ``hashes``, text ``i``
    having ``counts[i]`` words (as `batch_word_hashes` gives them)."""
    total = hashes.shape[0]
    combined = _EMPTY
    if total >= size:
        multipliers = position_multipliers(size)
        combined = hashes[: total - size + 1] * multipliers[0]
        for offset in range(1, size):
            combined += hashes[offset : total - size + 1 + offset] * multipliers[offset]
        combined = fmix64(combined ^ np.uint64(size))
    sets = []
    start = 0
    for length in counts.tolist():
        if length >= size:
            # n-grams starting in this text and ending in it; those spanning two texts are skipped.
            sets.append(sorted_unique(combined[start : start + length - size + 1]))
        else:
            sets.append(sorted_unique(ngram_hashes(hashes[start : start + length], size)))
        start += length
    return sets
