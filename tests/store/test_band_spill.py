"""The first load's band spill gives back every row added, in primary-key order, with re-keyed articles'
rows replaced."""

from __future__ import annotations

import numpy as np
import pytest

from newsdedup.store.band_spill import BandSpill
from newsdedup.store.bands import BandRows


def _sorted(rows: BandRows) -> list[tuple[int, int, int]]:
    return sorted(rows.tuples())


@pytest.mark.parametrize("replace", [0, 1, 40])
def test_rows_come_back_in_key_order_with_replacements(replace: int) -> None:
    rng = np.random.default_rng(replace)
    bands, batches = 8, [rng.integers(-3, 3, size=(count, 8), dtype=np.int64) for count in (50, 1, 0, 70)]
    spill, next_id, added = BandSpill(), 10, {}
    try:
        for keys in batches:
            ids = list(range(next_id, next_id + len(keys)))
            next_id += len(keys)
            spill.add(ids, keys)
            added |= dict(zip(ids, keys, strict=True))
        chosen = rng.choice(list(added), size=replace, replace=False).tolist()
        replaced = {article_id: rng.integers(-3, 3, size=bands, dtype=np.int64) for article_id in chosen}
        got = list(spill.in_key_order(replaced))
    finally:
        spill.close()

    expected_keys = added | replaced
    ids = list(expected_keys)
    expected = BandRows.in_key_order_of(ids, np.stack([expected_keys[i] for i in ids]))
    assert [int(rows.bands[0]) for rows in got] == list(range(bands))
    flat = [row for rows in got for row in rows.tuples()]
    assert flat == expected.tuples(), "band by band, then key, then article id"
    assert sorted(flat) == _sorted(expected)


def test_nothing_added_gives_nothing() -> None:
    spill = BandSpill()
    assert list(spill.in_key_order({})) == []
    spill.close()
