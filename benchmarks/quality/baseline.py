"""The peer: plain datasketch MinHashLSH, as commonly deployed (threshold 0.5, word 5-grams, 128 perms).

Its answer to a query is its candidate with the highest estimated Jaccard (the query's own url excluded).
Words come from newsdedup's `normalize`, so both systems see the same tokens.
"""

from __future__ import annotations

from collections.abc import Iterable

from datasketch import MinHash, MinHashLSH

from newsdedup.core import normalize

NUM_PERM = 128
THRESHOLD = 0.5
SHINGLE = 5


def minhash(text: str) -> MinHash:
    """The MinHash of ``text``'s word 5-grams (one shingle of all words if there are fewer)."""
    words = normalize(text).split()
    count = max(1, len(words) - SHINGLE + 1)
    shingles = {" ".join(words[start : start + SHINGLE]).encode() for start in range(count)}
    signature = MinHash(num_perm=NUM_PERM)
    signature.update_batch(list(shingles))
    return signature


class Baseline:
    """MinHashLSH over the same articles the detector indexes, keyed by url."""

    def __init__(self) -> None:
        self.lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
        self.signatures: dict[str, MinHash] = {}

    def index(self, items: Iterable[tuple[str, str]]) -> None:
        """Insert ``(url, text)`` pairs."""
        with self.lsh.insertion_session() as session:
            for url, text in items:
                signature = minhash(text)
                self.signatures[url] = signature
                session.insert(url, signature)

    def answer(self, text: str, own_url: str | None) -> tuple[str | None, list[str]]:
        """The top candidate by estimated Jaccard (ties to the first url, so that runs agree), and every
        candidate (the query's own url excluded)."""
        signature = minhash(text)
        candidates = sorted(url for url in self.lsh.query(signature) if url != own_url)
        if not candidates:
            return None, []
        best = max(candidates, key=lambda url: signature.jaccard(self.signatures[url]))
        return best, candidates
