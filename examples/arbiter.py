"""A round-robin arbiter written with ``@always_comb``, ``@always_ff`` and a hardware ``@function``.

Interface (``RoundRobinArbiter(n=N)``):

- ``clk``: clock; ``rst_n``: asynchronous, active-low reset;
- ``req`` (N bits): request lines;
- ``grant`` (N bits): one-hot, the request granted this cycle (0 when none);
- ``index``: the granted requester's number; ``valid``: 1 when a request is granted.

The requester granted last has the lowest priority next time: the search
starts just after it and wraps around. ``last`` is reset to N - 1, so
requester 0 has the highest priority after reset.

Run ``python examples/arbiter.py [OUT_DIR]`` to write the SystemVerilog, or
``loom build examples/arbiter.py:RoundRobinArbiter --param n=8 -o out/``.
"""

from __future__ import annotations

import sys

import loom
from loom import Generator, always_comb, always_ff, function, negedge, posedge


@function
def next_after(req, start, n):
    """The first requester after ``start`` (a Python int), wrapping around; ``start`` when none asks."""
    for offset in range(1, n + 1):
        candidate = (start + offset) % n
        if req[candidate]:
            return loom.const(candidate, index_width(n))
    return loom.const(start, index_width(n))


def index_width(n: int) -> int:
    """Bits of a requester number."""
    return max(1, (n - 1).bit_length())


class RoundRobinArbiter(Generator):
    """Grants one of ``n`` requesters per cycle, rotating the priority after each grant."""

    def __init__(self, n: int = 4):
        super().__init__(f"RoundRobinArbiter{n}")
        self.n = n
        self.clk = self.clock()
        self.rst_n = self.reset("rst_n", asynchronous=True, active_low=True)
        self.req = self.input("req", n)
        self.grant = self.output("grant", n)
        self.index = self.output("index", index_width(n))
        self.valid = self.output("valid")
        self.last = self.var("last", index_width(n))

    @always_comb
    def choose(self) -> None:
        self.valid = self.req != 0
        chosen = self.last
        for start in range(self.n):  # one search per possible last grant, unrolled
            if self.last == start:
                chosen = next_after(self.req, start, self.n)
        self.index = chosen
        self.grant = 0
        for i in range(self.n):
            if self.valid and chosen == i:
                self.grant[i] = 1

    @always_ff((posedge, "clk"), (negedge, "rst_n"))
    def remember(self) -> None:
        if not self.rst_n:
            self.last = self.n - 1
        elif self.valid:
            self.last = self.index


def top(n: int = 4) -> Generator:
    """The example's top-level generator."""
    return RoundRobinArbiter(n)


if __name__ == "__main__":
    out_dir = sys.argv[1] if len(sys.argv) > 1 else "out/arbiter"
    for path in loom.emit(top(), out_dir):
        print(path)
