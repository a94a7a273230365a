"""Many instances of one small processing element (PE), four parameter values.

``PE`` registers ``a + INC`` (8 bits, wrapping) where ``INC`` is a module
parameter. ``FanoutTop(count=N)`` feeds its input ``a`` to N PEs, instance
``pe{i}`` getting ``params={"INC": INCREMENTS[i % 4]}``, and XORs their
outputs into ``o``. However large N is, the design holds two module
definitions (``PE``, ``FanoutTop``); the SystemVerilog has one ``PE`` module
per distinct ``INC`` value (four), or a single parameterised ``PE`` with
``keep_parameters=True``.

The default size is small; ``loom build examples/fanout.py:FanoutTop --param
count=50000 -o out/`` builds the benchmark-sized design.
"""

from __future__ import annotations

import sys

import loom
from loom import Generator

INCREMENTS = (1, 3, 5, 7)


class PE(Generator):
    """``o`` is ``a + INC`` registered (one cycle latency, synchronous reset to 0)."""

    def __init__(self):
        super().__init__("PE")
        increment = self.param("INC", 1, width=8)
        self.clock()
        self.reset()
        a = self.input("a", 8)
        o = self.output("o", 8)
        result = self.reg("result", 8)
        result.assign(a + increment)
        o.assign(result)


class FanoutTop(Generator):
    """``count`` PEs all reading ``a``; ``o`` is the XOR of their outputs."""

    def __init__(self, count: int = 16):
        if count < 1:
            raise ValueError(f"count must be >= 1, got {count!r}")
        super().__init__("FanoutTop")
        clk, rst = self.clock(), self.reset()
        a = self.input("a", 8)
        o = self.output("o", 8)
        pe = PE()  # one definition, used by every instance
        combined = None
        for index in range(count):
            inst = self.add_child(f"pe{index}", pe, params={"INC": INCREMENTS[index % len(INCREMENTS)]},
                                  clk=clk, rst=rst, a=a)
            combined = inst.o if combined is None else combined ^ inst.o
        o.assign(combined)


def top(count: int = 16) -> Generator:
    """The example's top-level generator."""
    return FanoutTop(count)


if __name__ == "__main__":
    out_dir = sys.argv[1] if len(sys.argv) > 1 else "out/fanout"
    for path in loom.emit(top(), out_dir):
        print(path)
