"""Merging several streams into one, built from loom.lib components.

``StreamMerge(n=N, width=W, depth=D)`` takes N input streams of W-bit words
and sends every word, tagged with the number of the input it came from, to
one output stream:

- ``clk``, ``rst``: clock; synchronous, active-high reset;
- ``in0_valid``/``in0_ready``/``in0_data`` ... ``in{N-1}_*``: the input streams;
- ``out_valid``/``out_ready``/``out_data``: the output stream of ``tagged_t``
  words (``src``: the input's number, in the high bits; ``data``: the word);
- ``level``: how many words wait in the FIFO.

Inside, a ``RoundRobinArbiter`` picks one of the inputs that offer a word
(while the FIFO has room, so a grant always moves a word and the rotation
stays fair), a ``SyncFifo`` of D words absorbs bursts, and ``register()``
puts a ``SkidBuffer`` before the output so that no output, and no
``ready`` going back, depends combinationally on ``out_ready``.

Run ``python examples/stream_merge.py [OUT_DIR]`` to write the SystemVerilog, or
``loom build examples/stream_merge.py:StreamMerge --param n=4 -o out/``.
"""

from __future__ import annotations

import sys

import loom
from loom import Generator, Signal, Struct, concat, mux
from loom.lib import RoundRobinArbiter, Stream, SyncFifo, connect, register


def tag_width(n: int) -> int:
    """Bits of an input's number."""
    return max(1, (n - 1).bit_length())


class StreamMerge(Generator):
    """N input streams -> round-robin arbiter -> FIFO -> skid buffer -> one tagged output stream."""

    def __init__(self, n: int = 3, width: int = 8, depth: int = 8):
        super().__init__(f"StreamMerge{n}x{width}")
        clk, rst = self.clock(), self.reset()
        tagged = Struct("tagged_t", src=tag_width(n), data=width)
        inputs = [self.port_bundle(f"in{i}", Stream(width).flip()) for i in range(n)]
        out = self.port_bundle("out", Stream(tagged))
        level = self.output("level", depth.bit_length())

        fifo = self.add_child("fifo", SyncFifo.create(payload=tagged, depth=depth), clk=clk, rst=rst, count=level)
        enq = fifo.port("enq")
        grant = self.var("grant", n)
        grant_index = self.var("grant_index", tag_width(n))
        grant_valid = self.var("grant_valid")
        offers = concat(*(stream.valid for stream in reversed(inputs)))
        self.add_child("arbiter", RoundRobinArbiter.create(n=n), clk=clk, rst=rst,
                       req=offers & enq.ready.replicate(n), grant=grant, grant_index=grant_index,
                       grant_valid=grant_valid)

        chosen: Signal = inputs[0].data
        for i, stream in enumerate(inputs):
            stream.ready.assign(grant[i])
            if i:
                chosen = mux(grant[i], stream.data, chosen)
        enq.valid.assign(grant_valid)
        enq.data.assign(tagged(src=grant_index, data=chosen))
        connect(self, register(self, "out_stage", fifo.port("deq")), out)


def top(n: int = 3, width: int = 8, depth: int = 8) -> Generator:
    """The example's top-level generator."""
    return StreamMerge(n, width, depth)


if __name__ == "__main__":
    out_dir = sys.argv[1] if len(sys.argv) > 1 else "out/stream_merge"
    for path in loom.emit(top(), out_dir):
        print(path)
