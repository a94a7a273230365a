"""A Gray-code counter: the count advances while ``i_en`` is high, and ``o_gray`` shows it in Gray code.

Interface (``GrayCounter(width=N)``), following the team's port naming rule
(inputs ``i_*``, outputs ``o_*``; clock and reset keep their names):

- ``clk``: clock; ``rst``: synchronous, active-high reset (the count becomes 0);
- ``i_en``: when 1, the count increments at the next clock edge (wrapping at 2**N);
- ``o_gray`` (N bits): the count in Gray code, ``count ^ (count >> 1)``, so that
  consecutive values differ in exactly one bit.
"""

from __future__ import annotations

from loom import Generator


class GrayCounter(Generator):
    """An N-bit counter with a Gray-coded output."""

    def __init__(self, width: int = 4):
        super().__init__(f"GrayCounter{width}")
        self.clock()
        self.reset()
        enable = self.input("i_en")
        count = self.reg("count", width, enable=enable)
        count.assign(count + 1)
        self.output("o_gray", width).assign(count ^ (count >> 1))
