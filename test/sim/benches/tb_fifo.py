"""examples/fifo.py (4 words of 8 bits): push unless full, pop unless empty, data_out the oldest word."""

import cocotb
from cocotb_cycles import check_cycles, start

DEPTH = 4


@cocotb.test()
async def keeps_order(dut):
    tb = await start(dut)
    words = []

    def model(inputs):
        full, empty = len(words) == DEPTH, not words
        out = {"full": int(full), "empty": int(empty), "data_out": None if empty else words[0]}
        pop = inputs["pop"] and not empty
        if inputs["push"] and not full:
            words.append(inputs["data_in"])
        if pop:
            words.pop(0)
        return out

    def stimulus(rng, cycle):
        phase = (cycle // 10) % 2  # fill for a while, then drain, so both flags are seen
        return {"push": int(rng.random() < (0.8 if phase == 0 else 0.3)),
                "pop": int(rng.random() < (0.2 if phase == 0 else 0.8)), "data_in": rng.getrandbits(8)}

    await check_cycles(tb, model, stimulus, cycles=60)
