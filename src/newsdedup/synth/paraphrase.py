"""The reworded copy kinds: ``spun``, ``roundtrip`` and ``rewrite`` (see `newsdedup.synth.copies`).

Each returns the copy's text, the share of the original's words whose content it keeps, and notes.
"""

from __future__ import annotations

import random

from newsdedup.synth import reword
from newsdedup.synth.parameters import CopyParameters
from newsdedup.synth.phrasing import FUNCTION_WORDS, SENTENCE_OPENERS
from newsdedup.synth.textops import (
    WORD,
    Doc,
    cut_prefix,
    doc_words,
    fix_articles,
    mask_quotes,
    render,
    unmask_quotes,
)

Notes = dict[str, float | int | str]
Copied = tuple[str, float, Notes]


def _regroup(doc: Doc, flat: list[str]) -> Doc:
    """Put a flat list of sentences back into ``doc``'s paragraph shape."""
    out: Doc = []
    index = 0
    for sentences in doc:
        out.append(flat[index : index + len(sentences)])
        index += len(sentences)
    return out


def _shuffle_pairs(
    sentences: list[str], rng: random.Random, merge: float, swap: float
) -> tuple[list[str], int]:
    """Walk adjacent pairs: merge ("X. Y." -> "X, and y.") or swap them, each with its probability."""
    out: list[str] = []
    merges = 0
    index = 0
    while index < len(sentences):
        current = sentences[index]
        if index + 1 < len(sentences):
            following = sentences[index + 1]
            draw = rng.random()
            merged = reword.merge_sentences(current, following) if draw < merge else None
            if merged is not None:
                out.append(merged)
                merges += 1
                index += 2
                continue
            if merge <= draw < merge + swap:
                out.extend((following, current))
                index += 2
                continue
        out.append(current)
        index += 1
    return out, merges


def spin(doc: Doc, rng: random.Random, params: CopyParameters) -> Copied:
    """Synonym spinning of 30-50% of content words, with some sentences merged or swapped."""
    flat = [sentence for sentences in doc for sentence in sentences]
    target = rng.uniform(*params.spin_range)
    replaced_flat, replaced, content = reword.replace_synonyms(flat, rng, target)
    paragraphs: list[str] = []
    merges = 0
    for sentences in _regroup(doc, replaced_flat):
        shuffled, merged = _shuffle_pairs(sentences, rng, params.spin_merge, params.spin_swap)
        merges += merged
        paragraphs.append(" ".join(shuffled))
    notes: Notes = {
        "target_fraction": target,
        "replaced_fraction": replaced / content if content else 0.0,
        "content_words": content,
        "merged_sentences": merges,
    }
    return "\n\n".join(paragraphs), 1.0, notes


def _machine_reword(sentence: str, rng: random.Random, params: CopyParameters) -> str:
    sentence = reword.swap_function_words(sentence, rng, params.roundtrip_function_swap)
    sentence = reword.shift_tense(sentence, rng, params.roundtrip_tense)
    sentence = reword.flip_possessives(sentence, rng, params.roundtrip_flip)
    sentence = reword.flip_voice(sentence, rng, params.roundtrip_flip)
    return reword.move_adverb(sentence, rng, params.roundtrip_adverb)


def roundtrip(
    doc: Doc, rng: random.Random, params: CopyParameters, source_url: str | None, source_publisher: str | None
) -> Copied:
    """Imitation of a round trip through machine translation, with the end dropped and maybe a footer."""
    prefix = cut_prefix(doc, *params.roundtrip_keep_range, rng)
    kept = prefix.doc
    flat = [_machine_reword(sentence, rng, params) for sentences in kept for sentence in sentences]
    target = rng.uniform(*params.roundtrip_synonym_range)
    flat, replaced, content = reword.replace_synonyms(flat, rng, target)
    flat = [
        fix_articles(
            reword.drop_articles(sentence, rng, params.roundtrip_drop_the, params.roundtrip_the_to_this)
        )
        for sentence in flat
    ]
    paragraphs: list[str] = []
    for sentences in _regroup(kept, flat):
        if not sentences:
            continue
        block = " ".join(sentences)
        if paragraphs and rng.random() < params.roundtrip_merge_paragraphs:
            paragraphs[-1] += " " + block
        else:
            paragraphs.append(block)
    footer = ""
    if rng.random() < params.roundtrip_footer:
        options = [f"Sources: 1/ {source_url}"] if source_url else []
        options += [f"Source: {source_publisher}"] if source_publisher else []
        footer = rng.choice(options) if options else ""
    if footer:
        paragraphs.append(footer)
    notes: Notes = {
        "kept_fraction": prefix.fraction,
        "replaced_fraction": replaced / content if content else 0.0,
        "footer": footer,
    }
    return "\n\n".join(paragraphs), prefix.fraction, notes


def _lower_opening(sentence: str) -> str:
    match = WORD.match(sentence)
    if match and match.group().lower() in FUNCTION_WORDS and match.group() != "I":
        return match.group().lower() + sentence[match.end() :]
    return sentence


def _rewrite_paragraph(sentences: list[str], rng: random.Random, params: CopyParameters) -> tuple[str, int]:
    """One paragraph reworded around its masked quotations; returns the text and words removed."""
    masked: list[str] = []
    quotes: list[list[str]] = []
    removed = 0
    for sentence in sentences:
        hidden, found = mask_quotes(sentence)
        pieces = reword.split_sentence(hidden) if rng.random() < params.rewrite_split else [hidden]
        for piece in pieces:
            text = piece
            if rng.random() < params.rewrite_shorten:
                text, dropped = reword.shorten_sentence(text)
                removed += dropped
            text = reword.swap_function_words(text, rng, params.rewrite_function_swap)
            text = reword.flip_possessives(text, rng, params.rewrite_flip)
            text = reword.flip_voice(text, rng, params.rewrite_flip)
            text = reword.move_adverb(text, rng, params.rewrite_adverb)
            masked.append(text)
            quotes.append(found)
    target = rng.uniform(*params.rewrite_synonym_range)
    masked, _, _ = reword.replace_synonyms(masked, rng, target)
    for index in range(1, len(masked)):
        if rng.random() < params.rewrite_connective and masked[index][:1].isalpha():
            opener = rng.choice(SENTENCE_OPENERS)
            masked[index] = f"{opener}, {_lower_opening(masked[index])}"
    order = list(range(len(masked)))
    if len(order) > 1:
        while order == sorted(order):
            rng.shuffle(order)
    return " ".join(unmask_quotes(masked[index], quotes[index]) for index in order), removed


def rewrite(doc: Doc, rng: random.Random, params: CopyParameters) -> Copied:
    """A paraphrase paragraph by paragraph that keeps every quotation verbatim."""
    total = doc_words(doc)
    paragraphs: list[str] = []
    removed = 0
    for sentences in doc:
        if sentences:
            text, dropped = _rewrite_paragraph(sentences, rng, params)
            paragraphs.append(text)
            removed += dropped
    notes: Notes = {"removed_words": removed}
    return render([[paragraph] for paragraph in paragraphs]), 1 - removed / total, notes
