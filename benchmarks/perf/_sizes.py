"""What an index costs in PostgreSQL, and how many candidates its queries see."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.orm import Session

from newsdedup.core import VerifyConfig, default_scheme, fingerprint_many
from newsdedup.core.pairs import ShingledText, worth_comparing
from newsdedup.ports import BUCKET_READ_LIMIT
from newsdedup.settings import get_settings
from newsdedup.store.bands import find_candidates


def _engine(url: str) -> Engine:
    return create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))


def bytes_per_article(url: str) -> dict[str, float]:
    """Table + index + TOAST bytes of each table; the articles' text (its stored, compressed size per
    row, ``pg_column_size``) is subtracted, leaving what the index needs besides the text."""
    engine = _engine(url)
    with engine.connect() as connection:
        sizes = {
            table: float(connection.scalar(text(f"SELECT pg_total_relation_size('{table}')")) or 0)
            for table in ("articles", "signatures", "lsh_bands")
        }
        text_bytes = float(connection.scalar(text("SELECT sum(pg_column_size(text)) FROM articles")) or 0)
        count = int(connection.scalar(text("SELECT count(*) FROM articles")) or 1)
    engine.dispose()
    sizes["articles text (subtracted)"] = text_bytes
    without_text = sizes["articles"] + sizes["signatures"] + sizes["lsh_bands"] - text_bytes
    return sizes | {"per_article": without_text / count}


_SHARING = text(
    "SELECT count(DISTINCT b.article_id), count(*) FROM lsh_bands AS b"
    " JOIN unnest(CAST(:bands AS smallint[]), CAST(:keys AS bigint[])) AS q(band, key)"
    " ON b.band = q.band AND b.key = q.key"
)
_READ = text(
    "SELECT count(*) FROM unnest(CAST(:bands AS smallint[]), CAST(:keys AS bigint[])) AS q(band, key)"
    " CROSS JOIN LATERAL (SELECT 1 FROM lsh_bands WHERE band = q.band AND key = q.key LIMIT :per_key) AS b"
)


def candidate_counts(url: str, query_file: Path) -> str:
    """Percentiles, over the queries, of the articles sharing at least one band key, of the band rows
    matching the query's keys and of those the candidate statement reads (`BUCKET_READ_LIMIT`), of those kept
    (the `candidate_limit` most shared), and of those worth aligning (`worth_comparing`: the same text,
    or shingle containment >= `VerifyConfig.plausible`); only the last are aligned sentence by sentence."""
    scheme = default_scheme()
    limit = get_settings().candidate_limit
    config = VerifyConfig()
    bodies = [json.loads(line)["text"] for line in query_file.read_text().splitlines() if line.strip()]
    engine = _engine(url)
    raw, rows, read, kept, aligned = [], [], [], [], []
    with Session(engine) as session:
        for print_ in fingerprint_many(bodies, scheme):
            keys = print_.band_keys.astype(np.int64).tolist()
            params = {"bands": list(range(len(keys))), "keys": keys, "per_key": BUCKET_READ_LIMIT}
            sharing, matched = session.execute(_SHARING, params).one()
            raw.append(sharing)
            rows.append(matched)
            read.append(session.scalar(_READ, params) or 0)
            candidates = find_candidates(session, print_, limit)
            kept.append(len(candidates))
            asked = ShingledText(print_.text_hash, print_.compact_shingles())
            sides = [candidate.side for candidate in candidates if candidate.side is not None]
            aligned.append(sum(worth_comparing(asked, side, config) for side in sides))
    engine.dispose()
    pct = (50, 90, 99, 100)

    def spread(values: list[int]) -> str:
        return ", ".join(f"p{p} {np.percentile(np.array(values), p):.0f}" for p in pct)

    return (
        f"sharing >= 1 band: {spread(raw)}; band rows matching: {spread(rows)}; "
        f"band rows read (<= {BUCKET_READ_LIMIT} per key): {spread(read)}; "
        f"kept (candidate_limit={limit}): {spread(kept)}; "
        f"worth aligning: {spread(aligned)}"
    )
