"""Properties of the alignment on any arrangement of invented sentences."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdedup.core.align import align_texts
from tests.quality.texts import OTHER, REWORDED, STORY

SENTENCES = STORY + OTHER + REWORDED
arrangements = st.lists(st.sampled_from(SENTENCES), min_size=0, max_size=12)
separators = st.sampled_from([" ", "\n", "\n\n", " | "])


@settings(max_examples=150, deadline=None)
@given(arrangements, arrangements, separators, separators)
def test_passages_are_ordered_inside_both_texts(
    query_parts: list[str], match_parts: list[str], query_sep: str, match_sep: str
) -> None:
    query, match = query_sep.join(query_parts), match_sep.join(match_parts)
    alignment = align_texts(query, match)
    previous_query = previous_match = 0
    for passage in alignment.passages:
        assert previous_query <= passage.query_start < passage.query_end <= len(query)
        assert previous_match <= passage.match_start < passage.match_end <= len(match)
        assert 0.0 < passage.score <= 1.0 + 1e-9
        previous_query, previous_match = passage.query_end, passage.match_end
    for share in (alignment.query_coverage, alignment.match_coverage, alignment.query_original_coverage):
        assert 0.0 <= share <= 1.0 + 1e-9


@settings(max_examples=60, deadline=None)
@given(arrangements)
def test_a_text_aligns_with_itself_completely(parts: list[str]) -> None:
    text = " ".join(parts)
    alignment = align_texts(text, text)
    if parts:
        assert alignment.query_coverage == 1.0 and alignment.match_coverage == 1.0
        assert alignment.facts.replaced == 0.0
    else:
        assert not alignment.passages
