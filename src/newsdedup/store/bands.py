"""The LSH band table in bulk: one statement to add, remove or look up many (band, key) rows.

PostgreSQL passes whole arrays (``unnest``) or streams rows with COPY; SQLite uses prepared
``executemany`` and, for lookups, an OR-chain its planner answers from the primary key.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from sqlalchemy import Connection, TextClause, text
from sqlalchemy.orm import Session

from newsdedup.core.fingerprint import Fingerprint, shingles_from_bytes
from newsdedup.core.pairs import ShingledText
from newsdedup.ports import BUCKET_READ_LIMIT, Candidate
from newsdedup.store.driver import copy_in, fetch_binary, is_psycopg

COPY_THRESHOLD = 500
"""Band rows from which PostgreSQL inserts go through COPY rather than one array INSERT."""
SQLITE_ROWS_PER_INSERT = 64
"""Band rows in one SQLite INSERT's VALUES list: binding and running one statement per row took 2.5x
longer (``executemany`` of 640,000 rows: 0.74 s one by one, 0.30 s 64 at a time)."""


@dataclass(frozen=True, slots=True)
class BandRows:
    """Parallel columns of lsh_bands rows (integer arrays or lists of one length)."""

    bands: np.ndarray
    keys: np.ndarray
    article_ids: np.ndarray

    @classmethod
    def of(cls, article_ids: Sequence[int], keys: np.ndarray) -> BandRows:
        """Rows for each article in ``article_ids`` with its row of ``keys`` (shape ``(n, bands)``)."""
        if not len(article_ids):
            empty = np.empty(0, np.int64)
            return cls(empty, empty, empty)
        count, bands = keys.shape
        return cls(
            bands=np.tile(np.arange(bands, dtype=np.int64), count),
            keys=keys.astype(np.int64, copy=False).ravel(),
            article_ids=np.repeat(np.asarray(article_ids, dtype=np.int64), bands),
        )

    @classmethod
    def in_key_order_of(cls, article_ids: Sequence[int], keys: np.ndarray) -> BandRows:
        """`of`'s rows sorted as the primary key (band, key, article_id) orders them, band by band: inserted
        in this order, consecutive rows land on the same or neighbouring B-tree pages (several times
        faster in bulk)."""
        if not len(article_ids):
            return cls.of(article_ids, keys)
        ids = np.asarray(article_ids, np.int64)
        by_id = np.argsort(ids, kind="stable")
        by_band = np.ascontiguousarray(keys.astype(np.int64, copy=False)[by_id].T)  # (bands, count)
        order = np.argsort(by_band, axis=1, kind="stable")  # equal keys stay in id order
        bands, count = by_band.shape
        return cls(
            bands=np.repeat(np.arange(bands, dtype=np.int64), count),
            keys=np.take_along_axis(by_band, order, axis=1).ravel(),
            article_ids=ids[by_id][order].ravel(),
        )

    def __len__(self) -> int:
        return len(self.bands)

    def lists(self) -> tuple[list[int], list[int], list[int]]:
        """The three columns as lists of Python ints."""
        return (
            np.asarray(self.bands, np.int64).tolist(),
            np.asarray(self.keys, np.int64).tolist(),
            np.asarray(self.article_ids, np.int64).tolist(),
        )

    def tuples(self) -> list[tuple[int, int, int]]:
        """The rows as (band, key, article_id)."""
        return list(zip(*self.lists(), strict=True))

    def insert_sqlite(self, connection: Connection, into: str, *, on_conflict: str = "") -> None:
        """INSERT the rows into SQLite table ``into`` (band, key, article_id), `SQLITE_ROWS_PER_INSERT` in
        each statement, in their order; ``on_conflict`` is appended to every statement."""
        flat = np.stack([self.bands, self.keys, self.article_ids], axis=1).astype(np.int64, copy=False)
        whole = len(self) - len(self) % SQLITE_ROWS_PER_INSERT
        for start, stop, width in ((0, whole, SQLITE_ROWS_PER_INSERT), (whole, len(self), len(self) - whole)):
            if stop > start:
                values = ", ".join(["(?, ?, ?)"] * width)
                connection.exec_driver_sql(
                    f"INSERT INTO {into} (band, key, article_id) VALUES {values} {on_conflict}",
                    [tuple(row) for row in flat[start:stop].reshape(-1, 3 * width).tolist()],
                )

    def copy_binary(self) -> bytes:
        """The rows as a PostgreSQL binary COPY stream (signature, tuples, trailer)."""
        rows = np.empty(len(self), dtype=_BINARY_ROW)
        rows["fields"], rows["band_length"], rows["key_length"], rows["id_length"] = 3, 2, 8, 8
        rows["band"], rows["key"], rows["article_id"] = self.bands, self.keys, self.article_ids
        return _COPY_HEADER + rows.tobytes() + _COPY_TRAILER


_BINARY_ROW = np.dtype(
    [
        ("fields", ">i2"),
        ("band_length", ">i4"),
        ("band", ">i2"),
        ("key_length", ">i4"),
        ("key", ">i8"),
        ("id_length", ">i4"),
        ("article_id", ">i8"),
    ]
)
"""One lsh_bands row in PostgreSQL's binary COPY format: a field count, then each field's length and value."""
_COPY_HEADER = b"PGCOPY\n\xff\r\n\x00" + bytes(8)
_COPY_TRAILER = b"\xff\xff"


def _is_postgresql(connection: Connection) -> bool:
    return connection.dialect.name == "postgresql"


def insert_band_rows(session: Session, rows: BandRows) -> None:
    """Add rows; a row already present is left alone (ON CONFLICT DO NOTHING).

    Rows never repeat within one call: each article appears once and has one key per band. They go in
    as given; `BandRows.in_key_order_of` makes them in the order that inserts fastest.
    """
    if not rows:
        return
    connection = session.connection()
    if not _is_postgresql(connection):
        rows.insert_sqlite(connection, "lsh_bands", on_conflict="ON CONFLICT DO NOTHING")
    elif len(rows) >= COPY_THRESHOLD and is_psycopg(connection):
        copy_band_rows(connection, rows)
    else:
        connection.execute(
            text(
                "INSERT INTO lsh_bands (band, key, article_id) "
                "SELECT * FROM unnest(CAST(:bands AS smallint[]), CAST(:keys AS bigint[]), "
                "CAST(:ids AS bigint[])) ON CONFLICT DO NOTHING"
            ),
            dict(zip(("bands", "keys", "ids"), rows.lists(), strict=True)),
        )


def copy_band_rows(connection: Connection, rows: BandRows) -> None:
    """Stream rows into lsh_bands with binary COPY (psycopg), in the connection's transaction."""
    with copy_in(connection, "COPY lsh_bands (band, key, article_id) FROM STDIN (FORMAT BINARY)") as copy:
        copy.write(rows.copy_binary())


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
            dict(zip(("bands", "keys", "ids"), rows.lists(), strict=True)),
        )
    else:
        connection.exec_driver_sql(
            "DELETE FROM lsh_bands WHERE band = ? AND key = ? AND article_id = ?", rows.tuples()
        )


