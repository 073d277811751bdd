"""The project's own synonym table for spinning and paraphrase, written for news vocabulary.

Entries are lemmas tagged by part of speech: ``v`` verb (all five forms are generated), ``n`` noun
(singular and plural), ``x`` noun without a plural, ``a`` adjective or adverb (no inflection).
`synonym_table` expands them into surface form -> candidate replacements in the same form.
"""

from __future__ import annotations

from functools import lru_cache

from newsdedup.synth.inflect import plural, verb_forms

_VERBS = """
say: state, note, comment, remark | tell: inform, advise | add: note, continue | announce: declare, reveal,
unveil | report: disclose, reveal, state | increase: grow, climb, rise | rise: climb, increase, grow | fall:
drop, decline, slip | drop: fall, decline, slip | cut: reduce, lower, slash, trim | reduce: cut, lower,
decrease | grow: expand, increase, rise | expand: grow, extend, widen | boost: lift, raise, strengthen |
raise: increase, lift, boost | jump: leap, surge, soar | lose: forfeit, shed | win: secure, claim, earn,
clinch | beat: defeat, overcome | buy: purchase, acquire | sell: offload, trade | acquire: buy, purchase |
spend: invest, pay | make: create, produce | create: make, generate, produce | produce: make, create,
generate | build: construct, develop | develop: build, create, design | plan: intend, aim, propose | help:
assist, aid, support | support: back, endorse, help | back: support, endorse | need: require | want: wish,
seek, hope | seek: look for, aim, try | try: attempt, seek | start: begin, launch, commence | begin: start,
commence | launch: start, introduce, unveil, roll out | finish: end, complete, conclude | stop: halt, end,
cease | continue: carry on, keep on, persist | show: reveal, indicate, demonstrate, display | reveal:
disclose, show, unveil | suggest: indicate, imply, propose | believe: think, consider, feel | think:
believe, feel, reckon | expect: anticipate, predict, forecast | predict: forecast, expect | warn: caution,
alert | claim: allege, assert, contend | deny: reject, dispute | reject: refuse, dismiss, turn down |
refuse: decline, reject | agree: consent, accept | accept: agree to, approve, admit | approve: endorse,
back, sanction | allow: permit, let, enable | ban: prohibit, bar, outlaw | prevent: stop, block, avoid |
protect: defend, shield, safeguard | face: confront, encounter | meet: gather, convene | hold: host, keep,
retain | keep: retain, maintain, hold | remain: stay, continue | leave: quit, depart, exit | join: enter,
sign up with | move: shift, transfer, relocate | give: offer, provide, hand | offer: provide, give, propose
| provide: supply, offer, give, deliver | receive: get, obtain, gain | get: obtain, receive, gain | take:
seize, grab, accept | bring: deliver, carry | send: dispatch, transmit | ask: request, urge, invite | urge:
press, encourage, call on | use: employ, utilise, apply | improve: enhance, upgrade, better | change: alter,
modify, adjust, revise | affect: hit, impact, influence | cause: trigger, lead to, spark | hit: strike,
affect, impact | attack: assault, strike, target | die: perish, pass away | injure: hurt, wound | arrest:
detain, apprehend | charge: accuse, indict | investigate: probe, examine, look into | examine: study,
review, inspect | review: examine, assess, evaluate | consider: weigh, examine, contemplate | decide:
choose, resolve, determine | choose: select, pick, opt for | pick: choose, select | explain: describe,
clarify | describe: portray, depict | discuss: debate, talk about | argue: contend, maintain, insist |
insist: maintain, stress, argue | admit: concede, acknowledge, confess | confirm: verify, affirm |
criticise: attack, condemn, slam | criticize: attack, condemn, slam | welcome: praise, applaud, greet |
praise: commend, applaud, hail | hope: wish, expect, aim | worry: concern, trouble | struggle: battle,
strive, fight | fight: battle, combat, tackle | tackle: address, fight, confront | address: tackle, deal
with | lead: head, guide, run | run: operate, manage, lead | manage: run, oversee, handle | own: possess,
hold | employ: hire, use | hire: recruit, employ | publish: release, issue, print | release: publish, issue,
launch | estimate: calculate, reckon, put | include: contain, feature, involve, incorporate | involve:
include, concern, entail | reach: hit, attain, achieve | achieve: attain, accomplish, reach | earn: make,
gain, bring in | save: rescue, preserve, conserve | succeed: prosper, triumph | happen: occur, take place |
occur: happen, arise | appear: seem, emerge, surface | seem: appear, look | emerge: surface, appear, arise |
return: come back, go back | arrive: land, turn up | travel: journey, go | visit: tour, see, call on |
watch: see, view, observe | see: observe, witness, notice | find: discover, uncover, locate | discover:
find, uncover, detect | study: examine, analyse, research | test: trial, check, assess | design: plan,
devise, create | replace: substitute, supplant, succeed | remove: eliminate, take away, withdraw | block:
stop, prevent, bar | limit: restrict, cap, curb | control: manage, regulate, govern | regulate: control,
govern, oversee | order: command, instruct, direct | demand: insist on, call for, require | require: need,
demand, oblige | force: compel, oblige, push | push: press, drive, urge | prove: show, demonstrate,
establish | suffer: endure, experience, sustain | recover: rebound, bounce back, recuperate | rebound:
recover, bounce back | fuel: drive, feed, stoke | spark: trigger, prompt, provoke | prompt: trigger, spark,
lead to | trigger: spark, prompt, set off | celebrate: mark, commemorate | compete: contend, vie, battle |
perform: play, act, carry out | attend: visit, join, go to | host: hold, stage, organise | organise:
arrange, stage, coordinate | organize: arrange, stage, coordinate | prepare: ready, get ready | signal:
indicate, suggest | indicate: show, suggest, signal | represent: stand for, embody | focus: concentrate,
centre | aim: intend, plan, seek | invest: spend, commit | fund: finance, bankroll, pay for | finance: fund,
bankroll | pledge: promise, vow, commit | promise: pledge, vow, guarantee | vow: pledge, promise, swear |
threaten: menace, endanger | damage: harm, hurt, impair | harm: damage, hurt, injure | hurt: harm, damage,
injure | destroy: ruin, wreck, demolish | collapse: fail, crumble, fold | resign: quit, step down, stand
down | quit: leave, resign, abandon | retire: step down, stand down | appoint: name, select, install |
elect: choose, vote in | complete: finish, conclude, finalise | deliver: provide, supply, hand over |
supply: provide, deliver, furnish | encourage: urge, promote, foster | promote: encourage, advance,
publicise | respond: reply, react, answer | reply: answer, respond | react: respond, reply | speak: talk,
comment | write: pen, compose, author | learn: discover, find out, hear | understand: grasp, comprehend,
appreciate | remember: recall, recollect | forget: overlook, neglect | lack: miss, need, want | enjoy:
relish, savour | love: adore, enjoy | prefer: favour, choose | avoid: evade, escape, dodge | escape: flee,
evade, avoid | flee: escape, run from | survive: endure, outlast, withstand | rescue: save, free | link:
connect, tie, associate | connect: link, join, attach | compare: contrast, liken | operate: run, work,
function | serve: act, work | handle: manage, deal with, process | treat: handle, deal with | fix: repair,
mend, resolve | solve: resolve, settle, fix | settle: resolve, solve, conclude | resolve: settle, solve, fix
| accuse: charge, blame | blame: fault, criticise | condemn: criticise, denounce, censure | exceed: surpass,
beat, top | dominate: control, rule, lead | overtake: pass, surpass | sink: plunge, fall, drop | plunge:
tumble, dive, slump | slump: plunge, tumble, fall | surge: soar, jump, rocket | soar: surge, rocket, climb |
climb: rise, increase, advance | tumble: fall, slide, drop | slide: fall, slip, decline | decline: fall,
drop, decrease | gain: win, earn, obtain | suspend: halt, pause, freeze | delay: postpone, defer, put off |
postpone: delay, defer, put off | cancel: scrap, call off, abandon | scrap: abandon, drop, cancel | abandon:
drop, give up, scrap | introduce: bring in, launch, unveil | unveil: reveal, present, launch | propose:
suggest, put forward, recommend | recommend: advise, suggest, advocate | advise: recommend, counsel, suggest
| check: verify, inspect, examine | monitor: watch, track, observe | track: monitor, follow, trace | pursue:
follow, chase, seek | search: look, hunt, seek | hunt: search, look, chase | chase: pursue, hunt, follow |
catch: capture, seize, grab | capture: seize, take, catch | seize: take, grab, capture | store: keep, hold,
save | download: retrieve, fetch | install: fit, set up | update: refresh, revise, upgrade | upgrade:
improve, update, enhance | broadcast: air, transmit, screen | nominate: name, put forward, propose |
predict: forecast, project | forecast: predict, project, expect | benefit: gain, profit | generate: create,
produce | hope: expect, wish | wish: want, hope | intend: plan, mean, aim | determine: decide, establish,
settle | establish: set up, found, create | maintain: keep, preserve, sustain | reform: overhaul, revamp,
restructure | restructure: reorganise, overhaul | shift: move, switch, change | switch: change, shift, swap
| struggle: strive, battle | welcome: greet, hail | urge: implore, press | vote: ballot, cast votes |
campaign: lobby, fight, push | protest: object, demonstrate, complain | complain: protest, object, grumble |
defend: protect, guard, justify | deserve: merit, earn | ensure: guarantee, make sure, secure | expose:
reveal, uncover | warn: alert, caution | highlight: stress, underline, emphasise | emphasise: stress,
underline, highlight | stress: emphasise, underline, highlight | cite: quote, mention, refer to | mention:
cite, note, refer to | reflect: mirror, show | boost: bolster, lift | predict: anticipate, project | work:
labour, function | play: perform, feature | put: place, set | end: finish, close, conclude | come: arrive,
emerge | know: realise, understand | call: name, dub | become: turn into, grow into | look: appear, seem |
pay: compensate, spend | access: reach, enter | close: shut, end | fail: falter, flop | mean: signify, imply
| feel: sense, believe | break: smash, breach | turn: switch, change | live: reside, dwell | act: behave,
operate | drive: push, steer | sign: seal, ink | shoot: fire, film | follow: pursue, track | mark:
celebrate, commemorate | stay: remain, stop | miss: skip, lose | rule: decide, determine | talk: speak, chat
| issue: release, publish | present: show, offer | name: appoint, designate | base: found, ground | score:
net, notch up | vote: ballot | face: meet, confront | read: study, peruse | wait: hold on, linger |
speculate: guess, theorise | recall: remember, recollect | post: publish, put up |
"""

