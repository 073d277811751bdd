"""Text -> MinHash signature on one core: newsdedup vs datasketch, rensa and gaoya, same texts, same run.

Every contender starts from the raw text and ends with a 128-slot signature over word 3-grams.
newsdedup includes its full normalization and returns band keys and shingle sets too.

    python benchmarks/perf/signing.py              # BBC + Reuters texts from ../shared/data
    python benchmarks/perf/signing.py --generated  # generated articles instead
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

import numpy as np
import xxhash
from _common import corpus_file, machine, median_rate, read_jsonl, real_texts
from datasketch import MinHash

from newsdedup.core import default_scheme, fingerprint_many

NUM_PERM = 128


def _trigrams(text: str) -> list[str]:
    words = text.lower().split()
    return [" ".join(words[i : i + 3]) for i in range(max(1, len(words) - 2))]


def _ours(texts: list[str], batch: int) -> Callable[[], int]:
    scheme = default_scheme()

    def run() -> int:
        for start in range(0, len(texts), batch):
            fingerprint_many(texts[start : start + batch], scheme)
        return len(texts)

    return run


def _datasketch(texts: list[str], hashfunc: Callable[[bytes], int] | None) -> Callable[[], int]:
    def run() -> int:
        for text in texts:
            sketch = MinHash(num_perm=NUM_PERM, hashfunc=hashfunc) if hashfunc else MinHash(num_perm=NUM_PERM)
            sketch.update_batch([gram.encode() for gram in set(_trigrams(text))])
            sketch.digest()
        return len(texts)

    return run


def _rensa(texts: list[str]) -> Callable[[], int] | None:
    try:
        from rensa import RMinHash
    except ImportError:
        return None

    def run() -> int:
        for text in texts:
            sketch = RMinHash(num_perm=NUM_PERM, seed=1)
            sketch.update(_trigrams(text))
            sketch.digest()
        return len(texts)

    return run


def _gaoya(texts: list[str]) -> Callable[[], int] | None:
    try:
        from gaoya.minhash import MinHashStringIndex
    except ImportError:
        return None
    index = MinHashStringIndex(
        hash_size=32,
        jaccard_threshold=0.5,
        num_bands=64,
        band_size=2,
        analyzer="word",
        lowercase=True,
        ngram_range=(3, 3),
    )

    def run() -> int:
        sign = index.minhash_index.tokenize_and_minhash
        for text in texts:
            sign(text)
        return len(texts)

    return run


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=4000, help="texts per run")
    parser.add_argument("--repeats", type=int, default=5, help="runs per contender (median reported)")
    parser.add_argument("--batch", type=int, default=1000, help="texts per fingerprint_many call")
    parser.add_argument("--generated", action="store_true", help="generated articles, not BBC/Reuters")
    args = parser.parse_args()

    if args.generated:
        texts = [item["text"] for item in read_jsonl(corpus_file(max(args.docs, 10_000)), args.docs)]
    else:
        texts = real_texts(args.docs)
    words = [len(text.split()) for text in texts]
    print(f"machine: {machine()}")
    print(
        f"texts: {len(texts):,} ({'generated' if args.generated else 'BBC + Reuters'}), "
        f"words median {statistics.median(words):.0f}, mean {np.mean(words):.0f}; "
        f"{NUM_PERM} permutations, word 3-grams; median of {args.repeats} runs, one core; "
        "rates in CPU seconds of this process "
        "(the machine is shared), wall-clock rate of one extra run beside them"
    )

    contenders: list[tuple[str, Callable[[], int] | None, int]] = [
        ("newsdedup fingerprint_many", _ours(texts, args.batch), args.repeats),
        ("datasketch update_batch (sha1, as shipped)", _datasketch(texts, None), max(1, args.repeats // 2)),
        (
            "datasketch update_batch (xxh32)",
            _datasketch(texts, xxhash.xxh32_intdigest),
            max(1, args.repeats // 2),
        ),
        ("rensa RMinHash (Rust)", _rensa(texts), args.repeats),
        ("gaoya tokenize_and_minhash (Rust)", _gaoya(texts), args.repeats),
    ]
    results: dict[str, float] = {}
    wall: dict[str, float] = {}
    for name, run, repeats in contenders:
        if run is None:
            print(f"{name:45s} not installed (pip install rensa gaoya)")
            continue
        results[name] = median_rate(run, repeats, time.process_time)[0]
        wall[name] = median_rate(run, 1)[0]
    ours = results["newsdedup fingerprint_many"]
    print("\n| contender | docs/s (CPU time) | newsdedup / it | docs/s (wall, 1 run) |\n|---|---:|---:|---:|")
    for name, rate in results.items():
        print(f"| {name} | {rate:,.0f} | {ours / rate:.2f}x | {wall[name]:,.0f} |")


if __name__ == "__main__":
    main()
