"""Which lines or sentences of a text are site furniture (menus, banners, share and copyright lines, lists
of headlines) rather than article prose.

Two uses: attribution tells a copy that adds furniture around an article from an original that has more
article than its copy (only extra words that are not furniture say which is the fuller text), and
alignment gives furniture no weight, so two pages of one copier site do not look copied from each other
because they share its cookie banner, menus and headline lists.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from newsdedup.core.lexical import LINE

__all__ = ["Span", "furniture_flags", "furniture_words"]

_WORD = re.compile(r"[^\W_]+")
_NUMBER = re.compile(r"\d+(?:[.,:/-]\d+)*")
_CUES = re.compile(
    r"""\b(?:all\s+rights\s+reserved|manage\s+(?:cookies|preferences|consent)|follow\s+us|share\s+this\s+(?:article|story|page|post)
    |related\s+(?:articles|stories|posts|news)|recommended\s+for\s+you|click\s+here|comments?\s+\(\d+\)
    |skip\s+to\s+content|your\s+email\s+address|required\s+fields|leave\s+a\s+(?:reply|comment)
    |appeared\s+first\s+on)\b""",
    re.IGNORECASE | re.VERBOSE,
)
"""Phrases only site furniture uses: a line or sentence of up to `_CUE_LINE_WORDS` words with one is
furniture."""
_TOPIC_CUES = re.compile(
    r"""\b(?:cookies?|newsletter|subscribe|subscription|sign\s+up|log\s*in|sign\s+in|copyright
    |privacy\s+(?:policy|settings|notice)|reject\s+all|accept\s+all|terms\s+(?:of\s+(?:use|service)|and\s+conditions)
    |advertisement|advertising|share\s+on|read\s+more|most\s+read|trending|continue\s+reading
    |whatsapp|facebook|twitter|instagram|linkedin|telegram|tiktok|youtube)\b""",
    re.IGNORECASE | re.VERBOSE,
)
"""Words of furniture that news is also written about (a story on Twitter, an advertising campaign, a
copyright case): furniture only in a line or sentence that does not read as prose, being a few words,
without a sentence end, or in the site's own voice (`_SITE_VOICE`)."""
_SITE_VOICE = re.compile(r"\b(?:[Ww]e|[Oo]ur|us|[Yy]ou|[Yy]our|[Tt]his\s+(?:site|website))\b")
"""A site speaking to its reader ("We use cookies", "Sign up to our newsletter"); case-sensitive ("US" is
a country), and not read in a span with quotation marks, where a news story's sources speak."""
_QUOTE_MARKS = re.compile(r"[\"“”«»]")
_CUE_WORDS_TEXT = """
    cookie cookies newsletter subscribe subscription sign log login reserved copyright privacy terms
    advertisement advertising share follow related read trending recommended click comment comments skip
    accept manage reject whatsapp facebook twitter instagram linkedin telegram tiktok youtube email
    required leave continue appeared
"""
_CUE_WORDS = frozenset(_CUE_WORDS_TEXT.split())
"""One word of every `_CUES` phrase: a line without any of them cannot match, so is not searched."""
_SEPARATORS = re.compile(r"[|•·»]")
_ENDINGS = frozenset('.!?"”')
_SHORT_LINE_WORDS = 4
_BYLINE = re.compile(r"(?:by|published|updated|posted|last\s+updated)\b", re.IGNORECASE)
_BYLINE_WORDS = 8
"""A line this short that starts like a byline or a date line, without a sentence end, is furniture."""
_CUE_LINE_WORDS = 30
"""Longer lines are prose even when they mention Facebook or a newsletter."""
_HEADLINE_WORDS = 15
"""A line of up to this many words, without a sentence end, beside another such line: a list of headlines."""


Span = tuple[int, int, Sequence[str]]
"""A line or a sentence of a text: its start and end offsets and its words."""


def _ends_sentence(text: str, start: int, end: int) -> bool:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end > start and text[end - 1] in _ENDINGS


