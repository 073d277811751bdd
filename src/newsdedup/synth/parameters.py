"""The copy generator's parameters, as one frozen value (its defaults are the published ones)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CopyParameters:
    """The generator's parameters (ranges are drawn uniformly per copy)."""

    excerpt_range: tuple[float, float] = (0.30, 0.50)
    furniture_range: tuple[float, float] = (0.32, 0.58)
    truncate_range: tuple[float, float] = (0.30, 0.70)
    spin_range: tuple[float, float] = (0.30, 0.50)
    spin_merge: float = 0.15
    spin_swap: float = 0.15
    roundtrip_keep_range: tuple[float, float] = (0.60, 0.80)
    roundtrip_synonym_range: tuple[float, float] = (0.15, 0.30)
    roundtrip_function_swap: float = 0.5
    roundtrip_drop_the: float = 0.12
    roundtrip_the_to_this: float = 0.04
    roundtrip_tense: float = 0.4
    roundtrip_flip: float = 0.5
    roundtrip_adverb: float = 0.4
    roundtrip_merge_paragraphs: float = 0.5
    roundtrip_footer: float = 0.5
    rewrite_synonym_range: tuple[float, float] = (0.20, 0.35)
    rewrite_split: float = 0.3
    rewrite_shorten: float = 0.3
    rewrite_function_swap: float = 0.5
    rewrite_flip: float = 0.5
    rewrite_adverb: float = 0.3
    rewrite_connective: float = 0.15


DEFAULT_PARAMETERS = CopyParameters()
