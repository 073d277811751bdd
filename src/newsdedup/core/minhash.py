"""MinHash signatures for many documents at once, and their LSH band keys.

Signatures follow datasketch's ``affine32`` scheme bit for bit (see `SignatureScheme`); band keys are
64-bit hashes of each band's rows, with the band number mixed in.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from newsdedup.core.hashing import fmix32, fmix64, position_multipliers
from newsdedup.core.scheme import SignatureScheme

EMPTY_VALUE = np.uint32(0xFFFFFFFF)
"""The value of every slot of the signature of an empty set (datasketch's "empty" sentinel)."""

_CHUNK_CELLS = 1 << 22  # shingles x permutations computed at once: 16 MiB of uint32


def sign_many(shingle_sets: Sequence[np.ndarray], scheme: SignatureScheme) -> np.ndarray:
    """Return a ``(len(shingle_sets), num_perm)`` uint32 array: one signature per set of shingle hashes."""
    a, b = scheme.permutations
    signatures = np.full((len(shingle_sets), scheme.num_perm), EMPTY_VALUE, dtype=np.uint32)
    max_rows = max(1, _CHUNK_CELLS // scheme.num_perm)
    start = 0
    while start < len(shingle_sets):
        stop, rows = start, 0
        while stop < len(shingle_sets) and (rows == 0 or rows + len(shingle_sets[stop]) <= max_rows):
            rows += len(shingle_sets[stop])
            stop += 1
        signatures[start:stop] = _sign_chunk(shingle_sets[start:stop], a, b)
        start = stop
    return signatures


def _sign_chunk(shingle_sets: Sequence[np.ndarray], a: np.ndarray, b: np.ndarray) -> np.ndarray:
    out = np.full((len(shingle_sets), a.shape[0]), EMPTY_VALUE, dtype=np.uint32)
    members = [i for i, shingles in enumerate(shingle_sets) if len(shingles)]
    if not members:
        return out
    lengths = np.fromiter((len(shingle_sets[i]) for i in members), dtype=np.int64, count=len(members))
    values = np.concatenate([shingle_sets[i] for i in members])
    mixed = fmix32((values & np.uint64(0xFFFFFFFF)).astype(np.uint32))
    permuted = mixed[:, None] * a[None, :]
    permuted += b[None, :]
    offsets = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    out[members] = np.minimum.reduceat(permuted, offsets, axis=0)
    return out


def band_keys(signatures: np.ndarray, scheme: SignatureScheme) -> np.ndarray:
    """Return a ``(n, bands)`` int64 array: the LSH key of each band of each signature."""
    signatures = np.atleast_2d(signatures)
    used = signatures[:, : scheme.bands * scheme.rows].astype(np.uint64)
    grouped = used.reshape(signatures.shape[0], scheme.bands, scheme.rows)
    multipliers = position_multipliers(scheme.rows + 1)
    combined = np.arange(scheme.bands, dtype=np.uint64)[None, :] * multipliers[-1]
    for row in range(scheme.rows):
        combined = combined + grouped[:, :, row] * multipliers[row]
    return fmix64(combined).view(np.int64)


def estimate_jaccard(first: np.ndarray, second: np.ndarray) -> float:
    """The share of equal slots of two signatures: an unbiased estimate of their sets' Jaccard."""
    return int(np.count_nonzero(first == second)) / int(first.shape[0])
