"""The fast paths (batched shingling, permutation-major signing, rewritten patterns) change no output."""

import re
import unicodedata

import numpy as np
import xxhash
from datasketch import MinHash
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdedup.core import SignatureScheme, default_scheme, fingerprint_many, normalize, sign_many, text_hash
from newsdedup.core.fingerprint import shingles_of, shingles_of_many
from newsdedup.core.hashing import word_hashes_of
from newsdedup.core.normalize import _INERT, _TRANSLATE, token_bytes, tokens
from newsdedup.core.shingle import ngram_hashes, shingle_set, shingle_sets

SCHEME = default_scheme()

# The reference normalization: the original, straightforward form of the rules in normalize.py.
_DIGIT_GROUP = re.compile(r"(?<=\d)[,\u00a0\u202f](?=\d{3}\b)")
_INNER_APOSTROPHE = re.compile(r"(?<=\w)['`](?=\w)")
_WORD = re.compile(r"\d+(?:\.\d+)+|[^\W_]+")


def reference_normalize(text: str) -> str:
    if text.isascii():
        folded = text.lower()
    else:
        decomposed = unicodedata.normalize("NFKD", text).translate(_TRANSLATE)
        unaccented = "".join(char for char in decomposed if not unicodedata.combining(char))
        folded = unicodedata.normalize("NFKC", unaccented.casefold())
    folded = _DIGIT_GROUP.sub("", folded)
    folded = _INNER_APOSTROPHE.sub("", folded)
    return " ".join(_WORD.findall(folded))


_MASK = (1 << 64) - 1


def reference_fmix64(value: int) -> int:
    value ^= value >> 33
    value = (value * 0xFF51AFD7ED558CCD) & _MASK
    value ^= value >> 33
    value = (value * 0xC4CEB9FE1A85EC53) & _MASK
    return value ^ (value >> 33)


def reference_word_hash(word: bytes) -> int:
    """The ``mix64`` word hash as `hashing.word_hashes_of` documents it, one word at a time."""
    seed, multiplier = 0x243F6A8885A308D3, 0x9E3779B97F4A7C15
    chunks = [int.from_bytes(word[at : at + 8], "little") for at in range(0, len(word), 8)]
    value = chunks[0]
    for chunk in chunks[1:]:
        value = (reference_fmix64(value ^ seed) * multiplier + chunk) & _MASK
    return reference_fmix64(value ^ seed)


def reference_shingles(words: list[str], size: int) -> np.ndarray:
    hashes = np.array([reference_word_hash(word.encode()) for word in words], dtype=np.uint64)
    return np.unique(ngram_hashes(hashes, size))


def reference_text_hash(words: list[str]) -> int:
    hashes = b"".join(reference_word_hash(word.encode()).to_bytes(8, "little") for word in words)
    return xxhash.xxh64_intdigest(hashes) - (1 << 63)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.text(
            st.characters(blacklist_categories=("Cs",), blacklist_characters=" "), min_size=1, max_size=40
        ),
        max_size=30,
    )
)
def test_word_hashes_equal_the_reference(words: list[str]) -> None:
    encoded = [word.encode() for word in words]
    hashes, starts = word_hashes_of(b"  ".join(encoded))
    assert hashes.tolist() == [reference_word_hash(word) for word in encoded]
    assert starts.shape[0] == len(words)


def datasketch_signature(values: np.ndarray, scheme: SignatureScheme) -> np.ndarray:
    sketch = MinHash(
        num_perm=scheme.num_perm, seed=scheme.seed, scheme="affine32", hashfunc=lambda v: int(v) & 0xFFFFFFFF
    )
    if len(values):
        sketch.update_batch([int(v) for v in values])
    return np.asarray(sketch.hashvalues, dtype=np.uint32)


text_chars = st.sampled_from(
    list("ab1 2,.'`_-\u00a0\u202f\u00e9e\u0301\u2019\u00bd\u1100\u1161\u03a3\u00df\n")
)
texts = st.lists(text_chars, max_size=40).map("".join) | st.text(max_size=40)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_normalize_equals_the_reference_rules(text: str) -> None:
    assert normalize(text) == reference_normalize(text)
    assert token_bytes(text) == [word.encode() for word in tokens(text)]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([*"aB1 2,.'`_-\n\t\x01", "3.5", "1.000", "x9.9"]), max_size=40).map("".join))
def test_ascii_bytes_path_equals_the_reference_rules(text: str) -> None:
    assert token_bytes(text) == [word.encode() for word in reference_normalize(text).split()]


def test_inert_characters_fold_alone_to_their_ascii_form() -> None:
    neighbours = [chr(code) for code in range(128)] + ["\u0301", "\u00e9", "\u1100"]
    for char, ascii_form in _INERT:
        for other in neighbours:
            for text in (f"x1{other}{char}{other}2y", f"{char}{other}", f"{other}{char}"):
                expected = reference_normalize(text.replace(char, ascii_form.decode()))
                assert reference_normalize(text) == expected
                assert token_bytes(text) == [word.encode() for word in expected.split()]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["a", "b", "c", "d", "e1", "x.5"]), max_size=12), max_size=8))
def test_batched_shingles_equal_one_list_at_a_time(word_lists: list[list[str]]) -> None:
    for size in (1, 3):
        batched = shingle_sets([[word.encode() for word in words] for words in word_lists], size)
        for words, shingles in zip(word_lists, batched, strict=True):
            assert np.array_equal(shingles, reference_shingles(words, size))
            assert np.array_equal(shingles, shingle_set(words, size))


def test_large_batches_sign_like_datasketch() -> None:
    rng = np.random.default_rng(11)
    sizes = [0, 1, 2, 2047, 2049, 5000, 0, 70_000, 300, 3]
    sets = [np.unique(rng.integers(0, 1 << 64, size=n, dtype=np.uint64)) for n in sizes]
    ours = sign_many(sets, SCHEME)
    for row, values in zip(ours, sets, strict=True):
        assert np.array_equal(row, datasketch_signature(values, SCHEME))


def test_fingerprint_many_equals_the_reference_pipeline() -> None:
    docs = [
        "The 1,000 cats' café, don't they?",
        "",
        "two words",
        "a b c d e f g a b c",
        "\u00c9t\u00e9 3.5 x",
    ]
    for print_, text in zip(fingerprint_many(docs, SCHEME), docs, strict=True):
        normalized = reference_normalize(text)
        shingles = reference_shingles(normalized.split(), SCHEME.shingle_size)
        assert print_.text_hash == text_hash(normalized) == reference_text_hash(normalized.split())
        assert print_.word_count == len(normalized.split())
        assert np.array_equal(print_.shingles, shingles)
        assert np.array_equal(print_.signature, datasketch_signature(shingles, SCHEME))
        assert np.array_equal(shingles_of(text, SCHEME), shingles)
    for shingles, text in zip(shingles_of_many(docs, SCHEME), docs, strict=True):
        assert np.array_equal(shingles, shingles_of(text, SCHEME))
