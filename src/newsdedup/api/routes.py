"""The /v1 routes: each a few lines over the detector, inside one transaction."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response, status
from pydantic import BaseModel, TypeAdapter, ValidationError
from starlette.concurrency import run_in_threadpool

from newsdedup.api.auth import READER, WRITER
from newsdedup.api.convert import article_input, match_query
from newsdedup.api.deps import Runtime, RuntimeDep
from newsdedup.api.errors import ApiError, describe_validation_errors
from newsdedup.api.schemas import (
    ArticleIn,
    ArticleOut,
    BulkItemResult,
    BulkResponse,
    ErrorBody,
    IndexResponse,
    MatchIn,
    MatchResponse,
)
from newsdedup.detector import ArticleInput

router = APIRouter(
    prefix="/v1", responses={401: {"model": ErrorBody}, 413: {"model": ErrorBody}, 422: {"model": ErrorBody}}
)
_ARTICLE = TypeAdapter(ArticleIn)


@router.post(
    "/articles",
    response_model=IndexResponse,
    status_code=201,
    summary="Index an article",
    dependencies=WRITER,
)
def index_article(body: ArticleIn, runtime: RuntimeDep, response: Response) -> IndexResponse:
    """Store an article (a known url is updated in place) and return what it matched before."""
    item = article_input(body, runtime.settings)
    with runtime.detector() as detector:
        (outcome,) = detector.index_many([item])
    if not outcome.created:
        response.status_code = status.HTTP_200_OK
    return IndexResponse.of(outcome)


@router.post(
    "/articles/bulk",
    response_model=BulkResponse,
    summary="Index up to max_bulk_items articles (JSON array or NDJSON)",
    dependencies=WRITER,
    openapi_extra={
        "requestBody": {
            "content": {
                "application/json": {
                    "schema": {"type": "array", "items": {"$ref": "#/components/schemas/ArticleIn"}}
                },
                "application/x-ndjson": {"schema": {"type": "string"}},
            },
            "required": True,
        }
    },
)
async def index_bulk(
    request: Request,
    runtime: RuntimeDep,
    record_copies: Annotated[
        bool,
        Query(description="Match each article and record its copies for the audit (false: faster loading)."),
    ] = True,
) -> BulkResponse:
    """Validate each item; store the valid ones in one transaction; report every item by position."""
    raw = await request.body()
    items = _parse_bulk(raw, request.headers.get("content-type", ""), runtime.settings.max_bulk_items)
    return await run_in_threadpool(_index_bulk, items, runtime, record_copies)


def _parse_bulk(raw: bytes, content_type: str, max_items: int) -> list[Any]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ApiError(400, "invalid_encoding", f"the body is not valid UTF-8 (byte {error.start})") from None
    if "ndjson" in content_type or "jsonlines" in content_type:
        items = [_json(line, number) for number, line in enumerate(text.splitlines(), 1) if line.strip()]
    else:
        items = _json(text, None)
    if not isinstance(items, list):
        raise ApiError(422, "invalid_request", "send a JSON array of articles, or NDJSON with one per line")
    if not items:
        raise ApiError(422, "invalid_request", "the bulk request holds no articles")
    if len(items) > max_items:
        raise ApiError(
            413, "payload_too_large", f"{len(items):,} articles in one request; send at most {max_items:,}"
        )
    return items


def _json(text: str, line: int | None) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        where = f"line {line}" if line is not None else f"line {error.lineno} column {error.colno}"
        raise ApiError(400, "invalid_json", f"the body is not valid JSON at {where}: {error.msg}") from None


def _index_bulk(items: list[Any], runtime: Runtime, record_copies: bool) -> BulkResponse:
    results: dict[int, BulkItemResult] = {}
    valid: list[tuple[int, ArticleInput]] = []
    for position, raw_item in enumerate(items):
        try:
            valid.append((position, article_input(_ARTICLE.validate_python(raw_item), runtime.settings)))
        except ValidationError as error:
            problems = describe_validation_errors(list(error.errors()))
            message = "; ".join(f"{item['field']}: {item['message']}" for item in problems)
            results[position] = BulkItemResult(index=position, status=422, error=message)
        except ApiError as error:
            results[position] = BulkItemResult(index=position, status=422, error=error.message)
    if valid:
        with runtime.detector() as detector:
            outcomes = detector.index_many([item for _, item in valid], with_matches=record_copies)
        for (position, _), outcome in zip(valid, outcomes, strict=True):
            results[position] = BulkItemResult(
                index=position,
                status=201 if outcome.created else 200,
                id=outcome.id,
                url=outcome.url,
                created=outcome.created,
            )
    ordered = [results[position] for position in range(len(items))]
    return BulkResponse(
        created=sum(1 for item in ordered if item.status == 201),
        updated=sum(1 for item in ordered if item.status == 200),
        failed=sum(1 for item in ordered if item.status == 422),
        results=ordered,
    )


@router.post(
    "/match", response_model=MatchResponse, summary="Find the likely original of a text", dependencies=READER
)
def match(
    body: MatchIn,
    runtime: RuntimeDep,
    limit: Annotated[int, Query(ge=1, le=100, description="Most matches returned.")] = 10,
) -> Response:
    """Verified matches of the text, best first, and its likely original. Stores nothing."""
    query = match_query(body, runtime.settings)
    with runtime.detector(read_only=True) as detector:
        report = detector.match(query, limit=limit)
    found = MatchResponse.of(report, query_text=query.text if body.html is not None else None)
    return json_response(found)


def json_response(model: BaseModel) -> Response:
    """``model`` as JSON, serialized in the endpoint's thread: returned as a model, FastAPI would check
    and serialize it once more in another trip through the thread pool."""
    return Response(model.model_dump_json(), media_type="application/json")


@router.get(
    "/articles/{article_id}",
    response_model=ArticleOut,
    responses={404: {"model": ErrorBody}},
    dependencies=READER,
)
def get_article(article_id: int, runtime: RuntimeDep) -> ArticleOut:
    """One indexed article by id."""
    with runtime.detector(read_only=True) as detector:
        article = detector.index.get(article_id)
    if article is None:
        raise ApiError(404, "not_found", f"no article with id {article_id}")
    return ArticleOut.of(article)


@router.get(
    "/articles", response_model=ArticleOut, responses={404: {"model": ErrorBody}}, dependencies=READER
)
def find_article(
    runtime: RuntimeDep, url: Annotated[str, Query(min_length=1, description="The exact url.")]
) -> ArticleOut:
    """One indexed article by its url."""
    with runtime.detector(read_only=True) as detector:
        article = detector.index.get_by_url(url.strip())
    if article is None:
        raise ApiError(
            404, "not_found", f"no article with url {url[:200]!r}; index it with POST /v1/articles"
        )
    return ArticleOut.of(article)


@router.delete(
    "/articles/{article_id}", status_code=204, responses={404: {"model": ErrorBody}}, dependencies=WRITER
)
def delete_article(article_id: int, runtime: RuntimeDep) -> Response:
    """Remove an article with its signature and band keys."""
    with runtime.detector() as detector:
        deleted = detector.index.delete(article_id)
    if not deleted:
        raise ApiError(404, "not_found", f"no article with id {article_id}")
    return Response(status_code=204)
