"""Independent word- and clause-level substitutions that spinners and machine translation make.

Every function takes a sentence (quotations may be masked by `textops.mask_quotes`), a `random.Random`
and a rate, and returns the changed sentence. None of them consults newsdedup's normalization.
"""

from __future__ import annotations

import random
import re
from functools import lru_cache

from newsdedup.synth.inflect import verb_forms
from newsdedup.synth.lexicon import synonym_table, verb_lemmas
from newsdedup.synth.phrasing import FUNCTION_WORDS, MOVABLE_ADVERBS, function_swaps
from newsdedup.synth.textops import WORD, capitalize_first, fix_articles, match_case, word_count

_NO_COMMA_AFTER = frozenset({"but", "yet", "as", "since", "and", "so", "if", "to", "can", "though"})
_APPROX = re.compile(r"\b(about|around|roughly|approximately|nearly|some)(\s)(?=[$£€]?\d)", re.IGNORECASE)
_APPROX_WORDS = ("about", "around", "roughly", "approximately", "nearly", "some")
_THE = re.compile(r"\bthe (?=([a-z][\w-]*))")
_OBJECT_PRONOUN = {"He": "him", "She": "her", "They": "them", "We": "us", "I": "me", "It": "it"}


@lru_cache(maxsize=1)
def _swap_pattern() -> re.Pattern[str]:
    phrases = sorted(function_swaps(), key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(phrase) for phrase in phrases) + r")\b(,?)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _verb_maps() -> tuple[dict[str, str], dict[str, str]]:
    """(participle -> past, past -> participle) for the table's verbs."""
    to_past: dict[str, str] = {}
    to_participle: dict[str, str] = {}
    for lemma in verb_lemmas():
        forms = verb_forms(lemma)
        to_past.setdefault(forms.participle, forms.past)
        to_participle.setdefault(forms.past, forms.participle)
    return to_past, to_participle


def is_content_word(token: str, sentence_start: bool) -> bool:
    """A word that carries content: not a function word, no apostrophe, not a mid-sentence proper name."""
    lower = token.lower()
    if lower in FUNCTION_WORDS or "'" in token or "’" in token:
        return False
    return sentence_start or token[0].islower()


def replace_synonyms(sentences: list[str], rng: random.Random, fraction: float) -> tuple[list[str], int, int]:
    """Replace ``fraction`` of the content words (as far as the synonym table reaches) across ``sentences``.

    Returns the new sentences, the number replaced and the number of content words. The replaced
    words are drawn uniformly among those the table has an entry for; a/an agreement is repaired.
    """
    table = synonym_table()
    eligible: list[tuple[int, int, int]] = []
    content = 0
    for s_index, sentence in enumerate(sentences):
        for w_index, match in enumerate(WORD.finditer(sentence)):
            token = match.group()
            if not is_content_word(token, w_index == 0):
                continue
            content += 1
            if token.lower() in table and not (len(token) > 1 and token.isupper()):
                eligible.append((s_index, match.start(), match.end()))
    want = min(len(eligible), round(fraction * content))
    chosen = sorted(rng.sample(eligible, want), reverse=True)
    out = list(sentences)
    for s_index, start, end in chosen:
        sentence = out[s_index]
        token = sentence[start:end]
        replacement = match_case(token, rng.choice(table[token.lower()]))
        out[s_index] = sentence[:start] + replacement + sentence[end:]
    changed = {s_index for s_index, _, _ in chosen}
    out = [fix_articles(sentence) if index in changed else sentence for index, sentence in enumerate(out)]
    return out, want, content


