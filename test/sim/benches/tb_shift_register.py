"""examples/shift_register.py (4 stages of 8 bits): q is d delayed by 4 cycles, 0 after reset."""

from collections import deque

import cocotb
from cocotb_cycles import check_cycles, start


@cocotb.test()
async def delays(dut):
    tb = await start(dut)
    stages = deque([0, 0, 0, 0])

    def model(inputs):
        out = {"q": stages[0]}
        stages.append(inputs["d"])
        stages.popleft()
        return out

    await check_cycles(tb, model, lambda rng, _: {"d": rng.getrandbits(8)}, cycles=30)
