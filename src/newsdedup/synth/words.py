"""Helper for the word lists written as plain strings."""

from __future__ import annotations


def split_words(text: str, sep: str | None = None) -> tuple[str, ...]:
    """The words of ``text`` split on whitespace (or ``sep``), stripped, empties dropped."""
    return tuple(word.strip() for word in text.split(sep) if word.strip())
