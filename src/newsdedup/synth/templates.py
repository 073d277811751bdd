"""Sentence templates for synthetic articles, written for this project.

``{X}`` is a slot filled from the article's cast and topic (see `articles`); ``[a|b|c]`` picks one
alternative (an alternative may be empty or hold slots). Slots: P person, S surname, R role, O organisation,
L place, N / NS story noun and plural, n / ns topic noun and plural, V / v / VS / VP verb past / base /
third person / participle, A adjective, T countable things, D day, M month, Y year, NUM, SMALL, ORD,
PCT, MONEY, Q a quoted sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import cast

LEADS = (
    "{O} has {VP} [a|its] {A} {N} in {L}, [in a move that|a decision that|a step that] could [affect|change|"
    "reshape] [thousands of|hundreds of|dozens of] {T}.",
    "[Plans|Proposals|Moves] to {v} the {N} in {L} have been {VP} by {O}, [it emerged|officials confirmed|"
    "it was announced] {D}.",
    "The {N} at {O} {V} {PCT} {D}, the [biggest|sharpest|largest] [change|swing|move] [since|in more than a "
    "decade before] {Y}.",
    "{P}, the {R} of {O}, has {VP} the {A} {N} [amid|after|despite] [growing|mounting|renewed] [pressure|"
    "criticism|concern] from {T}.",
    "{T} in {L} [face|could face|are facing] a {A} {N} after {O} {V} [its|the] {n} {D}.",
    "[A|The] {A} {N} [has left|is set to leave|could leave] {NUM} {T} [without|facing|waiting for] [a|the] "
    "{n}, {O} [has warned|has said|said] {D}.",
    "{O} {V} {MONEY} [on|for|towards] [a|the] {N} in {L} {D}, [saying|arguing|claiming] the {ns} [needed|"
    "required|deserved] [urgent|fresh|new] [support|attention|investment].",
    "[Hundreds of|Dozens of|Thousands of] {T} [across|in|around] {L} [will|could|may] be [affected by|hit by|"
    "caught up in] [a|the] {A} {N} {VP} by {O} {D}.",
)

BODY = (
    "The {N} [was|had been] {VP} [in|during|over] {Y}, [when|after|as] {O} {V} {NUM} {T}.",
    "{S} said the {n} would {v} [the|its] {N} [by|before|within] {SMALL} [years|months|weeks].",
    "According to [|figures from |data published by ]{O}, the {N} {V} {PCT} [in the year to|over the twelve "
    "months to|in the three months to] {M}.",
    "It [is|was] the {ORD} time [in|since] {Y} that {O} has {VP} [a|the] {N}.",
    "{L} [has|had] {VP} {NUM} {T} [so far this year|since {M}|in the past decade|since the start of {Y}].",
    "[Officials|Managers|Representatives] [in|at] {L} {V} that the {N} could {v} [as many as|up to|around] "
    "{NUM} {T}.",
    "The [move|decision|announcement] [comes|came] [after|weeks after|days after] {O} {V} [its|the] {n}.",
    "Under the {N}, {ns} [would|will|could] {v} [the|a] {A} {n} [and|while] {O} [would|will] {v} "
    "[the|its] {n}.",
    "[Analysts|Observers|Experts] at {O} [expect|predict|forecast] the {n} to [rise|fall|grow|slow] [by|to] "
    "{PCT} [next year|over the next {SMALL} years|by {Y}].",
    "{P}, {R} [at|of] {O}, [described the {N} as|called the {N}] [a|an] {A} {n}.",
    "[Critics|Opponents|Campaigners] [say|argue|claim] the {N} [will|would|could] {v} {T} in {L} [and|while "
    "doing little to] {v} the {n}.",
    "The {n} [is|was] [expected|due|scheduled] to {v} [in|by] {M}, [with|and] {NUM} {T} [already|so far] "
    "{VP}.",
    "In {Y}, {O} {V} [a|the] {A} {n} [worth|valued at|costing] {MONEY}.",
    "{S} [added|went on to say|also said] that the {N} [had|would have] [a|an] {A} [effect|impact|influence] "
    "on {ns} [across|in|around] {L}.",
    "More than {NUM} {T} [were|have been] {VP} [since|after] the {N} [began|started|was introduced] in {M}.",
    "[In a statement|In a letter|In a report], {O} said it would {v} [the|its] {N} [and|but would not] {v} "
    "[the|any] {ns}.",
    "The {A} {N} [follows|comes after|builds on] [a|an] {A} {n} [in|at] {L} {D}.",
    "[Some|Many|Several] {T} [said they|told local reporters they] [were|felt] "
    "[worried|concerned|uncertain|"
    "optimistic] about the {N}.",
    "{O} [declined|refused] to [comment|say more] on the {n} [but|although it] [confirmed|said] [that|] the "
    "{N} [would|was due to] {v} [next|this] [month|week|year].",
    "The {n} [in|at] {L} [now|currently] [serves|supports|covers|employs] {NUM} {T}.",
    "[Previously|Earlier], {S} had [warned|predicted|suggested] that the {N} [would|might] {v} [by|to] "
    "{PCT}.",
    "[Despite|Amid] the {A} {n}, {T} [in|across] {L} [will|could|may] [need to|have to] {v} [the|their] "
    "{ns}.",
    "{O}, which {VS} {NUM} {T} [in|across] {L}, [has|had] [long|previously|repeatedly] {VP} the {N}.",
    "A {A} {n} [into|on|about] the {N} [is expected|is due|will be published] [in|by] {M}.",
    "The {N} [alone|itself] [cost|is worth|generated] {MONEY}, [roughly|about|nearly] {PCT} of the [total|"
    "overall figure|annual budget].",
    "{P} [joined|left|founded] {O} in {Y} and [has|had] {VP} the {n} [ever since|for {SMALL} years|since "
    "then].",
    "[Asked|Pressed] [about|on] the {N}, {S} [said|replied] that [the|any] {ns} [would|could] [be|remain] "
    "{A}.",
    "{T} [at|in] {L} [will|are to|are due to] {v} [the|a] {A} {n} [from|by] {M}.",
    "[The figures|The results|The numbers] [show|suggest|indicate] [that|] {ns} [have|had] {VP} "
    "[since|in] {Y}.",
    "[In|Across] {L}, the {n} [has|had] [risen|fallen|grown|slowed] [to|by] {PCT} [since|over] {Y}.",
    "[However|Still], {S} [warned|cautioned|said] that the {N} [was|remained] [far from|not yet|some way "
    "from] [certain|settled|complete].",
    "[Meanwhile|Separately|Elsewhere], {O} {V} {NUM} {T} [in|near|outside] {L} {D}.",
    "{T} [who|that] {V} the {n} [will|would|could] [receive|get|be offered] {MONEY} [each|a year|in total].",
    "The {A} {n} [was|is] [one of|among] {NUM} {ns} [that|which] {O} [has|had] {VP} [since|in] {Y}.",
    "[Local|Regional|National] {ns} [have|had] [long|repeatedly|often] [argued|warned|complained] that "
    "{T} in "
    "{L} [lacked|needed|wanted] [a|an] {A} {n}.",
    "{S}, [who has|whose team has|whose office has] {VP} the {n} [for|over] {SMALL} years, [said|insisted|"
    "argued] the {N} [was|is] [overdue|necessary|long awaited].",
    "[By|Before] {M}, {O} [hopes|plans|expects] to {v} [a|the] {A} {n} [and|as well as] {NUM} {T}.",
    "The [row|debate|dispute] over the {N} [has|had] [divided|split|unsettled] {T} [in|across] {L}.",
    "[Figures|Estimates|Reports] [suggest|show] the {n} [could|may|will] [cost|save|bring in] [up to|as much "
    "as|about] {MONEY} [by|before] {Y}.",
    "{P} [is|was] [expected|due|set] to {v} the {N} [at|during|before] [a|the] {A} [meeting|hearing|session] "
    "in {L} {D}.",
    "[Two|Three|Four|Five] {ns} [at|near|outside] {L} [were|have been] {VP} [as a result|because of the {N}|"
    "since {M}].",
    "The {N} [marks|represents|signals] [a|an] {A} [shift|change|turn] [for|in] {O}, [which|and it] {V} "
    "[its|a] {n} [last|in] {Y}.",
)

QUOTES = (
    '"{Q}," {S} [said|told reporters|added].',
    '"{Q}," said {P}, {R} [at|of] {O}.',
    '{S} said: "{Q}."',
    '[Speaking|Writing] [in|at|from] {L}, {P} said: "{Q}."',
    '"{Q}. {Q}," the {R} said.',
    'In a statement, {O} said: "{Q}."',
    '"{Q}," [one|a] {R} [said|told local radio|wrote], [adding|and added] that {T} [would|could] {v} '
    "the {n}.",
)

QUOTED = (
    "We [have|had] {VP} the {N} because {T} in {L} [deserve|need|expect] [better|more|nothing less]",
    "This {N} is [a|an] {A} [moment|step|result] for {L}",
    "Nobody [expected|predicted|wanted] the {ns} to {v} [so quickly|this fast|like this]",
    "We will {v} the {n} and [make sure|ensure] every {n} is {A}",
    "I [think|believe|hope] the {N} will {v} the {n} [within|in] {SMALL} [months|years|weeks]",
    "It is [a|an] {A} [day|week|year] for {T}, and [we intend to|we will|we must] {v} [it|that|the {n}]",
    "Our {T} have [worked|waited|pushed] [hard|for years|a long time] [for this|to get here]",
    "The {n} is {A}, but the {N} still [needs|has] to {v}",
    "[Frankly|Honestly|Clearly], the {ns} [were|have been] {A} [for too long|from the start]",
    "There is [no|little] [doubt|question] that the {N} [will|can] {v} {T}",
    "We [are|remain] [confident|hopeful|determined] [that|] the {n} will {v} [by|before] {M}",
    "[Nothing|None of this] [will|can] {v} the {N} [overnight|on its own|straight away]",
    "[People|Families|Everyone] in {L} [deserve|want|need] to know what the {N} [means|will mean] for them",
    "We [knew|said|warned] [from the start|last year|in {M}] that the {n} [would|could] {v} {T}",
)

CLOSERS = (
    "{O} [is due to|will|is expected to] {v} [its|the] {A} {n} [in|on|by] {M}.",
    "The {N} [will be|is set to be] [reviewed|discussed|debated] [again|further] [in|at] {L} [next "
    "month|later "
    "this year|in {M}].",
    "{O} [said|confirmed] it would [publish|release|share] [further|more|full] details [in|by|before] {M}.",
)

HEADLINES = (
    "{O} to {v} {NS} in {L}",
    "{A} {N} {VS} {L} {ns}",
    "{O} {VS} {MONEY} {N}",
    "{NS} [rise|fall|jump|slump] {PCT} at {O}",
    "{P} {VS} [plan|bid|move] for {A} {N}",
    "[Fears|Questions|Anger] over {L} {N}",
    "{L} [braces for|welcomes|rejects] {A} {N}",
    "{O} [under fire|praised|criticised] over {N}",
    "[Why|How] the {N} [could|will] {v} {L}",
    "{L} {N}: {O} {VS} {NUM} {T}",
)


CAST_SLOTS = ("P", "S", "O", "L", "N", "NS", "a:N")
"""Slots filled from one article's cast: four values each (the lead person, place or noun repeated)."""
CAST_BITS = 2
SHARED_SLOTS = (
    "n",
    "ns",
    "v",
    "V",
    "VS",
    "VP",
    "A",
    "T",
    "R",
    "a:A",
    "a:n",
    "a:R",
    "D",
    "M",
    "Y",
    "SMALL",
    "ORD",
)
"""Slots filled from shared word lists, each spread over 1,024 entries (see `spread`)."""
SHARED_BITS = 10
DYNAMIC_SLOTS = ("NUM", "PCT", "MONEY", "Q")
"""Slots drawn afresh by a function (numbers, amounts, quoted sentences)."""
SLOT_INDEX = {name: index for index, name in enumerate((*CAST_SLOTS, *SHARED_SLOTS, *DYNAMIC_SLOTS))}

