"""``frozen_heap``: the collector skips the objects older than the block, and gets them back after it."""

from __future__ import annotations

import gc

from loom.dialect.heap import frozen_heap


def test_objects_older_than_the_block_are_frozen_inside_it_and_collectable_after() -> None:
    assert gc.get_freeze_count() == 0
    with frozen_heap():
        inside = gc.get_freeze_count()
        with frozen_heap():  # nested: the outer block's freeze stands
            assert gc.get_freeze_count() == inside
    assert inside > 0
    assert gc.get_freeze_count() == 0


def test_a_callers_own_freeze_is_left_alone() -> None:
    gc.freeze()
    try:
        before = gc.get_freeze_count()
        with frozen_heap():
            pass
        assert gc.get_freeze_count() == before  # not unfrozen by loom
    finally:
        gc.unfreeze()


def test_garbage_made_inside_the_block_is_still_collected() -> None:
    with frozen_heap():
        cycle: list[object] = []
        cycle.append(cycle)
        del cycle
        assert gc.collect() >= 1
