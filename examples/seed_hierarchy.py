"""The hierarchy from the per-module/per-instance discussion (FIRRTL talk, slide 27).

``D0`` instantiates ``D1`` twice (``c1``, ``c2``), each ``D1`` instantiates
``D2`` twice, each ``D2`` instantiates ``D3`` twice: 4 modules, 8 leaves.
Leaf ``k`` (in path order ``c1.c1.c1`` = 1st ... ``c2.c2.c2`` = 8th) sees
``a`` xor the salts of the ``c2`` levels on its path and outputs ``a' + 1``.
Every level outputs the concatenation of its children's outputs (``c1`` in
the high bits), so the top's 64-bit output shows each leaf separately: an
edit to one instance shows up in exactly its byte.

``docs/hierarchy.md`` walks through the discussion's three edits on it:
change ``D1`` only on the ``c1`` descent (``c1``), the ``D2``s only in the
left half (``c1.*``), and only the second and sixth ``D3`` (``*.c1.c2``).
"""

from __future__ import annotations

import sys

import loom
from loom import Generator, concat

SALTS = {"D0": 0x01, "D1": 0x02, "D2": 0x04}
"""What each level xors into the input of its ``c2`` child."""


class D3(Generator):
    """A leaf: ``o = a + 1``."""

    def __init__(self) -> None:
        super().__init__("D3")
        a = self.input("a", 8)
        self.output("o", 8).assign(a + 1)


class Level(Generator):
    """Two instances of ``child``: ``c1`` gets ``a``, ``c2`` gets ``a ^ salt``; ``o = {c1.o, c2.o}``."""

    def __init__(self, name: str, child: Generator, width: int) -> None:
        super().__init__(name)
        a = self.input("a", 8)
        c1 = self.add_child("c1", child, a=a)
        c2 = self.add_child("c2", child, a=a ^ SALTS[name])
        self.output("o", 2 * width).assign(concat(c1.o, c2.o))


def top() -> Generator:
    """``D0``: 64-bit output, one byte per leaf (leaf 1 in the top byte)."""
    return Level("D0", Level("D1", Level("D2", D3(), 8), 16), 32)


def leaf_paths() -> list[str]:
    """The eight leaf paths in output order (most significant byte first)."""
    return [f"c{i}.c{j}.c{k}" for i in (1, 2) for j in (1, 2) for k in (1, 2)]


def model(a: int, leaf_edit=lambda path, value: value) -> int:  # type: ignore[no-untyped-def]
    """The top's output for input ``a``; ``leaf_edit(path, value)`` may change a leaf's byte."""
    result = 0
    for path in leaf_paths():
        value = a
        for level, step in zip(("D0", "D1", "D2"), path.split("."), strict=True):
            if step == "c2":
                value ^= SALTS[level]
        result = (result << 8) | (leaf_edit(path, (value + 1) & 0xFF) & 0xFF)
    return result


if __name__ == "__main__":
    out_dir = sys.argv[1] if len(sys.argv) > 1 else "out/seed_hierarchy"
    for path in loom.emit(top(), out_dir):
        print(path)
