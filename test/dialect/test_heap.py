"""``young_collections_only``: no full collection inside the block; the collector's own settings after it."""

from __future__ import annotations

import gc

from loom.dialect.heap import young_collections_only


def test_no_full_collection_starts_inside_the_block_and_thresholds_come_back() -> None:
    saved = gc.get_threshold()
    gc.set_threshold(100, 1, 1)  # without the block, the allocations below start several full collections
    before = gc.get_threshold()
    full: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and info["generation"] == 2:
            full.append(1)

    try:
        with young_collections_only():
            gc.callbacks.append(count)
            with young_collections_only():  # nested: the outer setting stands
                inner = gc.get_threshold()
            garbage = [[] for _ in range(200_000)]  # enough allocations for many young collections
            del garbage
            gc.callbacks.remove(count)
    finally:
        after = gc.get_threshold()
        gc.set_threshold(*saved)
    assert inner[2] > before[2]
    assert not full, f"{len(full)} full collections"
    assert after == before


def test_garbage_made_inside_the_block_is_still_collected() -> None:
    with young_collections_only():
        cycle: list[object] = []
        cycle.append(cycle)
        del cycle
        assert gc.collect(0) >= 1
