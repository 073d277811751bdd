"""What the load generator itself adds: `_load.py` against an endpoint that does nothing (`_floor_app.py`,
FastAPI, 2 uvicorn workers), with the httpx client and event-loop timers it used until 2026-11-22, with
aiohttp, and with aiohttp and a scheduling thread (the generator `latency.py` uses now).

    python benchmarks/perf/floor.py                 # open loop 20 req/s, closed loop 8 clients, 3 runs

Prints, per generator, the median open-loop p50/p99 and send lag, the closed-loop rate, and the
generator's own CPU time per request (it shares the 2 cores with the server it measures).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from _common import corpus_file, cpu_times, machine, steal_percent
from _service import log, uvicorn_app

HERE = Path(__file__).resolve().parent
GENERATORS = {
    "httpx, event-loop timers (before)": ["--client", "httpx", "--schedule", "loop"],
    "aiohttp, event-loop timers": ["--client", "aiohttp", "--schedule", "loop"],
    "aiohttp, scheduling thread (now)": ["--client", "aiohttp", "--schedule", "thread"],
}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_load(
    base: str, bodies: Path, options: list[str], mode: list[str], duration: float
) -> dict[str, float]:
    """One `_load.py` run: latency percentiles (ms), send lag, rate and the generator's CPU ms/request."""
    command = [sys.executable, str(HERE / "_load.py"), "--url", base, "--queries", str(bodies)]
    cpu = _children_cpu()
    out = subprocess.run(
        [*command, *options, *mode, "--duration", str(duration)], check=True, capture_output=True, text=True
    )
    used = _children_cpu() - cpu
    result = json.loads(out.stdout)
    latencies = np.array(result["latencies"]) * 1000
    return {
        "p50": float(np.percentile(latencies, 50)),
        "p99": float(np.percentile(latencies, 99)),
        "lag": float(np.median(result.get("send_lag") or [0.0]) * 1000),
        "rate": len(latencies) / result["elapsed"],
        "cpu_ms": used / len(latencies) * 1000,
    }


def query_bodies(count: int = 200) -> Path:
    """Match bodies of generated articles (the same kind `latency.py` sends)."""
    path = Path(tempfile.gettempdir()) / f"newsdedup-floor-{count}.jsonl"
    with corpus_file(count).open(encoding="utf-8") as source, path.open("w", encoding="utf-8") as out:
        for _, line in zip(range(count), source, strict=False):
            out.write(json.dumps({"text": json.loads(line)["text"]}) + "\n")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rate", type=float, default=20.0, help="open-loop requests/s")
    parser.add_argument("--concurrency", type=int, default=8, help="closed-loop clients")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per load run")
    parser.add_argument("--repeats", type=int, default=3, help="runs per generator (medians)")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    bodies = query_bodies()
    with uvicorn_app("_floor_app:create_app", HERE) as base:
        rows = {}
        before = cpu_times()
        for _ in range(args.repeats):  # interleaved, so a noisy minute touches every generator
            for name, options in GENERATORS.items():
                opened = run_load(
                    base, bodies, options, ["--mode", "open", "--rate", str(args.rate)], args.duration
                )
                closed = run_load(
                    base,
                    bodies,
                    options,
                    ["--mode", "closed", "--concurrency", str(args.concurrency)],
                    args.duration,
                )
                rows.setdefault(name, []).append((opened, closed))
                log(f"{name}: open {opened}, closed {closed}")
        stolen = steal_percent(before, cpu_times())
    print(
        f"\nopen loop {args.rate:g} req/s, closed loop {args.concurrency} clients, {args.duration:g} s each, "
        f"medians of {args.repeats} runs; {stolen:.0f}% of CPU time stolen by the hypervisor meanwhile\n\n"
        "| generator | open p50 ms | open p99 ms | send lag ms | "
        "closed req/s | generator CPU ms/request (closed) |\n|---|---:|---:|---:|---:|---:|"
    )
    for name, runs in rows.items():
        opened = [run[0] for run in runs]
        closed = [run[1] for run in runs]
        print(
            f"| {name} | {_median(opened, 'p50'):.2f} | {_median(opened, 'p99'):.2f} | "
            f"{_median(opened, 'lag'):.2f} | {_median(closed, 'rate'):,.0f} | "
            f"{_median(closed, 'cpu_ms'):.2f} |"
        )


def _median(runs: list[dict[str, float]], key: str) -> float:
    return statistics.median(run[key] for run in runs)


if __name__ == "__main__":
    main()
