"""Match latency, throughput, growth and memory: `POST /v1/match` over HTTP, load from another process.

For each size N: a PostgreSQL index of the first N generated articles (built once with
`newsdedup index` and kept as database perf_idx_N; --drop removes them), served by
`newsdedup serve --workers 2`; then open-loop load (fixed arrival rate: p50/p99) and closed-loop load
(throughput) from `_load.py`; the same against the in-memory baseline (datasketch MinHashLSH behind
FastAPI, 2 workers) up to --baseline-max articles. Also: worker RSS, bytes per article in PostgreSQL
and the candidate-count distribution of the queries.

    python benchmarks/perf/latency.py --sizes 10000,100000           # latency + growth at 10k, 100k
    python benchmarks/perf/latency.py --sizes 10000,100000,1000000 --profile   # growth to 1M, py-spy
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
from _common import corpus_file, cpu_times, machine, prefix_file, steal_percent
from _service import database, drop_database, log, rss_mib, server, uvicorn_app
from _sizes import bytes_per_article, candidate_counts

HERE = Path(__file__).resolve().parent


def queries(size: int, count: int, seed: int = 7) -> Path:
    """Match bodies: half edited copies of indexed articles (first paragraph dropped), half unseen ones.

    Streams the corpus file (a million articles do not fit comfortably in memory as dicts).
    """
    rng = random.Random(seed)
    picks = [rng.randrange(size) for _ in range((count + 1) // 2)]
    wanted = set(picks)
    texts: dict[int, str] = {}
    with corpus_file(size + count).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if number >= size + count:
                break
            if number in wanted or number >= size:
                texts[number] = json.loads(line)["text"]
    bodies = []
    for number in range(count):
        if number % 2 == 0:
            text = texts[picks[number // 2]]
            paragraphs = text.split("\n\n")
            bodies.append({"text": "\n\n".join(paragraphs[1:]) if len(paragraphs) > 2 else text})
        else:
            bodies.append({"text": texts[size + number // 2 % count]})
    path = Path(tempfile.gettempdir()) / f"newsdedup-queries-{size}-{count}.jsonl"
    path.write_text("".join(json.dumps(body) + "\n" for body in bodies))
    return path


def load(base: str, query_file: Path, mode: str, value: float, duration: float) -> dict[str, float]:
    """Run _load.py as a separate process; latency percentiles in ms and achieved rate."""
    flag = ["--rate", str(value)] if mode == "open" else ["--concurrency", str(int(value))]
    command = [sys.executable, str(HERE / "_load.py"), "--url", base, "--queries", str(query_file)]
    out = subprocess.run(
        [*command, "--mode", mode, *flag, "--duration", str(duration)],
        check=True,
        capture_output=True,
        text=True,
    )
    result = json.loads(out.stdout)
    latencies = np.array(result["latencies"]) * 1000
    figures = {
        "p50": float(np.percentile(latencies, 50)),
        "p99": float(np.percentile(latencies, 99)),
        "rate": len(latencies) / result["elapsed"],
    }
    if "send_lag" in result:
        figures["send_lag_p50"] = float(np.median(result["send_lag"]) * 1000)
    return figures


def measure(base: str, query_file: Path, args: argparse.Namespace) -> dict[str, float]:
    """Warm up, then the median open-loop p50/p99 over --repeats runs and one closed-loop run, and the CPU
    time stolen by the hypervisor meanwhile."""
    load(base, query_file, "closed", 2, 5)
    before = cpu_times()
    runs = [load(base, query_file, "open", args.rate, args.duration) for _ in range(args.repeats)]
    closed = load(base, query_file, "closed", args.concurrency, args.duration)
    return {
        "steal": steal_percent(before, cpu_times()),
        "p50": statistics.median(run["p50"] for run in runs),
        "p99": statistics.median(run["p99"] for run in runs),
        "send_lag_p50": statistics.median(run["send_lag_p50"] for run in runs),
        "throughput": closed["rate"],
        "closed_p50": closed["p50"],
    }


def build(size: int) -> str:
    """The kept PostgreSQL index of the first ``size`` articles (built with the CLI if missing)."""
    name = f"perf_idx_{size}"
    with database("postgresql", keep=name) as url:
        from sqlalchemy import create_engine, text

        engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
        with engine.connect() as connection:
            have = connection.scalar(text("SELECT count(*) FROM articles"))
        engine.dispose()
        if have != size:
            log(f"building {name} ({have} articles present) with newsdedup index ...")
            start = time.perf_counter()
            subprocess.run(
                ["newsdedup", "index", str(prefix_file(size))],
                env=os.environ | {"DATABASE_URL": url},
                check=True,
                stderr=subprocess.DEVNULL,
            )
            log(f"  {size / (time.perf_counter() - start):,.0f} articles/s")
            vacuum(url)
        return url


def vacuum(url: str) -> None:
    """``VACUUM (ANALYZE)`` the index tables once after the build, as autovacuum would (it is off on some
    servers): the candidate lookup is an index-only scan, which needs the visibility map."""
    import psycopg

    with psycopg.connect(url.replace("+psycopg", "", 1), autocommit=True) as connection:
        connection.execute("VACUUM (ANALYZE) articles, signatures, lsh_bands")


def profile(pid: int, seconds: int, out: Path) -> None:
    """py-spy record of one worker, raw folded stacks."""
    subprocess.run(
        ["py-spy", "record", "-p", str(pid), "-d", str(seconds), "-r", "200", "-f", "raw", "-o", str(out)],
        check=True,
        capture_output=True,
    )


def baseline(size: int, query_file: Path, args: argparse.Namespace) -> dict[str, float]:
    """The in-memory datasketch baseline at ``size`` articles, same load."""
    env = os.environ | {"BASELINE_CORPUS": str(prefix_file(size)), "BASELINE_ARTICLES": str(size)}
    with uvicorn_app("_baseline_app:create_app", HERE, env, ready_within=1800) as base:
        return measure(base, query_file, args)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--rate", type=float, default=40.0, help="open-loop requests/s")
    parser.add_argument("--concurrency", type=int, default=8, help="closed-loop clients")
    parser.add_argument("--duration", type=float, default=15.0, help="seconds per load run")
    parser.add_argument("--repeats", type=int, default=3, help="open-loop runs (median)")
    parser.add_argument("--baseline-max", type=int, default=100_000, help="largest in-memory baseline")
    parser.add_argument("--profile", action="store_true", help="py-spy one worker at the largest size")
    parser.add_argument("--drop", action="store_true", help="drop the kept perf_idx_* databases at the end")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    print(
        f"load: open loop {args.rate:g} req/s x {args.duration:g}s (median of {args.repeats}), "
        f"closed loop {args.concurrency} clients x {args.duration:g}s; {args.queries} queries "
        "(half edited copies of indexed articles, half unseen articles)"
    )
    sizes = [int(size) for size in args.sizes.split(",")]
    rows = []
    for size in sizes:
        url = build(size)
        query_file = queries(size, args.queries)
        counts = candidate_counts(url, query_file)
        with server(url, workers=2) as (base, pids):
            before = [rss_mib(pid) for pid in pids]
            ours = measure(base, query_file, args)
            after = [rss_mib(pid) for pid in pids]
            if args.profile and size == max(sizes):
                out = Path(tempfile.gettempdir()) / f"newsdedup-match-profile-{size}.txt"
                loader = subprocess.Popen(
                    [
                        sys.executable,
                        str(HERE / "_load.py"),
                        "--url",
                        base,
                        "--queries",
                        str(query_file),
                        "--mode",
                        "closed",
                        "--concurrency",
                        "4",
                        "--duration",
                        "25",
                    ],
                    stdout=subprocess.DEVNULL,
                )
                profile(pids[0], 20, out)
                loader.wait()
                log(f"profile written to {out}")
        log(f"{size:,}: ours {ours}, RSS {before} -> {after}")
        stored = bytes_per_article(url)
        log(f"{size:,}: {stored}; candidates {counts}")
        base_row = baseline(size, query_file, args) if size <= args.baseline_max else None
        rows.append((size, ours, base_row, before, after, stored, counts))
        log(f"{size:,}: {ours} baseline {base_row}")
    report(rows)
    if args.drop:
        for size in sizes:
            drop_database(f"perf_idx_{size}")


def report(rows: list[tuple[Any, ...]]) -> None:
    """Markdown tables."""
    print(
        "\n| articles | p50 ms | p99 ms | req/s (closed) | CPU stolen | baseline p50 ms | baseline p99 ms | "
        "baseline req/s | p50 / baseline |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    )
    for size, ours, base_row, *_ in rows:
        if base_row:
            extra = (
                f"{base_row['p50']:.1f} | {base_row['p99']:.1f} | {base_row['throughput']:.0f} | "
                f"{ours['p50'] / base_row['p50']:.2f}x"
            )
        else:
            extra = "- | - | - | -"
        print(
            f"| {size:,} | {ours['p50']:.1f} | {ours['p99']:.1f} | {ours['throughput']:.0f} | "
            f"{ours['steal']:.0f}% | {extra} |"
        )
    first = rows[0][1]["p50"]
    print(
        "\n| articles | p50 vs smallest | worker RSS MiB (before -> after load) "
        "| bytes/article in PostgreSQL (text excluded) |\n|---:|---:|---|---:|"
    )
    for size, ours, _, before, after, stored, _ in rows:
        rss = ", ".join(f"{b:.0f} -> {a:.0f}" for b, a in zip(before, after, strict=True))
        print(f"| {size:,} | {ours['p50'] / first:.2f}x | {rss} | {stored['per_article']:,.0f} |")
    for size, *_, stored, counts in rows:
        print(
            f"\n{size:,} articles, PostgreSQL bytes: "
            + ", ".join(
                f"{key} {value / 2**20:,.1f} MiB" for key, value in stored.items() if key != "per_article"
            )
        )
        print(f"{size:,} articles, candidates per query: {counts}")


if __name__ == "__main__":
    main()
