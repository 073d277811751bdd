"""English inflection for the synonym table: verb forms and noun plurals, regular rules plus exceptions.

Good enough for news vocabulary; a phrase ("carry on", "step down") is inflected on its first word.
"""

from __future__ import annotations

from typing import NamedTuple

from newsdedup.synth.words import split_words

# lemma: (past, past participle)
_IRREGULAR: dict[str, tuple[str, str]] = {
    "be": ("was", "been"),
    "beat": ("beat", "beaten"),
    "bid": ("bid", "bid"),
    "become": ("became", "become"),
    "begin": ("began", "begun"),
    "bet": ("bet", "bet"),
    "bring": ("brought", "brought"),
    "build": ("built", "built"),
    "buy": ("bought", "bought"),
    "catch": ("caught", "caught"),
    "choose": ("chose", "chosen"),
    "come": ("came", "come"),
    "cost": ("cost", "cost"),
    "cut": ("cut", "cut"),
    "deal": ("dealt", "dealt"),
    "do": ("did", "done"),
    "draw": ("drew", "drawn"),
    "drive": ("drove", "driven"),
    "eat": ("ate", "eaten"),
    "fall": ("fell", "fallen"),
    "feel": ("felt", "felt"),
    "fight": ("fought", "fought"),
    "find": ("found", "found"),
    "flee": ("fled", "fled"),
    "forget": ("forgot", "forgotten"),
    "freeze": ("froze", "frozen"),
    "get": ("got", "got"),
    "give": ("gave", "given"),
    "go": ("went", "gone"),
    "grow": ("grew", "grown"),
    "have": ("had", "had"),
    "hear": ("heard", "heard"),
    "hide": ("hid", "hidden"),
    "hit": ("hit", "hit"),
    "hold": ("held", "held"),
    "hurt": ("hurt", "hurt"),
    "keep": ("kept", "kept"),
    "know": ("knew", "known"),
    "lay": ("laid", "laid"),
    "lead": ("led", "led"),
    "leap": ("leapt", "leapt"),
    "learn": ("learned", "learned"),
    "leave": ("left", "left"),
    "lend": ("lent", "lent"),
    "let": ("let", "let"),
    "lose": ("lost", "lost"),
    "make": ("made", "made"),
    "mean": ("meant", "meant"),
    "meet": ("met", "met"),
    "overcome": ("overcame", "overcome"),
    "overtake": ("overtook", "overtaken"),
    "pay": ("paid", "paid"),
    "put": ("put", "put"),
    "quit": ("quit", "quit"),
    "read": ("read", "read"),
    "rid": ("rid", "rid"),
    "ride": ("rode", "ridden"),
    "rise": ("rose", "risen"),
    "run": ("ran", "run"),
    "say": ("said", "said"),
    "see": ("saw", "seen"),
    "seek": ("sought", "sought"),
    "sell": ("sold", "sold"),
    "send": ("sent", "sent"),
    "set": ("set", "set"),
    "shed": ("shed", "shed"),
    "shoot": ("shot", "shot"),
    "show": ("showed", "shown"),
    "shut": ("shut", "shut"),
    "sink": ("sank", "sunk"),
    "slay": ("slew", "slain"),
    "slide": ("slid", "slid"),
    "speak": ("spoke", "spoken"),
    "spend": ("spent", "spent"),
    "split": ("split", "split"),
    "spread": ("spread", "spread"),
    "stand": ("stood", "stood"),
    "steal": ("stole", "stolen"),
    "strike": ("struck", "struck"),
    "swear": ("swore", "sworn"),
    "take": ("took", "taken"),
    "teach": ("taught", "taught"),
    "tell": ("told", "told"),
    "think": ("thought", "thought"),
    "throw": ("threw", "thrown"),
    "understand": ("understood", "understood"),
    "undertake": ("undertook", "undertaken"),
    "upset": ("upset", "upset"),
    "win": ("won", "won"),
    "withdraw": ("withdrew", "withdrawn"),
    "withstand": ("withstood", "withstood"),
    "write": ("wrote", "written"),
}
_THIRD_PERSON = {"be": "is", "have": "has", "do": "does", "go": "goes"}
_DOUBLING = frozenset(
    split_words(
        "stop plan drop slip grab admit commit submit permit ban bar cap chat net plot trim slam spot "
        "step stir "
        "swap tip dip rob hug shop beg scrap skip snap strip trap wrap ship map chop plug tap pin occur "
        "refer "
        "prefer transfer control patrol compel expel propel equip regret fuel label travel cancel model "
        "total "
        "signal rebel dub jam mob nab peg rig sag tag top jog rub star dim fit cut hit set put get run "
        "win begin "
        "shut quit forget let bet upset rid split swim sit spit"
    )
)
_PLURAL: dict[str, str] = {
    "person": "people",
    "child": "children",
    "man": "men",
    "woman": "women",
    "crisis": "crises",
    "analysis": "analyses",
    "basis": "bases",
    "thesis": "theses",
    "criterion": "criteria",
    "phenomenon": "phenomena",
    "medium": "media",
    "datum": "data",
    "life": "lives",
    "wife": "wives",
    "knife": "knives",
    "half": "halves",
    "shelf": "shelves",
    "leaf": "leaves",
    "thief": "thieves",
    "foot": "feet",
    "tooth": "teeth",
    "mouse": "mice",
    "sheep": "sheep",
    "series": "series",
    "species": "species",
    "aircraft": "aircraft",
    "hero": "heroes",
    "potato": "potatoes",
    "tomato": "tomatoes",
    "veto": "vetoes",
}
_VOWELS = frozenset("aeiou")


