"""examples/adder_tree.py (8 inputs of 8 bits, pipelined): sum of the inputs, 3 cycles later."""

from collections import deque

import cocotb
from cocotb_cycles import check_cycles, start

INPUTS = 8


@cocotb.test()
async def sums_with_latency(dut):
    tb = await start(dut)
    pipeline = deque([0, 0, 0])  # every stage register is 0 after reset

    def model(inputs):
        out = {"sum": pipeline[0]}
        pipeline.append(sum(inputs[f"in{i}"] for i in range(INPUTS)))
        pipeline.popleft()
        return out

    await check_cycles(tb, model, lambda rng, _: {f"in{i}": rng.getrandbits(8) for i in range(INPUTS)}, cycles=30)
