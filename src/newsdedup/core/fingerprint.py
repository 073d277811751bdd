"""From text to everything the index stores about it: normalized hash, shingles, signature, band keys."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from newsdedup.core.minhash import band_keys, sign_many
from newsdedup.core.normalize import hashes_hash, token_buffer
from newsdedup.core.scheme import SignatureScheme
from newsdedup.core.shingle import batch_word_hashes, shingle_sets_of, sorted_unique


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What the index knows of one text under one scheme."""

    scheme_id: str
    text_hash: int
    """Signed 64-bit hash of the normalized text: equal for exact duplicates."""
    word_count: int
    shingles: np.ndarray
    """Sorted unique uint64 shingle hashes."""
    signature: np.ndarray
    """uint32, one value per permutation."""
    band_keys: np.ndarray
    """int64, one key per band."""

    @property
    def is_empty(self) -> bool:
        """True when the text had no words at all."""
        return self.word_count == 0

    def signature_bytes(self) -> bytes:
        """The signature as little-endian uint32 bytes, the form the store keeps."""
        return self.signature.astype("<u4").tobytes()

    def compact_shingles(self) -> np.ndarray:
        """The shingles in the compact form verification compares (see `compact_shingles`)."""
        return compact_shingles(self.shingles)


def compact_shingles(shingles: np.ndarray) -> np.ndarray:
    """The low 32 bits of each shingle hash, sorted and unique: half the bytes to store and compare.

    Two texts of a few thousand shingles each falsely share a compact value with odds of about
    ``n * m / 2**32`` (0.1% for 2,000 x 2,000): the overlap of a pair moves by one shingle at most then.
    Compare compact shingles only with compact shingles.
    """
    return sorted_unique(shingles.astype(np.uint32))


def shingles_to_bytes(compact: np.ndarray) -> bytes:
    """Compact shingles as little-endian uint32 bytes, the form the store keeps."""
    return compact.astype("<u4", copy=False).tobytes()


def shingles_from_bytes(data: bytes) -> np.ndarray:
    """Compact shingles stored by `shingles_to_bytes`."""
    if len(data) % 4:
        raise ValueError(f"stored shingles have {len(data)} bytes, not a multiple of 4")
    return np.frombuffer(data, dtype="<u4").astype(np.uint32)


def signature_from_bytes(data: bytes, scheme: SignatureScheme) -> np.ndarray:
    """Read a signature stored by `Fingerprint.signature_bytes`, checking its length against the scheme."""
    expected = scheme.num_perm * 4
    if len(data) != expected:
        raise ValueError(f"stored signature has {len(data)} bytes, scheme {scheme.id} needs {expected}")
    return np.frombuffer(data, dtype="<u4").astype(np.uint32)


def shingles_of(text: str, scheme: SignatureScheme) -> np.ndarray:
    """The shingle set of raw ``text`` under ``scheme``."""
    return shingles_of_many([text], scheme)[0]


def shingles_of_many(texts: Sequence[str], scheme: SignatureScheme) -> list[np.ndarray]:
    """`shingles_of` each text, hashed and combined for all of them at once (faster than one by one)."""
    hashes, counts = batch_word_hashes([token_buffer(text) for text in texts])
    return shingle_sets_of(hashes, counts, scheme.shingle_size)


def fingerprint_many(texts: Sequence[str], scheme: SignatureScheme) -> list[Fingerprint]:
    """Fingerprint many texts at once; signing and banding are vectorised over all of them."""
    hashes, counts = batch_word_hashes([token_buffer(text) for text in texts])
    sets = shingle_sets_of(hashes, counts, scheme.shingle_size)
    signatures = sign_many(sets, scheme)
    keys = band_keys(signatures, scheme) if len(texts) else np.empty((0, scheme.bands), np.int64)
    ends = np.cumsum(counts).tolist()
    word_counts = counts.tolist()
    return [
        Fingerprint(
            scheme_id=scheme.id,
            text_hash=hashes_hash(hashes[ends[i] - word_counts[i] : ends[i]]),
            word_count=word_counts[i],
            shingles=sets[i],
            signature=signatures[i],
            band_keys=keys[i],
        )
        for i in range(len(texts))
    ]


def fingerprint(text: str, scheme: SignatureScheme) -> Fingerprint:
    """Fingerprint one text."""
    return fingerprint_many([text], scheme)[0]
