"""MinHash signatures for many documents at once, and their LSH band keys.

Signatures follow datasketch's ``affine32`` scheme bit for bit (see `SignatureScheme`); band keys are
64-bit hashes of each band's rows, with the band number mixed in.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from newsdedup.core.hashing import fmix32, fmix64, position_multipliers
from newsdedup.core.scheme import SignatureScheme

EMPTY_VALUE = np.uint32(0xFFFFFFFF)
"""The value of every slot of the signature of an empty set (datasketch's "empty" sentinel)."""

_CHUNK_SHINGLES = 1 << 16
"""Shingles signed per pass: one permutation's values (256 KiB of uint32) stay in cache."""
_SMALL_CHUNK = 2048
"""Up to this many shingles, one broadcast pass beats a loop over the permutations (e.g. one query)."""
_FIRST = np.zeros(1, dtype=np.int64)


def sign_many(shingle_sets: Sequence[np.ndarray], scheme: SignatureScheme) -> np.ndarray:
    """Return a ``(len(shingle_sets), num_perm)`` uint32 array: one signature per set of shingle hashes.

    Duplicated values in a set do not change its signature (a minimum ignores repeats).
    """
    a, b = scheme.permutations
    if len(shingle_sets) == 1 and 0 < len(shingle_sets[0]) <= _SMALL_CHUNK:
        # One query's text: no chunking to plan.
        return _sign_small(shingle_sets[0], _FIRST, a, b)
    signatures = np.full((len(shingle_sets), scheme.num_perm), EMPTY_VALUE, dtype=np.uint32)
    members = [i for i, shingles in enumerate(shingle_sets) if len(shingles)]
    if not members:
        return signatures
    lengths = np.fromiter((len(shingle_sets[i]) for i in members), dtype=np.int64, count=len(members))
    ends = np.cumsum(lengths)
    start = 0
    while start < len(members):
        # Whole sets per pass, at least one, about _CHUNK_SHINGLES values together.
        base = int(ends[start] - lengths[start])
        stop = max(start + 1, int(np.searchsorted(ends, base + _CHUNK_SHINGLES, side="right")))
        chunk = members[start:stop]
        values = np.concatenate([shingle_sets[i] for i in chunk])
        offsets = ends[start:stop] - lengths[start:stop] - base
        if values.shape[0] <= _SMALL_CHUNK:
            signatures[chunk] = _sign_small(values, offsets, a, b)
        else:
            signatures[chunk] = _sign_chunk(values, offsets, a, b).T
        start = stop
    return signatures


def _sign_small(values: np.ndarray, offsets: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``(len(offsets), num_perm)`` minima, all permutations in one broadcast."""
    mixed = fmix32(values.astype(np.uint32))
    permuted = a[:, None] * mixed[None, :]
    permuted += b[:, None]
    return np.minimum.reduceat(permuted, offsets, axis=1).T


def _sign_chunk(values: np.ndarray, offsets: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Permutation-major: ``(num_perm, len(offsets))`` minima of ``a * h + b`` over each non-empty run."""
    mixed = fmix32(values.astype(np.uint32))
    permuted = np.empty_like(mixed)
    out = np.empty((a.shape[0], offsets.shape[0]), dtype=np.uint32)
    for k in range(a.shape[0]):
        np.multiply(mixed, a[k], out=permuted)
        np.add(permuted, b[k], out=permuted)
        np.minimum.reduceat(permuted, offsets, out=out[k])
    return out


@lru_cache(maxsize=16)
def _band_seeds(bands: int, rows: int) -> np.ndarray:
    """What each band's key starts from: its number times the multiplier after its rows' (read-only)."""
    seeds: np.ndarray = np.arange(bands, dtype=np.uint64) * position_multipliers(rows + 1)[-1]
    seeds.flags.writeable = False
    return seeds


def band_keys(signatures: np.ndarray, scheme: SignatureScheme) -> np.ndarray:
    """Return a ``(n, bands)`` int64 array: the LSH key of each band of each signature."""
    signatures = np.atleast_2d(signatures)
    used = signatures[:, : scheme.bands * scheme.rows].astype(np.uint64)
    grouped = used.reshape(signatures.shape[0], scheme.bands, scheme.rows)
    multipliers = position_multipliers(scheme.rows + 1)
    combined = _band_seeds(scheme.bands, scheme.rows)[None, :]
    for row in range(scheme.rows):
        combined = combined + grouped[:, :, row] * multipliers[row]
    return fmix64(combined).view(np.int64)


def estimate_jaccard(first: np.ndarray, second: np.ndarray) -> float:
    """The share of equal slots of two signatures: an unbiased estimate of their sets' Jaccard."""
    return int(np.count_nonzero(first == second)) / int(first.shape[0])
