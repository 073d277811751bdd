"""The service's in-memory copy of the publisher registry answers as the database does, and goes stale
only for its time to live."""

from __future__ import annotations

from sqlalchemy.orm import Session

from newsdedup.store.provenance import SqlProvenance
from newsdedup.store.publishers import remove_publisher, save_publisher
from newsdedup.store.registry import RegistryCache


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _register(session: Session) -> None:
    save_publisher(session, "The Paper", ["paper.example", "paper.news"], original_source=True)
    save_publisher(session, "Scraper Daily", ["copies.example"])
    save_publisher(session, "Nameless", [])


ASKED = [
    (["paper.example"], []),
    (["PAPER.news", "copies.example"], []),
    ([], ["the paper"]),
    ([], ["NAMELESS", "nobody"]),
    (["unknown.example"], ["Scraper Daily"]),
    (["unknown.example"], ["unknown"]),
]


def test_the_cached_registry_answers_every_lookup_as_the_database_does(session: Session) -> None:
    _register(session)
    direct = SqlProvenance(session)
    cached = SqlProvenance(session, registry=RegistryCache())
    for domains, names in ASKED:
        expected = sorted(direct.publishers(domains, names), key=lambda publisher: publisher.name)
        assert sorted(cached.publishers(domains, names), key=lambda publisher: publisher.name) == expected
    assert [p.name for p in cached.publishers(["paper.news"], [])] == ["The Paper"]
    assert cached.publishers(["paper.news"], [])[0].original_source


def test_changes_from_elsewhere_show_after_the_ttl_and_own_changes_at_once(session: Session) -> None:
    clock = Clock()
    registry = RegistryCache(ttl=5.0, clock=clock)
    provenance = SqlProvenance(session, registry=registry)
    _register(session)
    assert [p.name for p in provenance.publishers(["copies.example"], [])] == ["Scraper Daily"]
    remove_publisher(session, "Scraper Daily")
    clock.now += 4.0
    assert [p.name for p in provenance.publishers(["copies.example"], [])] == ["Scraper Daily"]
    clock.now += 1.5
    assert provenance.publishers(["copies.example"], []) == []
    save_publisher(session, "Scraper Daily", ["copies.example"])
    registry.invalidate()
    assert [p.name for p in provenance.publishers(["copies.example"], [])] == ["Scraper Daily"]


def test_a_registry_too_large_to_keep_is_queried_instead(session: Session) -> None:
    _register(session)
    registry = RegistryCache(max_publishers=2)
    assert registry.lookup(session, ["paper.example"], []) is None
    provenance = SqlProvenance(session, registry=registry)
    assert [p.name for p in provenance.publishers(["paper.example"], [])] == ["The Paper"]
