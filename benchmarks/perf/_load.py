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
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

import aiohttp

HEADERS = {"content-type": "application/json"}
Post = Callable[[bytes], Awaitable[tuple[int, bytes]]]
"""POSTs one body to /v1/match; the status and the answer's bytes."""


@asynccontextmanager
async def client(kind: str, base: str, connections: int) -> AsyncIterator[Post]:
    """A keep-alive client: aiohttp (the default), or httpx (the generator before 2026-11-22, kept to
    measure what the client itself costs: `floor.py`)."""
    if kind == "httpx":
        import httpx

        limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
        async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as session:

            async def post_httpx(body: bytes) -> tuple[int, bytes]:
                response = await session.post("/v1/match", content=body, headers=HEADERS)
                return response.status_code, response.content

            yield post_httpx
        return
    connector = aiohttp.TCPConnector(limit=connections)
    timeout = aiohttp.ClientTimeout(total=60)
    async with aiohttp.ClientSession(base, connector=connector, timeout=timeout) as session:

        async def post_aiohttp(body: bytes) -> tuple[int, bytes]:
            async with session.post("/v1/match", data=body, headers=HEADERS) as response:
                return response.status, await response.read()

        yield post_aiohttp


class Recorder:
    """Latencies of answered requests, and how late each open-loop request was sent."""

    def __init__(self, post: Post) -> None:
        self.post = post
        self.latencies: list[float] = []
        self.send_lag: list[float] = []

    async def one(self, body: bytes, started: float) -> None:
        """POST one body; its latency counts from ``started``."""
        self.send_lag.append(time.perf_counter() - started)
        status, payload = await self.post(body)
        if status != 200:
            raise RuntimeError(f"match failed: {status} {payload[:200]!r}")
        self.latencies.append(time.perf_counter() - started)


async def open_loop(
    base: str,
    bodies: list[bytes],
    rate: float,
    duration: float,
    *,
    kind: str = "aiohttp",
    schedule: str = "thread",
) -> dict[str, object]:
    """Requests start every 1/rate seconds for ``duration`` seconds, whatever the answers do.

    With ``schedule="thread"`` a thread keeps the schedule (``time.sleep`` wakes within ~0.1 ms; the
    event loop's timers only within a millisecond, ``schedule="loop"``) and hands each request to the
    loop as it falls due.
    """
    loop = asyncio.get_running_loop()
    count = int(rate * duration)
    tasks: list[asyncio.Task[None]] = []
    all_sent = asyncio.Event()
    async with client(kind, base, 256) as post:
        recorder = Recorder(post)

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
        if schedule == "thread":
            scheduler = threading.Thread(target=keep_schedule, args=(start,), daemon=True)
            scheduler.start()
        else:
            for index in range(count):
                due = start + index / rate
                delay = due - time.perf_counter()
                if delay > 0:
                    await asyncio.sleep(delay)
                launch(index, due)
        if count:
            await all_sent.wait()
        await asyncio.gather(*tasks)
        if schedule == "thread":
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


async def closed_loop(
    base: str, bodies: list[bytes], concurrency: int, duration: float, kind: str = "aiohttp"
) -> dict[str, object]:
    """``concurrency`` clients, each sending its next request when the last is answered."""
    async with client(kind, base, concurrency) as post:
        recorder = Recorder(post)
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
    parser.add_argument("--client", choices=("aiohttp", "httpx"), default="aiohttp")
    parser.add_argument("--schedule", choices=("thread", "loop"), default="thread", help="open loop's timer")
    args = parser.parse_args()
    with open(args.queries, "rb") as handle:
        bodies = [line.rstrip(b"\n") for line in handle if line.strip()]
    if args.mode == "open":
        run = open_loop(args.url, bodies, args.rate, args.duration, kind=args.client, schedule=args.schedule)
        result = asyncio.run(run)
    else:
        result = asyncio.run(closed_loop(args.url, bodies, args.concurrency, args.duration, args.client))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
