"""Band rows of a SQLite first load, kept outside the database until the load ends.

A first load into SQLite used to stage its band rows in a temporary table and insert them into
``lsh_bands`` with one ``INSERT ... SELECT ... ORDER BY`` at the end: SQLite wrote every row twice and
sorted them all (7.8 s of a 100,000-article load's band work, against 3.9 s this way). Here each band's
(key, article id) pairs go to an anonymous temporary file of their own as the batches arrive (nothing is
left behind if the process dies); at the end the bands are read back one at a time (16 bytes a row:
16 MB a band for a million articles), sorted with NumPy, and inserted in primary-key order, so SQLite
only appends to its B-tree.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator, Mapping
from typing import IO

import numpy as np

from newsdedup.store.bands import BandRows

_PAIR = np.dtype("<i8")


class BandSpill:
    """One temporary file of (key, article_id) int64 pairs per band; `close` when done."""

    def __init__(self) -> None:
        self._files: dict[int, IO[bytes]] = {}

    def add(self, article_ids: list[int], keys: np.ndarray) -> None:
        """Keep the rows of articles ``article_ids``, one row of ``keys`` (shape ``(n, bands)``) each."""
        if not article_ids:
            return
        ids = np.asarray(article_ids, dtype=np.int64)
        for band in range(keys.shape[1]):
            pairs = np.column_stack((keys[:, band].astype(np.int64, copy=False), ids))
            self._file(band).write(pairs.astype(_PAIR, copy=False).tobytes())

    def in_key_order(self, replaced: Mapping[int, np.ndarray]) -> Iterator[BandRows]:
        """Every band's rows in primary-key order (key, then article id), band after band; the articles of
        ``replaced`` get the keys given there (one per band) instead of those added for them."""
        dropped = np.fromiter(replaced, dtype=np.int64, count=len(replaced))
        new_keys = np.stack(list(replaced.values())) if replaced else None
        bands = set(self._files)
        if new_keys is not None:
            bands.update(range(new_keys.shape[1]))
        for band in sorted(bands):
            pairs = self._read(band)
            keys, ids = pairs[:, 0], pairs[:, 1]
            if new_keys is not None:
                kept = ~np.isin(ids, dropped)
                keys = np.concatenate((keys[kept], new_keys[:, band].astype(np.int64, copy=False)))
                ids = np.concatenate((ids[kept], dropped))
            order = np.lexsort((ids, keys))
            yield BandRows(np.full(len(order), band, dtype=np.int64), keys[order], ids[order])

    def close(self) -> None:
        """Delete the files (also done by the system if the process dies first)."""
        for handle in self._files.values():
            handle.close()
        self._files.clear()

    def _file(self, band: int) -> IO[bytes]:
        handle = self._files.get(band)
        if handle is None:
            # Kept open across batches and closed by `close`: no context manager fits.
            handle = self._files[band] = tempfile.TemporaryFile(prefix=f"newsdedup-band{band}-")  # noqa: SIM115
        return handle

    def _read(self, band: int) -> np.ndarray:
        handle = self._files.get(band)
        if handle is None:
            return np.empty((0, 2), dtype=np.int64)
        handle.flush()
        handle.seek(0)
        return np.fromfile(handle, dtype=_PAIR).astype(np.int64, copy=False).reshape(-1, 2)
