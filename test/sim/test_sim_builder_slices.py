"""The kratos statement builder with bit and slice destinations (``assign(o[0], a[3])``), simulated.

Issue 11 item 6: a bit or slice of an output, var or register as the destination
of ``loom.assign`` used to raise a raw AttributeError. The design below writes
single bits and slices in an ``always_comb`` (under ``If``/``Switch``) and in an
``always_ff``; the model is written from this description, not from loom's output.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from simulate import check_against_model, random_stimulus, tools_available

from loom import Generator, If, Switch, assign, posedge

needs_tools = pytest.mark.skipif(not tools_available(), reason="needs verilator, iverilog and vvp")


class SliceBuilder(Generator):
    """``o``: bit 0 is a[3], bits 3:1 are a[2:0] when s[0] else b[2:0]; bits 7:4 pick a nibble by s.
    ``q``: a register whose high nibble takes b and low nibble takes a at each edge."""

    def __init__(self) -> None:
        super().__init__()
        clk = self.clock()
        a = self.input("a", 4)
        b = self.input("b", 4)
        s = self.input("s", 2)
        o = self.output("o", 8)
        q = self.output("q", 8)
        comb = self.combinational()
        comb.add_stmt(assign(o, 0), assign(o[0], a[3]))
        comb.add_stmt(If(s[0]).then_(assign(o[3:1], a[2:0])).else_(assign(o[3, 1], b[2:0])))
        comb.add_stmt(Switch(s).case(0, assign(o[7:4], a)).case(1, assign(o[7:4], b))
                      .default_(assign(o[7:4], a ^ b)))
        r = self.var("r", 8)
        self.sequential((posedge, clk)).add_stmt(assign(r[7:4], b), assign(r[3:0], a))
        q.assign(r)


class SliceModel:
    def __init__(self) -> None:
        self.r: int | None = None

    def step(self, inputs: dict[str, int]) -> dict[str, int | None]:
        a, b, s = inputs["a"], inputs["b"], inputs["s"]
        low = (a & 0x7) if s & 1 else (b & 0x7)
        high = a if s == 0 else b if s == 1 else a ^ b
        outputs = {"o": (high << 4) | (low << 1) | (a >> 3), "q": self.r}
        self.r = (b << 4) | a
        return outputs


@needs_tools
def test_builder_bit_and_slice_destinations(tmp_path: Path) -> None:
    design = SliceBuilder()
    check_against_model(design, SliceModel().step, random_stimulus(design, 120, seed=11), tmp_path)
