"""Scraper-style copies of any English article, seeded: the benchmark's published copy generator.

Every kind is built from independent substitutions (the project's synonym table, inflections,
function-word swaps, British/American spellings, invented site furniture); none inverts newsdedup's
normalization. Fractions are of whitespace-separated words. Defaults are in `CopyParameters`.

=============  ==========================================================================================
kind           what the copy is
=============  ==========================================================================================
verbatim       the text unchanged
near_verbatim  quotes switched straight <-> curly, digit grouping toggled (1,000 <-> 1000), "%" <-> "per
               cent", British <-> American spellings, one sentence (not the first) dropped, a new title
               line (from the lead's first words) prepended
excerpt        the first 30-50% (cut at a sentence end) inside invented furniture (menu, cookie banner,
               byline, share buttons, newsletter, related headlines, tags, footer) making up 30-60% of
               the page's words; `make_excerpt_html` gives the same as a full HTML page
truncated      the first 30-70%, cut at a sentence end
spun           30-50% of content words replaced from the synonym table (inflection kept), adjacent
               sentences merged ("X. Y." -> "X, and y.") or swapped within a paragraph, each with p=0.15
roundtrip      the last 20-40% dropped; then, imitating round-trip machine translation: synonyms for 15-30%
               of content words, function-word swaps (p=0.5 each), "the" dropped (p=0.12) or made "this"
               (p=0.04), tense shifts (p=0.4), "X's Y" -> "the Y of X" and passive <-> active (p=0.5),
               adverbs moved to the front (p=0.4); paragraphs merged (p=0.5 per break); with p=0.5 a footer
               "Sources: 1/ <source url>" or "Source: <publisher>"
rewrite        per paragraph: sentences reordered, split at clause boundaries (p=0.3) or shortened (p=0.3),
               reworded as above (synonyms for 20-35% of content words), sometimes given a connective;
               every double-quoted passage kept verbatim
=============  ==========================================================================================

A content word is a word that is not a function word, has no apostrophe and is not capitalised
mid-sentence (names are kept). On text whose vocabulary the table covers thinly, `spun` replaces as many
as it can; ``notes["replaced_fraction"]`` says how many it did.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from enum import StrEnum

from newsdedup.synth import paraphrase
from newsdedup.synth.furniture import Block, build_page, random_site, render_html, render_text
from newsdedup.synth.parameters import DEFAULT_PARAMETERS, CopyParameters
from newsdedup.synth.phrasing import FUNCTION_WORDS, spelling_pairs
from newsdedup.synth.textops import Doc, cut_prefix, doc_words, parse, render, word_count

Notes = dict[str, float | int | str]


class CopyKind(StrEnum):
    """The kinds of republished copy the generator makes."""

    VERBATIM = "verbatim"
    NEAR_VERBATIM = "near_verbatim"
    EXCERPT = "excerpt"
    TRUNCATED = "truncated"
    SPUN = "spun"
    ROUNDTRIP = "roundtrip"
    REWRITE = "rewrite"


@dataclass(frozen=True, slots=True)
class CopyResult:
    """A generated copy: its text, kind, the share of the original's words it keeps, and what was done."""

    text: str
    kind: CopyKind
    copied_fraction: float
    notes: Notes = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ExcerptPage:
    """An excerpt copy as a full HTML page, with the article text it embeds."""

    html: str
    title: str
    article_text: str
    copied_fraction: float
    furniture_fraction: float
    site_domain: str


_STRAIGHTEN = {0x201C: '"', 0x201D: '"', 0x2018: "'", 0x2019: "'"}
_CURLY = re.compile("[\u201c\u201d\u2018\u2019]")
_DOUBLE_OPEN = re.compile(r'(^|[\s(\[])"')
_SINGLE_OPEN = re.compile(r"(^|[\s(\[])'")
_GROUPED = re.compile(r"\b(\d{1,3})((?:,\d{3})+)\b")
_UNGROUPED = re.compile(r"\b\d{4,}\b")
_PERCENT_SIGN = re.compile(r"(\d) ?%")
_PERCENT_WORDS = re.compile(r"(\d) (?:per cent|percent)\b")
_WORD = re.compile(r"[a-z]+")


def _switch_quotes(text: str) -> str:
    if _CURLY.search(text):
        return text.translate(_STRAIGHTEN)
    text = _DOUBLE_OPEN.sub("\\1\u201c", text).replace('"', "\u201d")
    return _SINGLE_OPEN.sub("\\1\u2018", text).replace("'", "\u2019")


def _group_digits(match: re.Match[str]) -> str:
    digits = match.group()
    if len(digits) > 15 or (len(digits) == 4 and 1900 <= int(digits) <= 2099):
        return digits
    return f"{int(digits):,}"


def _switch_numbers(text: str, american: bool) -> str:
    if _GROUPED.search(text):
        text = _GROUPED.sub(lambda match: match.group(1) + match.group(2).replace(",", ""), text)
    else:
        text = _UNGROUPED.sub(_group_digits, text)
    if _PERCENT_SIGN.search(text):
        return _PERCENT_SIGN.sub("\\1 percent" if american else "\\1 per cent", text)
    return _PERCENT_WORDS.sub("\\1%", text)


def _switch_spelling(text: str) -> tuple[str, int]:
    table = spelling_pairs()
    count = 0

    def swap(match: re.Match[str]) -> str:
        nonlocal count
        other = table.get(match.group())
        if other is None:
            return match.group()
        count += 1
        return other

    return _WORD.sub(swap, text), count


