"""Scraper-style copies: each kind changes what it says it changes, deterministically for a seed."""

from __future__ import annotations

import random
import re
from collections import Counter

import pytest

from newsdedup.synth import CopyKind, CopyResult, generate_articles, make_copy
from newsdedup.synth.copies import __doc__ as copies_doc
from newsdedup.synth.phrasing import spelling_pairs
from newsdedup.synth.reword import is_content_word
from newsdedup.synth.textops import WORD, paragraphs, quotations, split_sentences, word_count

ARTICLES = [article.text for article in generate_articles(40, seed=99)]
SOURCE = {"source_url": "https://origin.example.com/news/story-1", "source_publisher": "The Origin Post"}


def _copies(kind: CopyKind, seed: int = 1) -> list[tuple[str, CopyResult]]:
    rng = random.Random(seed)
    return [(text, make_copy(text, kind, rng, **SOURCE)) for text in ARTICLES]


def _content_words(text: str) -> Counter[str]:
    words: Counter[str] = Counter()
    for paragraph in paragraphs(text):
        for index, match in enumerate(WORD.finditer(paragraph)):
            if is_content_word(match.group(), index == 0):
                words[match.group().lower()] += 1
    return words


def _canonical_sentences(text: str) -> list[str]:
    """Sentences with what near_verbatim switches (quotes, digits, per cent, spelling) made uniform."""
    table = spelling_pairs()
    text = text.translate({0x201C: '"', 0x201D: '"', 0x2018: "'", 0x2019: "'"})
    text = re.sub(r"(?<=\d),(?=\d{3})", "", re.sub(r" ?(?:%|per cent|percent)", "%", text))
    text = re.sub(r"[a-z]+", lambda match: min(match.group(), table.get(match.group(), match.group())), text)
    return [sentence for paragraph in paragraphs(text) for sentence in split_sentences(paragraph)]


@pytest.mark.parametrize("kind", list(CopyKind))
def test_same_seed_same_copy(kind: CopyKind) -> None:
    first = make_copy(ARTICLES[3], kind, random.Random(5), **SOURCE)
    assert first == make_copy(ARTICLES[3], kind, random.Random(5), **SOURCE)
    assert first.kind is kind
    assert first.text.strip()
    assert 0 < first.copied_fraction <= 1


@pytest.mark.parametrize("kind", [kind for kind in CopyKind if kind is not CopyKind.VERBATIM])
def test_other_seed_other_copy(kind: CopyKind) -> None:
    texts = {make_copy(ARTICLES[3], kind, random.Random(seed), **SOURCE).text for seed in range(4)}
    assert len(texts) > 1


def test_every_kind_is_documented() -> None:
    assert copies_doc is not None
    for kind in CopyKind:
        assert re.search(rf"^{kind.value}\s", copies_doc, re.MULTILINE), kind


def test_kind_by_name_and_errors() -> None:
    assert make_copy("One short sentence here.", "verbatim", random.Random(0)).kind is CopyKind.VERBATIM
    with pytest.raises(ValueError):
        make_copy("Text.", "photocopy", random.Random(0))
    with pytest.raises(ValueError, match="empty text"):
        make_copy(" \n\n ", CopyKind.SPUN, random.Random(0))


def test_verbatim_is_the_text() -> None:
    for text, copy in _copies(CopyKind.VERBATIM):
        assert copy.text == text
        assert copy.copied_fraction == 1.0


def test_near_verbatim_drops_one_sentence_and_adds_a_title() -> None:
    for text, copy in _copies(CopyKind.NEAR_VERBATIM):
        title, body = copy.text.split("\n\n", 1)
        assert title == copy.notes["title"]
        original, kept = _canonical_sentences(text), _canonical_sentences(body)
        assert len(kept) == len(original) - 1
        assert all(sentence in original for sentence in kept)
        assert copy.notes["dropped_words"] > 0
        assert '"' not in body


