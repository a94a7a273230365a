"""examples/seed_hierarchy.py: leaf k sees a xor the salts of the c2 steps on its path and outputs that + 1.

The output has one byte per leaf, leaf c1.c1.c1 in the top byte. The salts are the example's constants:
0x01 for a c2 step under D0, 0x02 under D1, 0x04 under D2.
"""

import itertools

import cocotb
from cocotb_cycles import check_cycles, start

SALTS = (0x01, 0x02, 0x04)


@cocotb.test()
async def one_byte_per_leaf(dut):
    tb = await start(dut)

    def model(inputs):
        out = 0
        for path in itertools.product((1, 2), repeat=3):
            value = inputs["a"]
            for salt, step in zip(SALTS, path, strict=True):
                if step == 2:
                    value ^= salt
            out = (out << 8) | ((value + 1) % 256)
        return {"o": out}

    await check_cycles(tb, model, lambda rng, _: {"a": rng.getrandbits(8)}, cycles=20)
