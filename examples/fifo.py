"""A synchronous FIFO built on a loom memory, with full and empty flags.

Interface (``Fifo(width=W, depth_bits=D)``, 2**D entries of W bits):

- ``clk``: clock; ``rst``: synchronous, active-high reset (the FIFO becomes empty);
- ``push`` with ``data_in``: store a word at the next clock edge, ignored when ``full``;
- ``pop``: drop the oldest word at the next clock edge, ignored when ``empty``;
- ``data_out``: the oldest word (asynchronous read; meaningless when ``empty``);
- ``full``, ``empty``: the flags for the current cycle.

The memory is a ``reg [W-1:0] mem[0:2**D-1]`` written in an ``always_ff``
block; the read and write pointers have one extra bit so that full (same
index, different lap) and empty (equal pointers) can be told apart.

Run ``python examples/fifo.py [OUT_DIR]`` to write the SystemVerilog, or
``loom build examples/fifo.py:Fifo --param depth_bits=3 -o out/``.
"""

from __future__ import annotations

import sys

import loom
from loom import Generator, mux


class Fifo(Generator):
    """A FIFO of ``2**depth_bits`` words of ``width`` bits: one memory, a read and a write pointer."""

    def __init__(self, width: int = 8, depth_bits: int = 2):
        super().__init__(f"Fifo{width}x{1 << depth_bits}")
        self.clock()
        self.reset()
        push, pop = self.input("push"), self.input("pop")
        data_in = self.input("data_in", width)
        data_out, full, empty = self.output("data_out", width), self.output("full"), self.output("empty")

        mem = self.memory("mem", width, depth=1 << depth_bits)
        write_ptr = self.reg("write_ptr", depth_bits + 1)
        read_ptr = self.reg("read_ptr", depth_bits + 1)
        low = depth_bits - 1
        is_empty = self.var("is_empty")
        is_full = self.var("is_full")
        is_empty.assign(write_ptr == read_ptr)
        is_full.assign((write_ptr[low:0] == read_ptr[low:0]) & (write_ptr[depth_bits] != read_ptr[depth_bits]))
        do_push = push & ~is_full
        do_pop = pop & ~is_empty

        mem.write(write_ptr[low:0], data_in, enable=do_push)
        write_ptr.assign(mux(do_push, write_ptr + 1, write_ptr))
        read_ptr.assign(mux(do_pop, read_ptr + 1, read_ptr))
        data_out.assign(mem[read_ptr[low:0]])
        full.assign(is_full)
        empty.assign(is_empty)


def top(width: int = 8, depth_bits: int = 2) -> Generator:
    """The example's top-level generator."""
    return Fifo(width, depth_bits)


if __name__ == "__main__":
    out_dir = sys.argv[1] if len(sys.argv) > 1 else "out/fifo"
    for path in loom.emit(top(), out_dir):
        print(path)
