"""examples/conditional_port.py: `full` adds data while en and counts the samples; `plain` adds every cycle."""

import cocotb
from cocotb_cycles import check_cycles, start


@cocotb.test()
async def both_variants(dut):
    tb = await start(dut)
    state = {"full": 0, "samples": 0, "plain": 0}

    def model(inputs):
        out = {"full_total": state["full"], "full_samples": state["samples"], "plain_total": state["plain"]}
        if inputs["en"]:
            state["full"] = (state["full"] + inputs["data"]) % 65536
            state["samples"] = (state["samples"] + 1) % 256
        state["plain"] = (state["plain"] + inputs["data"]) % 65536
        return out

    await check_cycles(tb, model, lambda rng, _: {"data": rng.getrandbits(8), "en": rng.getrandbits(1)}, cycles=30)
