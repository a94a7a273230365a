"""A port whose width is an identity parameter takes each instance's identity value, not the default.

The frontend made an instance's ports from the child's parameters alone, so ``self.input("a", W)`` with
``W`` an identity parameter had the default width in every instance: the parent could not connect the
width the instance really has (``cannot assign 5-bit expression to 3-bit input``), and loom-verify rejected
the width the frontend wanted. Simulated against a model written from the docstrings below, specialised and
with ``keep_parameters``.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from simulate import Interface, PortSpec, build, compare, lint, simulate, tools_available

from loom import Generator, concat

WIDTHS = (3, 5, 8)


class Lane(Generator):
    """``o = a + b``, all ``W`` bits wide; ``W`` is an identity parameter (default 3)."""

    def __init__(self) -> None:
        super().__init__("Lane")
        width = self.param("W", 3, width=8, identity=True)
        a = self.input("a", width)
        b = self.input("b", width)
        self.output("o", width).assign(a + b)


class Lanes(Generator):
    """One ``Lane`` per width of ``WIDTHS``, each fed the low bits of ``a`` and the high bits of ``b``; ``o``
    concatenates their outputs (the first lane's most significant)."""

    def __init__(self) -> None:
        super().__init__("Lanes")
        a = self.input("a", 8)
        b = self.input("b", 8)
        lane = Lane()
        outputs = []
        for number, width in enumerate(WIDTHS):
            out = self.var(f"o{number}", width)
            self.add_child(f"lane_{number}", lane, identity={"W": width}, a=a[width - 1:0], b=b[7:8 - width],
                           o=out)
            outputs.append(out)
        self.output("o", sum(WIDTHS)).assign(concat(*outputs))


def model(a: int, b: int) -> dict[str, int | None]:
    result = 0
    for width in WIDTHS:
        result = result << width | ((a + (b >> (8 - width))) & ((1 << width) - 1))
    return {"o": result}


@pytest.mark.skipif(not tools_available(), reason="needs verilator and iverilog")
@pytest.mark.parametrize("keep", [False, True], ids=["specialised", "keep-parameters"])
def test_each_lane_has_its_own_width(tmp_path: Path, keep: bool) -> None:
    files = build(Lanes(), tmp_path / "rtl", keep_parameters=keep)
    lint(files, "Lanes")
    interface = Interface("Lanes", (PortSpec("a", 8), PortSpec("b", 8)), (PortSpec("o", sum(WIDTHS)),), None)
    rng = random.Random(7)
    stimulus = [{"a": a, "b": b} for a, b in [(0, 0), (0xFF, 0xFF), (0x5A, 0xA5)]]
    stimulus += [{"a": rng.getrandbits(8), "b": rng.getrandbits(8)} for _ in range(12)]
    actual = simulate(files, interface, stimulus, tmp_path / "sim")
    compare(actual, [model(values["a"], values["b"]) for values in stimulus], stimulus)
