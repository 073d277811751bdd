"""How many words of a text are site furniture (menus, cookie banners, share and copyright lines).

Used by attribution to tell a copy that adds furniture around an article from an original that has
more article than its copy: only the extra words that are not furniture say which is the fuller text.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["furniture_words"]

_WORD = re.compile(r"[^\W_]+")
_CUES = re.compile(
    r"""\b(?:cookies?|newsletter|subscribe|subscription|sign\s+up|log\s*in|sign\s+in|all\s+rights\s+reserved
    |copyright|privacy\s+policy|terms\s+(?:of\s+(?:use|service)|and\s+conditions)|advertisement|advertising
    |share\s+(?:this|on)|follow\s+us|related\s+(?:articles|stories|posts|news)|read\s+more|most\s+read
    |trending|recommended\s+for\s+you|click\s+here|comments?\s+\(\d+\)|skip\s+to\s+content|accept\s+all
    |whatsapp|facebook|twitter|instagram|linkedin|telegram|tiktok|youtube)\b""",
    re.IGNORECASE | re.VERBOSE,
)
_SEPARATORS = re.compile(r"[|•·»]")
_SHORT_LINE_WORDS = 4
_CUE_LINE_WORDS = 30
"""Longer lines are prose even when they mention Facebook or a newsletter."""


def _is_furniture(line: str, words: int) -> bool:
    if _SEPARATORS.search(line) and words <= 3 * (len(_SEPARATORS.findall(line)) + 1):
        return True
    if words <= _CUE_LINE_WORDS and _CUES.search(line):
        return True
    return 0 < words <= _SHORT_LINE_WORDS and not line.rstrip().endswith((".", "!", "?", '"', "”"))


@lru_cache(maxsize=2048)
def furniture_words(text: str) -> int:
    """Words of ``text`` on lines that look like site furniture rather than article prose (remembered for
    the last texts asked about: a stored article is often a candidate of many queries)."""
    total = 0
    for line in text.splitlines():
        words = len(_WORD.findall(line))
        if words and _is_furniture(line, words):
            total += words
    return total
