"""A generator's rarely filled tables (parameters, vars, children, bundles, FSMs and memories) start as shared
empty ones and become the generator's own at the first entry (frontend/growable.py): each generator still sees
only its own entries, clones included, and a small module costs fewer bytes."""

from __future__ import annotations

import gc
import tracemalloc

import pytest

from loom import Generator


def declare_leaf(gen: Generator, k: int) -> None:
    """``o`` is ``a + k`` registered (16 bits): nothing in the tables but ports and a register."""
    held = gen.reg("held", 16, clock=gen.clock(), reset=False)
    held.assign(gen.input("a", 16) + k)
    gen.output("o", 16).assign(held)


class Leaf(Generator):
    def __init__(self, k: int = 1, is_clone: bool = False):
        super().__init__(f"Leaf{k}", is_clone=is_clone)
        declare_leaf(self, k)


def test_each_generator_sees_only_its_own_entries() -> None:
    first, second = Generator("First"), Generator("Second")
    first.var("v", 4)
    first.param("P", 1)
    child = first.add_child("c", Generator("Child"))
    assert [v.name for v in first.vars] == ["v"] and list(first.params) == ["P"] and list(first.children) == [child]
    assert not second.vars and not second.params and not second.children and not second.child_instances
    assert first.child_instances.c is child


def test_writing_a_shared_empty_table_directly_fails() -> None:
    """A place that adds to a table without asking for the generator's own fails at once, not for everyone."""
    gen = Generator("G")
    with pytest.raises(TypeError, match="shared empty table"):
        gen.params["P"] = None  # type: ignore[index]
    with pytest.raises(AttributeError):
        gen.vars.append(None)  # type: ignore[attr-defined]
    assert not Generator("Other").params


def test_an_initialised_clone_grows_its_own_tables() -> None:
    Leaf.clear_clone_cache()
    definition = Leaf.create()
    clone = Leaf.create()
    clone.initialize_clone()
    clone.var("extra", 4)
    clone.add_child("inner", Generator("Inner"))
    assert [v.name for v in clone.vars] == ["extra"] and len(clone.children) == 1
    assert not definition.vars and not definition.children
    Leaf.clear_clone_cache()


class Small(Generator):
    """``Leaf`` never made with ``create`` (which would record its constructions)."""

    def __init__(self, k: int):
        super().__init__(f"Small{k}")
        declare_leaf(self, k)


def test_a_small_module_costs_under_two_kilobytes() -> None:
    """10,000 distinct leaves are held while the design goes through MLIR: the leaf, its ports, register and
    expression take ~1,600 bytes (they took ~2,030 when every generator had a dozen empty containers)."""
    Small(0)
    count = 500
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        leaves = [Small(k) for k in range(1, count + 1)]
        gc.collect()
        per_module = (tracemalloc.get_traced_memory()[0] - before) / count
    finally:
        tracemalloc.stop()
    assert len(leaves) == count and per_module < 1800, f"{per_module:.0f} bytes per module"
