"""The publisher registry: names, domains and the known-original-source flag. Flushes, never commits."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from newsdedup.core.citations import domain_of
from newsdedup.ports import PublisherInfo
from newsdedup.store.models import Article, Publisher, PublisherDomain
from newsdedup.store.provenance import SqlProvenance
from newsdedup.store.registry import publisher_infos

_DOMAIN = re.compile(r"^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$")
MAX_NAME_CHARS = 200


class RegistryError(ValueError):
    """A publisher or domain that cannot be registered; the message says what to change."""


def clean_domain(value: str) -> str:
    """``value`` as a registry domain: lower-case, no scheme, path or ``www.``; RegistryError if invalid."""
    raw = value.strip().lower()
    domain = domain_of(raw) if "/" in raw or ":" in raw else raw.removeprefix("www.")
    if not domain or not _DOMAIN.match(domain):
        raise RegistryError(f"{value[:100]!r} is not a domain; give one like paper.example (no path)")
    return domain


def clean_name(value: str) -> str:
    """A publisher name stripped of surrounding spaces; RegistryError if empty or too long."""
    name = " ".join(value.split())
    if not name or len(name) > MAX_NAME_CHARS:
        raise RegistryError(f"a publisher name needs 1 to {MAX_NAME_CHARS} characters")
    return name


def _row(session: Session, name: str) -> Publisher | None:
    return session.scalars(select(Publisher).where(func.lower(Publisher.name) == name.lower())).first()


def save_publisher(
    session: Session, name: str, domains: Sequence[str], *, original_source: bool | None = None
) -> PublisherInfo:
    """Register ``name`` (or update it): add ``domains`` to it and set its flag when given.

    A domain already registered to another publisher is moved to this one.
    """
    name = clean_name(name)
    cleaned = sorted({clean_domain(domain) for domain in domains})
    row = _row(session, name)
    if row is None:
        row = Publisher(name=name, original_source=bool(original_source), created_at=datetime.now(UTC))
        session.add(row)
        session.flush()
    elif original_source is not None:
        row.original_source = original_source
    if cleaned:
        session.execute(
            delete(PublisherDomain).where(PublisherDomain.domain.in_(cleaned)),
            execution_options={"synchronize_session": False},
        )
        session.add_all(PublisherDomain(domain=domain, publisher_id=row.id) for domain in cleaned)
    session.flush()
    found = find_publisher(session, row.name)
    if found is None:
        raise RegistryError(f"publisher {name!r} vanished while it was saved; try again")
    return found


def find_publisher(session: Session, name_or_domain: str) -> PublisherInfo | None:
    """The registered publisher called ``name_or_domain``, or owning it as a domain."""
    wanted = name_or_domain.strip()
    domain = domain_of(wanted) if "/" in wanted else wanted.lower().removeprefix("www.")
    found = SqlProvenance(session).publishers([domain] if domain else [], [wanted])
    exact = [publisher for publisher in found if publisher.name.casefold() == wanted.casefold()]
    best = exact or found
    return best[0] if best else None


def resolve_publisher(session: Session, name_or_domain: str) -> PublisherInfo | None:
    """A registered publisher, else one inferred from the articles: by domain, else by their publisher field.

    An inferred publisher has the domains its articles are on and is not an original source.
    """
    registered = find_publisher(session, name_or_domain)
    if registered is not None:
        return registered
    wanted = name_or_domain.strip()
    domain = domain_of(wanted) if "/" in wanted else wanted.lower().removeprefix("www.")
    if domain and session.scalar(select(Article.id).where(Article.domain == domain).limit(1)) is not None:
        return PublisherInfo(name=domain, domains=(domain,))
    statement = (
        select(Article.domain)
        .where(func.lower(Article.publisher) == wanted.casefold(), Article.domain.is_not(None))
        .distinct()
        .limit(50)
    )
    domains = tuple(sorted(value for value in session.scalars(statement) if value))
    return PublisherInfo(name=wanted, domains=domains) if domains else None


def list_publishers(session: Session) -> list[PublisherInfo]:
    """Every registered publisher, by name."""
    rows = session.execute(
        select(Publisher.id, Publisher.name, Publisher.original_source).order_by(func.lower(Publisher.name))
    ).all()
    return publisher_infos(session, rows)


def remove_publisher(session: Session, name: str) -> bool:
    """Unregister a publisher and its domains; False when there was none."""
    row = session.scalars(
        select(Publisher).where(func.lower(Publisher.name) == name.strip().casefold())
    ).first()
    if row is None:
        return False
    session.execute(
        delete(PublisherDomain).where(PublisherDomain.publisher_id == row.id),
        execution_options={"synchronize_session": False},
    )
    session.delete(row)
    session.flush()
    return True
