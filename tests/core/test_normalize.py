from hypothesis import given
from hypothesis import strategies as st

from newsdedup.core import normalize, text_hash, tokens


@given(st.text(max_size=300))
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@given(st.text(max_size=300))
def test_normalized_text_is_single_spaced_lowercase_words(text: str) -> None:
    result = normalize(text)
    assert result == " ".join(result.split())
    assert result == result.lower() or not result.isascii()


def test_typography_case_and_punctuation_do_not_count() -> None:
    plain = 'He said "don\'t panic" - it cost $1000000.50.'
    fancy = "HE SAID \u201cDON\u2019T PANIC\u201d \u2014 it cost $1,000,000.50!"
    assert normalize(plain) == normalize(fancy) == "he said dont panic it cost 1000000.50"


def test_compatibility_forms_and_accents_fold() -> None:
    assert normalize("\ufb01ne \uff26\uff55\uff4c\uff4c caf\u00e9 stra\u00dfe") == "fine full cafe strasse"


def test_numbers_keep_decimal_points_but_not_sentence_stops() -> None:
    assert tokens("Rates rose 3.5%. U.S. markets fell.") == [
        "rates",
        "rose",
        "3.5",
        "u",
        "s",
        "markets",
        "fell",
    ]


def test_separate_numbers_are_not_merged() -> None:
    assert tokens("in 2004 500 people") == ["in", "2004", "500", "people"]


def test_text_hash_is_signed_64_bit_and_equal_for_equal_text() -> None:
    value = text_hash("a b c")
    assert -(1 << 63) <= value < (1 << 63)
    assert value == text_hash("a b c") != text_hash("a b d")