_RANKED = "ORDER BY hits DESC, same_text DESC, article_id"
_WITH_SIDES = (
    "SELECT c.article_id, c.hits, c.same_text, a.text_hash, s.shingles FROM ({ranked}) AS c"
    " JOIN articles AS a ON a.id = c.article_id"
    " LEFT JOIN signatures AS s ON s.article_id = c.article_id"
    " ORDER BY c.hits DESC, c.same_text DESC, c.article_id"
)
"""The ranked candidates with what verification reads of them (text hash, stored shingles), in one trip."""

_POSTGRESQL_RANKED = (
    "SELECT article_id, sum(hit) AS hits, bool_or(same) AS same_text FROM ("
    " SELECT b.article_id, 1 AS hit, false AS same"
    " FROM unnest(CAST({bands} AS smallint[]), CAST({keys} AS bigint[])) AS q(band, key)"
    " CROSS JOIN LATERAL (SELECT article_id FROM lsh_bands"
    "  WHERE band = q.band AND key = q.key ORDER BY article_id LIMIT {per_key}) AS b"
    " UNION ALL"
    " SELECT id, 0, true FROM articles WHERE text_hash = {text_hash}"
    f") AS u GROUP BY article_id {_RANKED} LIMIT {{limit}}"
)
_PARAMETERS = ("bands", "keys", "per_key", "text_hash", "limit")
_PSYCOPG_CANDIDATES = _WITH_SIDES.format(
    ranked=_POSTGRESQL_RANKED.format(
        **{name: f"%({name})s" for name in _PARAMETERS} | {"bands": "%(bands)b", "keys": "%(keys)b"}
    )
)
"""The candidate statement for psycopg: arrays sent and rows read in binary (`fetch_binary`)."""
_POSTGRESQL_CANDIDATES = text(
    _WITH_SIDES.format(ranked=_POSTGRESQL_RANKED.format(**{name: f":{name}" for name in _PARAMETERS}))
)
"""The same for other PostgreSQL drivers."""


