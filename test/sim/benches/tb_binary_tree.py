"""examples/binary_tree.py (depth 3): leaves accumulate a (left) or a + 1 per right turn; nodes xor their children.

The leaves' accumulators have no reset: the bench loads 0 into each of them first.
"""

import itertools

import cocotb
from cocotb.triggers import FallingEdge
from cocotb_cycles import check_cycles, start

DEPTH = 3
PATHS = list(itertools.product(("left", "right"), repeat=DEPTH))


@cocotb.test()
async def accumulates_and_xors(dut):
    tb = await start(dut)
    await FallingEdge(tb.clock)  # after any edge at time 0; a is 0, so the loaded zeros stay
    for path in PATHS:
        handle = dut
        for step in path:
            handle = getattr(handle, step)
        handle.acc.value = 0
    accumulators = dict.fromkeys(PATHS, 0)

    def model(inputs):
        out = 0
        for value in accumulators.values():
            out ^= value
        for path in PATHS:
            leaf_input = (inputs["a"] + path.count("right")) % 256
            accumulators[path] = (accumulators[path] + leaf_input) % 256
        return {"o": out}

    model({"a": 0})  # the rising edge before check_cycles' first cycle, with a still 0
    await check_cycles(tb, model, lambda rng, _: {"a": rng.getrandbits(8)}, cycles=20)
