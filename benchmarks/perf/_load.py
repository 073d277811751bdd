"""Load generator, run as its own process: POST /v1/match open-loop (fixed arrival rate) or closed-loop.

Open-loop latency is measured from each request's scheduled start, so a slow server cannot hide
queueing delay (no coordinated omission). Prints one JSON object.

    python benchmarks/perf/_load.py --url http://127.0.0.1:8000 --queries q.jsonl --mode open --rate 50
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time

import httpx


async def _one(client: httpx.AsyncClient, body: bytes, started: float, latencies: list[float]) -> None:
    response = await client.post("/v1/match", content=body, headers={"content-type": "application/json"})
    if response.status_code != 200:
        raise RuntimeError(f"match failed: {response.status_code} {response.text[:200]}")
    latencies.append(time.perf_counter() - started)


async def open_loop(base: str, bodies: list[bytes], rate: float, duration: float) -> dict[str, object]:
    """Requests start every 1/rate seconds for ``duration`` seconds, whatever the answers do."""
    latencies: list[float] = []
    limits = httpx.Limits(max_connections=256, max_keepalive_connections=256)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:
        start = time.perf_counter()
        tasks = []
        count = int(rate * duration)
        for index in range(count):
            due = start + index / rate
            delay = due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(_one(client, bodies[index % len(bodies)], due, latencies)))
        await asyncio.gather(*tasks)
        elapsed = time.perf_counter() - start
    return {"mode": "open", "rate": rate, "sent": count, "elapsed": elapsed, "latencies": latencies}


async def closed_loop(base: str, bodies: list[bytes], concurrency: int, duration: float) -> dict[str, object]:
    """``concurrency`` clients, each sending its next request when the last is answered."""
    latencies: list[float] = []
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:
        start = time.perf_counter()
        stop = start + duration

        async def user(offset: int) -> None:
            index = offset
            while time.perf_counter() < stop:
                await _one(client, bodies[index % len(bodies)], time.perf_counter(), latencies)
                index += concurrency

        await asyncio.gather(*(user(offset) for offset in range(concurrency)))
        elapsed = time.perf_counter() - start
    return {"mode": "closed", "concurrency": concurrency, "elapsed": elapsed, "latencies": latencies}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", required=True)
    parser.add_argument("--queries", required=True, help="JSONL of match request bodies")
    parser.add_argument("--mode", choices=("open", "closed"), required=True)
    parser.add_argument("--rate", type=float, default=50.0, help="open loop: requests per second")
    parser.add_argument("--concurrency", type=int, default=8, help="closed loop: clients")
    parser.add_argument("--duration", type=float, default=20.0, help="seconds of load")
    args = parser.parse_args()
    with open(args.queries, "rb") as handle:
        bodies = [line.rstrip(b"\n") for line in handle if line.strip()]
    if args.mode == "open":
        result = asyncio.run(open_loop(args.url, bodies, args.rate, args.duration))
    else:
        result = asyncio.run(closed_loop(args.url, bodies, args.concurrency, args.duration))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