def swap_function_words(sentence: str, rng: random.Random, rate: float) -> str:
    """Swap function-word phrases ("in order to" -> "to", "however" -> "but") with probability ``rate``."""
    swaps = function_swaps()

    def swap(match: re.Match[str]) -> str:
        phrase, comma = match.group(1), match.group(2)
        if rng.random() >= rate:
            return match.group()
        replacement = rng.choice(swaps[phrase.lower()])
        if replacement in _NO_COMMA_AFTER:
            comma = ""
        return match_case(phrase, replacement) + comma

    sentence = _swap_pattern().sub(swap, sentence)

    def approx(match: re.Match[str]) -> str:
        if rng.random() >= rate:
            return match.group()
        choices = [word for word in _APPROX_WORDS if word != match.group(1).lower()]
        return match_case(match.group(1), rng.choice(choices)) + match.group(2)

    return _APPROX.sub(approx, sentence)


def drop_articles(sentence: str, rng: random.Random, drop: float, this: float) -> str:
    """Drop a lower-case "the" with probability ``drop``, or make it "this" with probability ``this``."""

    def change(match: re.Match[str]) -> str:
        draw = rng.random()
        if draw < drop:
            return ""
        if draw < drop + this and not match.group(1).endswith("s"):
            return "this "
        return match.group()

    return _THE.sub(change, sentence)


_PERFECT = re.compile(r"\b(has|have) (been |)([a-z]+)\b")
_SAID = re.compile(r"\bsaid\b")
_WILL = re.compile(r"\bwill\b")


def shift_tense(sentence: str, rng: random.Random, rate: float) -> str:
    """Present perfect -> simple past ("has risen" -> "rose"), "said" -> "says", "will" -> "would"."""
    to_past, _ = _verb_maps()

    def perfect(match: re.Match[str]) -> str:
        auxiliary, been, verb = match.groups()
        if rng.random() >= rate:
            return match.group()
        if been:
            return ("was " if auxiliary == "has" else "were ") + verb
        return to_past.get(verb, match.group())

    sentence = _PERFECT.sub(perfect, sentence)
    sentence = _SAID.sub(
        lambda m: rng.choice(("says", "has said")) if rng.random() < rate else "said", sentence
    )
    return _WILL.sub(lambda m: "would" if rng.random() < rate / 2 else "will", sentence)


_POSSESSIVE = re.compile(
    r"\b([A-Z][\w-]*(?: [A-Z][\w-]*){0,2})['’]s ([a-z][a-z-]+)"
    r"(?=\s+(?:the|a|an|of|to|in|on|at|for|and|was|is|"
    r"has|had|will|would|said|were|are|rose|fell)\b|[,.;:!?])"
)


def flip_possessives(sentence: str, rng: random.Random, rate: float) -> str:
    """ "Acme's profits" -> "the profits of Acme" with probability ``rate``."""

    def flip(match: re.Match[str]) -> str:
        owner, thing = match.groups()
        if owner.split()[0].lower() in FUNCTION_WORDS or rng.random() >= rate:
            return match.group()
        phrase = f"the {thing} of {owner}"
        return capitalize_first(phrase) if match.start() == 0 else phrase

    return _POSSESSIVE.sub(flip, sentence)


_PASSIVE = re.compile(
    r"\b([Tt]he|[Aa]n?) ([a-z]+) (was|were) ([a-z]+) by (the [a-z]+|[A-Z][a-z]+(?: [A-Z][a-z]+)*)"
)
_ACTIVE = re.compile(
    r"\b([A-Z][a-z]+(?: [A-Z][a-z]+)*) ([a-z]+) (the|a|an|its|their|his|her) ([a-z]+)"
    r"(?=[.,;]| (?:on|in|at|last|this|after|before|with|for|and|to)\b)"
)


