"""Plain-text helpers for the copy generator: paragraphs, quote-aware sentences, prefixes, quotations.

A document is handled as a list of paragraphs, each a list of sentences with whitespace collapsed.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from newsdedup.synth.words import split_words

Doc = list[list[str]]

_TOKEN_WITH_WORD = re.compile(r"[^\W_]+(?:[^\s\w]*[^\W_]+)*")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n(?=[ \t]{2,}\S)")
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s|$)")
_NEXT_START = re.compile(r"\s+[\"“‘'(\[]?[A-Z0-9£$€]")
_LAST_TOKEN = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")
_ABBREVIATIONS = frozenset(
    split_words(
        "mr mrs ms dr st prof gen sen rep gov lt col sgt capt cpl inc ltd co corp jr sr vs no nos jan feb "
        "mar apr "
        "jun jul aug sep sept oct nov dec approx dept est fig govt mt rev"
    )
)
QUOTATION = re.compile(r"\"[^\"\n]*\"|“[^”\n]*”")
"""A quotation in double quotes, straight or curly, within one paragraph."""
_OPEN_QUOTE_TO_END = re.compile(r"\"[^\"]*$|“[^”]*$")
_PLACEHOLDER = re.compile("\ue000(.)\ue001")
WORD = re.compile(r"[A-Za-z]+(?:[-'’][A-Za-z]+)*")
"""A word for rewording: letters, with inner hyphens or apostrophes."""


def word_count(text: str) -> int:
    """Words in ``text``: whitespace-separated tokens holding a letter or digit ("|" and "-" are not).

    The unit of every fraction the generator reports.
    """
    return len(_TOKEN_WITH_WORD.findall(text))


def paragraphs(text: str) -> list[str]:
    """Paragraphs of ``text`` (blank lines, or a newline before an indented line), whitespace collapsed."""
    parts = (" ".join(part.split()) for part in _PARAGRAPH_BREAK.split(text))
    return [part for part in parts if part]


def _inside_quote(paragraph: str, end: int) -> bool:
    if paragraph.count('"', 0, end) % 2:
        return True
    return paragraph.count("“", 0, end) > paragraph.count("”", 0, end)


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of one paragraph; never splits inside a quotation or after a common abbreviation."""
    sentences: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(paragraph):
        end = match.end()
        if end >= len(paragraph) or not _NEXT_START.match(paragraph, end):
            continue
        stop = match.start() + len(match.group().rstrip("\"'”’)]"))
        if paragraph[match.start() : stop] == ".":
            token = _LAST_TOKEN.search(paragraph, max(0, stop - 40), stop)
            word = token.group(1) if token else ""
            if word.lower() in _ABBREVIATIONS or len(word) == 1 or "." in word:
                continue
        if _inside_quote(paragraph, end):
            continue
        sentences.append(paragraph[start:end].strip())
        start = end
    tail = paragraph[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def parse(text: str) -> Doc:
    """``text`` as paragraphs of sentences."""
    return [split_sentences(paragraph) for paragraph in paragraphs(text)]


def render(doc: Doc) -> str:
    """Paragraphs separated by a blank line, sentences by a space."""
    return "\n\n".join(" ".join(sentences) for sentences in doc if sentences)


def doc_words(doc: Doc) -> int:
    """Words in a parsed document."""
    return sum(word_count(sentence) for sentences in doc for sentence in sentences)


@dataclass(frozen=True, slots=True)
class Prefix:
    """A leading part of a document and the share of its words that part holds."""

    doc: Doc
    fraction: float
    at_sentence_boundary: bool


def cut_prefix(doc: Doc, low: float, high: float, rng: random.Random) -> Prefix:
    """Keep the first ``low``-``high`` of the words, ending at the sentence end nearest a uniform target.

    When no sentence ends inside the range (very long sentences), the cut falls between two words.
    """
    total = doc_words(doc)
    target = rng.uniform(low, high)
    best: tuple[float, int, int] | None = None
    seen = 0
    for p_index, sentences in enumerate(doc):
        for s_index, sentence in enumerate(sentences):
            seen += word_count(sentence)
            fraction = seen / total if total else 0.0
            if low <= fraction <= high and (best is None or abs(fraction - target) < abs(best[0] - target)):
                best = (fraction, p_index, s_index)
    if best is not None:
        fraction, p_index, s_index = best
        kept = [list(sentences) for sentences in doc[:p_index]] + [doc[p_index][: s_index + 1]]
        return Prefix(kept, fraction, True)
    want = max(1, round(target * total))
    kept_doc: Doc = []
    seen = 0
    for sentences in doc:
        kept_doc.append([])
        for sentence in sentences:
            count = word_count(sentence)
            if seen + count >= want:
                kept_doc[-1].append(_first_words(sentence, want - seen))
                return Prefix(kept_doc, doc_words(kept_doc) / total, False)
            kept_doc[-1].append(sentence)
            seen += count
    return Prefix(kept_doc, 1.0, True)


def _first_words(sentence: str, count: int) -> str:
    """The leading tokens of ``sentence`` that hold its first ``count`` words."""
    tokens = sentence.split()
    seen = 0
    for index, token in enumerate(tokens):
        seen += word_count(token)
        if seen >= count:
            return " ".join(tokens[: index + 1])
    return sentence


def quotations(text: str) -> list[str]:
    """Every double-quoted passage of ``text``, paragraph by paragraph."""
    return [match.group() for paragraph in paragraphs(text) for match in QUOTATION.finditer(paragraph)]


def mask_quotes(sentence: str) -> tuple[str, list[str]]:
    """Replace each quotation by a placeholder that no word pattern matches; see `unmask_quotes`."""
    found: list[str] = []

    def hide(match: re.Match[str]) -> str:
        found.append(match.group())
        return f"\ue000{chr(0xE100 + len(found) - 1)}\ue001"

    masked = QUOTATION.sub(hide, sentence)
    masked = _OPEN_QUOTE_TO_END.sub(hide, masked)
    return masked, found


def unmask_quotes(sentence: str, found: list[str]) -> str:
    """Put the quotations hidden by `mask_quotes` back."""
    return _PLACEHOLDER.sub(lambda match: found[ord(match.group(1)) - 0xE100], sentence)


def has_placeholder(text: str) -> bool:
    """True when ``text`` holds a masked quotation."""
    return "\ue000" in text


def match_case(source: str, replacement: str) -> str:
    """``replacement`` with the capitalisation of ``source`` (Title or lower; ALL CAPS kept)."""
    if len(source) > 1 and source.isupper():
        return replacement.upper()
    if source[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def capitalize_first(text: str) -> str:
    """Upper-case the first letter of ``text``."""
    for index, char in enumerate(text):
        if char.isalpha():
            return text[:index] + char.upper() + text[index + 1 :]
        if char.isdigit() or char == "\ue000":
            return text
    return text


_ARTICLE = re.compile(r"\b([Aa]n?) ([a-z][\w-]*)")
_AN_EXCEPTIONS = ("uni", "use", "usu", "eu", "one", "once", "ubiq", "ur")
_AN_SILENT_H = ("hour", "honest", "honour", "heir")


def fix_articles(text: str) -> str:
    """Make "a"/"an" agree with the following lower-case word."""

    def agree(match: re.Match[str]) -> str:
        word = match.group(2)
        vowel = word[0] in "aeiou" and not word.startswith(_AN_EXCEPTIONS)
        vowel = vowel or word.startswith(_AN_SILENT_H)
        article = "an" if vowel else "a"
        return f"{match_case(match.group(1), article)} {word}"

    return _ARTICLE.sub(agree, text)
