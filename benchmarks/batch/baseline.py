"""The peer: datasketch MinHashLSH + a union-find in one process, as crawl dedup is commonly written.

Same peer settings as the quality benchmark (threshold 0.5, word 5-grams of newsdedup's `normalize`,
128 permutations). Each article queries the LSH before it is inserted and is joined with every
candidate; no verification, no attribution. The cluster's representative is its first article.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from datasketch import MinHash, MinHashLSH

from newsdedup.core import normalize

NUM_PERM = 128
THRESHOLD = 0.5
SHINGLE = 5


def _find(parent: dict[int, int], item: int) -> int:
    while parent[item] != item:
        parent[item] = parent[parent[item]]
        item = parent[item]
    return item


def run(source: Path, output: Path) -> int:
    """Cluster the JSONL articles of ``source``; write ``{"url", "cluster_id"}`` lines; return the count."""
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    parent: dict[int, int] = {}
    urls: list[str] = []
    with source.open(encoding="utf-8") as lines:
        for index, line in enumerate(lines):
            record = json.loads(line)
            words = normalize(record["text"]).split()
            count = max(1, len(words) - SHINGLE + 1)
            signature = MinHash(num_perm=NUM_PERM)
            shingles = [" ".join(words[start : start + SHINGLE]).encode() for start in range(count)]
            signature.update_batch(shingles)
            parent[index] = index
            for other in lsh.query(signature):
                a, b = _find(parent, index), _find(parent, other)
                parent[max(a, b)] = min(a, b)
            lsh.insert(index, signature)
            urls.append(record["url"])
    with output.open("w", encoding="utf-8") as out:
        for index, url in enumerate(urls):
            out.write(json.dumps({"url": url, "cluster_id": urls[_find(parent, index)]}) + "\n")
    return len(urls)


if __name__ == "__main__":
    print(run(Path(sys.argv[1]), Path(sys.argv[2])))
