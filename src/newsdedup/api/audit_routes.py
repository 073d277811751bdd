"""The /v1 audit routes: compare two articles, copies of an article, publishers and their reports."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from newsdedup.api.audit_schemas import (
    CompareResponse,
    CopiesResponse,
    CopyOut,
    PublisherIn,
    PublisherOut,
    ReportOut,
)
from newsdedup.api.auth import READER, WRITER
from newsdedup.api.deps import RuntimeDep
from newsdedup.api.errors import ApiError
from newsdedup.api.schemas import ArticleRef, ErrorBody
from newsdedup.store.audit import copies_of, publisher_report
from newsdedup.store.publishers import (
    RegistryError,
    find_publisher,
    list_publishers,
    remove_publisher,
    resolve_publisher,
    save_publisher,
)
from newsdedup.store.sql import SqlArticleIndex

router = APIRouter(
    prefix="/v1", tags=["audit"], responses={401: {"model": ErrorBody}, 404: {"model": ErrorBody}}
)


def _utc(moment: datetime | None) -> datetime | None:
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


@router.get("/compare", response_model=CompareResponse, dependencies=READER, summary="Compare two articles")
def compare(
    runtime: RuntimeDep,
    a: Annotated[int, Query(description="The article taken as the query.")],
    b: Annotated[int, Query(description="The article measured against it.")],
) -> CompareResponse:
    """Article ``b`` against article ``a``: relation, evidence, passages (offsets into both stored texts)."""
    if a == b:
        raise ApiError(422, "invalid_request", "a and b are the same article; give two different ids")
    with runtime.detector(read_only=True) as detector:
        found = detector.index.get_many([a, b])
        missing = [str(article_id) for article_id in (a, b) if article_id not in found]
        if missing:
            raise ApiError(404, "not_found", f"no article with id {', '.join(missing)}")
        match = detector.compare(found[a], found[b])
    return CompareResponse.of_pair(found[a], match)


@router.get(
    "/articles/{article_id}/copies",
    response_model=CopiesResponse,
    dependencies=READER,
    summary="Who republished an article",
)
def article_copies(article_id: int, runtime: RuntimeDep) -> CopiesResponse:
    """Every recorded copy of the article (found when either was indexed), earliest first."""
    with runtime.session() as session:
        article = SqlArticleIndex(session, runtime.scheme).get(article_id)
        if article is None:
            raise ApiError(404, "not_found", f"no article with id {article_id}")
        rows = copies_of(session, article_id)
    return CopiesResponse(article=ArticleRef.of(article), copies=[CopyOut.of(row) for row in rows])


@router.get(
    "/publishers", response_model=list[PublisherOut], dependencies=READER, summary="Registered publishers"
)
def publishers(runtime: RuntimeDep) -> list[PublisherOut]:
    """Every registered publisher with its domains, by name."""
    with runtime.session() as session:
        return [PublisherOut.of(publisher) for publisher in list_publishers(session)]


@router.post(
    "/publishers",
    response_model=PublisherOut,
    status_code=201,
    dependencies=WRITER,
    summary="Register or update a publisher",
)
def register_publisher(body: PublisherIn, runtime: RuntimeDep, response: Response) -> PublisherOut:
    """Register a publisher (201) or update a registered one (200): domains are added, the flag set if given.

    A domain registered to another publisher moves to this one.
    """
    try:
        with runtime.session() as session:
            known = find_publisher(session, body.name)
            created = known is None or known.name.casefold() != body.name.strip().casefold()
            saved = save_publisher(session, body.name, body.domains, original_source=body.original_source)
    except RegistryError as error:
        raise ApiError(422, "invalid_request", str(error)) from None
    runtime.registry.invalidate()
    if not created:
        response.status_code = status.HTTP_200_OK
    return PublisherOut.of(saved)


@router.get(
    "/publishers/{publisher}",
    response_model=PublisherOut,
    dependencies=READER,
    summary="A publisher, registered or inferred",
)
def get_publisher(publisher: str, runtime: RuntimeDep) -> PublisherOut:
    """A registered publisher by name or domain, else one inferred from the articles' domains."""
    with runtime.session() as session:
        registered = find_publisher(session, publisher)
        found = registered or resolve_publisher(session, publisher)
    if found is None:
        raise ApiError(404, "not_found", _unknown(publisher))
    return PublisherOut.of(found, registered is not None)


@router.delete(
    "/publishers/{publisher}", status_code=204, dependencies=WRITER, summary="Unregister a publisher"
)
def delete_publisher(publisher: str, runtime: RuntimeDep) -> Response:
    """Remove a registered publisher and its domains (its articles stay)."""
    with runtime.session() as session:
        removed = remove_publisher(session, publisher)
    runtime.registry.invalidate()
    if not removed:
        raise ApiError(404, "not_found", f"no registered publisher called {publisher[:200]!r}")
    return Response(status_code=204)


@router.get(
    "/publishers/{publisher}/report",
    response_model=ReportOut,
    dependencies=READER,
    summary="Which sites republish a publisher's articles",
)
def report(
    publisher: str,
    runtime: RuntimeDep,
    since: Annotated[
        datetime | None, Query(description="From this time (ISO-8601 date or time; UTC).")
    ] = None,
    until: Annotated[datetime | None, Query(description="Before this time (exclusive).")] = None,
) -> ReportOut:
    """Per copying site: articles republished, median reused fraction, first and last seen, worst examples."""
    start, end = _utc(since), _utc(until)
    if start is not None and end is not None and end <= start:
        raise ApiError(422, "invalid_request", "`until` must be after `since`")
    with runtime.session() as session:
        registered = find_publisher(session, publisher)
        found = registered or resolve_publisher(session, publisher)
        if found is None:
            raise ApiError(404, "not_found", _unknown(publisher))
        audit = publisher_report(session, found, start, end)
    return ReportOut.of(audit, registered is not None)


def _unknown(publisher: str) -> str:
    return (
        f"no publisher {publisher[:200]!r}: register it with POST /v1/publishers "
        "(or `newsdedup publisher add`), or give a domain its articles are on"
    )
