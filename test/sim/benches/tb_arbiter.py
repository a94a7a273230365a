"""examples/arbiter.py (4 requesters): round robin starting after the last grant; requester 0 first after reset."""

import cocotb
from cocotb_cycles import check_cycles, start

N = 4


@cocotb.test()
async def grants_round_robin(dut):
    tb = await start(dut)
    state = {"last": N - 1}

    def model(inputs):
        req = inputs["req"]
        if req == 0:
            return {"valid": 0, "grant": 0}
        chosen = next(c for c in ((state["last"] + k) % N for k in range(1, N + 1)) if req >> c & 1)
        state["last"] = chosen
        return {"valid": 1, "grant": 1 << chosen, "index": chosen}

    await check_cycles(tb, model, lambda rng, _: {"req": rng.getrandbits(N) if rng.random() < 0.8 else 0}, cycles=40)
