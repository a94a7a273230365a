"""Two cocotb tests for the counter example, one of which fails on purpose (the SimulationError test)."""

import cocotb

from loom.sim import Testbench


@cocotb.test()
async def passes(dut):
    Testbench(dut).start_clocks()


@cocotb.test()
async def fails(dut):
    assert 1 + 1 == 3, "arithmetic is broken on purpose"
