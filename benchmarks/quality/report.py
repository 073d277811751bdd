"""The quality report: per-kind recall@1, false attribution, re-filings and query time, as Markdown."""

from __future__ import annotations

import os
import platform
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from corpus import KINDS, Query

RECALL_TARGETS = {
    "verbatim": 0.99,
    "near_verbatim": 0.99,
    "truncated": 0.99,
    "excerpt": 0.99,
    "spun": 0.95,
    "roundtrip": 0.90,
    "rewrite": 0.90,
}
FALSE_TARGETS = {"basil": 0.01, "lee": 0.001, "templated": 0.02}
REFILING_TARGET = 0.97
TIME_RATIO_TARGET = 2.0


DESIGN = """
## How detection works (what these numbers measure)

**Candidates.** The default `SignatureScheme`: word 3-grams (words hashed with `mix64`), 128
datasketch-identical affine permutations, 64 bands x 2 rows: 64 band rows per article, one (band, key,
article_id) row each, one lookup statement per query, reading at most 256 articles per band key
(`BUCKET_READ_LIMIT`, the earliest indexed). A pair is a candidate with probability 1-(1-J^2)^64:
0.93 at Jaccard 0.2, 0.998 at 0.3, so reworded copies (3-gram Jaccard 0.25-0.5 for spun, round-trip
and rewritten copies here) and excerpts (0.2-0.4) are found, while topical neighbours (Lee pairs:
3-gram Jaccard <= 0.04; BASIL same-event pairs: median 0.02) rarely collide (candidates per query
below). Two rows per band, not one, keep common phrases from flooding: at Jaccard 0.01 the chance is
0.6%, not 47%.

**Verification** (`newsdedup.core.pairs.compare_pair`, shared by the API and the batch engines):
1. the exact shingle overlap of the pair; below 0.1 containment either way the pair is rejected cheaply;
2. otherwise both texts are cut into sentences with character offsets (`core.sentences`), each sentence
   a vector of paraphrase-tolerant stems of its content words (light stemming that also folds
   British/American spelling; numbers and names weigh 0.6, wording 1), and aligned (`core.align`):
   sentence pairs, and pairs of one sentence with two merged neighbours, of cosine >= 0.4 form a monotone
   chain (dynamic programming over both texts in order); nearby pairs make the passages, reported with
   character offsets into the raw texts;
3. words inside quotation marks do not count towards coverage: two reports quoting the same statement
   share the quotation, not the reporting; nor do words of site furniture (`core.furniture`: menus,
   cookie banners, bylines, tag lists, lists of headlines), so two pages of one copier site are not
   copies of each other; shares are taken of at least 20 such own words;
4. reuse if one side holds enough of the other: >= 0.45 shingle containment with >= 0.2 of a side's
   unquoted words aligned, or >= 0.7 of a side's unquoted words aligned, or a near-verbatim run holding
   >= 0.18 of one side and >= 0.15 of the other (an excerpt inside site furniture);
5. and the facts agree (`core.facts`): numbers and names of the aligned passages are looked up in the
   other text. A copy that shortens drops facts on one side only; a templated story (dividend notice,
   rate change, crop table) replaces them on both sides, or names another subject in its lead. Those
   are rejected.

**Read with care.**
- The Reuters sets are the 172 candidate pairs of `reuters_internal_dup_candidates.jsonl` checked by
  hand (`benchmarks/quality/reuters_labels.jsonl`, ids only): 98 re-filings (corrections, expanded or
  shortened versions, rewritten leads, same-day repeats), 70 templated look-alikes (Fed repurchases,
  dividend notices, weekly statistics, bond issues, crop and livestock reports), 2 templated stories
  whose text and facts are identical (no text-only method can tell them apart; reported, not scored),
  2 unsure (left out). The verification thresholds were tuned on these pairs, on all 300 BASIL
  same-event pairs (both directions) and on generated copies from other seeds, so the hard-negative
  and re-filing figures are in-sample; the copy figures come from the seeds given in the command.
- A copy is found only if LSH makes its original a candidate: at the lowest Jaccard of the copies here
  (about 0.22, excerpts in heavy furniture) that chance is 0.96; over the excerpts' spread about 1 in
  130 is missed whatever the verification does, fewer for the other kinds ("original among our
  candidates").
- BBC originals that another BBC article half contains are not sampled: the corpus holds re-published
  versions of those stories, and without dates neither version is the original.
- Query times come from a 2-core machine shared with other jobs; the CPU-time ratio is the steadier one.
"""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What both systems answered to one query."""

    query: Query
    likely: str | None
    related: frozenset[str]
    """Urls of every verified match (any relation)."""
    candidates: int
    in_candidates: bool
    ours_ms: float
    ours_cpu_ms: float
    baseline_answer: str | None
    baseline_candidates: int
    baseline_ms: float
    baseline_cpu_ms: float


def machine() -> str:
    """CPU model, cores, load, Python."""
    model = platform.processor() or "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    return f"{model}, {os.cpu_count()} cores (load average {load}), Python {platform.python_version()}"


def _quantile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else float("nan")


def _spread(values: Sequence[float]) -> str:
    """Median / p95 / max."""
    return f"{_quantile(values, 0.5):.0f} / {_quantile(values, 0.95):.0f} / {max(values, default=0):.0f}"


def _rate(items: Sequence[Outcome], test: Callable[[Outcome], bool]) -> float:
    return sum(1 for item in items if test(item)) / len(items) if items else float("nan")


def _ours_false(outcome: Outcome) -> bool:
    query = outcome.query
    if query.group == "basil":
        return outcome.likely is not None or bool(outcome.related & query.forbidden)
    return outcome.likely in query.forbidden or bool(outcome.related & query.forbidden)


def failed(outcome: Outcome) -> bool:
    """True when ours missed the original (copies, re-filings) or related a hard negative."""
    if outcome.query.expected:
        return outcome.likely not in outcome.query.expected
    return outcome.query.group != "templated_same_facts" and _ours_false(outcome)


def _baseline_false(outcome: Outcome) -> bool:
    if outcome.query.group == "basil":
        return outcome.baseline_answer is not None
    return outcome.baseline_answer in outcome.query.forbidden


def _lee_pairs(items: Sequence[Outcome]) -> tuple[int, int, int]:
    """Lee pairs, and how many each system relates in either direction."""
    related = {item.query.url: item.related for item in items}
    answers = {item.query.url: item.baseline_answer for item in items}
    pairs = {tuple(sorted((item.query.url, other))) for item in items for other in item.query.forbidden}
    ours = sum(1 for a, b in pairs if b in related.get(a, ()) or a in related.get(b, ()))
    theirs = sum(1 for a, b in pairs if answers.get(a) == b or answers.get(b) == a)
    return len(pairs), ours, theirs


def _mark(ok: bool) -> str:
    return "met" if ok else "**not met**"


def _kind_rows(by_group: dict[str, list[Outcome]]) -> tuple[list[str], list[bool]]:
    rows, met = [], []
    for kind in KINDS:
        items = by_group.get(kind, [])
        if not items:
            continue
        ours = _rate(items, lambda o: o.likely in o.query.expected)
        theirs = _rate(items, lambda o: o.baseline_answer in o.query.expected)
        found = _rate(items, lambda o: o.in_candidates)
        fraction = statistics.median(item.query.copied_fraction for item in items)
        ok = ours >= RECALL_TARGETS[kind]
        met.append(ok)
        ours_t = [item.ours_ms for item in items]
        theirs_t = [item.baseline_ms for item in items]
        rows.append(
            f"| {kind} | {len(items)} | {fraction:.2f} | **{ours:.3f}** | {found:.3f} | {theirs:.3f} | "
            f"{_quantile(ours_t, 0.5):.1f} / {_quantile(ours_t, 0.95):.1f} | "
            f"{_quantile(theirs_t, 0.5):.1f} / {_quantile(theirs_t, 0.95):.1f} | "
            f"≥ {RECALL_TARGETS[kind]:.2f}: {_mark(ok)} |"
        )
    return rows, met


def render(outcomes: Sequence[Outcome], indexed: int, band_rows: int, command: str) -> str:
    """The full Markdown report."""
    by_group: dict[str, list[Outcome]] = {}
    for outcome in outcomes:
        by_group.setdefault(outcome.query.group, []).append(outcome)
    kind_rows, kinds_met = _kind_rows(by_group)
    copies = [o for o in outcomes if o.query.group in KINDS]
    ours_p50 = _quantile([o.ours_ms for o in copies], 0.5)
    theirs_p50 = _quantile([o.baseline_ms for o in copies], 0.5)
    ratio = ours_p50 / theirs_p50 if theirs_p50 else float("nan")
    ours_cpu = _quantile([o.ours_cpu_ms for o in copies], 0.5)
    theirs_cpu = _quantile([o.baseline_cpu_ms for o in copies], 0.5)
    cpu_ratio = ours_cpu / theirs_cpu if theirs_cpu else float("nan")
    lines = [
        "# Detection quality on real news",
        "",
        f"Produced by `{command}` on {datetime.now(UTC):%Y-%m-%d}.",
        "",
        f"Machine: {machine()}.",
        "",
        f"Index: {indexed} real articles (BBC 2004-05, Reuters-21578, one BASIL outlet per event, Lee 50 +",
        f"background 300) in `MemoryArticleIndex`, {band_rows / max(indexed, 1):.0f} band rows per article.",
        "Queries go through `Detector.match`; the baseline is plain datasketch `MinHashLSH(threshold=0.5,",
        "num_perm=128)` on word 5-grams of the same normalized words, answering with its candidate of",
        "highest estimated Jaccard. Query times are wall-clock milliseconds, both systems timed back to",
        "back.",
        "",
        "## Copies of BBC articles, by kind (recall@1: the true original is `likely_original`)",
        "",
        "| kind | copies | median share of original | ours | original among our candidates | baseline "
        "| ours p50 / p95 ms | baseline p50 / p95 ms | target |",
        "|---|---|---|---|---|---|---|---|---|",
        *kind_rows,
        "",
        "## Hard negatives and real re-filings",
        "",
        "| set | queries (pairs) | ours | baseline | target |",
        "|---|---|---|---|---|",
    ]
    negatives_met = []
    for group, title in (("basil", "BASIL same event, other outlet: false attribution"),):
        items = by_group.get(group, [])
        ours, theirs = _rate(items, _ours_false), _rate(items, _baseline_false)
        negatives_met.append(ours <= FALSE_TARGETS[group])
        lines.append(
            f"| {title} | {len(items)} | **{ours:.3f}** | {theirs:.3f} | "
            f"≤ {FALSE_TARGETS[group]}: {_mark(negatives_met[-1])} |"
        )
    pairs, ours_lee, theirs_lee = _lee_pairs(by_group.get("lee", []))
    ours_rate = ours_lee / pairs if pairs else float("nan")
    negatives_met.append(ours_rate <= FALSE_TARGETS["lee"])
    theirs_rate = theirs_lee / pairs if pairs else float("nan")
    lines.append(
        f"| Lee topical pairs (all, either direction): false attribution | ({pairs}) | **{ours_rate:.4f}** | "
        f"{theirs_rate:.4f} | ≤ {FALSE_TARGETS['lee']}: {_mark(negatives_met[-1])} |"
    )
    for group, title in (
        ("templated", "Reuters templated look-alikes (labelled): false attribution"),
        ("templated_same_facts", "Reuters templated with identical facts and text (labelled): related"),
    ):
        items = by_group.get(group, [])
        if not items:
            continue
        ours, theirs = _rate(items, _ours_false), _rate(items, _baseline_false)
        target = "—"
        if group in FALSE_TARGETS:
            negatives_met.append(ours <= FALSE_TARGETS[group])
            target = f"≤ {FALSE_TARGETS[group]}: {_mark(negatives_met[-1])}"
        lines.append(f"| {title} | {len(items)} | **{ours:.3f}** | {theirs:.3f} | {target} |")
    refilings = by_group.get("refiling", [])
    ours_r = _rate(refilings, lambda o: o.likely in o.query.expected)
    theirs_r = _rate(refilings, lambda o: o.baseline_answer in o.query.expected)
    lines.append(
        f"| Reuters real re-filings (labelled): recall@1 | {len(refilings)} | **{ours_r:.3f}** | "
        f"{theirs_r:.3f} | ≥ {REFILING_TARGET}: {_mark(ours_r >= REFILING_TARGET)} |"
    )
    small = [
        o for o in copies if o.query.group in ("truncated", "excerpt") and o.query.copied_fraction <= 0.35
    ]
    lines += [
        "",
        f"Copies keeping at most 35% of the original (truncated and excerpt): {len(small)}, recall@1 "
        f"**{_rate(small, lambda o: o.likely in o.query.expected):.3f}** (baseline "
        f"{_rate(small, lambda o: o.baseline_answer in o.query.expected):.3f}).",
        "",
        "## Candidates",
        "",
        "| queries | ours: candidates per query, median / p95 / max | baseline: median / p95 / max |",
        "|---|---|---|",
    ]
    for title, items in (("copies", copies), ("all", list(outcomes))):
        ours_c = _spread([float(o.candidates) for o in items])
        theirs_c = _spread([float(o.baseline_candidates) for o in items])
        lines.append(f"| {title} | {ours_c} | {theirs_c} |")
    lines += [
        "",
        "## Query time",
        "",
        "Medians over all copy queries. Wall clock is what a caller waits on this shared machine; CPU time",
        "(`time.process_time`) is the work each system does, less disturbed by other processes.",
        "",
        "| measure | ours | baseline | ratio | target |",
        "|---|---|---|---|---|",
        f"| wall-clock ms | {ours_p50:.2f} | {theirs_p50:.2f} | {ratio:.2f} | "
        f"≤ {TIME_RATIO_TARGET}: {_mark(ratio <= TIME_RATIO_TARGET)} |",
        f"| CPU ms | {ours_cpu:.2f} | {theirs_cpu:.2f} | {cpu_ratio:.2f} | "
        f"≤ {TIME_RATIO_TARGET}: {_mark(cpu_ratio <= TIME_RATIO_TARGET)} |",
        "",
        f"Targets met: {sum(kinds_met)}/{len(kinds_met)} copy kinds, "
        f"{sum(negatives_met)}/{len(negatives_met)} hard-negative sets, "
        f"re-filings {_mark(ours_r >= REFILING_TARGET)}.",
        DESIGN,
    ]
    return "\n".join(lines)
