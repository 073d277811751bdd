"""Word lists for rewording: function words and their swaps, British/American spellings, movable adverbs."""

from __future__ import annotations

from functools import lru_cache

from newsdedup.synth.words import split_words

FUNCTION_WORDS = frozenset(
    split_words(
        """
        a an the this that these those there here it its it's he she they them their theirs his her hers
        him we us our ours you your yours i me my mine who whom whose which what when where why how
        whether if and or but nor so yet for of in on at by to from with without within into onto upon
        about above below over under between among amongst through during before after since until till
        than as like against across around along behind beyond near off out up down per via be is are was
        were been being am have has had having do does did doing done will would shall should can could
        may might must ought not no also very just only even still already too quite rather then now again
        ever never more most less least much many some any all both each every either neither other
        another such own same few several one s t d ll m re ve don didn doesn isn wasn aren weren won
        wouldn couldn shouldn hasn haven hadn because while however although though despite according due
        following once instead often soon ago later earlier meanwhile themselves itself himself herself
        others something nothing anything everything everyone anyone someone somebody cannot let e th v de
        mr mrs ms dr yes okay oh two three four five six seven eight nine ten eleven twelve twenty thirty
        hundred thousand million billion bn m half second third fourth fifth first last next per cent
        percent
        """
    )
)
"""Words that never count as content words (and are never replaced from the synonym table)."""

_SWAPS = """
in order to: to, so as to | however: but, though, yet | although: though, even though, while | because of:
due to, owing to, as a result of | because: as, since | due to the: because of the, owing to the | despite:
in spite of, regardless of | as well as: and, along with | a number of: several, some, a few | more than:
over, in excess of, above | less than: under, below | fewer than: less than, under | according to: as stated
by, based on, in line with | whether: if | while: whereas, as | in addition: additionally, furthermore,
moreover | such as: like, including | so that: in order that, so | will be: is going to be, shall be | would
be: could be, will be | is expected to: should, is set to, is likely to | is set to: will, is due to, is
expected to | at least: no less than, a minimum of | for example: for instance | in the past: previously,
before | at the same time: meanwhile, simultaneously | on the other hand: by contrast, conversely | a lot
of: many, plenty of | lots of: many, plenty of | many: numerous, a lot of, lots of | until: till, up to |
before: prior to, ahead of | after: following, once | during: throughout, in the course of, amid | among:
between, amongst | within: inside, in | without: lacking, with no | towards: toward, to | including: such
as, among them | which: that | could: might, may | might: could, may | very: extremely, really, quite |
also: too, as well, additionally | as a result: consequently, therefore | in recent years: lately, over the
past few years | at the moment: currently, right now, at present | so far: until now, to date, up to now |
in the end: eventually, finally | on the other side: across | is able to: can | are able to: can | it is:
this is, it's | there are: there exist | each: every | some: certain, several |
"""

_SPELLING = """
colour color | colours colors | coloured colored | favour favor | favours favors | favoured favored |
favourite favorite | favourites favorites | honour honor | honours honors | honoured honored | labour labor
| behaviour behavior | neighbour neighbor | neighbours neighbors | neighbouring neighboring | neighbourhood
neighborhood | humour humor | rumour rumor | rumours rumors | harbour harbor | centre center | centres
centers | theatres theaters | litre liter | litres liters | fibre fiber | defence defense | offence offense
| travelled traveled | travelling traveling | traveller traveler | travellers travelers | cancelled canceled
| cancelling canceling | modelling modeling | labelled labeled | fuelled fueled | signalled signaled |
totalled totaled | aluminium aluminum | analyse analyze | analysed analyzed | analysing analyzing |
catalogue catalog | dialogue dialog | grey gray | jewellery jewelry | sceptical skeptical | sceptic skeptic
| fulfil fulfill | enrol enroll | manoeuvre maneuver | paediatric pediatric | ageing aging | judgement
judgment | acknowledgement acknowledgment | mould mold | plough plow | pyjamas pajamas |
"""
# British -> American only: the American form is also a different British word (story, check, meter...).
_SPELLING_ONE_WAY = """
towards toward | whilst while | amongst among | cheque check | storey story | kerb curb | draught draft |
practise practice | tyre tire | tyres tires | licence license | metre meter | metres meters | programme
program | programmes programs | theatre theater |
"""

_ISE_STEM_WORDS = """
organ recogn real critic apolog author minim maxim privat priorit summar character final legal mobil modern
normal optim penal popular special stabil standard subsid util visual categor capital central digit global
hospital industrial neutral symbol sympath familiar memor civil colon harmon jeopard scrutin terror energ
galvan emphas custom monopol national rational revolution sanit scandal southern stigmat subsid synchron
tranquil urban vandal victim
"""
_ISE_STEMS = split_words(_ISE_STEM_WORDS)
"""Stems that take -ise (British) or -ize (American): organise/organize, organisation/organization..."""

ISE_SUFFIXES = ("e", "es", "ed", "ing", "er", "ers", "ation", "ations")

MOVABLE_ADVERBS = (
    "also",
    "now",
    "still",
    "recently",
    "already",
    "currently",
    "previously",
    "initially",
    "eventually",
    "finally",
    "meanwhile",
    "later",
)
"""Adverbs that a paraphrase may move to the front of their sentence."""

SENTENCE_OPENERS = (
    "Meanwhile",
    "In addition",
    "At the same time",
    "Separately",
    "Furthermore",
    "Moreover",
    "Also",
    "Notably",
)
"""Connectives a rewrite may put before a sentence."""


def _pairs(block: str, sep: str) -> list[tuple[str, list[str]]]:
    rows: list[tuple[str, list[str]]] = []
    for chunk in " ".join(block.split()).split("|"):
        left, found, right = chunk.strip().partition(sep)
        if found:
            rows.append((left.strip(), [word.strip() for word in right.split(",") if word.strip()]))
    return rows


@lru_cache(maxsize=1)
def function_swaps() -> dict[str, tuple[str, ...]]:
    """Function-word phrase -> alternatives ("in order to" -> "to"), lower case."""
    return {phrase: tuple(alternatives) for phrase, alternatives in _pairs(_SWAPS, ":")}


@lru_cache(maxsize=1)
def british_to_american() -> dict[str, str]:
    """British spelling -> American spelling (colour -> color, organise -> organize, centre -> center)."""
    table: dict[str, str] = {}
    for block in (_SPELLING, _SPELLING_ONE_WAY):
        for british, american in _pairs(block, " "):
            table[british] = american[0]
    for stem in _ISE_STEMS:
        for suffix in ISE_SUFFIXES:
            table[f"{stem}is{suffix}"] = f"{stem}iz{suffix}"
    return table


@lru_cache(maxsize=1)
def spelling_pairs() -> dict[str, str]:
    """British <-> American spelling in both directions, except where the American form is also
    a different British word (story/storey, check/cheque: those go British -> American only)."""
    table = dict(british_to_american())
    one_way = {british for british, _ in _pairs(_SPELLING_ONE_WAY, " ")}
    for british, american in british_to_american().items():
        if british not in one_way:
            table.setdefault(american, british)
    return table


def to_american(phrase: str) -> str:
    """``phrase`` with each British spelling made American."""
    table = british_to_american()
    return " ".join(table.get(word, word) for word in phrase.split(" "))
