"""examples/uart_tx.py (8 data bits, 4 cycles per bit): start bit, data LSB first, stop bit, each 4 cycles."""

import cocotb
from cocotb_cycles import check_cycles, start

BITS, HOLD = 8, 4


@cocotb.test()
async def sends_frames(dut):
    tb = await start(dut)
    line = []  # the tx values still to send, one per cycle; empty while idle

    def model(inputs):
        if line:
            return {"tx": line.pop(0), "ready": 0, "accept": 0}
        if inputs["valid"]:
            frame = [0] + [inputs["data"] >> i & 1 for i in range(BITS)] + [1]
            line.extend(bit for bit in frame for _ in range(HOLD))
        return {"tx": 1, "ready": 1, "accept": inputs["valid"]}

    await check_cycles(tb, model, lambda rng, _: {"valid": int(rng.random() < 0.3), "data": rng.getrandbits(8)},
                       cycles=120)
