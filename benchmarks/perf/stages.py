"""Where a match request's time goes, stage by stage, in process (no HTTP), on the latency benchmark's index.

Runs the latency benchmark's 200 queries through what `POST /v1/match` does (body validation, the
detector in a read-only unit of work, the response's JSON) against database perf_idx_N (built by
`latency.py` if missing; NEWSDEDUP_BENCH_PG picks the server), with timers around each stage. A warm-up
pass, then --repeats passes; medians and means per request in ms.

    python benchmarks/perf/stages.py --size 1000000
    python benchmarks/perf/stages.py --size 1000000 --candidate-limit 50    # another setting
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from _common import machine
from latency import build, queries
from sqlalchemy.orm import sessionmaker

import newsdedup.detector as detector_module
import newsdedup.store.sql as sql_module
from newsdedup.api.convert import match_query
from newsdedup.api.deps import Runtime
from newsdedup.api.schemas import MatchIn, MatchResponse
from newsdedup.core import default_scheme
from newsdedup.settings import Settings
from newsdedup.store.db import create_engine_for

SPENT: defaultdict[str, float] = defaultdict(float)


def timed(owner: Any, name: str, stage: str) -> None:
    """Replace ``owner.name`` with a wrapper adding its wall time to SPENT[stage]."""
    inner: Callable[..., Any] = getattr(owner, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return inner(*args, **kwargs)
        finally:
            SPENT[stage] += time.perf_counter() - start

    setattr(owner, name, wrapper)


def instrument() -> None:
    """Timers around the stages of `Detector.match` (the names it calls them by)."""
    timed(detector_module, "fingerprint_many", "sign the query")
    timed(sql_module, "find_candidates", "candidate statement")
    timed(detector_module, "worth_comparing_many", "pooled containment")
    timed(sql_module.SqlArticleIndex, "get_many", "fetch texts worth aligning")
    timed(detector_module, "verify_pair", "align and attribute")


def one_request(runtime: Runtime, body: bytes) -> None:
    """What the match endpoint does with ``body``, minus HTTP."""
    start = time.perf_counter()
    query = match_query(MatchIn.model_validate_json(body), runtime.settings)
    with runtime.detector(read_only=True) as detector:
        report = detector.match(query, limit=10)
    MatchResponse.of(report, query_text=None).model_dump_json()
    SPENT["whole request"] += time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--candidate-limit", type=int, default=None, help="default: the service's setting")
    args = parser.parse_args()

    settings = Settings(database_url=build(args.size))
    if args.candidate_limit is not None:
        settings = settings.model_copy(update={"candidate_limit": args.candidate_limit})
    engine = create_engine_for(settings.database_url, pool_size=1)
    runtime = Runtime(settings, engine, sessionmaker(engine, expire_on_commit=False), default_scheme())
    bodies = queries(args.size, args.queries).read_bytes().splitlines()
    instrument()
    for body in bodies:
        one_request(runtime, body)
    per_request: defaultdict[str, list[float]] = defaultdict(list)
    for _ in range(args.repeats):
        for body in bodies:
            SPENT.clear()
            one_request(runtime, body)
            for stage, seconds in SPENT.items():
                per_request[stage].append(seconds * 1000)
    engine.dispose()

    print(f"machine: {machine()}")
    limit = settings.candidate_limit
    print(f"{args.size:,} articles, candidate_limit {limit}, {len(bodies)} queries x {args.repeats}")
    print("| stage | median ms | mean ms | requests that reach it |")
    print("|---|---:|---:|---:|")
    total = len(bodies) * args.repeats
    for stage, values in sorted(per_request.items(), key=lambda item: -statistics.mean(item[1])):
        median, mean = statistics.median(values), statistics.mean(values)
        print(f"| {stage} | {median:.2f} | {mean:.2f} | {100 * len(values) / total:.0f}% |")


if __name__ == "__main__":
    main()
