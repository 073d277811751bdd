"""From text to everything the index stores about it: normalized hash, shingles, signature, band keys."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from newsdedup.core.minhash import band_keys, sign_many
from newsdedup.core.normalize import token_bytes, words_hash
from newsdedup.core.scheme import SignatureScheme
from newsdedup.core.shingle import shingle_sets


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


def signature_from_bytes(data: bytes, scheme: SignatureScheme) -> np.ndarray:
    """Read a signature stored by `Fingerprint.signature_bytes`, checking its length against the scheme."""
    expected = scheme.num_perm * 4
    if len(data) != expected:
        raise ValueError(f"stored signature has {len(data)} bytes, scheme {scheme.id} needs {expected}")
    return np.frombuffer(data, dtype="<u4").astype(np.uint32)


def shingles_of(text: str, scheme: SignatureScheme) -> np.ndarray:
    """The shingle set of raw ``text`` under ``scheme``."""
    return shingle_sets([token_bytes(text)], scheme.shingle_size)[0]


def shingles_of_many(texts: Sequence[str], scheme: SignatureScheme) -> list[np.ndarray]:
    """`shingles_of` each text, hashed and combined for all of them at once (faster than one by one)."""
    return shingle_sets([token_bytes(text) for text in texts], scheme.shingle_size)


def fingerprint_many(texts: Sequence[str], scheme: SignatureScheme) -> list[Fingerprint]:
    """Fingerprint many texts at once; signing and banding are vectorised over all of them."""
    words = [token_bytes(text) for text in texts]
    sets = shingle_sets(words, scheme.shingle_size)
    signatures = sign_many(sets, scheme)
    keys = band_keys(signatures, scheme) if len(texts) else np.empty((0, scheme.bands), np.int64)
    return [
        Fingerprint(
            scheme_id=scheme.id,
            text_hash=words_hash(words[i]),
            word_count=len(words[i]),
            shingles=sets[i],
            signature=signatures[i],
            band_keys=keys[i],
        )
        for i in range(len(texts))
    ]


def fingerprint(text: str, scheme: SignatureScheme) -> Fingerprint:
    """Fingerprint one text."""
    return fingerprint_many([text], scheme)[0]
