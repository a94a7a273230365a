"""No full garbage collection while a design is built (frontend/procedural.py ``wrap_init``).

The outermost generator's ``__init__`` holds full collections off (its signals and instances are the design,
not garbage); young collections still run, and the collector's own thresholds come back when it returns,
whether it returns normally or raises.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from loom import Generator


class Leaf(Generator):
    def __init__(self, k: int):
        super().__init__(f"Leaf{k}")
        a = self.input("a", 8)
        self.output("o", 8).assign(a + (k & 0xFF))


class Top(Generator):
    """Children, and a table of the user's that lives as long as the design: enough objects that a full
    collection would start (one starts when the objects that survived young ones grow by a quarter)."""

    def __init__(self, count: int, table: int = 0, fail: bool = False):
        super().__init__("Top")
        a = self.input("a", 8)
        for k in range(count):
            self.add_child(f"leaf{k}", Leaf(k), a=a)
        self.table = [[k] for k in range(table)]
        if fail:
            raise ValueError("the user's mistake")


@pytest.fixture
def collections() -> Iterator[list[int]]:
    """The generation of every collection that starts, with thresholds that start full ones often."""
    saved = gc.get_threshold()
    gc.set_threshold(100, 1, 1)
    gc.collect()  # counts from zero
    started: list[int] = []

    def record(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started.append(info["generation"])

    gc.callbacks.append(record)
    try:
        yield started
    finally:
        gc.callbacks.remove(record)
        gc.set_threshold(*saved)


def test_building_starts_young_collections_only(collections: list[int]) -> None:
    Top(30, table=100_000)
    assert collections, "the build allocated too little to start any collection"
    assert 2 not in collections
    assert gc.get_threshold() == (100, 1, 1)


def test_thresholds_come_back_when_init_raises(collections: list[int]) -> None:
    with pytest.raises(ValueError, match="the user's mistake"):
        Top(3, fail=True)
    assert gc.get_threshold() == (100, 1, 1)

