"""The web pages: paste an article to find its original, an article's copies, a publisher's report.

Server-rendered Jinja2 templates (autoescaped, no scripts), served by the API's app. Every page is a read:
open unless ``NEWSDEDUP_REQUIRE_KEY_FOR_READS`` is set. Responses forbid scripts, frames and foreign
resources (Content-Security-Policy).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from newsdedup.api.auth import check_access
from newsdedup.api.convert import match_query
from newsdedup.api.deps import Runtime, RuntimeDep
from newsdedup.api.errors import ApiError, describe_validation_errors
from newsdedup.api.schemas import MatchIn
from newsdedup.core.attribute import Relation
from newsdedup.detector import MatchReport
from newsdedup.store.audit import copies_of, publisher_report, sources_of
from newsdedup.store.publishers import find_publisher, list_publishers, resolve_publisher
from newsdedup.store.sql import SqlArticleIndex
from newsdedup.web.render import Segment, chart, plain, safe_href, sides

HERE = Path(__file__).parent
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
RELATION_WORDS = {
    Relation.ORIGINAL.value: "its source",
    Relation.COPY.value: "a copy of your text",
    Relation.DUPLICATE.value: "the same text; no way to tell which came first",
}
_HTML = re.compile(r"<\s*(?:html|body|article|p|div|head|meta|!doctype)\b", re.IGNORECASE)

router = APIRouter(include_in_schema=False)


def _percent(value: float) -> str:
    return f"{value:.0%}"


def _when(moment: datetime | None) -> str:
    return "" if moment is None else moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def _day(moment: datetime | None) -> str:
    return "" if moment is None else moment.astimezone(UTC).strftime("%Y-%m-%d")


@cache
def templates() -> Jinja2Templates:
    """The page templates, autoescaped, with the filters they use."""
    environment = Environment(
        loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True)
    )
    environment.filters.update(percent=_percent, when=_when, day=_day, plain=plain, safe_href=safe_href)
    return Jinja2Templates(env=environment)


def _page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    return templates().TemplateResponse(request, name, context, status_code=status, headers=SECURITY_HEADERS)


def _error(request: Request, status: int, title: str, message: str) -> Response:
    return _page(request, "error.html", {"title": title, "message": message}, status)


def _denied(request: Request, runtime: Runtime) -> Response | None:
    try:
        check_access(request, runtime, write=False)
    except ApiError as error:
        return _error(request, error.status, "An API key is needed", error.message)
    return None


@cache
def _static(name: str) -> bytes:
    return (HERE / "static" / name).read_bytes()


@router.get("/static/{path}", name="web_static")
def static(path: str) -> Response:
    """The stylesheet."""
    if path != "style.css":
        raise ApiError(404, "not_found", "no such file")
    headers = SECURITY_HEADERS | {"Cache-Control": "public, max-age=3600"}
    return Response(_static(path), media_type="text/css", headers=headers)


def _form(article: str = "", url: str = "", published: str = "") -> dict[str, str]:
    return {"article": article, "url": url, "published": published}


def _context(runtime: Runtime, **values: Any) -> dict[str, Any]:
    return {"max_chars": runtime.settings.max_text_chars * 4, "relation_words": RELATION_WORDS, **values}


@router.get("/", name="web_index")
def index(request: Request, runtime: RuntimeDep) -> Response:
    """The paste form."""
    return _denied(request, runtime) or _page(request, "index.html", _context(runtime, form=_form()))


def _published(value: str) -> datetime | None:
    if not value.strip():
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise ApiError(422, "invalid_request", f"{value[:40]!r} is not a date and time") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _run_match(runtime: Runtime, form: dict[str, str]) -> tuple[MatchReport, str]:
    article, url = form["article"], form["url"].strip() or None
    is_html = bool(_HTML.search(article[:2000]))
    try:
        body = MatchIn(
            text=None if is_html else article,
            html=article if is_html else None,
            url=url,
            published_at=_published(form["published"]),
        )
    except ValidationError as error:
        problems = describe_validation_errors(list(error.errors()))
        raise ApiError(
            422, "invalid_request", "; ".join(problem["message"] for problem in problems)
        ) from None
    query = match_query(body, runtime.settings)
    with runtime.detector(read_only=True) as detector:
        return detector.match(query, limit=10), query.text


@router.post("/", name="web_match")
async def match(request: Request, runtime: RuntimeDep) -> Response:
    """The likely original of the pasted article, the evidence and the two texts side by side."""
    denied = _denied(request, runtime)
    if denied is not None:
        return denied
    fields = await request.form()
    form = _form(*(str(fields.get(name) or "") for name in ("article", "url", "published")))
    try:
        report, text = await run_in_threadpool(_run_match, runtime, form)
    except ApiError as error:
        context = _context(runtime, form=form, error=error.message)
        return _page(request, "index.html", context, 422)
    left: list[Segment] = []
    right: list[Segment] = []
    if report.likely_original is not None:
        left, right = sides(
            text, report.likely_original.article.text, report.likely_original.alignment.passages
        )
    context = _context(runtime, form=form, report=report, left=left, right=right)
    return _page(request, "index.html", context)


@router.get("/articles/{article_id}", name="web_article")
def article_page(request: Request, runtime: RuntimeDep, article_id: int) -> Response:
    """An indexed article with who republished it, and what it copied."""
    denied = _denied(request, runtime)
    if denied is not None:
        return denied
    with runtime.session() as session:
        article = SqlArticleIndex(session, runtime.scheme).get(article_id)
        if article is None:
            return _error(request, 404, "No such article", f"There is no article #{article_id}.")
        copies = copies_of(session, article_id)
        originals = sources_of(session, article_id)
    return _page(request, "article.html", {"article": article, "copies": copies, "originals": originals})


@router.get("/compare", name="web_compare")
def compare_page(
    request: Request, runtime: RuntimeDep, a: Annotated[int, Query()], b: Annotated[int, Query()]
) -> Response:
    """Two indexed articles side by side: ``b`` measured against ``a``."""
    denied = _denied(request, runtime)
    if denied is not None:
        return denied
    with runtime.detector(read_only=True) as detector:
        found = detector.index.get_many([a, b])
        if a == b or a not in found or b not in found:
            return _error(
                request, 404, "Nothing to compare", "Give the ids of two different indexed articles."
            )
        match = detector.compare(found[a], found[b])
    sentence = {
        Relation.ORIGINAL: f"#{b} looks like the original of #{a}.",
        Relation.COPY: f"#{b} looks like a copy of #{a}.",
        Relation.DUPLICATE: f"#{a} and #{b} are the same text; nothing tells which came first.",
    }[match.relation]
    left, right = sides(found[a].text, found[b].text, match.alignment.passages)
    context = {"query": found[a], "match": match, "left": left, "right": right, "sentence": sentence}
    return _page(request, "compare.html", context)


@router.get("/publishers", name="web_publishers")
def publishers_page(request: Request, runtime: RuntimeDep, publisher: str | None = None) -> Response:
    """The registered publishers, and a form to open any publisher's report."""
    denied = _denied(request, runtime)
    if denied is not None:
        return denied
    if publisher and publisher.strip():
        return RedirectResponse(request.url_for("web_report", publisher=publisher.strip()), status_code=303)
    with runtime.session() as session:
        registered = list_publishers(session)
    return _page(request, "publishers.html", {"publishers": registered})


def _day_param(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.combine(date.fromisoformat(value[:10]), datetime.min.time(), tzinfo=UTC)
    except ValueError:
        return None


@router.get("/publishers/{publisher}", name="web_report")
def report_page(
    request: Request,
    runtime: RuntimeDep,
    publisher: str,
    since: str | None = None,
    until: str | None = None,
) -> Response:
    """A publisher's report: copying sites in a table and copies over time in a chart."""
    denied = _denied(request, runtime)
    if denied is not None:
        return denied
    start, end = _day_param(since), _day_param(until)
    with runtime.session() as session:
        registered = find_publisher(session, publisher)
        found = registered or resolve_publisher(session, publisher)
        if found is None:
            message = f"No publisher or domain called {publisher!r} is registered or has articles."
            return _error(request, 404, "No such publisher", message)
        audit = publisher_report(session, found, start, end)
    context = {
        "report": audit,
        "registered": registered is not None,
        "publisher": publisher,
        "chart": chart(audit.timeline, audit.period),
        "since": _day(start),
        "until": _day(end),
    }
    return _page(request, "report.html", context)
