"""examples/counter.py (width 4): count increments on each edge with en, wraps at 16, 0 after reset."""

import cocotb
from cocotb_cycles import check_cycles, start


@cocotb.test()
async def counts_and_wraps(dut):
    tb = await start(dut)
    state = {"value": 0}

    def model(inputs):
        out = {"count": state["value"]}
        if inputs["en"]:
            state["value"] = (state["value"] + 1) % 16
        return out

    await check_cycles(tb, model, lambda rng, _: {"en": int(rng.random() < 0.8)}, cycles=40)