@lru_cache(maxsize=8)
def _sqlite_candidates(bands: int) -> TextClause:
    # One primary-key range per (band, key), each read up to :per_key rows, all in one statement.
    # (A row-value IN (VALUES ...) would scan the table instead.)
    terms = " UNION ALL ".join(
        f"SELECT * FROM (SELECT article_id FROM lsh_bands WHERE band = :b{i} AND key = :k{i}"
        " ORDER BY article_id LIMIT :per_key)"
        for i in range(bands)
    )
    return text(
        _WITH_SIDES.format(
            ranked="SELECT article_id, sum(hit) AS hits, max(same) AS same_text FROM ("
            f" SELECT article_id, 1 AS hit, 0 AS same FROM ({terms})"
            " UNION ALL"
            " SELECT id, 0, 1 FROM articles WHERE text_hash = :text_hash"
            f") GROUP BY article_id {_RANKED} LIMIT :limit"
        )
    )


def _side(text_hash: int, shingles: bytes | None) -> ShingledText | None:
    return None if shingles is None else ShingledText(text_hash, shingles_from_bytes(shingles))


def find_candidates(session: Session, fingerprint: Fingerprint, limit: int) -> list[Candidate]:
    """Articles sharing a band key with ``fingerprint`` (up to `BUCKET_READ_LIMIT` per key) or its exact
    text hash, with their stored compact shingles, in one statement (read in binary through psycopg)."""
    keys: list[int] = fingerprint.band_keys.astype(np.int64, copy=False).tolist()
    params: dict[str, Any] = {
        "text_hash": fingerprint.text_hash,
        "limit": max(limit, 0),
        "per_key": BUCKET_READ_LIMIT,
    }
    connection = session.connection()
    rows: Sequence[Sequence[Any]]
    if _is_postgresql(connection):
        params |= {"bands": list(range(len(keys))), "keys": keys}
        if is_psycopg(connection):
            rows = fetch_binary(connection, _PSYCOPG_CANDIDATES, params)
        else:
            rows = connection.execute(_POSTGRESQL_CANDIDATES, params).all()
    else:
        params |= {f"b{i}": i for i in range(len(keys))} | {f"k{i}": key for i, key in enumerate(keys)}
        rows = connection.execute(_sqlite_candidates(len(keys)), params).all()
    return [
        Candidate(
            article_id=int(article_id),
            band_hits=int(hits),
            same_text=bool(same_text),
            side=_side(text_hash, shingles),
        )
        for article_id, hits, same_text, text_hash, shingles in rows
    ]
