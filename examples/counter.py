"""An N-bit up-counter with synchronous reset and a count enable.

Interface (``Counter(width=N)``):

- ``clk``: clock; ``rst``: synchronous, active-high reset (``count`` becomes 0);
- ``en``: when 1, ``count`` increments at the next clock edge (wrapping at
  2**N); when 0 it holds;
- ``count`` (N bits): the current value.

Run ``python examples/counter.py [OUT_DIR]`` to write the SystemVerilog, or
``loom build examples/counter.py:Counter --param width=4 -o out/``.
"""

from __future__ import annotations

import sys

import loom
from loom import Generator


class Counter(Generator):
    """An N-bit counter: ``count`` increments by one on every clock edge where ``en`` is high."""

    def __init__(self, width: int = 8):
        super().__init__(f"Counter{width}")
        self.clock()
        self.reset()
        enable = self.input("en")
        count = self.output("count", width)

        value = self.reg("value", width, enable=enable)  # clk and rst are picked up automatically
        value.assign(value + 1)
        count.assign(value)


def top(width: int = 8) -> Generator:
    """The example's top-level generator."""
    return Counter(width)


if __name__ == "__main__":
    out_dir = sys.argv[1] if len(sys.argv) > 1 else "out/counter"
    for path in loom.emit(top(), out_dir):
        print(path)
