"""Vectorised integer mixing shared by shingling, signing and banding (wrapping unsigned arithmetic)."""

from __future__ import annotations

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


def position_multipliers(count: int) -> np.ndarray:
    """Odd 64-bit multipliers spanning the full width, one per position in an n-gram or band."""
    generator = np.random.Generator(np.random.PCG64(0x6E657773))
    return generator.integers(0, 1 << 63, size=count, dtype=np.uint64) * _U64(2) + _U64(1)