def test_near_verbatim_switches_formats_and_spellings() -> None:
    text = (
        "The organisation said the centre's colour scheme cost 12,500 pounds, "
        '"40% cheaper" than planned.\n\n'
        "Labour criticised the programme. Officials were travelling to analyse the defence of 2,000 homes."
    )
    for seed in range(5):
        body = make_copy(text, CopyKind.NEAR_VERBATIM, random.Random(seed)).text.split("\n\n", 1)[1]
        lead = body.split("\n\n")[0]
        assert lead == (
            "The organization said the center’s color scheme cost 12500 pounds, "
            "“40 per cent cheaper” than planned."
        )
        assert "Labor" not in body
        assert "analyze" in body or "criticized the program" in body


def test_truncated_keeps_a_prefix_of_30_to_70_percent() -> None:
    for text, copy in _copies(CopyKind.TRUNCATED):
        original, kept = text.split(), copy.text.split()
        assert kept == original[: len(kept)]
        assert 0.3 <= word_count(copy.text) / word_count(text) <= 0.7
        assert copy.copied_fraction == pytest.approx(word_count(copy.text) / word_count(text))
        assert copy.text.rstrip()[-1] in ".!?\"'”’)" or copy.notes["cut"] == "word"


def test_excerpt_is_a_prefix_inside_30_to_60_percent_furniture() -> None:
    for text, copy in _copies(CopyKind.EXCERPT):
        originals = paragraphs(text)
        blocks = copy.text.split("\n\n")
        article = [block for block in blocks if any(paragraph.startswith(block) for paragraph in originals)]
        article_text = " ".join(article)
        assert article_text.split() == text.split()[: len(article_text.split())]
        article_words, page_words = word_count(article_text), word_count(copy.text)
        assert 0.3 <= article_words / word_count(text) <= 0.5
        assert 0.3 <= 1 - article_words / page_words <= 0.6
        assert copy.notes["furniture_fraction"] == pytest.approx(1 - article_words / page_words)


def test_spun_replaces_30_to_50_percent_of_content_words() -> None:
    for text, copy in _copies(CopyKind.SPUN):
        assert 0.29 <= copy.notes["replaced_fraction"] <= 0.51
        before, after = _content_words(text), _content_words(copy.text)
        missing = sum((before - after).values()) / sum(before.values())
        assert 0.15 <= missing <= 0.55
        assert len(copy.text.split()) >= 0.9 * len(text.split())


def test_roundtrip_drops_the_end_and_sometimes_cites_the_source() -> None:
    footers = 0
    for text, copy in _copies(CopyKind.ROUNDTRIP):
        last_paragraph = paragraphs(text)[-1]
        assert last_paragraph not in copy.text
        assert 0.6 <= copy.copied_fraction <= 0.8
        assert len(copy.text.split()) < 0.85 * len(text.split())
        assert copy.text != text
        if copy.notes["footer"]:
            footers += 1
            assert copy.text.endswith(copy.notes["footer"])
            assert copy.notes["footer"] in (
                f"Sources: 1/ {SOURCE['source_url']}",
                f"Source: {SOURCE['source_publisher']}",
            )
    assert 0.2 * len(ARTICLES) <= footers <= 0.8 * len(ARTICLES)


def test_roundtrip_without_a_source_has_no_footer() -> None:
    rng = random.Random(2)
    for text in ARTICLES[:10]:
        assert make_copy(text, CopyKind.ROUNDTRIP, rng).notes["footer"] == ""


def test_rewrite_keeps_every_quotation_and_rewords_the_rest() -> None:
    for text, copy in _copies(CopyKind.REWRITE):
        quotes = quotations(text)
        assert quotes
        for quote in quotes:
            assert quote in copy.text
        assert len(paragraphs(copy.text)) == len(paragraphs(text))
        assert copy.text != text
        assert copy.copied_fraction > 0.8


def test_rewrite_on_curly_and_unbalanced_quotes() -> None:
    text = (
        "The minister said on Monday that the plan would go ahead. “We will not back down,” she told MPs, "
        "and added that the budget was fixed. Officials, who asked not to be named, disagreed.\n\n"
        '"This paragraph opens a quotation that continues. It runs on for two sentences\n\n'
        "The council's leader, Ann Smith, rejected the claims."
    )
    copy = make_copy(text, CopyKind.REWRITE, random.Random(4))
    assert "“We will not back down,”" in copy.text
    assert '"This paragraph opens a quotation that continues. It runs on for two sentences' in copy.text
