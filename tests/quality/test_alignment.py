"""Passage alignment on invented text: reworded passages, offsets, order, quotes, facts, excerpts."""

from __future__ import annotations

from newsdedup.core.align import align_texts
from newsdedup.core.fingerprint import fingerprint
from newsdedup.core.pairs import compare_pair
from newsdedup.core.scheme import default_scheme
from newsdedup.core.verify import VerifyConfig
from tests.quality.texts import (
    FURNITURE,
    NOTICE,
    NOTICE_REFILED,
    OTHER,
    REPORT_A,
    REPORT_B,
    REWORDED,
    STORY,
    TEMPLATED_NOTICE,
    paragraph,
)


def _decide(query: str, match: str) -> bool:
    scheme = default_scheme()
    verdict = compare_pair(
        query, fingerprint(query, scheme), match, fingerprint(match, scheme), VerifyConfig()
    )
    return verdict.is_reuse


def test_a_reworded_paragraph_is_aligned_with_offsets_on_both_sides() -> None:
    query = paragraph(OTHER[:2]) + "\n\n" + paragraph(REWORDED) + "\n\n" + paragraph(OTHER[2:])
    match = paragraph(STORY)
    alignment = align_texts(query, match)
    assert len(alignment.passages) == 1
    (passage,) = alignment.passages
    reworded = paragraph(REWORDED)
    assert query[passage.query_start : passage.query_end] == reworded
    assert match[passage.match_start : passage.match_end] == paragraph(STORY[:4])
    assert 0.4 < passage.score < 1.0


def test_passages_are_in_order_on_both_sides() -> None:
    swapped = STORY[5:] + STORY[:5]
    alignment = align_texts(paragraph(swapped), paragraph(STORY))
    assert alignment.passages
    for before, after in zip(alignment.passages, alignment.passages[1:], strict=False):
        assert before.query_end <= after.query_start
        assert before.match_end <= after.match_start
    assert alignment.query_coverage <= 0.6


def test_a_reworded_copy_is_reuse_and_unrelated_text_is_not() -> None:
    assert _decide(paragraph(REWORDED), paragraph(STORY[:4]))
    assert not _decide(paragraph(OTHER), paragraph(STORY))


def test_shared_quotations_alone_do_not_make_a_copy() -> None:
    query, match = "\n\n".join(REPORT_B), "\n\n".join(REPORT_A)
    alignment = align_texts(query, match)
    assert alignment.query_coverage > 0.3
    assert alignment.query_original_coverage < 0.2
    assert not _decide(query, match)
    assert not _decide(match, query)


def test_a_templated_story_with_other_numbers_and_names_is_not_a_copy() -> None:
    alignment = align_texts(TEMPLATED_NOTICE, NOTICE)
    assert alignment.query_coverage == 1.0
    assert alignment.facts.replaced > 0.3
    assert not _decide(TEMPLATED_NOTICE, NOTICE)
    assert _decide(NOTICE_REFILED, NOTICE)


def test_a_thirty_percent_excerpt_in_site_furniture_is_found() -> None:
    original = paragraph(STORY + OTHER + REWORDED)
    related = "Related stories\nRail fares to rise again in January\nMuseum wins national award\n"
    excerpt = FURNITURE + "\n" + paragraph(STORY[:5]) + "\n\n" + related
    share = len(paragraph(STORY[:5]).split()) / len(original.split())
    assert 0.25 < share < 0.35
    assert _decide(excerpt, original)
    alignment = align_texts(excerpt, original)
    (passage,) = [p for p in alignment.passages if p.score > 0.9]
    assert excerpt[passage.query_start : passage.query_end] == paragraph(STORY[:5])


def test_another_subject_in_the_lead_is_not_a_copy_but_a_correction_is() -> None:
    lead = "{0} said its board approved a plan to build a new plant near {1}, creating about 300 jobs."
    rest = (
        " The 45 million pound factory will cover 12 hectares and open in 2027."
        " Analysts welcomed the move, which follows 2 years of rising sales."
    )
    original = lead.format("Harbor Foods Corp", "Leeds") + rest
    other_company = lead.format("Westland Mills Inc", "Leeds") + rest
    assert align_texts(other_company, original).facts.lead_replaced
    assert not _decide(other_company, original)
    corrected = original.replace("about 300 jobs", "about 350 jobs")
    assert _decide(corrected, original)