Words = Sequence[tuple[str, ...]]
Draws = Sequence[Callable[[], str] | None]
Bits = Callable[[int], int]
Filler = Callable[[Words, Draws, Bits], str]


def spread(values: Sequence[str]) -> tuple[str, ...]:
    """``values`` repeated over 1,024 entries, so that ``getrandbits(10)`` picks one near-uniformly.

    Each value fills 1024 // n or 1024 // n + 1 entries (within 2% of uniform for n <= 20, 6% for n <= 60).
    """
    if not values:
        raise ValueError("a word list for a template slot needs at least one word")
    return tuple(values[index % len(values)] for index in range(1 << SHARED_BITS))


class Flat:
    """One template with its alternatives chosen: a ``str.format`` pattern and the slot for each ``{}``.

    A slot named ``a:X`` is X preceded by "a" or "an" as its first sound needs. ``fill(words, draws, bits)``
    returns the sentence, capitalised: ``words`` holds each slot's values by `SLOT_INDEX` (4 for a cast
    slot, 1,024 for a shared one), ``draws`` the functions of dynamic slots, ``bits`` is
    ``random.Random.getrandbits``. Its first call compiles the pattern and puts the compiled function
    in its place.
    """

    __slots__ = ("fill", "pattern", "slots")

    def __init__(self, pattern: str, slots: tuple[str, ...]) -> None:
        self.pattern = pattern
        self.slots = slots
        self.fill: Filler = self._compile_and_fill

    def __repr__(self) -> str:
        return f"Flat({self.pattern!r}, {self.slots!r})"

    def _compile_and_fill(self, words: Words, draws: Draws, bits: Bits) -> str:
        self.fill = _compile_filler(self.pattern, self.slots)
        return self.fill(words, draws, bits)


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def _field(name: str) -> str:
    index = SLOT_INDEX[name]
    if name in DYNAMIC_SLOTS:
        return f"d[{index}]()"
    return f"w[{index}][r({CAST_BITS if name in CAST_SLOTS else SHARED_BITS})]"