_NOUNS = """
government: administration, authorities, state | company: firm, business, group, corporation | firm:
company, business | business: company, firm, enterprise | minister: secretary, official | official: officer,
representative | spokesman: spokesperson, representative | spokeswoman: spokesperson, representative |
chief: head, boss, leader | boss: chief, head, manager | leader: head, chief | president: leader, head |
director: manager, executive, head | executive: manager, director, official | chairman: chair, head,
president | manager: boss, coach, director | worker: employee, labourer | employee: worker, staff member |
customer: client, buyer, consumer | consumer: customer, buyer, shopper | user: customer, subscriber |
market: sector, industry | industry: sector, business, trade | sector: industry, field, area | growth:
expansion, increase, rise | increase: rise, growth, gain | rise: increase, growth, gain | fall: drop,
decline, decrease | drop: fall, decline, dip | cut: reduction, decrease | loss: shortfall, deficit | profit:
earnings, gain, return | revenue: income, turnover, earnings | price: cost, rate, value | cost: price,
expense, charge | fund: reserve, pool | investment: spending, funding, backing | investor: shareholder,
backer, financier | shareholder: investor, stakeholder | share: stock, stake | bank: lender | debt:
liability, borrowing, obligation | tax: levy, duty | budget: spending plan | deal: agreement, accord, pact,
contract | agreement: deal, accord, pact | contract: deal, agreement | plan: scheme, proposal, strategy |
scheme: plan, programme, project | proposal: plan, suggestion, offer | policy: strategy, plan, approach |
strategy: plan, approach, policy | project: scheme, plan, venture | programme: scheme, plan, initiative |
program: plan, scheme, initiative | report: study, review, analysis | study: research, report, analysis |
survey: poll, study, review | poll: survey, vote, ballot | figure: number, statistic | number: figure,
amount, total | detail: particular, point, fact | statement: announcement, declaration, comment |
announcement: statement, declaration | comment: remark, statement, observation | claim: assertion,
allegation | allegation: accusation, claim, charge | decision: ruling, verdict, choice | ruling: decision,
verdict, judgment | law: legislation, rule, act | rule: regulation, law, guideline | regulation: rule, law |
bill: legislation, law, measure | case: lawsuit, affair, matter | court: tribunal | judge: justice,
magistrate | lawyer: attorney, solicitor, counsel | trial: hearing, case | officer: official, agent | crime:
offence, wrongdoing | attack: assault, strike, raid | victim: casualty, sufferer | war: conflict, fighting |
conflict: dispute, clash, struggle | dispute: row, disagreement, quarrel | row: dispute, argument, quarrel |
crisis: emergency, predicament | problem: issue, difficulty, trouble | issue: matter, problem, question |
concern: worry, fear, anxiety | fear: worry, concern, anxiety | risk: danger, threat, hazard | threat:
danger, risk, menace | danger: risk, threat, peril | damage: harm, destruction | impact: effect, influence,
consequence | effect: impact, result, consequence | result: outcome, consequence, effect | outcome: result,
consequence | change: shift, alteration, modification | step: move, measure, action | measure: step, action
| action: move, step, measure | effort: attempt, bid, drive | attempt: bid, effort, try | bid: attempt,
effort, offer | campaign: drive, effort, push | goal: aim, objective, target | aim: goal, objective, target
| target: goal, objective, aim | chance: opportunity, prospect, possibility | opportunity: chance, opening,
prospect | option: choice, alternative, possibility | choice: option, selection, alternative | challenge:
test, difficulty | success: achievement, triumph, victory | victory: win, triumph, success | defeat: loss,
beating, setback | failure: collapse, breakdown, setback | setback: blow, reverse, obstacle | service:
facility, provision | product: item, good, offering | device: gadget, machine, appliance | gadget: device,
gizmo | machine: device, appliance, unit | system: network, structure, arrangement | network: system, web,
grid | computer: machine, PC | phone: handset, telephone | website: site, web page, portal | site: location,
website, venue | country: nation, state, land | nation: country, state | city: town, metropolis | town:
city, municipality | area: region, district, zone | region: area, zone, territory | place: location, spot,
site | home: house, residence | house: home, residence | building: structure, property | school: academy,
college | student: pupil, learner | child: kid, youngster, minor | parent: guardian, carer | family:
household, relatives | member: participant, affiliate | group: team, body, organisation, association | team:
squad, side, group | player: athlete, competitor | fan: supporter, follower, enthusiast | supporter: backer,
fan, advocate | coach: trainer, manager | club: team, society | match: game, fixture, contest | game: match,
contest, fixture | season: campaign, term, period | tournament: competition, championship, event |
competition: contest, tournament, rivalry | event: occasion, affair, function | champion: winner,
titleholder, victor | winner: victor, champion | star: celebrity, performer | singer: vocalist, performer,
artist | band: group, act, ensemble | album: record, release | song: track, tune | film: movie, picture,
feature | movie: film, picture | actor: performer, star | actress: performer, star | show: programme,
production, performance | festival: celebration, event, fair | award: prize, honour, accolade | prize:
award, reward, honour | ceremony: event, celebration, function | book: volume, title, work | story: report,
article, account | newspaper: paper, daily, publication | magazine: journal, publication | election: vote,
ballot, poll | vote: ballot, poll | voter: elector, constituent | politician: lawmaker, legislator |
committee: panel, board, commission | panel: committee, board, jury | board: panel, committee, council |
council: authority, board, assembly | agency: body, bureau, office | authority: agency, body, administration
| department: ministry, office, division | office: bureau, department | population: populace, inhabitants |
community: neighbourhood, society | world: globe, planet | environment: surroundings, ecosystem | energy:
power, fuel | power: energy, strength | oil: crude, petroleum | fuel: petrol, energy | storm: tempest, gale
| flood: deluge, inundation | disaster: catastrophe, calamity, tragedy | health: wellbeing, welfare |
hospital: clinic, infirmary, medical centre | doctor: physician, medic, clinician | patient: sufferer, case
| disease: illness, condition, infection | illness: disease, sickness, condition | treatment: therapy, care,
remedy | drug: medicine, medication, substance | virus: bug, infection | job: post, role, position | role:
part, position, function | position: post, role, place | career: profession, vocation | period: spell,
stretch, time | moment: instant, point, time | history: past, record, background | level: rate, degree,
extent | rate: level, pace, speed | amount: sum, quantity, volume | total: sum, aggregate | majority: bulk,
greater part | trend: pattern, tendency, movement | demand: need, appetite, call | quality: standard,
calibre, grade | standard: level, norm, benchmark | value: worth, price | army: military, armed forces |
troop: soldier | soldier: trooper, serviceman | weapon: armament, firearm | question: query, issue, matter |
answer: response, reply, solution | response: reaction, reply, answer | reaction: response, reply | view:
opinion, belief, perspective | opinion: view, belief, verdict | idea: concept, notion, thought | reason:
cause, grounds, explanation | method: technique, approach, means | approach: method, strategy, tactic |
process: procedure, method, operation | car: vehicle, automobile | vehicle: car, automobile | road: street,
route, highway | street: road, avenue | flight: journey, trip | airline: carrier | journey: trip, voyage |
trip: journey, visit, tour | visit: trip, tour, call | meeting: gathering, session, conference | conference:
meeting, summit, convention | summit: meeting, conference | speech: address, talk | interview: conversation,
chat | discussion: talk, debate, conversation | debate: discussion, argument, dispute | argument: case,
dispute, debate | criticism: condemnation, censure | warning: caution, alert, notice | message: note,
communication | letter: note, message | appeal: plea, request, call | request: demand, plea, appeal | offer:
proposal, bid, deal | expert: specialist, authority, analyst | analyst: expert, observer, commentator |
observer: watcher, analyst, commentator | critic: opponent, detractor, sceptic | opponent: rival, adversary,
critic | rival: competitor, opponent, challenger | competitor: rival, opponent, contender | partner:
associate, ally, collaborator | ally: partner, friend, supporter | friend: companion, associate | resident:
inhabitant, local, citizen | citizen: resident, national, inhabitant | owner: proprietor, holder | property:
asset, holding, estate | asset: holding, resource, property | brand: label, make, marque | store: shop,
outlet, retailer | shop: store, outlet | retailer: shop, store, seller | seller: vendor, retailer, dealer |
buyer: purchaser, customer | supplier: provider, vendor | provider: supplier, operator, firm | operator:
provider, company, firm | producer: maker, manufacturer | maker: producer, manufacturer | manufacturer:
maker, producer | factory: plant, works, mill | plant: factory, facility, works | facility: plant, centre,
site | centre: hub, facility, middle | center: hub, facility, middle | hub: centre, heart, focus |
investigation: probe, inquiry, examination | inquiry: investigation, probe | probe: investigation, inquiry |
charge: accusation, allegation | fine: penalty, sanction | penalty: fine, punishment, sanction | sentence:
term, penalty | prison: jail | arrest: detention, capture | suspect: accused | witness: observer, onlooker |
pressure: strain, stress | protest: demonstration, rally, objection | rally: protest, march, demonstration |
reform: overhaul, change, revamp | scandal: affair, controversy | benefit: advantage, gain, perk |
advantage: benefit, edge, lead | income: earnings, pay, revenue | wage: salary, pay | salary: wage, pay |
pension: retirement income | loan: credit, advance | payment: fee, instalment | fee: charge, cost, payment |
sale: deal, transaction | export: shipment, overseas sale | import: foreign purchase | output: production,
yield | shortage: lack, shortfall, scarcity | supply: stock, provision | sport: game, athletics | goal:
target, score | crowd: audience, spectators | stadium: arena, ground, venue | venue: location, site, arena |
athlete: competitor, sportsperson | squad: team, side | striker: forward, attacker | captain: skipper,
leader | injury: wound, knock | record: best, milestone | feature: characteristic, element, trait | version:
edition, variant, release | model: version, design | screen: display, monitor | camera: lens, device | chip:
processor, semiconductor | tool: instrument, utility | application: app, program | app: application, program
| researcher: scientist, academic | scientist: researcher, expert | university: college, institution |
teacher: educator, tutor | pupil: student, schoolchild | exam: test, assessment | class: lesson, course |
species: kind, variety | forest: woodland, woods | river: waterway, stream | coast: shore, coastline |
emission: discharge, release | pollution: contamination | temperature: heat | farmer: grower, producer |
crop: harvest, yield | weather: conditions, climate | traffic: congestion, transport | passenger: traveller,
commuter | driver: motorist | railway: rail line, railroad | bridge: crossing, span | way: manner, method |
part: portion, section, share | economy: economic system, market | party: faction, group | future:
prospects, outlook | video: footage, clip | side: team, faction | interest: attention, appeal | life:
existence, lifetime | series: run, sequence, set | thing: item, matter | point: moment, issue, stage |
content: material, substance | performance: showing, display | right: entitlement, freedom | title: crown,
championship | quarter: period, three-month period | chancellor: finance minister | list: listing, roster |
trade: commerce, business | form: shape, type | production: output, manufacture | fact: truth, reality |
web: internet, net | race: contest, competition | name: title, label | secretary: minister | e-mail:
message, email | email: message, e-mail | development: growth, progress | break: pause, gap | call: demand,
appeal, plea | television: TV | giant: heavyweight, titan | opening: launch, start | tour: trip, visit |
stage: phase, step | turn: change, shift | age: era, period | date: day, time | education: schooling,
learning | round: stage, leg | act: law, measure | drive: push, campaign | course: route, path | range:
selection, variety | term: period, spell | situation: position, state | experience: knowledge, background |
training: coaching, preparation | example: instance, case | worth: value | account: report, description |
image: picture, photo | body: organisation, group | confidence: trust, faith | battle: fight, struggle |
press: media | deficit: shortfall, gap | opposition: resistance | rest: remainder | debut: first appearance,
launch | artist: performer, creator | matter: issue, question | file: document, record | nomination:
shortlisting | bankruptcy: insolvency | ability: capacity, skill | category: class, group | unit: division,
arm | doubt: uncertainty, question | couple: pair | pair: duo, couple | speculation: rumour, guesswork |
person: individual | field: area, sector | kind: type, sort | picture: image, photo | management:
leadership, administration | recovery: revival, rebound | progress: advance, headway | earnings: profits,
income | subject: topic, matter | operation: activity, undertaking | speed: pace, rate | expectation: hope,
forecast | condition: circumstance, state | activity: action, work | visitor: guest, tourist | relationship:
link, connection | difference: gap, distinction | responsibility: duty, obligation | leadership: management,
direction | language: tongue | sense: feeling, meaning | editor: journalist | generation: age group |
organisation: body, group, institution | organization: body, group, institution | strength: power, force |
capacity: capability, volume | society: community, association | label: brand | platform: service | agent:
representative | lead: advantage, edge |
"""

