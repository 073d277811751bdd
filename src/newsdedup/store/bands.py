"""The LSH band table in bulk: one statement to add, remove or look up many (band, key) rows.

PostgreSQL passes whole arrays (``unnest``) or streams rows with COPY; SQLite uses prepared
``executemany`` and, for lookups, an OR-chain its planner answers from the primary key.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from sqlalchemy import Connection, TextClause, text
from sqlalchemy.orm import Session

from newsdedup.core.fingerprint import Fingerprint
from newsdedup.ports import Candidate

COPY_THRESHOLD = 500
"""Band rows from which PostgreSQL inserts go through COPY rather than one array INSERT."""


@dataclass(frozen=True, slots=True)
class BandRows:
    """Parallel columns of lsh_bands rows."""

    bands: list[int]
    keys: list[int]
    article_ids: list[int]

    @classmethod
    def of(cls, article_ids: list[int], keys: np.ndarray) -> BandRows:
        """Rows for each article in ``article_ids`` with its row of ``keys`` (shape ``(n, bands)``)."""
        if not article_ids:
            return cls([], [], [])
        count, bands = keys.shape
        return cls(
            bands=np.tile(np.arange(bands, dtype=np.int64), count).tolist(),
            keys=keys.astype(np.int64, copy=False).ravel().tolist(),
            article_ids=np.repeat(np.asarray(article_ids, dtype=np.int64), bands).tolist(),
        )

    def __len__(self) -> int:
        return len(self.bands)

    def tuples(self) -> list[tuple[int, int, int]]:
        """The rows as (band, key, article_id)."""
        return list(zip(self.bands, self.keys, self.article_ids, strict=True))


def _is_postgresql(connection: Connection) -> bool:
    return connection.dialect.name == "postgresql"


def insert_band_rows(session: Session, rows: BandRows) -> None:
    """Add rows; a row already present is left alone (ON CONFLICT DO NOTHING).

    Rows never repeat within one call: each article appears once and has one key per band.
    """
    if not rows:
        return
    connection = session.connection()
    if not _is_postgresql(connection):
        connection.exec_driver_sql(
            "INSERT INTO lsh_bands (band, key, article_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            rows.tuples(),
        )
    elif len(rows) >= COPY_THRESHOLD and connection.dialect.driver == "psycopg":
        _copy_band_rows(connection, rows)
    else:
        connection.execute(
            text(
                "INSERT INTO lsh_bands (band, key, article_id) "
                "SELECT * FROM unnest(CAST(:bands AS smallint[]), CAST(:keys AS bigint[]), "
                "CAST(:ids AS bigint[])) ON CONFLICT DO NOTHING"
            ),
            {"bands": rows.bands, "keys": rows.keys, "ids": rows.article_ids},
        )


def _copy_band_rows(connection: Connection, rows: BandRows) -> None:
    # The session's own DBAPI connection, so COPY joins its transaction.
    driver_connection: Any = connection.connection.driver_connection
    payload = "".join(
        f"{band}\t{key}\t{article_id}\n"
        for band, key, article_id in zip(rows.bands, rows.keys, rows.article_ids, strict=True)
    )
    with (
        driver_connection.cursor() as cursor,
        cursor.copy("COPY lsh_bands (band, key, article_id) FROM STDIN") as copy,
    ):
        copy.write(payload)


def delete_band_rows(session: Session, rows: BandRows) -> None:
    """Remove exactly these rows, each found by primary key."""
    if not rows:
        return
    connection = session.connection()
    if _is_postgresql(connection):
        connection.execute(
            text(
                "DELETE FROM lsh_bands AS b USING unnest(CAST(:bands AS smallint[]), "
                "CAST(:keys AS bigint[]), CAST(:ids AS bigint[])) AS q(band, key, article_id) "
                "WHERE b.band = q.band AND b.key = q.key AND b.article_id = q.article_id"
            ),
            {"bands": rows.bands, "keys": rows.keys, "ids": rows.article_ids},
        )
    else:
        connection.exec_driver_sql(
            "DELETE FROM lsh_bands WHERE band = ? AND key = ? AND article_id = ?", rows.tuples()
        )


_POSTGRESQL_CANDIDATES = text(
    "SELECT article_id, sum(hit) AS hits, bool_or(same) AS same_text FROM ("
    " SELECT b.article_id, 1 AS hit, false AS same FROM lsh_bands AS b"
    " JOIN unnest(CAST(:bands AS smallint[]), CAST(:keys AS bigint[])) AS q(band, key)"
    " ON b.band = q.band AND b.key = q.key"
    " UNION ALL"
    " SELECT id, 0, true FROM articles WHERE text_hash = :text_hash"
    ") AS c GROUP BY article_id ORDER BY hits DESC, same_text DESC, article_id LIMIT :limit"
)


@lru_cache(maxsize=8)
def _sqlite_candidates(bands: int) -> TextClause:
    # An OR-chain of (band, key) pairs: each term is a primary-key lookup ("MULTI-INDEX OR").
    # A row-value IN (VALUES ...) would scan the table instead.
    terms = " OR ".join(f"(band = :b{i} AND key = :k{i})" for i in range(bands))
    return text(
        "SELECT article_id, sum(hit) AS hits, max(same) AS same_text FROM ("
        f" SELECT article_id, 1 AS hit, 0 AS same FROM lsh_bands WHERE {terms}"
        " UNION ALL"
        " SELECT id, 0, 1 FROM articles WHERE text_hash = :text_hash"
        ") GROUP BY article_id ORDER BY hits DESC, same_text DESC, article_id LIMIT :limit"
    )


def find_candidates(session: Session, fingerprint: Fingerprint, limit: int) -> list[Candidate]:
    """Articles sharing a band key with ``fingerprint`` or its exact text hash, in one statement."""
    keys: list[int] = fingerprint.band_keys.astype(np.int64, copy=False).tolist()
    params: dict[str, Any] = {"text_hash": fingerprint.text_hash, "limit": max(limit, 0)}
    if session.get_bind().dialect.name == "postgresql":
        statement = _POSTGRESQL_CANDIDATES
        params |= {"bands": list(range(len(keys))), "keys": keys}
    else:
        statement = _sqlite_candidates(len(keys))
        params |= {f"b{i}": i for i in range(len(keys))} | {f"k{i}": key for i, key in enumerate(keys)}
    return [
        Candidate(article_id=int(row.article_id), band_hits=int(row.hits), same_text=bool(row.same_text))
        for row in session.execute(statement, params)
    ]
