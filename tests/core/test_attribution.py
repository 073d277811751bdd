"""Attribution from evidence: citations, canonical links, time, direction of reuse, known originals."""

from datetime import UTC, datetime, timedelta

from newsdedup.core import Facts, Relation, attribute
from newsdedup.core.attribute import Reuse, Side, Signal
from newsdedup.core.citations import cited_sources
from newsdedup.core.verify import Overlap
from tests.api.corpus import make_texts, wrap_in_furniture

T0 = datetime(2021, 8, 9, 16, 7, tzinfo=UTC)
SAME = Overlap(jaccard=0.9, query_in_match=0.95, match_in_query=0.95, shared=300)
EXCERPT = Overlap(jaccard=0.4, query_in_match=0.97, match_in_query=0.4, shared=120)
FULLER = Overlap(jaccard=0.4, query_in_match=0.4, match_in_query=0.97, shared=120)
ORIGINAL_URL = "https://paper.example/news/a1"


def test_a_copy_citing_its_source_by_url_is_attributed_to_it_despite_an_earlier_date() -> None:
    copy = Facts(published_at=T0 - timedelta(days=1), cites=cited_sources(f"Text.\nSource: {ORIGINAL_URL}"))
    original = Facts(published_at=T0, url=ORIGINAL_URL)
    result = attribute(copy, original, SAME, same_text=False)
    assert result.relation is Relation.ORIGINAL
    assert any(line.startswith("cited source:") for line in result.evidence)
    assert any("disagreement" in line and "claims an earlier date" in line for line in result.evidence)
    undisputed = attribute(
        Facts(published_at=T0 + timedelta(days=1), cites=copy.cites), original, SAME, same_text=False
    )
    assert result.confidence < undisputed.confidence
    assert undisputed.confidence > 0.9


def test_a_copy_naming_the_publisher_is_attributed_to_it() -> None:
    copy = Facts(cites=cited_sources("LONDON (Reuters) - Text."))
    wire = Facts(publisher="Reuters", names=frozenset({"reuters"}), domains=frozenset({"reuters.com"}))
    other = Facts(publisher="Other", names=frozenset({"other"}), domains=frozenset({"other.example"}))
    assert attribute(copy, wire, SAME, same_text=False).relation is Relation.ORIGINAL
    assert attribute(copy, other, SAME, same_text=False).relation is Relation.DUPLICATE


def test_an_indexed_copy_citing_the_query_makes_it_the_copy() -> None:
    query = Facts(url=ORIGINAL_URL)
    indexed_copy = Facts(cites=cited_sources(f"Source: {ORIGINAL_URL}"), first_seen_at=T0)
    result = attribute(query, indexed_copy, SAME, same_text=False)
    assert result.relation is Relation.COPY


def test_a_canonical_link_to_the_match_makes_it_the_original() -> None:
    query = Facts(url="https://scraper.example/x", canonical_url=ORIGINAL_URL + "/")
    result = attribute(query, Facts(url=ORIGINAL_URL), SAME, same_text=False)
    assert result.relation is Relation.ORIGINAL
    assert result.evidence[0].startswith("canonical link:")
    self_canonical = Facts(url="https://scraper.example/x", canonical_url="https://scraper.example/x")
    assert attribute(self_canonical, Facts(url=ORIGINAL_URL), SAME, False).relation is Relation.DUPLICATE


def test_direction_of_reuse_alone_picks_the_original() -> None:
    short, long = Facts(words=120), Facts(words=300)
    assert attribute(short, long, EXCERPT, same_text=False).relation is Relation.ORIGINAL
    assert attribute(long, short, FULLER, same_text=False).relation is Relation.COPY


def test_direction_of_reuse_outweighs_first_sight_but_not_publication_dates() -> None:
    indexed_first = Facts(first_seen_at=T0, words=120)
    full_text = Facts(first_seen_at=T0 + timedelta(days=2), words=300)
    assert attribute(full_text, indexed_first, FULLER, same_text=False).relation is Relation.COPY
    dated = Facts(published_at=T0, first_seen_at=T0, words=120)
    later = Facts(published_at=T0 + timedelta(days=1), words=300)
    assert attribute(later, dated, FULLER, same_text=False).relation is Relation.ORIGINAL


def test_extra_site_furniture_is_not_mistaken_for_a_fuller_text() -> None:
    article = make_texts(1, seed=3)[0]
    page = wrap_in_furniture(article)
    wrapped = Facts(words=len(page.split()), text=page)
    original = Facts(words=len(article.split()), text=article)
    assert wrapped.furniture >= 60
    assert original.furniture == 0
    share = original.words / wrapped.words
    result = attribute(wrapped, original, Overlap(share, share, 0.97, 290), same_text=False)
    assert not any(line.startswith("direction") for line in result.evidence)


def test_a_query_older_than_its_match_is_the_original() -> None:
    result = attribute(Facts(published_at=T0), Facts(published_at=T0 + timedelta(hours=5)), SAME, False)
    assert result.relation is Relation.COPY
    assert "the query was published earlier" in result.evidence[0]


def test_a_known_original_source_tips_the_balance() -> None:
    agency = Facts(publisher="Wire", original_source=True)
    assert attribute(Facts(), agency, SAME, same_text=False).relation is Relation.ORIGINAL
    assert attribute(agency, Facts(), SAME, same_text=False).relation is Relation.COPY


def test_alignment_shares_replace_shingle_containment_for_direction() -> None:
    reworded = Overlap(jaccard=0.1, query_in_match=0.15, match_in_query=0.12, shared=30)
    result = attribute(Facts(words=150), Facts(words=400), reworded, False, reuse=Reuse(0.9, 0.35))
    assert result.relation is Relation.ORIGINAL


def test_extra_signals_join_the_evidence() -> None:
    chain = Signal("chain", Side.MATCH, 2.0, "the query's source is itself a copy of the match")
    result = attribute(Facts(), Facts(), SAME, same_text=False, extra=[chain])
    assert result.relation is Relation.ORIGINAL
    assert result.evidence[0].startswith("chain:")
    assert result.signals == (chain,)


def test_confidence_grows_with_agreeing_evidence() -> None:
    weak = attribute(Facts(first_seen_at=T0 + timedelta(hours=1)), Facts(first_seen_at=T0), SAME, False)
    strong = attribute(
        Facts(published_at=T0 + timedelta(days=1), cites=cited_sources(f"Source: {ORIGINAL_URL}")),
        Facts(published_at=T0, url=ORIGINAL_URL),
        SAME,
        False,
    )
    assert weak.relation is strong.relation is Relation.ORIGINAL
    assert 0.5 < weak.confidence < 0.7
    assert 0.95 < strong.confidence <= 1.0
    tie = attribute(Facts(), Facts(), SAME, same_text=True)
    assert tie.relation is Relation.DUPLICATE and tie.confidence == 0.5