def _whole_line(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is alone on its line(s): nothing but spaces beside it (read outwards
    from the span, so that a text of many sentences on one line costs no more than its length)."""
    before = start
    while before > 0 and text[before - 1] != "\n" and text[before - 1].isspace():
        before -= 1
    if before > 0 and text[before - 1] != "\n":
        return False
    after = end
    while after < len(text) and text[after] != "\n" and text[after].isspace():
        after += 1
    return after == len(text) or text[after] == "\n"


def _has_cue(text: str, start: int, end: int, ends_sentence: bool) -> bool:
    """A furniture phrase, or a furniture topic word where the span does not read as news prose."""
    if _CUES.search(text, start, end):
        return True
    if not _TOPIC_CUES.search(text, start, end):
        return False
    if not ends_sentence or len(text[start:end].split()) <= _SHORT_LINE_WORDS:
        return True
    return _SITE_VOICE.search(text, start, end) is not None and not _QUOTE_MARKS.search(text, start, end)


def _is_furniture(text: str, start: int, end: int, words: Sequence[str], marked: bool) -> bool:
    """``marked``: whether ``text`` has a separator or a © anywhere (most texts have neither)."""
    count = len(words)
    separators = len(_SEPARATORS.findall(text, start, end)) if marked else 0
    if separators and count <= 3 * (separators + 1):
        return True
    ends_sentence = _ends_sentence(text, start, end)
    if count <= _CUE_LINE_WORDS and (
        (marked and text.find("©", start, end) >= 0)
        or (not _CUE_WORDS.isdisjoint(map(str.lower, words)) and _has_cue(text, start, end, ends_sentence))
    ):
        return True
    if ends_sentence:
        return False
    if count <= _BYLINE_WORDS and _BYLINE.match(text, start, end):
        return True
    if count <= _SHORT_LINE_WORDS:
        return len(_NUMBER.findall(text, start, end)) < 2
    commas = text.count(", ", start, end)
    return commas >= 2 and count <= 3 * (commas + 1) and _whole_line(text, start, end)


def _headline_lines(text: str, start: int, end: int) -> int:
    """How many lines ``text[start:end]`` has when it is whole lines that all read like headlines (short,
    no sentence end, at most one number: a table row has more), else 0."""
    if _ends_sentence(text, start, end) or not _whole_line(text, start, end):
        return 0
    lines = [line for line in LINE.finditer(text, start, end) if line.group().strip()]
    for line in lines:
        numbers = len(_NUMBER.findall(line.group()))
        if len(_WORD.findall(line.group())) > _HEADLINE_WORDS or numbers > 1:
            return 0
        if _ends_sentence(text, line.start(), line.end()):
            return 0
    return len(lines)


def furniture_flags(text: str, spans: Sequence[Span]) -> list[bool]:
    """For each span of ``text`` in order (lines or sentences), whether it is furniture: a menu or a line of
    links (separators between a few words), a line naming cookies, newsletters, sharing or rights (or with
    a ©), a few words without a sentence end (a table row, with numbers, is not), a byline or date line, a
    list of tags (a line of a few words between commas), or lines that read like headlines (more than one,
    or one beside other furniture: a list of headlines, a related-stories box)."""
    marked = "©" in text or _SEPARATORS.search(text) is not None
    flags = [bool(words) and _is_furniture(text, start, end, words, marked) for start, end, words in spans]
    lines = [
        0 if flag or not words else _headline_lines(text, start, end)
        for (start, end, words), flag in zip(spans, flags, strict=True)
    ]
    listed = [flag or count > 0 for flag, count in zip(flags, lines, strict=True)]
    for index, count in enumerate(lines):
        if count > 1:
            flags[index] = True
        elif count == 1:
            before = index > 0 and listed[index - 1]
            flags[index] = before or (index + 1 < len(spans) and listed[index + 1])
    return flags


@lru_cache(maxsize=2048)
def furniture_words(text: str) -> int:
    """Words of ``text`` on lines that are furniture (`furniture_flags`); remembered for the last texts
    asked about, as a stored article is often a candidate of many queries."""
    spans: list[Span] = []
    for line in LINE.finditer(text):
        words = _WORD.findall(line.group())
        if words:
            spans.append((line.start(), line.end(), words))
    flags = furniture_flags(text, spans)
    return sum(len(words) for (_, _, words), flag in zip(spans, flags, strict=True) if flag)
