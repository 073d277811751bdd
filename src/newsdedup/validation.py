"""Checks on untrusted input shared by the API and the CLI; each error says what to fix."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

from newsdedup.core.normalize import normalize

MAX_URL_CHARS = 2048
# Category Cc is exactly U+0000-U+001F and U+007F-U+009F; tab, newline, VT, FF and CR are allowed.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_ASCII_WORD_CHAR = re.compile("[A-Za-z0-9]")


def check_http_url(value: str, field: str) -> str:
    """Return ``value`` stripped if it is an absolute http(s) url with a host, else raise ValueError."""
    url = value.strip()
    if not url:
        raise ValueError(f"`{field}` is empty; send the article's absolute http(s) url")
    if len(url) > MAX_URL_CHARS:
        raise ValueError(f"`{field}` is longer than {MAX_URL_CHARS} characters")
    printable = url.isprintable() and " " not in url  # the common case, checked in C
    if not printable and any(char.isspace() or unicodedata.category(char) == "Cc" for char in url):
        raise ValueError(f"`{field}` contains whitespace or control characters; percent-encode them")
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError as error:
        raise ValueError(f"`{field}` is not a valid url ({error})") from None
    if parts.scheme.lower() not in {"http", "https"} or not host:
        raise ValueError(
            f"`{field}` must be an absolute http:// or https:// url with a host, got {url[:100]!r}"
        )
    return url


def check_text(value: str, field: str) -> str:
    """Raise ValueError if ``value`` is empty, whitespace only, or looks binary; return it unchanged."""
    if not value.strip():
        raise ValueError(f"`{field}` is empty or only whitespace; send the article's content")
    if "\x00" in value:
        raise ValueError(f"`{field}` contains NUL characters: it looks binary; send UTF-8 text")
    sample = value[:4096]
    controls = len(_CONTROLS.findall(sample))
    if controls > max(8, len(sample) // 50):
        raise ValueError(f"`{field}` is mostly control characters: it looks binary; send UTF-8 text")
    return value


def check_has_words(value: str, field: str) -> str:
    """Raise ValueError if ``value`` has no words to compare (only punctuation or symbols)."""
    # An ASCII letter or digit survives normalization as (part of) a word; without one, apply the rules.
    has_words = _ASCII_WORD_CHAR.search(value) is not None or bool(normalize(value))
    if not has_words:
        raise ValueError(f"`{field}` has no words (only punctuation or symbols); send the article's text")
    return value


def check_length(value: str, field: str, max_chars: int) -> str:
    """Raise ValueError if ``value`` is longer than ``max_chars``."""
    if len(value) > max_chars:
        raise ValueError(
            f"`{field}` has {len(value):,} characters; the limit is {max_chars:,} "
            "(set NEWSDEDUP_MAX_TEXT_CHARS to raise it)"
        )
    return value
