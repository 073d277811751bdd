"""A first load: a bulk load into an empty index in one transaction, its band keys indexed once at the end.

Keeping the ``lsh_bands`` primary key up to date costs 64 B-tree insertions per article, spread over the
whole key space (several times the rest of a load's database work, and worse once the index outgrows
memory). When a load begins on an empty index, `FirstLoad.begin` instead:

- PostgreSQL: locks ``articles`` against other writers (readers go on) and ``lsh_bands`` altogether,
  drops the ``lsh_bands`` primary key, and lets the load COPY band rows into the bare table;
- SQLite: keeps band rows out of the database, in temporary files (`BandSpill`; readers see the empty
  index).

`FirstLoad.finish` then re-keys the articles updated during the load and builds the primary key once
(PostgreSQL: ``ADD PRIMARY KEY``, a sort; SQLite: the rows sorted band by band and inserted in key
order). It all happens in the caller's one transaction, so a load that fails or is interrupted before
its commit leaves the index as it was: empty, with its primary key.
"""

from __future__ import annotations

import numpy as np
from sqlalchemy import Connection
from sqlalchemy.orm import Session

from newsdedup.store.band_spill import BandSpill
from newsdedup.store.bands import BandRows, copy_band_rows, insert_band_rows
from newsdedup.store.driver import is_psycopg

PRIMARY_KEY = "pk_lsh_bands"
_KEY_BUILD_MEMORY = "256MB"
"""``maintenance_work_mem`` for building the primary key (the server default, 64 MB, spills the sort)."""


def index_is_empty(connection: Connection) -> bool:
    """True when no article and no band row is stored (as this transaction sees it)."""
    return not connection.exec_driver_sql(
        "SELECT EXISTS (SELECT 1 FROM articles) OR EXISTS (SELECT 1 FROM lsh_bands)"
    ).scalar_one()


class FirstLoad:
    """Band rows of a load into an empty index, written without the primary key and keyed at the end.

    Use it in one transaction: `begin`, `insert` and `rekey` for each batch, `finish` before the commit;
    `close` in any case.
    """

    def __init__(self, session: Session) -> None:
        self._session = session
        self._rekeyed: dict[int, np.ndarray] = {}
        self._loaded: set[int] = set()
        self._spill = BandSpill() if session.connection().dialect.name == "sqlite" else None

    def stored_before(self, urls: list[str]) -> list[str]:
        """Those of ``urls`` that may be stored already: only the load itself stores while it runs, so
        the others need no look-up (a url's hash is remembered; a collision costs one look-up)."""
        return [url for url in urls if hash(url) in self._loaded]

    def stored(self, urls: list[str]) -> None:
        """Remember urls the load has inserted."""
        self._loaded.update(map(hash, urls))

    @classmethod
    def begin(cls, session: Session) -> FirstLoad | None:
        """Start a first load in the session's transaction, or None when the index is not empty.

        The emptiness is checked without locks first, so a load into a live index never waits for
        (or holds up) its readers; then again under the locks the first load keeps until its commit.
        """
        connection = session.connection()
        if not index_is_empty(connection):
            return None
        if connection.dialect.name == "postgresql":
            # The order other writers take them in: articles, then lsh_bands.
            connection.exec_driver_sql("LOCK TABLE articles IN SHARE ROW EXCLUSIVE MODE")
            connection.exec_driver_sql("LOCK TABLE lsh_bands IN ACCESS EXCLUSIVE MODE")
            if not index_is_empty(connection):
                return None
            connection.exec_driver_sql(f"ALTER TABLE lsh_bands DROP CONSTRAINT {PRIMARY_KEY}")
        # SQLite's write transaction began with the write lock (BEGIN IMMEDIATE): the check holds.
        return cls(session)

    def insert(self, article_ids: list[int], keys: np.ndarray) -> None:
        """Add the band rows of articles new to the index, one row of ``keys`` each."""
        if not article_ids:
            return
        if self._spill is not None:
            self._spill.add(article_ids, keys)
            return
        connection = self._session.connection()
        rows = BandRows.in_key_order_of(article_ids, keys)  # in key order, the key builds faster
        if is_psycopg(connection):
            copy_band_rows(connection, rows)
        else:
            insert_band_rows(self._session, rows)

    def rekey(self, article_ids: list[int], keys: np.ndarray) -> None:
        """Give articles already loaded new band keys (one row of ``keys`` each), applied at `finish`."""
        for article_id, row in zip(article_ids, keys, strict=True):
            self._rekeyed[article_id] = row

    def finish(self) -> None:
        """Re-key the updated articles and build the primary key, in the caller's transaction."""
        connection = self._session.connection()
        if self._spill is not None:
            for rows in self._spill.in_key_order(self._rekeyed):
                rows.insert_sqlite(connection, "lsh_bands")
            self._rekeyed.clear()
            return
        if self._rekeyed:
            ids = list(self._rekeyed)
            for start in range(0, len(ids), 5000):
                chunk = ids[start : start + 5000]
                marks = ", ".join("%s" for _ in chunk)
                connection.exec_driver_sql(
                    f"DELETE FROM lsh_bands WHERE article_id IN ({marks})", tuple(chunk)
                )
            self.insert(ids, np.stack([self._rekeyed[i] for i in ids]))
            self._rekeyed.clear()
        connection.exec_driver_sql(f"SET LOCAL maintenance_work_mem = '{_KEY_BUILD_MEMORY}'")
        connection.exec_driver_sql(
            f"ALTER TABLE lsh_bands ADD CONSTRAINT {PRIMARY_KEY} PRIMARY KEY (band, key, article_id)"
        )

    def close(self) -> None:
        """Drop what the load kept outside the database (SQLite's band rows), finished or not."""
        if self._spill is not None:
            self._spill.close()
