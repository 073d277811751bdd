"""The signature scheme: every parameter that decides a signature, as one frozen value with an id.

Two signatures are comparable only when they were made under the same scheme, so the scheme is
stored beside the signatures and checked on every insert and query.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Any, Literal

import numpy as np

NORMALIZATION_VERSION = 1
"""Bump when `normalize` changes its output for any input: stored signatures become stale."""

ShingleKind = Literal["word"]
Permutation = Literal["datasketch-affine32"]
ShingleHash = Literal["mix64"]
"""How words are hashed (`hashing.word_hashes_of`), for shingles and for the exact-duplicate text hash.
Earlier builds used ``xxh64`` per word and of the joined text: indexes made so must be re-indexed."""
SHINGLE_HASHES = ("mix64",)


class SchemeError(ValueError):
    """A scheme is invalid, or differs from the scheme the data was indexed under."""


@dataclass(frozen=True, slots=True)
class SignatureScheme:
    """How text becomes a MinHash signature and LSH band keys.

    The permutations follow datasketch's ``affine32`` scheme (datasketch >= 2.0): each 64-bit
    shingle hash is cut to its low 32 bits, pre-mixed with the MurmurHash3 finalizer and mapped by
    ``a * h + b mod 2**32`` with odd ``a``; ``a`` and ``b`` come from ``numpy.random.RandomState(seed)``.
    A signature made here equals ``datasketch.MinHash(num_perm, seed, scheme="affine32",
    hashfunc=lambda v: v & 0xFFFFFFFF)`` fed the same shingle hashes.
    """

    normalization_version: int = NORMALIZATION_VERSION
    shingle_kind: ShingleKind = "word"
    shingle_size: int = 3
    shingle_hash: ShingleHash = "mix64"
    permutation: Permutation = "datasketch-affine32"
    num_perm: int = 128
    seed: int = 1
    bands: int = 64
    rows: int = 2

    def __post_init__(self) -> None:
        if self.normalization_version != NORMALIZATION_VERSION:
            raise SchemeError(
                f"normalization version {self.normalization_version} is not this build's "
                f"({NORMALIZATION_VERSION}); re-index with `newsdedup reindex`"
            )
        if self.shingle_hash not in SHINGLE_HASHES:
            raise SchemeError(
                f"shingle hash {self.shingle_hash!r} is not this build's ({', '.join(SHINGLE_HASHES)}); "
                "re-index with `newsdedup reindex`"
            )
        if self.shingle_size < 1:
            raise SchemeError(f"shingle_size must be at least 1, got {self.shingle_size}")
        if self.num_perm < 1:
            raise SchemeError(f"num_perm must be positive, got {self.num_perm}")
        if self.bands < 1 or self.rows < 1 or self.bands * self.rows > self.num_perm:
            raise SchemeError(
                f"bands x rows ({self.bands} x {self.rows}) must be at least 1 x 1 and fit in "
                f"num_perm ({self.num_perm}); choose bands * rows <= num_perm"
            )

    @property
    def id(self) -> str:
        """A short, stable, human-readable id that changes whenever any parameter changes."""
        return _scheme_id(self)

    def to_dict(self) -> dict[str, Any]:
        """All parameters, seed included, as plain JSON-able values."""
        return asdict(self)

    def canonical_json(self) -> str:
        """The parameters as canonical JSON: the form stored beside the signatures."""
        return json.dumps(self.to_dict(), sort_keys=True, separators=(",", ":"))

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> SignatureScheme:
        """Rebuild a scheme stored with `to_dict`; unknown keys are an error."""
        known = {
            "normalization_version",
            "shingle_kind",
            "shingle_size",
            "shingle_hash",
            "permutation",
            "num_perm",
            "seed",
            "bands",
            "rows",
        }
        unknown = set(values) - known
        if unknown:
            raise SchemeError(f"unknown scheme fields {sorted(unknown)}; this build knows {sorted(known)}")
        return cls(**values)

    @property
    def permutations(self) -> tuple[np.ndarray, np.ndarray]:
        """The ``(a, b)`` arrays of the affine permutations, exactly as datasketch draws them."""
        return _affine32_permutations(self.num_perm, self.seed)

    def require_same(self, stored: SignatureScheme) -> None:
        """Raise `SchemeError` with re-index advice unless ``stored`` is this scheme."""
        if stored != self:
            raise SchemeError(
                f"the index was built with signature scheme {stored.id} but this request uses {self.id}; "
                "signatures from different schemes cannot be compared. Re-index the articles under the "
                "new scheme with `newsdedup reindex`, or run with the scheme the index was built with."
            )


@lru_cache(maxsize=16)
def _scheme_id(scheme: SignatureScheme) -> str:
    """The id of ``scheme``, computed once per distinct scheme (it is checked on every query)."""
    digest = hashlib.sha256(scheme.canonical_json().encode()).hexdigest()[:10]
    return (
        f"n{scheme.normalization_version}-{scheme.shingle_kind}{scheme.shingle_size}-{scheme.shingle_hash}"
        f"-p{scheme.num_perm}-s{scheme.seed}-b{scheme.bands}x{scheme.rows}-{digest}"
    )


@lru_cache(maxsize=16)
def _affine32_permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    generator = np.random.RandomState(seed)
    a = generator.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = generator.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    a.setflags(write=False)
    b.setflags(write=False)
    return a, b


def default_scheme() -> SignatureScheme:
    """The tuned default scheme."""
    return SignatureScheme()
