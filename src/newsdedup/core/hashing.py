"""Vectorised integer mixing shared by shingling, signing and banding (wrapping unsigned arithmetic)."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

_U32 = np.uint32
_U64 = np.uint64


def fmix32(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer, a bijection on uint32 (as datasketch pre-mixes its input)."""
    h = values.astype(_U32, copy=True)
    h ^= h >> _U32(16)
    h *= _U32(0x85EBCA6B)
    h ^= h >> _U32(13)
    h *= _U32(0xC2B2AE35)
    h ^= h >> _U32(16)
    return h


def fmix64(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's 64-bit finalizer, a bijection on uint64."""
    h = values.astype(_U64, copy=True)
    h ^= h >> _U64(33)
    h *= _U64(0xFF51AFD7ED558CCD)
    h ^= h >> _U64(33)
    h *= _U64(0xC4CEB9FE1A85EC53)
    h ^= h >> _U64(33)
    return h


@lru_cache(maxsize=16)
def position_multipliers(count: int) -> np.ndarray:
    """Odd 64-bit multipliers spanning the full width, one per position in an n-gram or band (read-only,
    made once per count: a generator costs more than signing a query)."""
    generator = np.random.Generator(np.random.PCG64(0x6E657773))
    multipliers = generator.integers(0, 1 << 63, size=count, dtype=np.uint64) * _U64(2) + _U64(1)
    multipliers.flags.writeable = False
    return multipliers


_WORD_SEED = _U64(0x243F6A8885A308D3)
_WORD_MULTIPLIER = _U64(0x9E3779B97F4A7C15)
_LOW_BYTES = np.array([(1 << (8 * count)) - 1 for count in range(8)] + [(1 << 64) - 1], dtype=_U64)
_PADDING = b" " * 8


def word_hashes_of(joined: bytes) -> tuple[np.ndarray, np.ndarray]:
    """The 64-bit ``mix64`` hash of every word of ``joined``, in order, and the offset where each starts.

    A word is a run of bytes other than ``b" "`` (the only separator; runs of it count as one). Its bytes
    are read as little-endian 8-byte chunks ``c0, c1, ...`` (the last one zero-padded);
    ``h = c0`` then ``h = fmix64(h ^ SEED) * M + ck`` for each further chunk, and the word's hash is
    ``fmix64(h ^ SEED)``. A word of up to 8 bytes without NUL bytes (every word of `token_bytes`) thus
    gets a hash no other such word has; longer words collide with the odds of a random 64-bit value.
    Vectorised over the whole buffer: no Python object per word.
    """
    size = len(joined)
    if size == 0:
        return np.empty(0, _U64), np.empty(0, np.int64)
    data = joined + _PADDING
    is_word = np.zeros(size + 2, dtype=bool)
    np.not_equal(np.frombuffer(data, dtype=np.uint8, count=size), 32, out=is_word[1:-1])
    edges = np.flatnonzero(is_word[1:] != is_word[:-1])
    starts = edges[0::2]
    lengths = edges[1::2] - starts
    # Every 8 bytes from every offset (unaligned reads); the padding makes the last ones readable.
    windows = np.ndarray((size + 1,), dtype="<u8", buffer=data, strides=(1,))
    hashes = windows[starts] & _LOW_BYTES[np.minimum(lengths, 8)]
    longer = np.flatnonzero(lengths > 8)
    done = 8
    while longer.shape[0]:
        chunk = windows[starts[longer] + done] & _LOW_BYTES[np.minimum(lengths[longer] - done, 8)]
        hashes[longer] = fmix64(hashes[longer] ^ _WORD_SEED) * _WORD_MULTIPLIER + chunk
        done += 8
        longer = longer[lengths[longer] > done]
    return fmix64(hashes ^ _WORD_SEED), starts


def word_hashes_of_words(words: list[bytes]) -> np.ndarray:
    """`word_hashes_of` a list of words (non-empty, without ``b" "``), one hash per word."""
    hashes, starts = word_hashes_of(b" ".join(words))
    if starts.shape[0] != len(words):
        raise ValueError("words must be non-empty and contain no space")
    return hashes
