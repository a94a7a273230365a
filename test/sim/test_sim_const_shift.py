"""A constant shifted by a signal keeps the constant's width (``const(v, 6) >> amount`` is 6 bits).

The frontend resized a constant on the left of any operator to the other operand's width, also for a
shift, whose result has the shifted value's width: ``const(45, 6) >> amount`` with a 3-bit amount was a 3-bit
value (random design 1270 sliced bits [5:2] of it). Simulated against a model written from the docstring.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from simulate import Interface, PortSpec, build, compare, lint, simulate, tools_available

from loom import Generator, const

VALUE = 0b101101


class ConstShift(Generator):
    """``r = VALUE >> n`` and ``l = VALUE << n``, 6 bits each, for a 3-bit amount ``n``; ``s`` is the signed
    amount ``m`` shifting ``VALUE`` right (an amount is unsigned whatever its type says)."""

    def __init__(self) -> None:
        super().__init__("ConstShift")
        n = self.input("n", 3)
        m = self.input("m", 3, signed=True)
        self.output("r", 6).assign(const(VALUE, 6) >> n)
        self.output("l", 6).assign(const(VALUE, 6) << n)
        self.output("s", 6).assign(const(VALUE, 6) >> m)


def model(n: int, m: int) -> dict[str, int | None]:
    return {"r": VALUE >> n, "l": VALUE << n & 0x3F, "s": VALUE >> m}


@pytest.mark.skipif(not tools_available(), reason="needs verilator and iverilog")
def test_a_shifted_constant_keeps_its_width(tmp_path: Path) -> None:
    files = build(ConstShift(), tmp_path / "rtl")
    lint(files, "ConstShift")
    interface = Interface("ConstShift", (PortSpec("n", 3), PortSpec("m", 3)),
                          (PortSpec("r", 6), PortSpec("l", 6), PortSpec("s", 6)), None)
    stimulus = [{"n": n, "m": (n * 3) % 8} for n in range(8)]
    actual = simulate(files, interface, stimulus, tmp_path / "sim")
    compare(actual, [model(v["n"], v["m"]) for v in stimulus], stimulus)
