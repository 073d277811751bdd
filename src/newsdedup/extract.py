"""The article in a web page: main text and metadata from HTML, as pure functions over a string.

`extract_article` runs trafilatura for the main text (favouring precision, so menus, sidebars and
footers are dropped), htmldate for the original publication date (not the last modification), and reads
``<link rel="canonical">``, ``og:url`` and the page language with lxml. When trafilatura finds no main
text, a plain rendering of the page body is used instead, so that short pages are not lost.
"""

from __future__ import annotations

import codecs
import json
import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Final, Literal, TypeAlias
from urllib.parse import urljoin, urlsplit

import htmldate
import trafilatura
from trafilatura.utils import detect_encoding, load_html

__all__ = [
    "DEFAULT_MAX_HTML_SIZE",
    "Extracted",
    "ExtractionError",
    "decode_html",
    "extract_article",
]

LOGGER: Final = logging.getLogger(__name__)

DEFAULT_MAX_HTML_SIZE: Final = 10_000_000
"""Largest HTML accepted by `extract_article`: bytes for ``bytes`` input, characters for ``str``."""

_Tree: TypeAlias = Any
"""An ``lxml.html._Tree``; lxml ships no type information."""

_DATE_FORMAT: Final = "%Y-%m-%dT%H:%M:%S%z"
_DATE_META: Final = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "dc.date.issued",
    "dcterms.issued",
    "parsely-pub-date",
    "sailthru.date",
    "pubdate",
    "publishdate",
)
_EARLIEST: Final = datetime(1990, 1, 1, tzinfo=UTC)
_LEEWAY: Final = timedelta(days=1)
_BOMS: Final = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET: Final = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
# WHATWG: a page that says latin-1 or ascii means windows-1252.
_WHATWG_ALIASES: Final = {"latin_1": "cp1252", "iso8859_1": "cp1252", "ascii": "cp1252"}
_LANGUAGE: Final = re.compile(r"[a-z]{2,3}")
_SPACES: Final = re.compile(r"[ \t\f\v\u00a0\u200b]+")
_CONTROL: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")
_WORD: Final = re.compile(r"[^\W_]{2,}")
_BINARY: Final = re.compile(r"[\x00-\x08\x0e-\x1f\ufffd]")
_BINARY_SHARE: Final = 0.05
"""Above this share of control or undecodable characters, the input is taken for binary data."""

# Never visible text, in the fallback rendering.
_HIDDEN_TAGS: Final = frozenset(
    {"head", "script", "style", "noscript", "template", "svg", "math", "canvas", "iframe", "object"}
)
# Site furniture, left out of the fallback rendering unless nothing else is left.
_FURNITURE_TAGS: Final = frozenset(
    {"nav", "header", "footer", "aside", "form", "button", "select", "textarea", "menu", "dialog"}
)
_BLOCK_TAGS: Final = frozenset(
    {
        "address", "article", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure",
        "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "main", "ol", "p", "pre", "section", "table",
        "td", "th", "tr", "ul",
    }
)  # fmt: skip


class ExtractionError(ValueError):
    """The HTML holds no readable article text, or could not be read at all."""


@dataclass(frozen=True, slots=True)
class Extracted:
    """What a page says about its article."""

    text: str
    """The main text, paragraphs separated by newlines."""
    title: str | None = None
    published_at: datetime | None = None
    """Original publication time, in UTC, from the page's metadata or dates on it (midnight if only a day)."""
    canonical_url: str | None = None
    """``<link rel="canonical">``, made absolute against the page url when one is given."""
    og_url: str | None = None
    """``<meta property="og:url">``, made absolute likewise."""
    language: str | None = None
    """Primary language subtag (``"en"``) from ``<html lang>`` or ``og:locale``."""
    method: Literal["trafilatura", "fallback"] = "trafilatura"
    """Which extractor found the text: trafilatura, or the plain rendering of the body."""


