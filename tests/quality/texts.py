"""Small invented news texts for the quality tests (no real corpus text)."""

from __future__ import annotations

STORY = [
    "The city council of Northbridge approved a plan on Tuesday to rebuild the old harbour bridge.",
    "Engineers said the structure had corroded badly after decades of salt spray and heavy traffic.",
    "The project will cost 42 million pounds and is expected to take three years to complete.",
    "Local traders welcomed the decision but warned that closures would hurt their summer trade.",
    "Ferry operators offered to run extra crossings while the bridge is shut to vehicles.",
    "Council leader Maria Okafor said the repairs could not be delayed any longer.",
    "An independent survey last spring found cracks in four of the six main supporting piers.",
    "Cyclists and pedestrians will be able to use a temporary walkway from next March.",
    "Opposition members questioned whether the budget included enough money for contingencies.",
    "The council will publish detailed timetables for the closures at the end of the month.",
]
"""Ten sentences of one invented story."""

REWORDED = [
    "On Tuesday the Northbridge city council backed a scheme to reconstruct the ageing harbour bridge.",
    "According to engineers, decades of salt spray and heavy traffic had badly corroded the structure.",
    "Completing the project is expected to take three years, at a cost of 42 million pounds.",
    "Although local traders welcomed the decision, they cautioned that closures would damage summer trade.",
]
"""The first four sentences of `STORY`, reworded: synonyms, clauses moved, voice changed."""

OTHER = [
    "A new exhibition of maritime paintings opened at the town museum over the weekend.",
    "Organisers expect several thousand visitors before the show closes in the autumn.",
    "The collection includes works lent by private owners from across the region.",
    "Schoolchildren will be offered free guided tours on weekday mornings.",
]
"""Unrelated sentences."""

FURNITURE = (
    "Home | News | Sport | Weather\nSign up for our newsletter\nWe use cookies to improve your visit.\n"
)


def paragraph(sentences: list[str]) -> str:
    """Sentences joined into one paragraph."""
    return " ".join(sentences)


QUOTES = [
    '"We cannot keep patching a bridge that was built for horses and carts, it is time to start again,"'
    " she said.",
    '"Every week we wait, the repair bill grows and the risk to the people who cross it grows with it,"'
    " she added.",
]
"""Two quotations that independent reports of the same meeting both carry."""

REPORT_A = [
    "Northbridge will get a new harbour crossing after councillors voted for a full rebuild.",
    QUOTES[0],
    "The vote followed a heated debate in which several members asked for a cheaper repair.",
    QUOTES[1],
    "Work is due to begin in the spring once contracts have been signed.",
]
"""An invented report of the council meeting."""

REPORT_B = [
    "Council leader Maria Okafor urged colleagues to back the demolition of the harbour bridge.",
    "Her speech drew applause from residents who had packed the public gallery.",
    QUOTES[0],
    "Critics on the opposition benches argued that the estimates had been rushed.",
    QUOTES[1],
    "A final decision on the design is expected before the summer recess.",
]
"""Another outlet's independent report of the same meeting, sharing only the quotations."""

NOTICE = (
    "Harbor Foods Corp said its board declared a quarterly dividend of 15 cts per share, payable April 1 "
    "to holders of record March 15. The company paid 12 cts a share in the previous quarter."
)
TEMPLATED_NOTICE = (
    "Westland Mills Inc said its board declared a quarterly dividend of 22 cts per share, payable May 9 "
    "to holders of record April 20. The company paid 18 cts a share in the previous quarter."
)
NOTICE_REFILED = (
    "Harbor Foods Corp said on Monday its board had declared a quarterly dividend of 15 cts per share, "
    "payable April 1 to holders of record March 15. The company paid 12 cts a share last quarter."
)
