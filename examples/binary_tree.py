"""A binary hierarchy built from one generator per level.

``top(depth=D)`` returns ``Node{D}``. Every ``Node{k}`` instantiates the
generator of the level below twice (instances ``left`` and ``right``), and
``Node1`` instantiates ``Leaf`` twice. One generator object stands for a whole
level, so the design holds D + 1 module definitions and 2 * D instance ops
however many leaves it has: depth 20 means 1,048,576 ``Leaf`` instances and
21 modules. Nothing is elaborated per instance (``bench/tree.py`` measures
this at depth 20).

Interfaces (8-bit data, one clock, no reset):

- ``Leaf``: ``clk``; ``a``; ``o`` is an accumulator register that adds ``a``
  at every clock edge (it starts undefined: there is no reset);
- ``Node{k}``: ``clk``; ``a`` goes to ``left``, ``a + 1`` (wrapping) to
  ``right``; ``o`` is ``left.o ^ right.o``.

Run ``python examples/binary_tree.py [OUT_DIR]`` to write the SystemVerilog, or
``loom build examples/binary_tree.py:top --param depth=20 -o out/``.
"""

from __future__ import annotations

import sys

import loom
from loom import Generator


class Leaf(Generator):
    """``o`` accumulates ``a``: an 8-bit register that adds its input at each clock edge (no reset)."""

    def __init__(self) -> None:
        super().__init__("Leaf")
        self.clock()
        a = self.input("a", 8)
        acc = self.reg("acc", 8, reset=False)
        acc.assign(acc + a)
        self.output("o", 8).assign(acc)


class Node(Generator):
    """Level ``level``: two instances of ``child`` (fed ``a`` and ``a + 1``); ``o`` XORs their outputs."""

    def __init__(self, level: int, child: Generator) -> None:
        super().__init__(f"Node{level}")
        clk = self.clock()
        a = self.input("a", 8)
        left = self.add_child("left", child, clk=clk, a=a)
        right = self.add_child("right", child, clk=clk, a=a + 1)
        self.output("o", 8).assign(left.o ^ right.o)


def top(depth: int = 4) -> Generator:
    """The tree of the given depth: ``Node{depth}`` at the top, ``Leaf`` at the bottom (depth 0 is a lone Leaf)."""
    if depth < 0:
        raise ValueError(f"depth must be >= 0, got {depth!r}")
    level: Generator = Leaf()
    for index in range(1, depth + 1):
        level = Node(index, level)
    return level


if __name__ == "__main__":
    out_dir = sys.argv[1] if len(sys.argv) > 1 else "out/binary_tree"
    for path in loom.emit(top(), out_dir):
        print(path)
