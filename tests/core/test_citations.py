import pytest

from newsdedup.core.citations import cited_sources, domain_of, name_key, url_key
from newsdedup.core.furniture import furniture_words


@pytest.mark.parametrize(
    ("text", "urls", "names"),
    [
        ("Body.\nSource: https://www.Paper.example/news/a1/?utm_source=tw", ["paper.example/news/a1"], []),
        ("Body.\nSource: Reuters", [], ["reuters"]),
        ("Sources 1/ https://a.example/one 2/ The Daily Planet", ["a.example/one"], ["daily planet"]),
        (
            "Sources\n1/ https://wire.example/x\n2. b.example/y\nMore text.",
            ["wire.example/x", "b.example/y"],
            [],
        ),
        ("Text.\nOriginally published at https://paper.example/a1.", ["paper.example/a1"], []),
        ("This article was originally published on The Conversation.", [], ["conversation"]),
        ("Story.\nvia AP and AFP", [], ["ap", "afp"]),
        ("A story (via Bloomberg) was edited.", [], ["bloomberg"]),
        ("LONDON (Reuters) - The port closed on Monday.", [], ["reuters"]),
        ("Read the original article at paper.example/x", ["paper.example/x"], []),
    ],
)
def test_source_lines_are_read(text: str, urls: list[str], names: list[str]) -> None:
    found = cited_sources(text)
    assert list(found.urls) == urls
    assert list(found.names) == names


@pytest.mark.parametrize(
    "text",
    [
        "Via the ministry's statement, the minister said the vote was close and nothing more happened.",
        "See https://other.example/link for the full report, the agency said.",
        "The photo (File) - shows the port.",
        "Plain text without any claim of origin.",
    ],
)
def test_prose_and_links_are_not_citations(text: str) -> None:
    assert not cited_sources(text)


def test_url_keys_ignore_scheme_www_tracking_fragment_and_trailing_slash() -> None:
    assert url_key("http://paper.example/news/a1") == url_key("https://www.paper.example/news/a1/#top")
    assert url_key("https://paper.example/a?utm_campaign=x&id=2") == "paper.example/a?id=2"
    assert url_key("not a url") is None and url_key(None) is None


def test_names_and_domains_fold() -> None:
    assert name_key("The Daily  Planet!") == name_key("daily planet") == "daily planet"
    assert name_key("Le Monde") == name_key("LE MONDE")
    assert domain_of("https://WWW.Paper.example/a") == "paper.example"
    assert domain_of(None) is None


def test_furniture_words_count_menus_banners_and_footers_only() -> None:
    menu = "Home | World | Business | Sport\nWe use cookies. Accept all\nShare this article on Facebook\n"
    prose = "The minister said on Monday that the port would reopen after the storm passed through the bay.\n"
    assert furniture_words(menu) == 14
    assert furniture_words(prose) == 0
    long_line = "Facebook said " + "the regulator fined the company heavily for its data practices " * 4
    assert furniture_words(long_line) == 0