def _title_line(doc: Doc, rng: random.Random) -> str:
    lead = next((sentence for sentences in doc for sentence in sentences if word_count(sentence)), "")
    words = re.sub(r"[\"“”‘’()]", "", lead).split()[: rng.randint(6, 10)]
    while len(words) > 3 and words[-1].lower().strip(",.;:") in FUNCTION_WORDS:
        words.pop()
    title = " ".join(words).rstrip(",.;:") or "News"
    return rng.choice(("", "", "BREAKING: ", "Update: ", "Report: ")) + title


def _near_verbatim(doc: Doc, rng: random.Random) -> CopyResult:
    total = doc_words(doc)
    places = [
        (p_index, s_index)
        for p_index, sentences in enumerate(doc)
        for s_index, sentence in enumerate(sentences)
        if (p_index, s_index) != (0, 0) and 0 < word_count(sentence) < total
    ]
    dropped = 0
    if places:
        p_index, s_index = rng.choice(places)
        dropped = word_count(doc[p_index][s_index])
        doc = [list(sentences) for sentences in doc]
        del doc[p_index][s_index]
    text = render(doc)
    american = bool(re.search(r"\b(?:color|center|organiz|percent)", text))
    text, spellings = _switch_spelling(_switch_numbers(_switch_quotes(text), american))
    title = _title_line(doc, rng)
    notes: Notes = {"dropped_words": dropped, "spellings_switched": spellings, "title": title}
    return CopyResult(f"{title}\n\n{text}", CopyKind.NEAR_VERBATIM, 1 - dropped / total, notes)


def _truncated(doc: Doc, rng: random.Random, params: CopyParameters) -> CopyResult:
    prefix = cut_prefix(doc, *params.truncate_range, rng)
    cut = "sentence" if prefix.at_sentence_boundary else "word"
    return CopyResult(render(prefix.doc), CopyKind.TRUNCATED, prefix.fraction, {"cut": cut})


def _excerpt_parts(doc: Doc, rng: random.Random, params: CopyParameters) -> tuple[list[str], float, int]:
    prefix = cut_prefix(doc, *params.excerpt_range, rng)
    paragraphs = [" ".join(sentences) for sentences in prefix.doc if sentences]
    words = doc_words(prefix.doc)
    share = rng.uniform(*params.furniture_range)
    return paragraphs, prefix.fraction, round(share * words / (1 - share))


def _excerpt(doc: Doc, rng: random.Random, params: CopyParameters) -> CopyResult:
    paragraphs, fraction, budget = _excerpt_parts(doc, rng, params)
    page = build_page(rng, len(paragraphs), budget)
    text = render_text(page, paragraphs)
    furniture = page.words / max(1, word_count(text))
    notes: Notes = {"furniture_fraction": furniture, "site": page.site.domain}
    return CopyResult(text, CopyKind.EXCERPT, fraction, notes)


def make_excerpt_html(
    text: str,
    rng: random.Random,
    *,
    title: str | None = None,
    source_url: str | None = None,
    source_publisher: str | None = None,
    params: CopyParameters = DEFAULT_PARAMETERS,
) -> ExcerptPage:
    """An ``excerpt`` copy as a full HTML page (menu, header, article, sidebar, footer).

    The article sits in ``<article>`` or ``<div class="content">`` (even odds) under an ``<h1>`` title
    (``title``, or one made from the lead); with a source given, an attribution line follows it half the time.
    """
    doc = _parse_or_raise(text)
    paragraphs, fraction, budget = _excerpt_parts(doc, rng, params)
    site = random_site(rng)
    page = build_page(rng, len(paragraphs), budget, site)
    source = source_publisher or source_url
    if source and rng.random() < 0.5:
        block = Block("source", "bottom", "", (f"Source: {source}",))
        page = type(page)(page.site, page.top, page.inline, (block, *page.bottom))
    heading = title or _title_line(doc, rng)
    markup = render_html(page, heading, paragraphs, use_article_tag=rng.random() < 0.5)
    article_text = "\n\n".join(paragraphs)
    furniture = page.words / max(1, page.words + word_count(article_text))
    return ExcerptPage(markup, heading, article_text, fraction, furniture, site.domain)


def _parse_or_raise(text: str) -> Doc:
    doc = parse(text)
    if not doc_words(doc):
        raise ValueError("cannot copy an empty text: give an article with at least one word")
    return doc


def make_copy(
    text: str,
    kind: CopyKind | str,
    rng: random.Random,
    *,
    source_url: str | None = None,
    source_publisher: str | None = None,
    params: CopyParameters = DEFAULT_PARAMETERS,
) -> CopyResult:
    """A copy of ``text`` of the given ``kind`` (see the module docstring), drawn from ``rng``.

    ``source_url`` and ``source_publisher`` feed the ``roundtrip`` kind's "Sources:" footer.
    """
    kind = CopyKind(kind)
    doc = _parse_or_raise(text)
    if kind is CopyKind.VERBATIM:
        return CopyResult(text, kind, 1.0, {})
    if kind is CopyKind.NEAR_VERBATIM:
        return _near_verbatim(doc, rng)
    if kind is CopyKind.TRUNCATED:
        return _truncated(doc, rng, params)
    if kind is CopyKind.EXCERPT:
        return _excerpt(doc, rng, params)
    if kind is CopyKind.SPUN:
        text, fraction, notes = paraphrase.spin(doc, rng, params)
    elif kind is CopyKind.ROUNDTRIP:
        text, fraction, notes = paraphrase.roundtrip(doc, rng, params, source_url, source_publisher)
    else:
        text, fraction, notes = paraphrase.rewrite(doc, rng, params)
    return CopyResult(text, kind, fraction, notes)
