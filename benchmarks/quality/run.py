"""Detection quality on real news: recall@1 per kind of scraper copy, false attribution on hard negatives,
recall on real Reuters re-filings, query time; newsdedup's `Detector.match` beside plain datasketch
MinHashLSH on the same index and queries.

    python benchmarks/quality/run.py --seed 1 --copies-per-kind 200 --out docs/quality.md
    python benchmarks/quality/run.py --quick          # a few copies per kind, no report written

Reads ../shared/data (beside the repository) or --data; writes nothing but the report. After indexing,
the index's objects are moved out of the garbage collector's sight (`gc.freeze`), as a long-running
server would do: otherwise every query of either system pays for scanning millions of index objects.
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from baseline import Baseline
from corpus import Corpus, Query, copy_queries, load_corpus, negative_queries
from report import Outcome, failed, machine, render

from newsdedup.core import default_scheme, fingerprint
from newsdedup.detector import ArticleInput, Detector, MatchQuery
from newsdedup.store.memory import MemoryArticleIndex

ROOT = Path(__file__).resolve().parents[2]
BATCH = 2000


@dataclass(frozen=True, slots=True)
class Setup:
    """Both systems, loaded with the same articles."""

    detector: Detector
    index: MemoryArticleIndex
    baseline: Baseline
    seconds: dict[str, float]


def build(corpus: Corpus) -> Setup:
    """Index every article of ``corpus`` in the detector's in-memory index and in the baseline."""
    index = MemoryArticleIndex(default_scheme())
    detector = Detector(index)
    started = time.perf_counter()
    items = [
        ArticleInput(url=a.url, text=a.text, publisher=a.publisher, published_at=a.published_at)
        for a in corpus.indexed
    ]
    for start in range(0, len(items), BATCH):
        detector.index_many(items[start : start + BATCH], with_matches=False)
    ours = time.perf_counter() - started
    started = time.perf_counter()
    baseline = Baseline()
    baseline.index((a.url, a.text) for a in corpus.indexed)
    theirs = time.perf_counter() - started
    return Setup(detector, index, baseline, {"ours": ours, "baseline": theirs})


def run_query(setup: Setup, query: Query) -> Outcome:
    """One query through both systems, timed back to back."""
    asked = MatchQuery(text=query.text, url=query.url, published_at=query.published_at)
    started, cpu = time.perf_counter(), time.process_time()
    report = setup.detector.match(asked)
    ours_ms = (time.perf_counter() - started) * 1000
    ours_cpu = (time.process_time() - cpu) * 1000
    started, cpu = time.perf_counter(), time.process_time()
    answer, candidates = setup.baseline.answer(query.text, query.url)
    theirs_ms = (time.perf_counter() - started) * 1000
    theirs_cpu = (time.process_time() - cpu) * 1000
    likely = report.likely_original.article.url if report.likely_original else None
    related = {match.article.url for match in report.matches}
    in_candidates = False
    if query.expected:
        found = setup.index.candidates(
            fingerprint(query.text, setup.index.scheme), setup.detector.candidate_limit
        )
        urls = {article.url for article in setup.index.get_many([c.article_id for c in found]).values()}
        in_candidates = bool(urls & query.expected)
    return Outcome(
        query=query,
        likely=likely,
        related=frozenset(related),
        candidates=report.candidates_checked,
        in_candidates=in_candidates,
        ours_ms=ours_ms,
        ours_cpu_ms=ours_cpu,
        baseline_answer=answer,
        baseline_candidates=len(candidates),
        baseline_ms=theirs_ms,
        baseline_cpu_ms=theirs_cpu,
    )


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data", help="real news folder")
    parser.add_argument("--seed", type=int, default=1, help="seed of the sample and of the copy generator")
    parser.add_argument("--copies-per-kind", type=int, default=200, help="originals copied, per kind")
    parser.add_argument("--labels", type=Path, default=Path(__file__).with_name("reuters_labels.jsonl"))
    parser.add_argument("--out", type=Path, default=None, help="write the report here (e.g. docs/quality.md)")
    parser.add_argument("--quick", action="store_true", help="20 copies per kind, for iterating")
    parser.add_argument("--failures", action="store_true", help="list the queries ours got wrong (urls only)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print (and optionally write) the report."""
    args = parse(argv)
    per_kind = 20 if args.quick else args.copies_per_kind
    print(machine(), flush=True)
    corpus = load_corpus(args.data)
    setup = build(corpus)
    gc.collect()
    gc.freeze()
    print(
        f"indexed {len(corpus.indexed)} articles: ours {setup.seconds['ours']:.0f} s, "
        f"baseline {setup.seconds['baseline']:.0f} s",
        flush=True,
    )
    queries = copy_queries(args.data, corpus, per_kind, args.seed) + negative_queries(
        args.data, corpus, args.labels
    )
    random.Random(args.seed).shuffle(queries)
    started = time.perf_counter()
    outcomes = [run_query(setup, query) for query in queries]
    print(f"{len(queries)} queries in {time.perf_counter() - started:.0f} s", flush=True)
    command = "python benchmarks/quality/run.py " + " ".join(sys.argv[1:] if argv is None else argv)
    text = render(outcomes, len(corpus.indexed), setup.index.stats().band_rows, command.strip())
    print(text)
    if args.failures:
        for outcome in outcomes:
            if failed(outcome):
                query = outcome.query
                print(
                    f"FAILED {query.group} {query.url} expected={sorted(query.expected)} got={outcome.likely}"
                )
    if args.out is not None:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
