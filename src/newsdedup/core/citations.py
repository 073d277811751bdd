"""The sources a text says it took from: urls and publisher names in "Source:", "via", "(Reuters)" lines.

Pure functions over a string. Urls are reduced to a comparison key with courlan (scheme, ``www.``,
tracking parameters, fragments and trailing slashes do not count); names to a case- and
punctuation-folded key.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from courlan import normalize_url

__all__ = ["Citations", "cited_sources", "domain_of", "name_key", "url_key"]

_URL = re.compile(r"""(?:https?://|www\.)[^\s<>"'()\[\]{}]+""", re.IGNORECASE)
_BARE_DOMAIN = re.compile(r"\b(?:[a-z0-9-]+\.)+[a-z]{2,}(?:/[^\s<>\"'()]*)?", re.IGNORECASE)
_SOURCE_LINE = re.compile(
    r"""^\W{0,3}(?:
        sources?\s*(?:\d+\s*)?[:\-–—]            # Source: X, Sources: 1/ a 2/ b, Source - X
      | sources?\s+(?=\d+\s*[/.)])               # Sources 1/ a 2/ b
      | sources?\s*$                             # a heading over a numbered list
      | (?:this\s+(?:article|story|post)\s+(?:was\s+)?)?(?:originally|first)\s+
        (?:published|appeared|posted|ran)\s+(?:at|on|in|by)\b
      | (?:read\s+(?:the\s+)?)?original\s+(?:article|story|source)\s*(?:at|on|:|-)?
      | (?:with\s+)?(?:reporting|content|story|article)\s+(?:from|by|courtesy\s+of)\b
      | courtesy\s+(?:of\s+)?
      | via\b(?=(?:\W*\w+){1,8}\W*$)            # a short "via X" line, not a sentence starting with Via
      | credit\s*:
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_ANY_SOURCE_LINE = re.compile(
    r"\n\s*" + _SOURCE_LINE.pattern.replace("^\\W{0,3}", "\\W{0,3}", 1), _SOURCE_LINE.flags
)
"""`_SOURCE_LINE` after any line break: searched in the text with a line break put before it, a text
without one has no source lines (a pattern that starts with a literal is searched for that literal)."""
_INLINE_VIA = re.compile(r"\(\s*(?:via|source:?)\s+([^()\n]{2,80})\)", re.IGNORECASE)
_DATELINE = re.compile(r"\((?P<name>[A-Z][\w&.'’ -]{1,40}?)\)\s*[-–—:]")
_NUMBERING = re.compile(r"(?:^|\s)\d{1,2}\s*[/.)]\s+")
_NAME_SPLIT = re.compile(r"\s*(?:[,;|/+&]|\band\b|\bet\b)\s*", re.IGNORECASE)
_NAME_NOISE = re.compile(r"[^\w\s&.'-]+")
_LEADING_WORDS = re.compile(r"^(?:the|by|from|at|on|in|of|to)\s+", re.IGNORECASE)
_MAX_NAME_CHARS = 60
_MAX_NAME_WORDS = 6
_SOURCE_LINES_AFTER = 6
"""Lines after a bare "Sources" heading read as its numbered list."""
_NOT_A_DATELINE = frozenset({"file", "photo", "video", "reuters file", "updated", "ap photo", "pictured"})


@dataclass(frozen=True, slots=True)
class Citations:
    """What a text cites as its source: url keys (see `url_key`) and name keys (see `name_key`)."""

    urls: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    shown: tuple[str, ...] = ()
    """The cited urls and names as written, for explanations."""

    def __bool__(self) -> bool:
        return bool(self.urls or self.names)


NO_CITATIONS = Citations()


def url_key(url: str | None) -> str | None:
    """A comparison key for ``url``: host without ``www.`` and path, query without tracking parameters.

    ``https://www.Paper.example/a/?utm_source=x#top`` and ``http://paper.example/a`` share a key.
    None when ``url`` is not a web address.
    """
    if not url:
        return None
    candidate = url.strip().rstrip(".,;:!?")
    if not re.match(r"https?://", candidate, re.IGNORECASE):
        candidate = "https://" + candidate.removeprefix("//")
    try:
        normalized = normalize_url(candidate, strict=True)
        parts = urlsplit(normalized)
        host = (parts.hostname or "").lower()
    except ValueError:
        return None
    if "." not in host:
        return None
    path = parts.path.rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"{host.removeprefix('www.')}{path}{query}"


@lru_cache(maxsize=8192)
def domain_of(url: str | None) -> str | None:
    """The host of ``url`` without a leading ``www.``, lower-case; None when there is none."""
    if not url:
        return None
    try:
        host = (urlsplit(url if "//" in url else "//" + url).hostname or "").lower()
    except ValueError:
        return None
    return host.removeprefix("www.") or None


@lru_cache(maxsize=8192)
def name_key(name: str) -> str:
    """A comparison key for a publisher name: accents, case, punctuation and a leading "The" dropped
    (cached: a publisher's name comes up with every article of it)."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
    plain = _LEADING_WORDS.sub("", re.sub(r"[^\w\s]+", " ", plain).strip())
    return " ".join(plain.split())


def _names(fragment: str) -> list[str]:
    fragment = _URL.sub(" ", fragment)
    fragment = _NUMBERING.sub(", ", " " + fragment)
    names = []
    for part in _NAME_SPLIT.split(fragment):
        cleaned = _NAME_NOISE.sub(" ", part).strip(" .-'")
        cleaned = _LEADING_WORDS.sub("", cleaned)
        if not cleaned or len(cleaned) > _MAX_NAME_CHARS or len(cleaned.split()) > _MAX_NAME_WORDS:
            continue
        if not any(char.isalpha() for char in cleaned) or _BARE_DOMAIN.fullmatch(cleaned):
            continue
        names.append(cleaned)
    return names


def _urls(fragment: str) -> list[str]:
    found = [match.group(0) for match in _URL.finditer(fragment)]
    rest = _URL.sub(" ", fragment)
    found += [match.group(0) for match in _BARE_DOMAIN.finditer(rest) if "." in match.group(0)]
    return found


class _Collector:
    def __init__(self) -> None:
        self.urls: dict[str, None] = {}
        self.names: dict[str, None] = {}
        self.shown: dict[str, None] = {}

    def add_fragment(self, fragment: str) -> None:
        for url in _urls(fragment):
            key = url_key(url)
            if key is not None:
                self.urls.setdefault(key)
                self.shown.setdefault(url.rstrip(".,;:"))
        for name in _names(fragment):
            self.add_name(name)

    def add_name(self, name: str) -> None:
        key = name_key(name)
        if key and len(key) >= 2:
            self.names.setdefault(key)
            self.shown.setdefault(name)

    def result(self) -> Citations:
        return Citations(tuple(self.urls), tuple(self.names), tuple(self.shown))


def cited_sources(text: str) -> Citations:
    """Urls and publisher names ``text`` gives as its source.

    Reads lines such as ``Source: Reuters``, ``Sources 1/ https://a.example/x 2/ b.example``,
    ``Originally published at https://...``, ``via The Paper``, ``(via Reuters)``, and datelines such
    as ``LONDON (Reuters) -``. Urls elsewhere in the text are links, not claims of origin, and are ignored.
    """
    collector = _Collector()
    has_lines = _ANY_SOURCE_LINE.search("\n" + text) is not None or _INLINE_VIA.search(text) is not None
    lines = text.splitlines() if has_lines else []
    pending = 0
    for line in lines:
        stripped = line.strip()
        if not stripped:
            continue
        heading = _SOURCE_LINE.match(stripped)
        if heading is not None:
            rest = stripped[heading.end() :].strip()
            collector.add_fragment(rest)
            pending = 0 if rest else _SOURCE_LINES_AFTER
        elif pending:
            pending -= 1
            if _NUMBERING.match(" " + stripped) or _URL.match(stripped):
                collector.add_fragment(stripped)
            else:
                pending = 0
        for inline in _INLINE_VIA.finditer(stripped):
            collector.add_fragment(inline.group(1))
    head = text[:2000]
    for dateline in _DATELINE.finditer(head):
        name = dateline.group("name").strip()
        if name_key(name) not in _NOT_A_DATELINE:
            collector.add_name(name)
    return collector.result()
