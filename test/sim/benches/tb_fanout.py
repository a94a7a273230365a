"""examples/fanout.py (6 PEs): PE i registers a + (1, 3, 5, 7)[i % 4]; o is the xor of all PE outputs."""

import cocotb
from cocotb_cycles import check_cycles, start

INCREMENTS = [(1, 3, 5, 7)[i % 4] for i in range(6)]


@cocotb.test()
async def xors_registered_sums(dut):
    tb = await start(dut)
    state = {"o": 0}

    def model(inputs):
        out = {"o": state["o"]}
        state["o"] = 0
        for increment in INCREMENTS:
            state["o"] ^= (inputs["a"] + increment) % 256
        return out

    await check_cycles(tb, model, lambda rng, _: {"a": rng.getrandbits(8)}, cycles=20)