def _compile_filler(pattern: str, slots: tuple[str, ...]) -> Filler:
    """Compile the pattern once into an f-string function, as `dataclasses` builds its methods.

    Only this module's own template text goes into the source. With word lists spread to powers of two
    and picked by ``getrandbits``, it fills a sentence three to four times as fast as ``str.format``
    over a list of ``random()`` picks.
    """
    literals = [part.replace("{", "{{").replace("}", "}}") for part in pattern.split("{}")]
    fields = [_field(name) for name in slots]
    if fields and pattern.startswith("{}"):
        fields[0] = f"up({fields[0]})"
    braced = [f"{{{field}}}" for field in fields]
    body = "".join(literal + field for literal, field in zip(literals, [*braced, ""], strict=True))
    return cast(Filler, eval(f"lambda w, d, r: f{body!r}", {"up": _capitalized}))


_Piece = str | tuple[str]
_ARTICLE_BEFORE_SLOT = re.compile(r"(?:^|(?<=\W))([Aa]n?) $")
_TOKEN = re.compile(r"\{(\w+)\}|\[([^\]]*)\]|([^\[{]+)")


def _expand(template: str) -> list[list[_Piece]]:
    """Every way of choosing the template's alternatives, as pieces: literal text or a (slot,) tuple."""
    variants: list[list[_Piece]] = [[]]
    for slot, options, literal in _TOKEN.findall(template):
        if slot:
            variants = [[*variant, (slot,)] for variant in variants]
        elif literal:
            variants = [[*variant, literal] for variant in variants]
        else:
            choices = [choice for option in options.split("|") for choice in _expand(option)]
            variants = [variant + choice for variant in variants for choice in choices]
    return variants