_INVARIANT = """
people: persons, individuals, citizens | staff: employees, workers, personnel | sales: turnover, revenues |
money: cash, funds | cash: money, funds | data: figures, information, statistics | information: data,
details, facts | evidence: proof, testimony | legislation: laws, rules | police: officers, authorities |
research: study, investigation, inquiry | software: programs, applications, code | internet: web, net |
news: reports, coverage | media: press, news outlets | support: backing, help, assistance | help:
assistance, aid, support | aid: assistance, help, relief | talks: negotiations, discussions, dialogue |
technology: tech, engineering | equipment: gear, kit, apparatus | advice: guidance, counsel, tips |
security: safety, protection | safety: security, protection | protection: defence, security, safeguards |
"""

_ADJECTIVES = """
big: large, major, huge | large: big, sizeable, substantial | huge: massive, enormous, vast | major: big,
key, significant, leading | small: little, minor, modest | key: main, central, crucial, vital | main: chief,
principal, primary | important: significant, key, crucial | significant: considerable, substantial, notable
| new: fresh, novel, recent | recent: latest, new, fresh | latest: newest, most recent | former: previous,
ex, one-time | previous: earlier, prior, former | strong: robust, powerful, solid | weak: feeble, poor,
fragile | good: great, fine, positive | bad: poor, negative, awful | poor: weak, bad, disappointing | high:
elevated, steep | low: reduced, modest, slim | hard: difficult, tough | difficult: hard, tough, challenging
| tough: hard, difficult, tricky | easy: simple, straightforward | simple: easy, basic, plain | clear:
obvious, evident, plain | likely: probable, expected | possible: feasible, potential, conceivable |
unlikely: improbable, doubtful | serious: severe, grave, major | severe: serious, harsh, extreme | critical:
crucial, vital, key | crucial: vital, critical, key | vital: crucial, essential, key | essential: vital,
necessary, crucial | necessary: needed, required, essential | popular: well-liked, favoured, widespread |
successful: effective, prosperous, thriving | fast: quick, rapid, swift | quick: fast, rapid, speedy |
rapid: fast, quick, swift | slow: gradual, sluggish | sharp: steep, marked, dramatic | dramatic: sharp,
striking, spectacular | sudden: abrupt, unexpected | global: worldwide, international | international:
global, worldwide, foreign | national: nationwide, domestic | local: regional, nearby | private: personal,
independent | financial: monetary, fiscal, economic | economic: financial, fiscal | legal: judicial, lawful
| full: complete, whole, entire | whole: entire, complete, full | entire: whole, complete, full | overall:
total, general | general: broad, overall, common | common: widespread, frequent, usual | usual: normal,
standard, typical | normal: usual, standard, typical | typical: usual, normal, common | special: particular,
specific, unique | particular: specific, certain | specific: particular, precise | sure: certain, confident
| confident: sure, certain, optimistic | happy: pleased, glad, delighted | pleased: happy, glad, delighted |
angry: furious, upset, annoyed | concerned: worried, anxious, troubled | worried: concerned, anxious,
nervous | keen: eager, enthusiastic | ready: prepared, set, willing | willing: ready, prepared, happy |
available: accessible, obtainable, on offer | expensive: costly, pricey, dear | cheap: inexpensive,
low-cost, affordable | rich: wealthy, affluent, prosperous | current: present, existing, ongoing | existing:
current, present | annual: yearly | wide: broad, extensive | widespread: broad, extensive, common | limited:
restricted, modest | extra: additional, further | additional: extra, further | further: additional, extra |
various: several, different, assorted | different: distinct, various | similar: comparable, alike | real:
actual, genuine, true | true: real, genuine, accurate | actual: real, genuine | potential: possible,
prospective, likely | positive: favourable, encouraging, upbeat | negative: adverse, unfavourable,
pessimistic | worse: poorer, inferior | better: superior, finer, improved | best: finest, top, greatest |
biggest: largest, greatest | largest: biggest, greatest | greatest: biggest, largest | highest: top,
steepest | lowest: smallest, weakest | worst: poorest, weakest | leading: top, foremost, prominent | senior:
high-ranking, top, leading | foreign: overseas, international, external | domestic: home, internal, national
| independent: autonomous, separate | controversial: contentious, disputed, divisive | famous: well-known,
renowned, celebrated | young: youthful, junior | modern: contemporary, current | traditional: conventional,
classic, customary | digital: electronic, online | online: internet, web-based, digital | mobile: portable,
wireless | portable: mobile, handheld | wireless: cordless | technical: technological, specialist |
commercial: business, trade | massive: huge, enormous, vast | enormous: huge, massive, vast | tiny: small,
minute, minuscule | nearly: almost, close to, roughly | almost: nearly, practically, virtually | recently:
lately, of late, newly | currently: presently, now, at present | quickly: rapidly, fast, swiftly | slowly:
gradually | immediately: instantly, at once, right away | finally: eventually, ultimately, at last |
eventually: finally, ultimately, in the end | clearly: obviously, evidently, plainly | really: truly,
genuinely, actually | particularly: especially, notably, specifically | especially: particularly, notably |
largely: mostly, mainly, chiefly | mainly: mostly, largely, chiefly | mostly: mainly, largely, chiefly |
widely: broadly, extensively, generally | previously: earlier, formerly | together: jointly, collectively |
sharply: steeply, dramatically, markedly | slightly: a little, marginally, somewhat | significantly:
considerably, substantially, markedly | strongly: firmly, forcefully, vigorously | increasingly:
progressively, more and more | fully: completely, entirely, totally | completely: entirely, totally, fully |
simply: merely | official: formal, authorised | public: state, communal | political: partisan, governmental
| social: societal, communal | medical: clinical, health | environmental: ecological, green | scientific:
research, academic | military: armed, defence | criminal: illegal, unlawful | illegal: unlawful, illicit,
criminal | fair: just, equitable, reasonable | huge: vast, immense | strict: tight, tough, rigorous | free:
complimentary, gratis | safe: secure, protected | early: initial, first | late: delayed, belated | final:
last, closing, concluding | first: initial, opening | last: final, previous | next: following, coming,
upcoming | open: accessible, public | busy: hectic, crowded | great: excellent, huge, major | far: much,
distant | past: previous, former | long: lengthy, extended | prime: main, chief | always: constantly,
forever | little: small, slight | personal: private, individual | enough: sufficient | single: sole, lone |
higher: greater, bigger | short: brief, limited | wrong: incorrect, mistaken | original: first, initial |
lower: smaller, reduced | old: aged, elderly | probably: likely, perhaps | favourite: preferred, favoured |
favorite: preferred, favored | individual: single, separate | actually: in fact, really | certainly:
definitely, surely | separate: distinct, different | central: main, core | corporate: business, company |
interested: keen, eager | faster: quicker, swifter | worldwide: global, international | straight: direct,
consecutive | responsible: accountable, liable | bigger: larger, greater | smaller: lesser | direct:
straight, immediate | alone: solely, on its own | powerful: strong, mighty | secure: safe, protected |
twice: two times | average: typical, mean | human: personal | ahead: forward | forward: ahead, onward |
away: off | hard: firmly, vigorously |
"""


