"""Per-call cost of the two frontend calls a large design makes most: ``add_child`` and ``create()``.

    .venv/bin/python bench/calls.py [--count 20000] [--block 1000] [--repeat 3]

``add_child``  a parent connects ``count`` instances of one ``PE`` (clock, reset, two inputs by
               signal, one output read afterwards), as ``examples/fanout.py`` and ``bench/clones.py`` do.
``create``     ``count`` calls of ``PE.create(width=8, inc=1)`` after the first built the definition:
               each returns a clone of an existing definition.

The calls are timed in blocks of ``block`` (CPU time of this process); the figure is the median over
all blocks of all repetitions, per call, in microseconds, with the fastest block beside it (the figure
least disturbed by other jobs on a shared machine). Issue 13 asks for ``add_child`` <= 8 us and
``create()`` of an existing definition <= 10 us. Not a timed test: run it by hand.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
from typing import Callable

from loom import Generator


class PE(Generator):
    """``o`` registers ``a + b + inc``: two inputs, one output, clock and reset."""

    def __init__(self, width: int = 8, inc: int = 1, is_clone: bool = False):
        super().__init__(f"PE_{width}_{inc}", is_clone=is_clone)
        self.clock()
        self.reset()
        a, b = self.input("a", width), self.input("b", width)
        result = self.reg("result", width)
        result.assign(a + b + inc)
        self.output("o", width).assign(result)


def per_call_blocks(call: Callable[[int], object], count: int, block: int) -> list[float]:
    """CPU microseconds per call of each block of ``block`` calls (results kept, as a design keeps them)."""
    kept: list[object] = []
    figures = []
    for start in range(0, count, block):
        end = min(count, start + block)
        begin = time.process_time()
        for index in range(start, end):
            kept.append(call(index))
        figures.append((time.process_time() - begin) / (end - start) * 1e6)
    return figures


def add_child_blocks(count: int, block: int) -> list[float]:
    parent = Generator("Parent")
    clk, rst = parent.clock(), parent.reset()
    a, b = parent.input("a", 8), parent.input("b", 8)
    child = PE()
    return per_call_blocks(lambda i: parent.add_child(f"pe{i}", child, clk=clk, rst=rst, a=a, b=b), count, block)


def create_blocks(count: int, block: int) -> list[float]:
    PE.create(width=8, inc=1)  # the definition; every timed call returns a clone of it
    return per_call_blocks(lambda _i: PE.create(width=8, inc=1), count, block)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=20_000, help="calls per repetition")
    parser.add_argument("--block", type=int, default=1_000, help="calls per timed block")
    parser.add_argument("--repeat", type=int, default=3, help="repetitions (each in a fresh parent)")
    args = parser.parse_args()
    for name, blocks in (("add_child", add_child_blocks), ("create (existing)", create_blocks)):
        figures: list[float] = []
        for _ in range(args.repeat):
            figures += blocks(args.count, args.block)
            gc.collect()
        print(f"{name:<18} median {statistics.median(figures):6.2f} us/call   fastest block {min(figures):6.2f} us/call"
              f"   ({len(figures)} blocks of {args.block})")


if __name__ == "__main__":
    main()
