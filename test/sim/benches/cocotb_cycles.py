"""Cycle-by-cycle checking of a design against a Python model, for the cocotb benches in this folder.

The convention of ``test/sim/simulate.py``: in cycle ``i`` the bench applies
the inputs just after a falling clock edge, lets the logic settle (1 ns),
compares every output with ``model(inputs)`` -- which returns the outputs for
this cycle and then updates the model's state for the coming rising edge --
and moves on. ``None`` from the model means "don't care".
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from typing import Any

from cocotb.triggers import FallingEdge, Timer

from loom.sim import Testbench

Model = Callable[[Mapping[str, int]], Mapping[str, "int | None"]]
Stimulus = Callable[[random.Random, int], Mapping[str, int]]


def read(handle: Any) -> int | None:
    """The integer value of a signal, None while it has x or z bits."""
    value = handle.value
    return int(value) if value.is_resolvable else None


async def check_cycles(tb: Testbench, model: Model, stimulus: Stimulus, cycles: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    for cycle in range(cycles):
        if tb.info.clocks:
            await FallingEdge(tb.clock)
        inputs = stimulus(rng, cycle)
        for name, value in inputs.items():
            getattr(tb.dut, name).value = value
        await Timer(1, unit="ns")
        for name, want in model(inputs).items():
            if want is None:
                continue
            got = read(getattr(tb.dut, name))
            assert got == want, f"cycle {cycle}: {name} is {got}, expected {want} (inputs {dict(inputs)})"
        if not tb.info.clocks:
            await Timer(9, unit="ns")


async def start(dut: Any) -> Testbench:
    """A testbench with its clocks running, every data input 0 and the resets applied."""
    tb = Testbench(dut)
    tb.zero_inputs()
    if tb.info.clocks:
        tb.start_clocks()
    if tb.info.resets:
        await tb.reset()
    return tb
