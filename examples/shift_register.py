"""A shift register of configurable depth and width, with synchronous reset.

``ShiftRegister(depth=D, width=W)``:

- ``clk``: clock; ``rst``: synchronous, active-high reset (every stage becomes 0);
- ``d`` (W bits): enters stage 0 at every clock edge;
- ``q`` (W bits): the last stage, i.e. ``d`` delayed by D cycles.

Each stage is a named register (``stage0`` ... ``stage{D-1}``), so the
SystemVerilog reads like the Python.
"""

from __future__ import annotations

import sys

import loom
from loom import Generator


class ShiftRegister(Generator):
    """``q`` is ``d`` delayed by ``depth`` clock cycles."""

    def __init__(self, depth: int = 4, width: int = 8):
        if depth < 1:
            raise ValueError(f"a shift register needs depth >= 1, got {depth!r}")
        super().__init__(f"ShiftRegister_D{depth}_W{width}")
        self.clock()
        self.reset()
        data_in = self.input("d", width)
        data_out = self.output("q", width)

        previous = data_in
        for index in range(depth):
            stage = self.reg(f"stage{index}", width)  # clk/rst: the generator's only clock and reset
            stage.assign(previous)
            previous = stage
        data_out.assign(previous)


def top(depth: int = 4, width: int = 8) -> Generator:
    """The example's top-level generator."""
    return ShiftRegister(depth, width)


if __name__ == "__main__":
    out_dir = sys.argv[1] if len(sys.argv) > 1 else "out/shift_register"
    for path in loom.emit(top(), out_dir):
        print(path)
