"""The audit commands of `newsdedup`: ``report``, ``publisher add|list|remove``, ``key create|list|revoke``.

Each is a few lines over `newsdedup.store`; registered on the main app in `newsdedup.cli`.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated

import typer
from rich.console import Console, JustifyMethod
from rich.table import Table
from sqlalchemy.orm import Session, sessionmaker

from newsdedup.settings import get_settings
from newsdedup.store.audit import Report, publisher_report
from newsdedup.store.db import create_engine_for, transaction, upgrade_database
from newsdedup.store.keys import create_key, list_keys, revoke_key
from newsdedup.store.publishers import (
    RegistryError,
    find_publisher,
    list_publishers,
    remove_publisher,
    resolve_publisher,
    save_publisher,
)

publisher_app = typer.Typer(
    help="The publisher registry: names, domains, known original sources.", no_args_is_help=True
)
key_app = typer.Typer(help="API keys for the write endpoints (stored hashed).", no_args_is_help=True)
err = Console(stderr=True)


class Format(StrEnum):
    """Output formats of `report`."""

    TABLE = "table"
    CSV = "csv"
    JSON = "json"


@contextmanager
def _session() -> Iterator[Session]:
    engine = create_engine_for(get_settings().database_url)
    try:
        if engine.dialect.name == "sqlite":
            upgrade_database(engine)
        with transaction(sessionmaker(engine, expire_on_commit=False)) as session:
            yield session
    finally:
        engine.dispose()


def _fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[red]error:[/] {message}")
    return typer.Exit(code=code)


def _utc(moment: datetime | None) -> datetime | None:
    return moment if moment is None or moment.tzinfo else moment.replace(tzinfo=UTC)


def report(
    publisher: Annotated[str, typer.Argument(help="A registered publisher's name, or a domain.")],
    output: Annotated[
        Format, typer.Option("--format", help="table, csv (one row per site) or json.")
    ] = Format.TABLE,
    since: Annotated[datetime | None, typer.Option(help="From this date or time (UTC).")] = None,
    until: Annotated[datetime | None, typer.Option(help="Before this date or time (UTC).")] = None,
) -> None:
    """Which sites republish PUBLISHER's articles: how many, how much, first and last seen.

    Example: newsdedup report "The Paper" --since 2024-01-01 --format csv
    """
    from newsdedup.api.audit_schemas import ReportOut

    with _session() as session:
        registered = find_publisher(session, publisher)
        found = registered or resolve_publisher(session, publisher)
        if found is None:
            raise _fail(
                f"no publisher {publisher!r}: register it with `newsdedup publisher add` or give a domain"
            )
        audit = publisher_report(session, found, _utc(since), _utc(until))
    if output is Format.JSON:
        typer.echo(ReportOut.of(audit, registered is not None).model_dump_json(indent=2, by_alias=True))
    elif output is Format.CSV:
        _csv(audit)
    else:
        _table(audit)


def _csv(audit: Report) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(
        ["domain", "articles", "copies", "median_reused_fraction", "first_seen", "last_seen", "worst_example"]
    )
    for site in audit.sites:
        worst = site.worst[0].copy_url if site.worst else ""
        writer.writerow(
            [
                site.domain,
                site.articles,
                site.copies,
                f"{site.median_reused:.4f}",
                site.first_seen.isoformat(),
                site.last_seen.isoformat(),
                worst,
            ]
        )


def _table(audit: Report) -> None:
    window = f"{audit.since:%Y-%m-%d} .. " if audit.since else ""
    window += f"{audit.until:%Y-%m-%d}" if audit.until else ("now" if window else "all time")
    copied = f"{audit.articles_copied} articles copied {audit.copies} times"
    table = Table(title=f"{audit.publisher.name}: {copied} ({window})")
    columns: list[tuple[str, JustifyMethod]] = [
        ("site", "left"),
        ("articles", "right"),
        ("copies", "right"),
        ("median reused", "right"),
        ("first seen", "left"),
        ("last seen", "left"),
        ("worst example", "left"),
    ]
    for column, justify in columns:
        table.add_column(column, justify=justify, overflow="fold", no_wrap=column == "site")
    for site in audit.sites:
        worst = f"{site.worst[0].copy_url} ({site.worst[0].reused_original:.0%})" if site.worst else ""
        table.add_row(
            site.domain,
            str(site.articles),
            str(site.copies),
            f"{site.median_reused:.0%}",
            f"{site.first_seen:%Y-%m-%d}",
            f"{site.last_seen:%Y-%m-%d}",
            worst,
        )
    Console().print(table)


def record_copies(
    batch_size: Annotated[int, typer.Option(min=1, max=5000, help="Articles per transaction.")] = 500,
) -> None:
    """Find and record the copies among articles already indexed (e.g. by `index`, which does not).

    Each article is matched against the whole index; what it copied, or what copied it, is recorded
    for `report` and the copies pages. Safe to run again: an article's records are replaced.

    Example: newsdedup index crawl.jsonl && newsdedup record-copies
    """
    from newsdedup.core import default_scheme
    from newsdedup.detector import Detector
    from newsdedup.store.audit import article_ids_after
    from newsdedup.store.provenance import SqlProvenance
    from newsdedup.store.sql import SqlArticleIndex

    engine = create_engine_for(get_settings().database_url)
    sessions = sessionmaker(engine, expire_on_commit=False)
    after, articles, recorded = 0, 0, 0
    try:
        if engine.dialect.name == "sqlite":
            upgrade_database(engine)
        while True:
            with transaction(sessions) as session:
                ids = article_ids_after(session, after, batch_size)
                if not ids:
                    break
                index = SqlArticleIndex(session, default_scheme())
                found = index.get_many(ids)
                detector = Detector(index, provenance=SqlProvenance(session))
                recorded += detector.record_matches(
                    [found[article_id] for article_id in ids if article_id in found]
                )
            after, articles = ids[-1], articles + len(ids)
            err.print(f"{articles:,} articles scanned, {recorded:,} copies recorded", end="\r")
    finally:
        engine.dispose()
    err.print(f"{articles:,} articles scanned, {recorded:,} copies recorded")


@publisher_app.command("add")
def publisher_add(
    name: Annotated[str, typer.Argument(help="The publisher's name, e.g. 'The Paper'.")],
    domain: Annotated[
        list[str] | None, typer.Option("--domain", help="A domain of its site (repeatable).")
    ] = None,
    original_source: Annotated[
        bool | None, typer.Option("--original-source/--not-original-source", help="A known original source.")
    ] = None,
) -> None:
    """Register a publisher, or add domains to it and set its flag.

    Example: newsdedup publisher add "The Paper" --domain paper.example --original-source
    """
    try:
        with _session() as session:
            saved = save_publisher(session, name, domain or [], original_source=original_source)
    except RegistryError as error:
        raise _fail(str(error), code=2) from None
    flag = ", a known original source" if saved.original_source else ""
    err.print(f"registered {saved.name}: {', '.join(saved.domains) or 'no domains'}{flag}")


@publisher_app.command("list")
def publisher_list() -> None:
    """Print the registered publishers as JSON lines."""
    with _session() as session:
        publishers = list_publishers(session)
    for publisher in publishers:
        typer.echo(
            json.dumps(
                {
                    "name": publisher.name,
                    "domains": list(publisher.domains),
                    "original_source": publisher.original_source,
                }
            )
        )


@publisher_app.command("remove")
def publisher_remove(name: Annotated[str, typer.Argument(help="The registered name.")]) -> None:
    """Unregister a publisher (its articles stay)."""
    with _session() as session:
        removed = remove_publisher(session, name)
    if not removed:
        raise _fail(f"no registered publisher called {name!r}")
    err.print(f"removed {name}")


@key_app.command("create")
def key_create(name: Annotated[str, typer.Argument(help="Who will use it, e.g. 'crawler'.")]) -> None:
    """Create an API key and print it once (only its hash is stored).

    Example: newsdedup key create crawler
    """
    try:
        with _session() as session:
            info, secret = create_key(session, name)
    except ValueError as error:
        raise _fail(str(error), code=2) from None
    err.print(
        f"key {info.id} ({info.name}) created; send it as `Authorization: Bearer <key>`; "
        "it is not shown again:"
    )
    typer.echo(secret)


@key_app.command("list")
def key_list() -> None:
    """Print the keys (id, name, first characters, created, revoked) as JSON lines."""
    with _session() as session:
        keys = list_keys(session)
    for key in keys:
        typer.echo(
            json.dumps(
                {
                    "id": key.id,
                    "name": key.name,
                    "prefix": key.prefix,
                    "created_at": key.created_at.isoformat(),
                    "revoked_at": key.revoked_at.isoformat() if key.revoked_at else None,
                }
            )
        )


@key_app.command("revoke")
def key_revoke(
    key_id: Annotated[int, typer.Argument(metavar="ID", help="The key's id (see `key list`).")],
) -> None:
    """Revoke a key: requests with it are refused from now on."""
    with _session() as session:
        revoked = revoke_key(session, key_id)
    if revoked is None:
        raise _fail(f"no key with id {key_id}; see `newsdedup key list`")
    err.print(f"key {revoked.id} ({revoked.name}) revoked")
