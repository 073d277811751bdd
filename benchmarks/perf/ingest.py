"""Ingest: N generated articles through `newsdedup index` and through the bulk API, into PostgreSQL
and SQLite; articles/s (wall clock, from the first article to the last commit).

    python benchmarks/perf/ingest.py --articles 100000

PostgreSQL: NEWSDEDUP_BENCH_PG (default postgres@127.0.0.1:5432); each run gets a fresh database,
dropped afterwards. The API runs as `newsdedup serve --workers 2`; the client posts NDJSON bulk
requests of 500 articles (the default 2 MB body limit), two in flight, with
?record_copies=false (a plain load, like the CLI; the default also matches every article).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from _common import machine, prefix_file
from _service import api_key, database, log, server

BULK = 500
"""Articles per bulk request: 500 of these (~1.4 MB) fit the default 2 MB body limit."""


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def via_cli(url: str, path: Path, workers: int | None) -> tuple[float, float]:
    """Wall seconds for `newsdedup index` to store the file, and the CPU seconds it used (all processes)."""
    command = ["newsdedup", "index", str(path)] + ([] if workers is None else ["--workers", str(workers)])
    start, cpu = time.perf_counter(), _children_cpu()
    subprocess.run(command, env=os.environ | {"DATABASE_URL": url}, check=True, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start, _children_cpu() - cpu


def via_api(url: str, path: Path, in_flight: int = 2) -> tuple[float, float]:
    """Seconds to post the file as NDJSON bulk requests to a 2-worker server."""
    lines = path.read_bytes().splitlines(keepends=True)
    bodies = [b"".join(lines[start : start + BULK]) for start in range(0, len(lines), BULK)]
    headers = {"content-type": "application/x-ndjson"} | api_key(url)
    with server(url, workers=2) as (base, _), httpx.Client(base_url=base, timeout=600) as client:

        def post(body: bytes) -> None:
            response = client.post("/v1/articles/bulk?record_copies=false", content=body, headers=headers)
            if response.status_code != 200 or response.json()["failed"]:
                raise RuntimeError(f"bulk request failed: {response.status_code} {response.text[:300]}")

        start = time.perf_counter()
        with ThreadPoolExecutor(in_flight) as pool:
            list(pool.map(post, bodies))
        return time.perf_counter() - start, float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--backends", default="postgresql,sqlite")
    parser.add_argument("--paths", default="cli,api")
    parser.add_argument("--workers", type=int, default=None, help="CLI fingerprinting processes")
    args = parser.parse_args()
    path = prefix_file(args.articles)
    print(f"machine: {machine()}")
    print(
        f"{args.articles:,} generated articles "
        f"({path.stat().st_size / args.articles:,.0f} bytes of JSON each)"
    )
    rows = []
    for backend in args.backends.split(","):
        for route in args.paths.split(","):
            with database(backend) as url:
                log(f"{backend} via {route} ...")
                seconds, cpu = via_cli(url, path, args.workers) if route == "cli" else via_api(url, path)
            rows.append((backend, route, args.articles / seconds, seconds, cpu))
            log(f"  {args.articles / seconds:,.0f} articles/s")
    print(
        "\n| database | path | articles/s (wall) | seconds | client CPU ms/article |"
        "\n|---|---|---:|---:|---:|"
    )
    for backend, route, rate, seconds, cpu in rows:
        print(
            f"| {backend} | {'CLI `newsdedup index`' if route == 'cli' else 'bulk API, 2 workers'} "
            f"| {rate:,.0f} | {seconds:,.1f} | {cpu / args.articles * 1000:.2f} |"
        )
    print(f"load after: {', '.join(f'{v:.1f}' for v in os.getloadavg())}")


if __name__ == "__main__":
    main()
