"""Helpers for cocotb tests that know the design: its clocks, its resets, its memories.

Used inside a cocotb test started by ``loom.sim.run``::

    @cocotb.test()
    async def counts(dut):
        tb = Testbench(dut)
        tb.start_clocks()            # every clock of the top, 10 ns period
        await tb.reset()             # each reset with its own polarity, for 2 cycles
        dut.en.value = 1
        await tb.cycles(5)

The design description comes from the file ``loom.sim.run`` wrote
(``design_info.py``), so a testbench never hard-codes whether ``rst_n`` is
active low or which clock drives the registers.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..dialect.errors import LoomError
from .design_info import DesignInfo

if TYPE_CHECKING:  # cocotb is imported only inside a running simulation
    from cocotb.simtime import TimeUnit


class Testbench:
    """The design under test (``dut``) with what loom knows about it."""

    __test__ = False  # not a pytest test class despite the name

    def __init__(self, dut: Any, info: DesignInfo | None = None):
        self.dut = dut
        self.info = info if info is not None else DesignInfo.from_environment()
        self._clocks: list[Any] = []

    def _handle(self, path: str) -> Any:
        handle = self.dut
        for part in path.split("."):
            try:
                handle = getattr(handle, part)
            except AttributeError:
                raise LoomError(f"{self.info.top} has no signal '{path}' (looked for '{part}')") from None
        return handle

    @property
    def clock(self) -> Any:
        """The handle of the top's first clock."""
        if not self.info.clocks:
            raise LoomError(f"{self.info.top} has no clock input (declare one with self.clock())")
        return self._handle(self.info.clocks[0])

    def start_clocks(self, period: float = 10, unit: TimeUnit = "ns") -> None:
        """Start a free-running clock on every clock input of the top (all with the same period)."""
        from cocotb import start_soon
        from cocotb.clock import Clock

        if not self.info.clocks:
            raise LoomError(f"{self.info.top} has no clock input to start")
        for name in self.info.clocks:
            start_soon(Clock(self._handle(name), period, unit=unit).start())  # type: ignore[arg-type]  # cocotb 2.1: its overloads infer Never for a Task[None]

    def zero_inputs(self) -> None:
        """Drive every data input of the top with 0 (Icarus starts undriven inputs at x)."""
        for name in self.info.inputs:
            self._handle(name).value = 0

    async def cycles(self, count: int = 1) -> None:
        """Wait for ``count`` rising edges of the first clock."""
        from cocotb.triggers import ClockCycles

        await ClockCycles(self.clock, count)

    async def reset(self, cycles: int = 2) -> None:
        """Assert every reset (0 for active-low ones, else 1) for ``cycles`` clock edges, then release them.

        Works for synchronous and asynchronous resets alike: both see the
        reset held across clock edges. Without a clock the resets are held for
        ``cycles`` x 10 ns.
        """
        from cocotb.triggers import Timer

        if not self.info.resets:
            raise LoomError(f"{self.info.top} has no reset input (declare one with self.reset())")
        for reset in self.info.resets:
            self._handle(reset.name).value = reset.asserted
        if self.info.clocks:
            await self.cycles(cycles)
        else:
            await Timer(10 * cycles, unit="ns")
        for reset in self.info.resets:
            self._handle(reset.name).value = 1 - reset.asserted

    def load_memory(self, path: str, values: Sequence[int], start: int = 0) -> None:
        """Write ``values`` into the memory at ``path`` (``"mem"``, or ``"u_fifo.mem"`` below the top) from ``start``.

        Struct or array words are given as integers (``Pixel.pack(...)``).
        """
        memory = self._handle(path)
        try:
            depth = len(memory)
        except TypeError:
            raise LoomError(f"'{path}' in {self.info.top} is not a memory (an unpacked array)") from None
        if start < 0 or start + len(values) > depth:
            raise LoomError(f"memory '{path}' has {depth} words; {len(values)} values from word {start} do not fit")
        low = memory.range.left if memory.range.left <= memory.range.right else memory.range.right
        for offset, value in enumerate(values):
            memory[low + start + offset].value = value