def decode_html(data: bytes, declared: str | None = None) -> str:
    """Decode a page's bytes: byte-order mark, then valid UTF-8, then ``declared`` (HTTP charset),
    then ``<meta charset>``, then a statistical guess; undecodable bytes become U+FFFD.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    found = _META_CHARSET.search(data[:4096])
    candidates = [declared, found.group(1).decode("ascii") if found else None]
    for candidate in candidates:
        codec = _codec(candidate)
        if codec is not None and codec not in {"utf_8", "utf_16", "utf_32"}:
            return data.decode(codec, errors="replace")
    for guess in detect_encoding(data):
        try:
            return data.decode(guess)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("cp1252", errors="replace")


def extract_article(
    html: str | bytes,
    *,
    url: str | None = None,
    max_size: int = DEFAULT_MAX_HTML_SIZE,
    extensive_date_search: bool = False,
) -> Extracted:
    """Extract the article of one page.

    ``url`` is the page's own address: it makes relative canonical links absolute. ``max_size`` caps the
    input (bytes for ``bytes``, characters for ``str``); ``extensive_date_search`` lets htmldate also scan
    the visible text for dates, which is slower. Raises `ExtractionError` when no article text is found.
    """
    if len(html) > max_size:
        unit = "bytes" if isinstance(html, bytes) else "characters"
        raise ExtractionError(
            f"the HTML is {len(html):,} {unit}, above the limit of {max_size:,}; "
            "raise max_size or send the text in `text` instead"
        )
    markup = decode_html(html) if isinstance(html, bytes) else html
    sample = markup[:4096]
    if len(_BINARY.findall(sample)) > len(sample) * _BINARY_SHARE:
        raise ExtractionError(
            "the input looks like binary data, not HTML; send the page's HTML, or its text in `text`"
        )
    markup = _CONTROL.sub("", markup)
    tree = _parse(markup)
    if tree is None:
        raise ExtractionError("the HTML has no readable article text; send the text in `text` instead")
    canonical_url = _link(tree, "canonical", url)
    og_url = _meta_url(tree, "og:url", url)
    language = _language(tree)
    document = _trafilatura(tree, url, extensive_date_search)
    text = _clean_text(str(document.text)) if document is not None and document.text else ""
    method: Literal["trafilatura", "fallback"] = "trafilatura"
    if not _WORD.search(text):
        text = _clean_text(_render_body(tree, _FURNITURE_TAGS | _HIDDEN_TAGS))
        if not _WORD.search(text):
            text = _clean_text(_render_body(tree, _HIDDEN_TAGS))
        method = "fallback"
    if not _WORD.search(text):
        raise ExtractionError("the HTML has no readable article text; send the text in `text` instead")
    if document is None:
        title = _clean_title(_title_tag(tree))
        found_date = htmldate.find_date(tree, url=url, **_date_params(extensive_date_search))
    else:
        title, found_date = _clean_title(document.title), document.date
    published_at = _metadata_date(tree) or _parse_date(found_date)
    return Extracted(
        text=text,
        title=title,
        published_at=published_at,
        canonical_url=canonical_url,
        og_url=og_url,
        language=language,
        method=method,
    )


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip().strip("\"'")).name.replace("-", "_")
    except LookupError:
        return None
    return _WHATWG_ALIASES.get(codec, codec)


def _parse(markup: str) -> _Tree | None:
    head = markup.lstrip()[:50].lower()
    if "html" not in head:
        # A fragment: trafilatura's loader rejects markup that does not look like a whole document.
        markup = f"<html><body>{markup}</body></html>"
    try:
        return load_html(markup)
    except ValueError:
        return None


def _trafilatura(tree: _Tree, url: str | None, extensive_date_search: bool) -> Any:
    try:
        return trafilatura.bare_extraction(
            tree,
            url=url,
            favor_precision=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            deduplicate=False,
            with_metadata=True,
            date_extraction_params=_date_params(extensive_date_search),
        )
    except Exception:  # a third-party parser on arbitrary web pages: fall back rather than fail the batch
        LOGGER.warning("trafilatura failed on %s; using the plain rendering of the body", url, exc_info=True)
        return None


def _date_params(extensive_search: bool) -> dict[str, Any]:
    return {
        "original_date": True,
        "extensive_search": extensive_search,
        "outputformat": _DATE_FORMAT,
        "max_date": (datetime.now(UTC) + _LEEWAY).strftime("%Y-%m-%d"),
    }


def _absolute(href: str | None, base: str | None) -> str | None:
    if not href or not href.strip():
        return None
    href = href.strip()
    if base:
        try:
            href = urljoin(base, href)
        except ValueError:
            return None
    try:
        parts = urlsplit(href)
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
        return None
    return href


def _link(tree: _Tree, rel: str, base: str | None) -> str | None:
    for element in tree.iter("link"):
        rels = (element.get("rel") or "").lower().split()
        if rel in rels:
            found = _absolute(element.get("href"), base)
            if found:
                return found
    return None


def _meta(tree: _Tree, name: str) -> str | None:
    for element in tree.iter("meta"):
        key = (element.get("property") or element.get("name") or "").strip().lower()
        if key == name:
            content = str(element.get("content") or "").strip()
            if content:
                return content
    return None


def _meta_url(tree: _Tree, name: str, base: str | None) -> str | None:
    return _absolute(_meta(tree, name), base)


def _language(tree: _Tree) -> str | None:
    for raw in (
        tree.get("lang"),
        tree.get("{http://www.w3.org/XML/1998/namespace}lang"),
        _meta(tree, "og:locale"),
    ):
        if raw:
            primary = re.split(r"[-_]", raw.strip().lower(), maxsplit=1)[0]
            if _LANGUAGE.fullmatch(primary):
                return primary
    return None


def _title_tag(tree: _Tree) -> str | None:
    for element in tree.iter("title"):
        return str(element.text_content())
    return None


def _clean_title(title: object) -> str | None:
    if not isinstance(title, str):
        return None
    cleaned = _SPACES.sub(" ", title).strip()
    return cleaned or None


def _parse_date(value: object) -> datetime | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    if not _EARLIEST <= moment <= datetime.now(UTC) + _LEEWAY:
        return None
    return moment


def _metadata_date(tree: _Tree) -> datetime | None:
    """A full publication timestamp from meta tags, ``itemprop`` or JSON-LD, when the page states one."""
    for name in _DATE_META:
        found = _parse_date(_meta(tree, name))
        if found is not None:
            return found
    for element in tree.xpath("//*[@itemprop='datePublished']"):
        found = _parse_date(element.get("content") or element.get("datetime"))
        if found is not None:
            return found
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):
            continue
        found = _parse_date(_json_ld_date(data, 0))
        if found is not None:
            return found
    return None


def _json_ld_date(data: object, depth: int) -> object:
    if depth > 4:
        return None
    if isinstance(data, dict):
        if isinstance(data.get("datePublished"), str):
            return data["datePublished"]
        children: list[object] = list(data.values())
    elif isinstance(data, list):
        children = list(data)
    else:
        return None
    for child in children:
        found = _json_ld_date(child, depth + 1)
        if found is not None:
            return found
    return None


def _render_body(tree: _Tree, skipped: frozenset[str]) -> str:
    """The text of the page's body outside the ``skipped`` elements, a line per block."""
    parts: list[str] = []
    bodies = tree.xpath("//body")
    _render(bodies[0] if bodies else tree, skipped, parts)
    return "".join(parts)


def _render(element: _Tree, skipped: frozenset[str], parts: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else None
    if tag is not None and tag not in skipped:
        block = tag in _BLOCK_TAGS
        if block:
            parts.append("\n")
        if element.text:
            parts.append(element.text)
        for child in element:
            _render(child, skipped, parts)
        if block:
            parts.append("\n")
    if element.tail:
        parts.append(element.tail)


def _clean_text(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)
