"""The in-memory baseline: datasketch MinHashLSH behind the same FastAPI framework, no database.

Built at start-up from the first BASELINE_ARTICLES articles of BASELINE_CORPUS (signed with the
same, datasketch-identical signatures); POST /v1/match signs the text, queries the LSH and returns
up to 10 candidate ids (no verification). Run: uvicorn _baseline_app:create_app --factory --workers 2
"""

from __future__ import annotations

import json
import os
from itertools import islice

import numpy as np
from datasketch import MinHash, MinHashLSH
from fastapi import FastAPI
from pydantic import BaseModel

from newsdedup.core import default_scheme, fingerprint_many


class MatchIn(BaseModel):
    """A query text."""

    text: str


def _load(path: str, count: int) -> MinHashLSH:
    scheme = default_scheme()
    lsh = MinHashLSH(num_perm=scheme.num_perm, params=(scheme.bands, scheme.rows))
    with open(path, encoding="utf-8") as handle, lsh.insertion_session(buffer_size=10_000) as session:
        number = 0
        while batch := [json.loads(line)["text"] for line in islice(handle, 5000)]:
            for print_ in fingerprint_many(batch, scheme):
                sketch = MinHash(
                    num_perm=scheme.num_perm, hashvalues=print_.signature.astype(np.uint64), scheme="affine32"
                )
                session.insert(number, sketch, check_duplication=False)
                number += 1
            if number >= count:
                break
    return lsh


def create_app() -> FastAPI:
    """The baseline app."""
    scheme = default_scheme()
    lsh = _load(os.environ["BASELINE_CORPUS"], int(os.environ["BASELINE_ARTICLES"]))
    app = FastAPI()

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/v1/match")
    def match(body: MatchIn) -> dict[str, list[int]]:
        (print_,) = fingerprint_many([body.text], scheme)
        query = MinHash(
            num_perm=scheme.num_perm, hashvalues=print_.signature.astype(np.uint64), scheme="affine32"
        )
        return {"candidates": sorted(lsh.query(query))[:10]}

    return app
