"""A recursive adder tree over 2**k inputs, combinational or pipelined.

``AdderTree(levels=k, width=W, pipelined=False)`` sums inputs ``in0`` ...
``in{2**k - 1}`` (W bits each) into ``sum`` (W + k bits, so it never
overflows). The tree is built recursively: a tree of 2**k inputs instantiates
the *same* tree of 2**(k-1) inputs twice with ``add_child`` and adds the two
results, so the design has one module per level, not one per node.

With ``pipelined=True`` every level registers its sum (``clk``, synchronous
``rst``), giving a latency of k cycles; otherwise the tree is combinational
and has no clock or reset.
"""

from __future__ import annotations

import sys

import loom
from loom import Generator


class AdderTree(Generator):
    """Sum of 2**levels unsigned inputs; ``sum`` is ``width + levels`` bits wide."""

    def __init__(self, levels: int = 2, width: int = 8, pipelined: bool = False):
        if levels < 1:
            raise ValueError(f"an adder tree needs levels >= 1, got {levels!r}")
        kind = "Pipe" if pipelined else "Comb"
        super().__init__(f"AdderTree{kind}_L{levels}_W{width}")
        clock = reset = None
        if pipelined:
            clock, reset = self.clock(), self.reset()
        inputs = [self.input(f"in{i}", width) for i in range(2**levels)]
        total = self.output("sum", width + levels)

        half = len(inputs) // 2
        if levels == 1:
            left, right = inputs
        else:
            # One definition for both halves: the subtree generator is built once.
            subtree = AdderTree(levels - 1, width, pipelined)
            clocking = {"clk": clock, "rst": reset} if pipelined else {}
            halves = []
            for side, group in (("left", inputs[:half]), ("right", inputs[half:])):
                child = self.add_child(side, subtree, **clocking,
                                       **{f"in{i}": port for i, port in enumerate(group)})
                halves.append(child.sum)
            left, right = halves
        # Widen by one bit before adding so the carry is kept.
        next_sum = left.zext(width + levels) + right.zext(width + levels)

        if pipelined:
            stage = self.reg("stage", width + levels)
            stage.assign(next_sum)
            total.assign(stage)
        else:
            total.assign(next_sum)


def top(levels: int = 3, width: int = 8, pipelined: bool = True) -> Generator:
    """The example's top-level generator: an 8-input pipelined tree by default."""
    return AdderTree(levels, width, pipelined)


if __name__ == "__main__":
    out_dir = sys.argv[1] if len(sys.argv) > 1 else "out/adder_tree"
    for path in loom.emit(top(), out_dir):
        print(path)