def _entries(block: str) -> list[tuple[str, list[str]]]:
    rows: list[tuple[str, list[str]]] = []
    for chunk in " ".join(block.split()).split("|"):
        lemma, sep, rest = chunk.partition(":")
        if sep:
            rows.append((lemma.strip(), [word.strip() for word in rest.split(",") if word.strip()]))
    return rows


def _add(table: dict[str, list[str]], surface: str, candidates: list[str]) -> None:
    bucket = table.setdefault(surface, [])
    for candidate in candidates:
        if candidate != surface and candidate not in bucket:
            bucket.append(candidate)


@lru_cache(maxsize=1)
def synonym_table() -> dict[str, tuple[str, ...]]:
    """Surface form -> replacements in the same inflection ("said" -> "stated", "noted", ...)."""
    table: dict[str, list[str]] = {}
    for lemma, synonyms in _entries(_VERBS):
        forms = [verb_forms(synonym) for synonym in synonyms]
        for index, surface in enumerate(verb_forms(lemma)):
            _add(table, surface, [form[index] for form in forms])
    for lemma, synonyms in _entries(_NOUNS):
        _add(table, lemma, synonyms)
        _add(table, plural(lemma), [plural(synonym) for synonym in synonyms])
    for block in (_INVARIANT, _ADJECTIVES):
        for lemma, synonyms in _entries(block):
            _add(table, lemma, synonyms)
    return {surface: tuple(candidates) for surface, candidates in table.items() if candidates}


def lemma_count() -> int:
    """How many lemma entries the table is built from (for the generator's description)."""
    return sum(len(_entries(block)) for block in (_VERBS, _NOUNS, _INVARIANT, _ADJECTIVES))


@lru_cache(maxsize=1)
def verb_lemmas() -> tuple[str, ...]:
    """Every one-word verb lemma of the table, its synonyms included, in table order."""
    seen: dict[str, None] = {}
    for lemma, synonyms in _entries(_VERBS):
        for word in (lemma, *synonyms):
            if " " not in word:
                seen.setdefault(word, None)
    return tuple(seen)
