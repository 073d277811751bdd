"""The independent substitutions the copy kinds are built from."""

from __future__ import annotations

import random

import pytest

from newsdedup.synth import reword
from newsdedup.synth.inflect import plural, verb_forms
from newsdedup.synth.lexicon import lemma_count, synonym_table
from newsdedup.synth.phrasing import spelling_pairs
from newsdedup.synth.textops import cut_prefix, mask_quotes, parse, split_sentences, unmask_quotes


def rng() -> random.Random:
    return random.Random(0)


@pytest.mark.parametrize(
    ("lemma", "forms"),
    [
        ("say", ("say", "says", "said", "said", "saying")),
        ("cut", ("cut", "cuts", "cut", "cut", "cutting")),
        ("stop", ("stop", "stops", "stopped", "stopped", "stopping")),
        ("rise", ("rise", "rises", "rose", "risen", "rising")),
        ("carry on", ("carry on", "carries on", "carried on", "carried on", "carrying on")),
        ("die", ("die", "dies", "died", "died", "dying")),
    ],
)
def test_verb_forms(lemma: str, forms: tuple[str, ...]) -> None:
    assert tuple(verb_forms(lemma)) == forms


def test_plurals() -> None:
    assert [plural(word) for word in ("company", "crisis", "child", "tax", "day", "staff member")] == [
        "companies",
        "crises",
        "children",
        "taxes",
        "days",
        "staff members",
    ]


def test_synonym_table_keeps_inflection() -> None:
    table = synonym_table()
    assert lemma_count() >= 800
    assert "stated" in table["said"]
    assert "firms" in table["companies"]
    assert set(table["rose"]) <= {"climbed", "increased", "grew"}
    assert all(candidate != surface for surface, candidates in table.items() for candidate in candidates)


def test_spelling_pairs_go_both_ways_except_ambiguous_words() -> None:
    table = spelling_pairs()
    assert table["colour"] == "color" and table["color"] == "colour"
    assert table["organisations"] == "organizations"
    assert table["cheque"] == "check" and "check" not in table
    assert "story" not in table


def test_function_words_and_numbers() -> None:
    swapped = reword.swap_function_words("In order to win, however, they need about 300 votes.", rng(), 1.0)
    assert "In order to" not in swapped and "however" not in swapped and "about 300" not in swapped


def test_tense_possessive_voice_and_adverb() -> None:
    assert reword.shift_tense("Profits have risen.", rng(), 1.0) == "Profits rose."
    assert reword.flip_possessives("Acme's profits rose.", rng(), 1.0) == "The profits of Acme rose."
    assert reword.flip_voice("The plan was approved by Smith.", rng(), 1.0) == "Smith approved the plan."
    assert reword.flip_voice("He rejected the offer.", rng(), 1.0) == "The offer was rejected by him."
    assert (
        reword.move_adverb("The firm also said it would grow.", rng(), 1.0)
        == "Also, the firm said it would grow."
    )


def test_split_shorten_merge() -> None:
    assert reword.split_sentence("The company cut 300 jobs last year, and it plans to close two sites.") == [
        "The company cut 300 jobs last year.",
        "It plans to close two sites.",
    ]
    assert reword.shorten_sentence("Ann Lee, who is 45, said no.") == ("Ann Lee said no.", 3)
    assert reword.merge_sentences("Profits rose.", "The firm grew.") == "Profits rose, and the firm grew."
    assert reword.merge_sentences('He said "no."', "Then he left.") is None


def test_replace_synonyms_counts_content_words() -> None:
    sentences = ["The company said profits would increase.", "Mr Smith warned the government."]
    out, replaced, content = reword.replace_synonyms(sentences, rng(), 0.5)
    assert content == 6
    assert replaced == 3
    assert out != sentences
    assert "Smith" in out[1]


def test_sentences_respect_quotes_and_abbreviations() -> None:
    paragraph = 'Mr. Smith went to the U.S. on Monday. He said: "It is good. We are happy." Then he left.'
    assert split_sentences(paragraph) == [
        "Mr. Smith went to the U.S. on Monday.",
        'He said: "It is good. We are happy."',
        "Then he left.",
    ]


def test_masked_quotes_survive_rewording() -> None:
    masked, found = mask_quotes('"We will increase the budget," the minister said.')
    reworded, _, _ = reword.replace_synonyms([masked], rng(), 1.0)
    assert unmask_quotes(reworded[0], found).startswith('"We will increase the budget,"')


def test_cut_prefix_ends_at_a_sentence_in_range() -> None:
    doc = parse("One two three four. Five six seven eight.\n\nNine ten eleven twelve. Thirteen fourteen.")
    prefix = cut_prefix(doc, 0.3, 0.7, rng())
    assert prefix.at_sentence_boundary
    assert 0.3 <= prefix.fraction <= 0.7