def flip_voice(sentence: str, rng: random.Random, rate: float) -> str:
    """Simple passive <-> active flips ("the plan was approved by Smith" <-> "Smith approved the plan").

    A sentence with a passive to flip is made active; only one without is made passive.
    """
    to_past, to_participle = _verb_maps()

    def to_active(match: re.Match[str]) -> str:
        article, noun, _, participle, agent = match.groups()
        if participle not in to_past or rng.random() >= rate:
            return match.group()
        clause = f"{agent} {to_past[participle]} {article.lower()} {noun}"
        return capitalize_first(clause) if match.start() == 0 else clause

    def to_passive(match: re.Match[str]) -> str:
        subject, past, article, noun = match.groups()
        first = subject.split()[0]
        if past not in to_participle or rng.random() >= rate:
            return match.group()
        if first.lower() in FUNCTION_WORDS and subject not in _OBJECT_PRONOUN:
            return match.group()
        agent = _OBJECT_PRONOUN.get(subject, subject)
        auxiliary = "were" if noun.endswith("s") and not noun.endswith("ss") else "was"
        clause = f"{article} {noun} {auxiliary} {to_participle[past]} by {agent}"
        return capitalize_first(clause) if match.start() == 0 else clause

    active = _PASSIVE.sub(to_active, sentence)
    return active if active != sentence else _ACTIVE.sub(to_passive, sentence)


_ADVERB = re.compile(r"(?<=[a-z]) (" + "|".join(MOVABLE_ADVERBS) + r")\b(?! [a-z]+ly\b)")


def move_adverb(sentence: str, rng: random.Random, rate: float) -> str:
    """Move a mid-sentence adverb ("also", "still", "recently"...) to the front with probability ``rate``."""
    match = _ADVERB.search(sentence)
    if match is None or sentence.startswith(("\ue000", '"', "“")) or rng.random() >= rate:
        return sentence
    rest = sentence[: match.start()] + sentence[match.end() :]
    first = rest.split(" ", 1)[0]
    if first.lower() in FUNCTION_WORDS or first.lower() in synonym_table():
        rest = first.lower() + rest[len(first) :]
    return f"{match.group(1).capitalize()}, {rest}"


_SPLIT_POINT = re.compile(r"(, and |; |, but |, while |, which |, although )(?=\S)")
_SPLIT_LEAD = {
    ", and ": "",
    "; ": "",
    ", but ": "But ",
    ", while ": "Meanwhile, ",
    ", which ": "This ",
    ", although ": "Still, ",
}


def split_sentence(sentence: str) -> list[str]:
    """Split at a clause boundary (", and", "; ", ", which"...) when both halves have four words or more."""
    for match in _SPLIT_POINT.finditer(sentence):
        head, tail = sentence[: match.start()], sentence[match.end() :]
        if word_count(head) >= 4 and word_count(tail) >= 4 and not head.endswith("\ue001"):
            lead = _SPLIT_LEAD[match.group(1)]
            tail = lead + tail if lead else capitalize_first(tail)
            return [head + ".", tail]
    return [sentence]


_PARENTHESIS = re.compile(r" \([^()\ue000]{1,80}\)")
_APPOSITIVE = re.compile(r", (?:who|which|where|whose) [^,;\ue000]{3,80},")
_LEADING = re.compile(
    r"^(?:However|Meanwhile|Also|In addition|Last \w+|On \w+|Earlier this \w+|This \w+|Separately),\s+"
)


def shorten_sentence(sentence: str) -> tuple[str, int]:
    """Drop one parenthesis, appositive clause or leading connective; returns the text and words removed."""
    for pattern in (_PARENTHESIS, _APPOSITIVE, _LEADING):
        match = pattern.search(sentence)
        if match:
            shorter = sentence[: match.start()] + sentence[match.end() :]
            if pattern is _LEADING:
                shorter = capitalize_first(shorter)
            return shorter, word_count(sentence) - word_count(shorter)
    return sentence, 0


def merge_sentences(first: str, second: str) -> str | None:
    """ "X. Y." -> "X, and y." when X ends with a plain full stop and Y opens with a word; else None."""
    if not first.endswith(".") or len(first) < 2 or not first[-2].isalnum():
        return None
    match = WORD.match(second)
    if match is None:
        return None
    word = match.group()
    lower = word.lower()
    if lower in FUNCTION_WORDS or lower in synonym_table():
        second = lower + second[len(word) :]
    if lower in ("but", "and", "so", "yet"):
        return f"{first[:-1]}, {second}"
    return f"{first[:-1]}, and {second}"