def _flatten(pieces: list[_Piece]) -> Flat:
    pattern = ""
    slots: list[str] = []
    for piece in pieces:
        if isinstance(piece, str):
            pattern += piece
            continue
        name = piece[0]
        article = _ARTICLE_BEFORE_SLOT.search(pattern)
        if article:
            pattern = pattern[: article.start()]
            name = "a:" + name
        pattern += "{}"
        slots.append(name)
    pattern = " ".join(pattern.split(" ")).replace("  ", " ").replace(" ,", ",").replace(" .", ".").strip()
    return Flat(pattern, tuple(slots))


@lru_cache(maxsize=1)
def compiled() -> dict[str, tuple[tuple[Flat, ...], ...]]:
    """Each template group: per template, every combination of its alternatives spelled out."""
    groups = {"lead": LEADS, "body": BODY, "quote": QUOTES, "quoted": QUOTED, "closer": CLOSERS}
    groups["headline"] = HEADLINES
    return {
        name: tuple(tuple(_flatten(pieces) for pieces in _expand(template)) for template in group)
        for name, group in groups.items()
    }


def with_article(word: str) -> str:
    """``word`` preceded by "a" or "an"."""
    lower = word.lower()
    vowel = lower[:1] in ("a", "e", "i", "o", "u") and not lower.startswith(("uni", "use", "eu", "one"))
    return ("an " if vowel or lower.startswith(("hour", "honest")) else "a ") + word
