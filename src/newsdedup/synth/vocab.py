"""Vocabulary for synthetic articles: invented people, places, organisations, publishers and news topics.

Every name is made up from the lists below; nothing here is taken from a news corpus.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from newsdedup.synth.words import split_words

FIRST_NAMES = split_words(
    """Aaron Abigail Adam Adrian Aisha Alan Alice Alison Amara Amir Andrea Angela Anita Arjun Beatrice Ben
    Bethany Bilal Brian Bridget Caleb Callum Carla Carmen Chloe Ciaran Claire Colin Connor Craig Dalia
    Daniel Deborah Declan Derek Diana Dominic Duncan Eamon Edith Eleanor Elena Elliot Emeka Erin Esther
    Ewan Farah Fergus Fiona Frances Gareth Gemma Graham Greta Hamish Hannah Harriet Hector Helen Hugo
    Ibrahim Imogen Iris Isaac Ivan Jacob Jasmine Jeremy Joanna Jonah Julia Kamal Karen Keith Kiran
    Lachlan Laura Leon Lila Lorna Lucas Lydia Magnus Malcolm Marcus Marina Martin Maya Mehmet Miriam
    Morgan Nadia Naomi Neil Nikhil Nora Oliver Olivia Oscar Owen Patrick Paula Priya Quentin Rachel
    Rafael Rhys Rita Rohan Rosa Ruth Samir Sandra Selina Simon Sofia Stuart Tamsin Teresa Theo Tobias
    Tomas Ursula Vanessa Victor Wendy Xavier Yasmin Yusuf Zara Zoe"""
)
SURNAMES = split_words(
    """Abbott Achebe Adeyemi Ainsworth Aldridge Alvarez Ambrose Ashcroft Atwell Bannister Barlow Beaumont
    Bellamy Blackwood Bramley Brennan Buckley Calloway Carver Castellano Chadwick Chowdhury Clements Colquhoun
    Cranston Dalgleish Darrow Delaney Dempsey Donnelly Draper Dunmore Eastwood Ellison Esposito Everett
    Fairbairn
    Farrow Fennimore Fitzroy Fleming Forsyth Galloway Garside Gillespie Goddard Greaves Hadley Halloran
    Hargreaves Hartigan Haskins Hawthorne Hendry Holloway Horsfall Huxley Iqbal Irvine Jarvis Jennings
    Kavanagh
    Keating Kendrick Kilbride Kowalski Lambert Langford Larkin Latimer Lindqvist Lockhart Lovell Lyndon
    Macallan Madden Marchetti Mayhew McAllister McCready Mercer Merriman Mistry Molloy Montague Moorcroft
    Mulvaney Nakamura Nash Nightingale Northcott Novak Oakley Okafor Oldfield Osei Pemberton Penrose Pickering
    Pilkington Prendergast Quigley Radcliffe Ramsden Ravensworth Redmond Ridley Rockwell Rosenthal Rowntree
    Saltmarsh Sanderson Scarlett Seddon Sharrock Shepherd Sinclair Somerville Spalding Stanhope Stirling
    Sutcliffe Tanaka Thackeray Thornbury Townsend Tremayne Underwood Vasquez Venables Wainwright Warburton
    Whitaker Whitfield Winterbottom Wolfenden Yardley Zielinski"""
)
_PLACE_HEADS = split_words(
    """Ash Bar Bell Black Bram Brook Burn Cal Cold Crow Dal Dun East Elm Fair Fern Glen Green Hal Hart Hazel
    Holm Kings Lang Lark Lin Marl Mill Moss New North Oak Pen Port Red Rock Salt Shep Stan Stone Thorn Tod Wal
    West Whit Wick Wild Wood Wyn"""
)
_PLACE_TAILS = split_words(
    "ford ton bury field ham wick mouth bridge stead dale port haven ley worth chester by minster combe "
    "well gate"
)
PLACES = tuple(head + tail for tail in _PLACE_TAILS for head in _PLACE_HEADS)
"""Invented town names (1,000 of them)."""

_TECH_HEADS = split_words(
    "Quant Nova Lumi Byte Veri Sky Data Cloud Pixel Zen Arc Opti Synth Hexa Cyber Info Stratus Kinet"
)
_TECH_TAILS = split_words("ly ware net sys labs tech io soft logic works mind scale grid wave link core")
_CORP_SUFFIXES = split_words(
    "Holdings Group Industries Capital Partners Systems Logistics Foods Energy Motors Pharma Media Retail "
    "Bank "
    "Insurance Brewing Textiles Engineering Mining Shipping Telecom Airways Homes Chemicals"
)
_CLUB_SUFFIXES = split_words("United City Rovers Athletic Wanderers Town Albion Rangers Harriers Olympic")
_PAPERS = split_words(
    "Courier Gazette Herald Post Chronicle Observer Echo Standard Tribune Journal Mercury Record Express "
    "Sentinel Advertiser Argus Bulletin Examiner Dispatch Ledger Monitor Clarion Recorder Pioneer"
)
_ONLINE = ["News Network", "Wire", "Daily", "Today", "Now", "Report", "Insider", "Briefing", "Digest", "Live"]
_TLDS = (".com", ".co.uk", ".net", ".news", ".org")


@dataclass(frozen=True, slots=True)
class Publisher:
    """An invented news site."""

    name: str
    domain: str
    american: bool


@dataclass(frozen=True, slots=True)
class Topic:
    """A news beat: its url section, nouns, verbs (lemmas), adjectives, roles and organisation patterns."""

    section: str
    nouns: tuple[str, ...]
    verbs: tuple[str, ...]
    adjectives: tuple[str, ...]
    things: tuple[str, ...]
    roles: tuple[str, ...]
    org_patterns: tuple[str, ...]


def _topic(section: str, *fields: str) -> Topic:
    """A topic from its section and six comma-separated lists (nouns ... organisation patterns)."""
    nouns, verbs, adjectives, things, roles, orgs = (split_words(field, ",") for field in fields)
    return Topic(section, nouns, verbs, adjectives, things, roles, orgs)


@lru_cache(maxsize=1)
def topics() -> tuple[Topic, ...]:
    """The news beats articles are drawn from."""
    return (
        _topic(
            "business",
            "profit, revenue, share, investor, shareholder, market, price, deal, takeover, factory, "
            "plant, supplier, retailer, customer, brand, product, contract, loan, debt, budget, forecast, "
            "dividend, output, export, growth, cost, investment, bank, store, manufacturer, merger, wage, "
            "payment, firm",
            "boost, cut, raise, sell, buy, acquire, report, expand, launch, invest, reduce, increase, "
            "predict, approve, reject, delay, complete, finance, restructure, unveil",
            "strong, weak, annual, financial, commercial, global, domestic, key, major, sharp, modest, "
            "significant",
            "jobs, stores, shares, products, contracts, orders, branches, customers, staff, outlets",
            "chief executive, finance director, chairman, head of sales, senior analyst, spokeswoman",
            "{S} {CORP}, {L} {CORP}, {TECH} {CORP}",
        ),
        _topic(
            "politics",
            "government, minister, election, vote, voter, party, bill, law, policy, reform, budget, tax, "
            "campaign, committee, council, debate, proposal, poll, leader, inquiry, scandal, speech, "
            "candidate, manifesto, referendum, coalition, amendment, consultation",
            "propose, reject, approve, back, criticise, announce, introduce, debate, pledge, promise, "
            "defend, support, unveil, scrap, delay, reform, urge, demand, review, abandon",
            "political, public, national, local, controversial, senior, former, official, strict, fair, "
            "independent",
            "seats, votes, councillors, ministers, voters, policies, amendments, members, constituencies",
            "minister, party leader, councillor, cabinet secretary, opposition spokesman, deputy leader",
            "the {L} Council, the {L} Assembly, the Ministry of {AREA}, the {ADJP} Party",
        ),
        _topic(
            "sport",
            "match, game, season, team, player, coach, club, fan, stadium, goal, title, tournament, "
            "injury, victory, defeat, striker, captain, squad, league, cup, final, champion, record, "
            "transfer, referee, penalty, trophy, medal, race, fixture",
            "win, beat, lose, score, sign, face, host, reach, miss, claim, secure, clinch, defend, lead, "
            "dominate, overtake, survive, celebrate",
            "late, early, final, young, impressive, strong, key, crucial, dramatic, first, narrow, stunning",
            "points, goals, games, matches, players, fans, medals, titles, wins, minutes",
            "head coach, manager, captain, chairman, sporting director, goalkeeper",
            "{L} {CLUB}, {L} {CLUB}, the {L} Cricket Club",
        ),
        _topic(
            "technology",
            "software, device, phone, chip, network, app, user, data, service, website, system, computer, "
            "camera, screen, gadget, platform, update, version, model, security, virus, hacker, server, "
            "broadband, download, browser, robot, battery, sensor",
            "launch, release, unveil, develop, update, upgrade, install, download, block, design, test, "
            "connect, store, track, monitor, replace, introduce, remove",
            "digital, online, mobile, wireless, portable, new, latest, technical, popular, cheap, secure, "
            "fast",
            "users, devices, downloads, subscribers, apps, phones, accounts, chips, servers, engineers",
            "chief technology officer, product manager, security researcher, founder, software engineer",
            "{TECH}, {TECH} {CORP}, {TECH}",
        ),
        _topic(
            "health",
            "hospital, patient, doctor, nurse, disease, illness, treatment, drug, vaccine, virus, clinic, "
            "trial, study, health, care, surgery, infection, symptom, diet, research, ward, therapy, "
            "screening, diagnosis",
            "treat, test, study, develop, approve, warn, reduce, prevent, cure, improve, recommend, "
            "examine, monitor, fund, expand, review",
            "medical, clinical, serious, severe, rare, common, healthy, safe, effective, early, chronic, "
            "mental",
            "patients, beds, nurses, doctors, cases, appointments, operations, staff, admissions, "
            "prescriptions",
            "medical director, chief nurse, consultant, health secretary, researcher, surgeon",
            "{L} General Hospital, the {L} Health Trust, the {L} Medical Institute",
        ),
        _topic(
            "science",
            "researcher, scientist, study, species, university, experiment, discovery, telescope, planet, "
            "fossil, sample, laboratory, theory, data, evidence, satellite, mission, galaxy, cell, gene, "
            "molecule, observation, specimen, probe",
            "discover, find, study, examine, measure, detect, confirm, publish, reveal, test, launch, "
            "observe, analyse, identify, record",
            "scientific, ancient, rare, unusual, remarkable, distant, tiny, detailed, early, precise",
            "samples, species, years, stars, cells, fossils, measurements, researchers, images, genes",
            "lead author, professor, research fellow, project scientist, astronomer, biologist",
            "the {L} Institute of {FIELD}, the University of {L}, the {L} Observatory",
        ),
        _topic(
            "environment",
            "climate, emission, pollution, river, forest, coast, flood, storm, drought, species, "
            "wildlife, farmer, crop, energy, recycling, waste, water, habitat, temperature, rainfall, "
            "conservation, reserve, woodland, wetland",
            "protect, reduce, cut, damage, threaten, restore, monitor, ban, plant, clean, warn, pollute, "
            "expand, record",
            "environmental, green, renewable, coastal, rural, severe, natural, toxic, sustainable, protected",
            "tonnes, hectares, trees, homes, species, birds, acres, volunteers, farms, miles",
            "conservation officer, campaigner, climate scientist, ranger, environment secretary",
            "the {L} Wildlife Trust, {ADJP} Earth, the {L} Rivers Authority",
        ),
        _topic(
            "entertainment",
            "film, album, band, singer, actor, actress, festival, award, show, concert, tour, novel, "
            "book, gallery, exhibition, play, director, audience, critic, ceremony, series, song, studio, "
            "premiere, star",
            "release, win, perform, direct, host, launch, present, nominate, praise, celebrate, record, "
            "publish, film, adapt",
            "popular, famous, new, debut, successful, controversial, critical, acclaimed, musical, classic",
            "fans, tickets, copies, viewers, awards, songs, episodes, performances, nominations, visitors",
            "director, producer, lead singer, author, curator, festival director",
            "the {L} Playhouse, the {L} Gallery, {S} Records, the {L} Film Society",
        ),
        _topic(
            "crime",
            "police, court, judge, trial, jury, suspect, victim, officer, investigation, charge, "
            "sentence, prison, fraud, theft, robbery, arrest, evidence, witness, lawyer, appeal, verdict, "
            "case, allegation, inquiry",
            "arrest, charge, investigate, deny, admit, appeal, release, accuse, question, search, jail, "
            "sentence, fine, convict",
            "criminal, guilty, serious, illegal, legal, violent, alleged, former, senior, local",
            "officers, arrests, offences, years, witnesses, suspects, victims, charges, homes, vehicles",
            "detective inspector, judge, prosecutor, defence lawyer, chief constable",
            "{L} Police, the {L} Crown Court, the {L} Magistrates' Court",
        ),
        _topic(
            "transport",
            "railway, passenger, airline, airport, flight, road, bridge, traffic, driver, bus, fare, "
            "ticket, delay, route, station, motorway, cyclist, vehicle, car, port, ferry, timetable, "
            "strike, junction",
            "delay, cancel, open, close, upgrade, extend, cut, raise, suspend, operate, expand, reduce, "
            "build",
            "local, busy, national, new, congested, electric, rural, overcrowded, regular, late",
            "passengers, trains, flights, services, journeys, buses, drivers, routes, miles, stations",
            "operations director, transport secretary, station manager, union official, pilot",
            "{L} Rail, {S} Airways, the {L} Transport Authority, {L} Buses",
        ),
        _topic(
            "education",
            "school, pupil, student, teacher, university, exam, class, course, grade, degree, college, "
            "curriculum, headteacher, parent, inspection, result, funding, place, lesson, apprenticeship, "
            "tuition",
            "teach, study, pass, improve, fund, inspect, introduce, reform, support, expand, publish, train",
            "academic, primary, secondary, higher, local, poor, strong, private, public, vocational",
            "pupils, students, teachers, schools, places, grades, courses, lessons, parents, graduates",
            "headteacher, vice-chancellor, education secretary, union leader, governor, lecturer",
            "{L} University, {L} Academy, the {L} College of {FIELD}",
        ),
        _topic(
            "money",
            "home, house, property, price, mortgage, rent, tenant, landlord, developer, estate, planning, "
            "building, flat, buyer, seller, market, loan, deposit, construction, valuation",
            "build, buy, sell, rent, approve, reject, develop, plan, restore, demolish, convert, extend",
            "affordable, empty, new, expensive, cheap, average, local, social, private, modest",
            "homes, houses, flats, properties, tenants, buyers, mortgages, plots, storeys, units",
            "estate agent, housing minister, chief economist, planning officer, developer",
            "{S} Homes, {L} Estates, the {L} Housing Association, {L} Building Society",
        ),
        _topic(
            "world",
            "talks, summit, treaty, ambassador, border, refugee, aid, sanction, conflict, ceasefire, "
            "troop, army, delegation, envoy, embassy, negotiation, agreement, dispute, region, rebel, "
            "protest, crisis",
            "sign, agree, reject, impose, lift, condemn, welcome, urge, withdraw, deploy, accuse, meet",
            "foreign, international, diplomatic, military, regional, fragile, tense, humanitarian, "
            "neighbouring",
            "refugees, troops, diplomats, civilians, delegates, observers, villages, soldiers, envoys, talks",
            "foreign minister, ambassador, envoy, spokesman, defence secretary, general",
            "the {L} Republic, the {ADJP} Union, the {L} Federation",
        ),
    )


AREAS = split_words(
    "Transport,Health,Education,Finance,Housing,Culture,Justice,Energy,Trade,Defence,Agriculture", ","
)
FIELDS = split_words(
    "Physics,Marine Biology,Engineering,Medicine,Economics,Geology,Chemistry,Design,Music", ","
)
PARTY_ADJECTIVES = split_words("Liberal,Progressive,Unity,Green,Civic,Reform,Democratic,National,Free", ",")


def tech_name(head: int, tail: int) -> str:
    """An invented technology brand."""
    return _TECH_HEADS[head % len(_TECH_HEADS)] + _TECH_TAILS[tail % len(_TECH_TAILS)]


def corp_suffixes() -> tuple[str, ...]:
    """Company name endings."""
    return tuple(_CORP_SUFFIXES)


def club_suffixes() -> tuple[str, ...]:
    """Sports club name endings."""
    return tuple(_CLUB_SUFFIXES)


@lru_cache(maxsize=1)
def publishers() -> tuple[Publisher, ...]:
    """A fixed set of 60 invented publishers (the same for every seed)."""
    found: list[Publisher] = []
    for index in range(60):
        place = PLACES[(index * 37 + 11) % len(PLACES)]
        if index % 3 == 2:
            brand = f"{place} {_ONLINE[index % len(_ONLINE)]}"
            name = brand
        else:
            brand = f"{place} {_PAPERS[index % len(_PAPERS)]}"
            name = f"The {brand}"
        domain = "".join(brand.lower().split()) + _TLDS[index % len(_TLDS)]
        found.append(Publisher(name, domain, american=index % 4 == 3))
    return tuple(found)
