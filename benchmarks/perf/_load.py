"""Load generator, run as its own process: POST /v1/match open-loop (fixed arrival rate) or closed-loop.

Open-loop latency is measured from each request's scheduled start, so a slow server cannot hide
queueing delay (no coordinated omission); the generator's own lateness in sending (waking its
scheduling thread, handing over to the event loop) is reported apart as ``send_lag``. The client is
aiohttp: on 2 shared cores the load generator competes with the server it measures, and httpx took
~5x more CPU per request and added ~3 ms to every open-loop latency (docs/performance.md, "The load
generator"). Prints one JSON object.

    python benchmarks/perf/_load.py --url http://127.0.0.1:8000 --queries q.jsonl --mode open --rate 50
"""

from __future__ import annotations

import argparse
import asyncio
import json
import threading
import time

import aiohttp

HEADERS = {"content-type": "application/json"}


class Recorder:
    """Latencies of answered requests, and how late each open-loop request was sent."""

    def __init__(self, session: aiohttp.ClientSession) -> None:
        self.session = session
        self.latencies: list[float] = []
        self.send_lag: list[float] = []

    async def one(self, body: bytes, started: float) -> None:
        """POST one body; its latency counts from ``started``."""
        self.send_lag.append(time.perf_counter() - started)
        async with self.session.post("/v1/match", data=body, headers=HEADERS) as response:
            payload = await response.read()
            if response.status != 200:
                raise RuntimeError(f"match failed: {response.status} {payload[:200]!r}")
        self.latencies.append(time.perf_counter() - started)


def _session(base: str, connections: int) -> aiohttp.ClientSession:
    connector = aiohttp.TCPConnector(limit=connections, force_close=False)
    return aiohttp.ClientSession(base, connector=connector, timeout=aiohttp.ClientTimeout(total=60))


async def open_loop(base: str, bodies: list[bytes], rate: float, duration: float) -> dict[str, object]:
    """Requests start every 1/rate seconds for ``duration`` seconds, whatever the answers do.

    A thread keeps the schedule (``time.sleep`` wakes within ~0.1 ms; the event loop's timers only
    within a millisecond) and hands each request to the loop as it falls due.
    """
    loop = asyncio.get_running_loop()
    count = int(rate * duration)
    tasks: list[asyncio.Task[None]] = []
    all_sent = asyncio.Event()
    async with _session(base, 256) as session:
        recorder = Recorder(session)

        def launch(index: int, due: float) -> None:
            tasks.append(loop.create_task(recorder.one(bodies[index % len(bodies)], due)))
            if len(tasks) == count:
                all_sent.set()

        def keep_schedule(start: float) -> None:
            for index in range(count):
                due = start + index / rate
                delay = due - time.perf_counter()
                if delay > 0:
                    time.sleep(delay)
                loop.call_soon_threadsafe(launch, index, due)

        start = time.perf_counter() + 0.01
        scheduler = threading.Thread(target=keep_schedule, args=(start,), daemon=True)
        scheduler.start()
        if count:
            await all_sent.wait()
        await asyncio.gather(*tasks)
        scheduler.join()
        elapsed = time.perf_counter() - start
    return {
        "mode": "open",
        "rate": rate,
        "sent": count,
        "elapsed": elapsed,
        "latencies": recorder.latencies,
        "send_lag": recorder.send_lag,
    }


async def closed_loop(base: str, bodies: list[bytes], concurrency: int, duration: float) -> dict[str, object]:
    """``concurrency`` clients, each sending its next request when the last is answered."""
    async with _session(base, concurrency) as session:
        recorder = Recorder(session)
        start = time.perf_counter()
        stop = start + duration

        async def user(offset: int) -> None:
            index = offset
            while time.perf_counter() < stop:
                await recorder.one(bodies[index % len(bodies)], time.perf_counter())
                index += concurrency

        await asyncio.gather(*(user(offset) for offset in range(concurrency)))
        elapsed = time.perf_counter() - start
    return {"mode": "closed", "concurrency": concurrency, "elapsed": elapsed, "latencies": recorder.latencies}


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
