import math

import numpy as np
import pytest
from datasketch import MinHash
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdedup.core import (
    SchemeError,
    SignatureScheme,
    band_keys,
    default_scheme,
    estimate_jaccard,
    fingerprint,
    fingerprint_many,
    shingle_set,
    sign_many,
    signature_from_bytes,
)

SCHEME = default_scheme()
uint64_sets = st.sets(st.integers(min_value=0, max_value=(1 << 64) - 1), max_size=300)


def datasketch_signature(values: np.ndarray, scheme: SignatureScheme) -> np.ndarray:
    sketch = MinHash(
        num_perm=scheme.num_perm, seed=scheme.seed, scheme="affine32", hashfunc=lambda v: int(v) & 0xFFFFFFFF
    )
    if len(values):
        sketch.update_batch([int(v) for v in values])
    return np.asarray(sketch.hashvalues, dtype=np.uint32)


@settings(max_examples=60, deadline=None)
@given(st.lists(uint64_sets, min_size=1, max_size=5), st.integers(min_value=1, max_value=2**31))
def test_signatures_are_identical_to_datasketch(sets: list[set[int]], seed: int) -> None:
    scheme = SignatureScheme(seed=seed, num_perm=64, bands=32, rows=2)
    arrays = [np.array(sorted(values), dtype=np.uint64) for values in sets]
    ours = sign_many(arrays, scheme)
    for row, values in zip(ours, arrays, strict=True):
        assert np.array_equal(row, datasketch_signature(values, scheme))


def test_batches_larger_than_one_chunk_sign_like_single_documents() -> None:
    rng = np.random.default_rng(7)
    arrays = [np.unique(rng.integers(0, 1 << 63, size=n, dtype=np.uint64)) for n in (0, 40_000, 3, 0, 50_000)]
    together = sign_many(arrays, SCHEME)
    for row, values in zip(together, arrays, strict=True):
        assert np.array_equal(row, sign_many([values], SCHEME)[0])


@settings(max_examples=40, deadline=None)
@given(
    st.integers(min_value=50, max_value=400),
    st.integers(min_value=0, max_value=400),
    st.integers(min_value=0, max_value=400),
    st.integers(min_value=0, max_value=2**32),
)
def test_estimated_jaccard_is_within_a_statistical_bound(
    shared: int, only_a: int, only_b: int, seed: int
) -> None:
    rng = np.random.default_rng(seed)
    pool = np.unique(rng.integers(0, 1 << 63, size=shared + only_a + only_b + 64, dtype=np.uint64))
    rng.shuffle(pool)
    common, rest = pool[:shared], pool[shared:]
    first = np.unique(np.concatenate([common, rest[:only_a]]))
    second = np.unique(np.concatenate([common, rest[only_a : only_a + only_b]]))
    exact = len(np.intersect1d(first, second)) / len(np.union1d(first, second))
    scheme = SignatureScheme(num_perm=256, bands=128, rows=2)
    estimate = estimate_jaccard(*sign_many([first, second], scheme))
    bound = 5 * math.sqrt(exact * (1 - exact) / scheme.num_perm) + 1 / scheme.num_perm
    assert abs(estimate - exact) <= bound


def test_shingles_respect_word_order_and_short_texts() -> None:
    assert not np.array_equal(shingle_set(["a", "b", "c"], 3), shingle_set(["c", "b", "a"], 3))
    assert len(shingle_set(["only", "two"], 3)) == 1
    assert len(shingle_set([], 3)) == 0
    assert len(shingle_set(["a", "b", "c", "a", "b", "c"], 3)) == 3


def test_band_keys_depend_on_band_position_and_values() -> None:
    signature = np.zeros(SCHEME.num_perm, dtype=np.uint32)
    keys = band_keys(signature, SCHEME)[0]
    assert keys.dtype == np.int64 and len(set(keys.tolist())) == SCHEME.bands
    changed = signature.copy()
    changed[0] = 1
    after = band_keys(changed, SCHEME)[0]
    assert after[0] != keys[0] and np.array_equal(after[1:], keys[1:])


def test_fingerprint_round_trips_its_signature_bytes() -> None:
    print_ = fingerprint("The quick brown fox jumps over the lazy dog.", SCHEME)
    assert np.array_equal(signature_from_bytes(print_.signature_bytes(), SCHEME), print_.signature)
    with pytest.raises(ValueError, match="bytes"):
        signature_from_bytes(b"\x00" * 10, SCHEME)


def test_empty_text_gives_an_empty_fingerprint() -> None:
    (empty,) = fingerprint_many(["  ...  "], SCHEME)
    assert empty.is_empty and empty.shingles.size == 0


def test_scheme_id_changes_with_every_parameter_including_the_seed() -> None:
    variants = [
        SCHEME,
        SignatureScheme(seed=2),
        SignatureScheme(shingle_size=4),
        SignatureScheme(num_perm=256),
        SignatureScheme(bands=32, rows=4),
    ]
    assert len({scheme.id for scheme in variants}) == len(variants)
    assert SignatureScheme.from_dict(SCHEME.to_dict()) == SCHEME


def test_invalid_schemes_say_what_to_change() -> None:
    with pytest.raises(SchemeError, match="bands \\* rows <= num_perm"):
        SignatureScheme(bands=100, rows=2)
    with pytest.raises(SchemeError, match="unknown scheme fields"):
        SignatureScheme.from_dict({**SCHEME.to_dict(), "colour": "red"})
    with pytest.raises(SchemeError, match="reindex"):
        SCHEME.require_same(SignatureScheme(seed=9))
