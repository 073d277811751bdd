"""Shared helpers for the performance benchmarks: machine description, timing, corpora."""

from __future__ import annotations

import json
import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
CACHE = Path(os.environ.get("NEWSDEDUP_BENCH_CACHE", "/tmp/newsdedup-bench"))


def machine() -> str:
    """One line: CPU model, cores, load, Python and NumPy versions."""
    model = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    return (
        f"{model}, {os.cpu_count()} cores (load {load}; {cpu_steal():.0f}% of CPU time stolen by the "
        f"hypervisor over 1 s), Python {platform.python_version()}, NumPy {np.__version__}, "
        f"{platform.system()} {platform.release()}"
    )


def cpu_times() -> list[int]:
    """The machine's CPU time counters (/proc/stat ``cpu`` line; empty where there is none)."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            return [int(value) for value in stat.readline().split()[1:]]
    except (OSError, ValueError):
        return []


def steal_percent(before: list[int], after: list[int]) -> float:
    """Percent of CPU time between two `cpu_times` readings that the hypervisor gave to other machines
    (``steal``); on a shared VM it moves every latency figure."""
    delta = [b - a for a, b in zip(before, after, strict=False)]
    return 100.0 * delta[7] / sum(delta) if len(delta) > 7 and sum(delta) else 0.0


def cpu_steal(seconds: float = 1.0) -> float:
    """`steal_percent` over the next ``seconds``."""
    before = cpu_times()
    time.sleep(seconds)
    return steal_percent(before, cpu_times())


def median_rate(
    run: Callable[[], int], repeats: int, clock: Callable[[], float] = time.perf_counter
) -> tuple[float, list[float]]:
    """Run ``run`` (which returns how many items it did) ``repeats`` times; median items/s and all rates.

    ``clock=time.process_time`` counts this process's CPU seconds: fairer on a shared, loaded machine.
    """
    rates = []
    for _ in range(repeats):
        start = clock()
        done = run()
        rates.append(done / (clock() - start))
    return statistics.median(rates), rates


def real_texts(limit: int) -> list[str]:
    """BBC full texts then Reuters bodies (non-empty), up to ``limit``."""
    texts: list[str] = []
    for name in ("bbc_fulltext.jsonl", "reuters21578.jsonl"):
        with (DATA / name).open(encoding="utf-8") as handle:
            for line in handle:
                text = json.loads(line).get("text") or ""
                if len(text.split()) >= 20:
                    texts.append(text)
                if len(texts) >= limit:
                    return texts
    return texts


def _generated(count: int, seed: int) -> Iterator[dict[str, str]]:
    try:
        from newsdedup.synth.articles import generate_articles
    except ImportError:
        yield from _fallback(count, seed)
        return
    for article in generate_articles(count, seed):
        yield {
            "url": article.url.replace("https://", f"https://s{seed}.", 1),
            "title": article.title,
            "text": article.text,
            "publisher": article.publisher,
            "published_at": article.published_at.isoformat(),
        }


def _fallback(count: int, seed: int) -> Iterator[dict[str, str]]:
    """Articles stitched from Reuters/BBC sentences (used when newsdedup.synth is absent)."""
    rng = random.Random(seed)
    sentences = [s.strip() + "." for t in real_texts(10_000) for s in t.split(".") if len(s.split()) > 5]
    start = datetime(2024, 1, 1, tzinfo=UTC)
    for number in range(count):
        words = max(120, min(1500, int(rng.lognormvariate(5.9, 0.5))))
        body: list[str] = []
        while sum(len(s.split()) for s in body) < words:
            body.append(rng.choice(sentences))
        yield {
            "url": f"https://s{seed}.fallback.example/{number}",
            "title": body[0][:80],
            "text": " ".join(body),
            "publisher": "Fallback",
            "published_at": (start + timedelta(minutes=number)).isoformat(),
        }


def _write_part(args: tuple[Path, int, int]) -> None:
    path, count, seed = args
    with path.open("w", encoding="utf-8") as handle:
        for item in _generated(count, seed):
            handle.write(json.dumps(item) + "\n")


def corpus_file(count: int, seed: int = 1, parts: int = 2) -> Path:
    """A JSONL file of at least ``count`` generated articles (cached under $NEWSDEDUP_BENCH_CACHE)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    for cached in sorted(CACHE.glob(f"articles-*-{seed}.jsonl")):
        if int(cached.name.split("-")[1]) >= count:
            return cached
    path = CACHE / f"articles-{count}-{seed}.jsonl"
    from concurrent.futures import ProcessPoolExecutor

    sizes = [count // parts + (1 if i < count % parts else 0) for i in range(parts)]
    jobs = [(CACHE / f".part-{count}-{seed}-{i}", size, seed * 1000 + i) for i, size in enumerate(sizes)]
    print(f"generating {count:,} articles into {path} ...", file=sys.stderr, flush=True)
    with ProcessPoolExecutor(parts) as pool:
        list(pool.map(_write_part, jobs))
    with path.with_suffix(".tmp").open("wb") as out:
        for part, _, _ in jobs:
            out.write(part.read_bytes())
            part.unlink()
    path.with_suffix(".tmp").rename(path)
    return path


def prefix_file(count: int, seed: int = 1) -> Path:
    """A JSONL file of exactly the first ``count`` generated articles."""
    path = CACHE / f"first-{count}-{seed}.jsonl"
    if not path.exists():
        source = corpus_file(count, seed)
        with source.open("rb") as handle, path.with_suffix(".tmp").open("wb") as out:
            for _, line in zip(range(count), handle, strict=False):
                out.write(line)
        path.with_suffix(".tmp").rename(path)
    return path


def read_jsonl(path: Path, limit: int | None = None) -> list[dict[str, str]]:
    """The first ``limit`` records of a JSONL file."""
    items = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            items.append(json.loads(line))
            if limit is not None and len(items) >= limit:
                break
    return items
