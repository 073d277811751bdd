"""Site furniture: which lines are menus, banners and headline lists, and why two pages of one copier site
are not copies of each other."""

from __future__ import annotations

import random
import re

from newsdedup.core.fingerprint import fingerprint
from newsdedup.core.furniture import furniture_words
from newsdedup.core.pairs import compare_pair
from newsdedup.core.scheme import default_scheme
from newsdedup.core.sentences import analyse
from newsdedup.core.verify import VerifyConfig
from newsdedup.synth.furniture import build_page, random_site, render_text
from tests.api.corpus import first_fraction, make_texts

PAGE_TOP = (
    "Home | World | Business | Sport\n"
    "We use cookies to improve your experience. Accept all\n"
    "Most read\n"
    "Harbour council approves new ferry timetable\n"
    "Striking rail staff return to work in Eastbury\n"
    "Local team wins regional cup after penalty shootout\n"
)
STORY = (
    "The Eastbury council approved a new ferry timetable on Monday, ending months of delays.\n"
    "Officials said the 14 extra crossings would start in June and cost 2.3 million pounds a year.\n"
)
TABLE = "Shr 12 cts vs 10 cts\nNet 1,234,000 vs 987,000\nRevs 5,268,486 vs 2,617,995\n"
FOOTER = "Tags:\nferries, councils, transport, Eastbury\n© 2026 Daily Aggregator. All rights reserved.\n"


def test_menus_banners_headline_lists_and_tags_are_furniture_and_prose_is_not() -> None:
    page = PAGE_TOP + STORY + FOOTER
    sentences = analyse(page).sentences
    furniture = {page[s.start : s.end] for s in sentences if s.original_words == 0}
    prose = {page[s.start : s.end] for s in sentences if s.original_words}
    assert "We use cookies to improve your experience." in furniture
    assert "Harbour council approves new ferry timetable" in {
        line for item in furniture for line in item.splitlines()
    }
    assert prose == {line for line in STORY.splitlines()}
    assert furniture_words(STORY) == 0
    assert furniture_words(page) == len(re.findall(r"[^\W_]+", page)) - len(re.findall(r"[^\W_]+", STORY))


def test_table_rows_are_not_furniture() -> None:
    assert furniture_words(TABLE) == 0
    assert all(s.original_words == s.words for s in analyse(TABLE).sentences)


def test_two_pages_of_one_copier_site_are_not_copies_of_each_other() -> None:
    """Same menus, banner, headline lists and footer around two different short excerpts: the shared
    furniture aligns word for word, and must not count as reuse (it once chained crawl clusters)."""
    scheme, config = default_scheme(), VerifyConfig()
    texts = make_texts(60, seed=5)
    rng = random.Random(3)
    site = random_site(rng)
    reused = 0
    for first, second in zip(texts[::2], texts[1::2], strict=True):
        parts = [first_fraction(text, 0.35).split("\n\n") for text in (first, second)]
        page = build_page(rng, min(map(len, parts)), 150, site)
        query, match = (render_text(page, paragraphs) for paragraphs in parts)
        verdict = compare_pair(query, fingerprint(query, scheme), match, fingerprint(match, scheme), config)
        reused += verdict.is_reuse
    assert reused <= 3, f"{reused} of 30 page pairs taken for reuse"


def test_blog_platform_furniture_is_recognised() -> None:
    page = (
        STORY + "The post Ferry timetable approved appeared first on Daily Aggregator.\n"
        "Leave a Reply\nYour email address will not be published. Required fields are marked *\n"
    )
    own = {page[s.start : s.end] for s in analyse(page).sentences if s.original_words}
    assert own == set(STORY.splitlines())


def test_news_about_platforms_advertising_and_copyright_is_prose() -> None:
    """Words of site furniture are also what news is about: such sentences stay prose, while the same words
    in a short line, a line without a sentence end or the site's own voice stay furniture."""
    story = (
        "The regulator said on Tuesday that Twitter had failed to remove 4,000 fraudulent accounts.\n"
        "Shares in the advertising group fell 7% after the US Congress opened a copyright inquiry.\n"
        "Subscription prices for the streaming service will rise to $12 a month from March.\n"
        "Officials at Facebook declined to comment on the YouTube video.\n"
    )
    furniture = (
        "Follow us on Twitter and Facebook\n"
        "Sign up to our newsletter for the latest news.\n"
        "Advertisement\n"
        "Share on WhatsApp\n"
        "We use cookies to improve your experience on this site.\n"
        "Copyright 2026 Daily Aggregator.\n"
    )
    page = story + furniture
    sentences = analyse(page).sentences
    prose = {page[s.start : s.end] for s in sentences if s.original_words}
    assert prose == set(story.splitlines())
    assert furniture_words(story) == 0
    assert furniture_words(page) == len(re.findall(r"[^\W_]+", furniture))
