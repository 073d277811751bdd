"""What an index costs in PostgreSQL, and how many candidates its queries see."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.orm import Session

from newsdedup.core import default_scheme, fingerprint_many
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


def candidate_counts(url: str, query_file: Path) -> str:
    """Percentiles of articles sharing at least one band key with each query, and of those kept."""
    scheme = default_scheme()
    limit = get_settings().candidate_limit
    bodies = [json.loads(line)["text"] for line in query_file.read_text().splitlines() if line.strip()]
    engine = _engine(url)
    raw = []
    with Session(engine) as session:
        for print_ in fingerprint_many(bodies, scheme):
            raw.append(len(find_candidates(session, print_, 1_000_000)))
    engine.dispose()
    counts = np.array(raw)
    kept = np.minimum(counts, limit)
    pct = (50, 90, 99, 100)
    return (
        "sharing >= 1 band: "
        + ", ".join(f"p{p} {np.percentile(counts, p):.0f}" for p in pct)
        + f"; verified (capped at candidate_limit={limit}): "
        + ", ".join(f"p{p} {np.percentile(kept, p):.0f}" for p in pct)
    )
