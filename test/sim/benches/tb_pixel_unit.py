"""cocotb tests of test/sim/benches/pixel_unit.py through the loom.sim helpers (pack/unpack, memories, reset)."""

import random

import cocotb
from cocotb.triggers import FallingEdge, Timer
from pixel_unit import Op, Pixel

from loom.sim import Testbench


def transform(pixel, op):
    if op == "INVERT":
        return {name: 255 - value for name, value in pixel.items()}
    if op == "SWAP":
        return {"r": pixel["b"], "g": pixel["g"], "b": pixel["r"]}
    return dict(pixel)


@cocotb.test()
async def reset_is_active_low(dut):
    tb = Testbench(dut)
    assert [(r.name, r.active_low, r.asynchronous) for r in tb.info.resets] == [("rst_n", True, True)]
    tb.zero_inputs()
    dut.p.value = Pixel.pack(r=1, g=2, b=3)
    tb.start_clocks()
    await tb.cycles(2)
    await tb.reset()
    await Timer(1, unit="ns")
    assert int(dut.rst_n.value) == 1 and Pixel.unpack(dut.q.value) == {"r": 0, "g": 0, "b": 0}
    await FallingEdge(tb.clock)
    assert Pixel.unpack(dut.q.value) == {"r": 0, "g": 0, "b": 0}  # the reset was held low until now
    await FallingEdge(tb.clock)
    assert Pixel.unpack(dut.q.value) == {"r": 1, "g": 2, "b": 3}  # one edge after the release


@cocotb.test()
async def transforms_pixels(dut):
    tb = Testbench(dut)
    tb.zero_inputs()
    tb.start_clocks()
    await tb.reset()
    rng = random.Random(3)
    for _ in range(20):
        pixel = {name: rng.getrandbits(8) for name in ("r", "g", "b")}
        op = rng.choice(["KEEP", "INVERT", "SWAP"])
        await FallingEdge(tb.clock)
        dut.p.value = Pixel.pack(pixel)
        dut.op.value = Op.pack(op)
        await FallingEdge(tb.clock)
        assert Pixel.unpack(dut.q.value) == transform(pixel, op), op


@cocotb.test()
async def loads_memory(dut):
    tb = Testbench(dut)
    tb.zero_inputs()
    words = [(7 * i + 5) % 256 for i in range(16)]
    tb.load_memory("lut", words)
    for address in (0, 5, 15, 9):
        dut.lut_addr.value = address
        await Timer(1, unit="ns")
        assert int(dut.lut_data.value) == words[address]
    tb.load_memory("lut", [0xAA], start=9)
    await Timer(1, unit="ns")
    assert int(dut.lut_data.value) == 0xAA