class VerbForms(NamedTuple):
    """The five forms of an English verb."""

    base: str
    third: str
    past: str
    participle: str
    gerund: str


def _split_phrase(word: str) -> tuple[str, str]:
    head, _, rest = word.partition(" ")
    return head, (" " + rest if rest else "")


def _double(word: str) -> str:
    return word + word[-1] if word in _DOUBLING else word


def _third(word: str) -> str:
    if word in _THIRD_PERSON:
        return _THIRD_PERSON[word]
    if word.endswith(("s", "x", "z", "ch", "sh", "o")):
        return word + "es"
    if word.endswith("y") and len(word) > 1 and word[-2] not in _VOWELS:
        return word[:-1] + "ies"
    return word + "s"


def _past(word: str) -> str:
    if word.endswith("e"):
        return word + "d"
    if word.endswith("y") and len(word) > 1 and word[-2] not in _VOWELS:
        return word[:-1] + "ied"
    return _double(word) + "ed"


def _gerund(word: str) -> str:
    if word.endswith("ie"):
        return word[:-2] + "ying"
    if word.endswith("e") and not word.endswith(("ee", "ye", "oe")) and word != "be":
        return word[:-1] + "ing"
    return _double(word) + "ing"


def verb_forms(lemma: str) -> VerbForms:
    """Base, third person singular, past, past participle and -ing form of ``lemma`` (or a phrase)."""
    head, rest = _split_phrase(lemma)
    past, participle = _IRREGULAR.get(head, (_past(head), _past(head)))
    return VerbForms(
        head + rest,
        _third(head) + rest,
        past + rest,
        participle + rest,
        _gerund(head) + rest,
    )


def plural(noun: str) -> str:
    """The plural of ``noun``; in a phrase ("medical centre"), the last word is inflected."""
    head, sep, last = noun.rpartition(" ")
    prefix = head + sep
    if last in _PLURAL:
        return prefix + _PLURAL[last]
    if last.endswith(("s", "x", "z", "ch", "sh")):
        return prefix + last + "es"
    if last.endswith("y") and len(last) > 1 and last[-2] not in _VOWELS:
        return prefix + last[:-1] + "ies"
    return prefix + last + "s"


def past_participles() -> dict[str, tuple[str, str]]:
    """Irregular verbs: lemma -> (past, past participle)."""
    return dict(_IRREGULAR)
