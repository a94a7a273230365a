"""The top module (and a module marked ``external``) keeps every parameter it declares (kratos parity).

Hand-written SystemVerilog instantiates loom's output with parameters: the
parameters must be in the header even when the body reads none of them, they
must take effect where the body reads them, and the output stays
``verilator -Wall`` clean (an unread parameter gets an ``_unused_`` localparam).
Simulated through a hand-written wrapper that overrides them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from simulate import Interface, PortSpec, build, compare, lint, random_stimulus, simulate, tools_available

from loom import Generator

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not tools_available(), reason="needs verilator and iverilog")]


class Leaf(Generator):
    """``o = a + OFFSET``; ``MODE`` is declared for outside users and read by nothing."""

    def __init__(self, external: bool) -> None:
        super().__init__("Leaf")
        self.param("MODE", 1, width=4)
        offset = self.param("OFFSET", 3, width=8)
        a = self.input("a", 8)
        self.output("o", 8).assign(a + offset)
        self.external = external


class Top(Generator):
    """``o = leaf(a) + OFFSET`` with the leaf's OFFSET set to 2; ``DEPTH`` is read by nothing."""

    def __init__(self, external_leaf: bool) -> None:
        super().__init__("Top")
        self.param("DEPTH", 4, width=8)
        offset = self.param("OFFSET", 3, width=8)
        a = self.input("a", 8)
        child = self.add_child("c", Leaf(external_leaf), params={"OFFSET": 2}, a=a)
        self.output("o", 8).assign(child.o + offset)


WRAPPER = """module Wrap(input [7:0] a, output [7:0] o, output [7:0] direct);
  Top #(.DEPTH(8'd9), .OFFSET(8'd5)) top (.a(a), .o(o));
  {direct}
endmodule
"""


@pytest.mark.parametrize("external_leaf", [False, True])
def test_kept_parameters_take_effect_from_handwritten_verilog(external_leaf: bool, tmp_path: Path) -> None:
    files = build(Top(external_leaf), tmp_path / "rtl")
    lint(files, "Top")
    sources = {f.stem: f.read_text() for f in files}
    assert "parameter [7:0] DEPTH = 4" in sources["Top"] and "_unused_DEPTH = DEPTH" in sources["Top"]
    leaf_params = "parameter [3:0] MODE = 1" in sources["Leaf"]
    assert leaf_params == external_leaf  # an inner module that is not external is specialised as before
    direct = ("Leaf #(.MODE(4'd2), .OFFSET(8'd7)) leaf (.a(a), .o(direct));" if external_leaf
              else "assign direct = a + 8'd7;")
    wrapper = tmp_path / "Wrap.sv"
    wrapper.write_text(WRAPPER.format(direct=direct))
    interface = Interface("Wrap", (PortSpec("a", 8),), (PortSpec("o", 8), PortSpec("direct", 8)), None)
    stimulus = random_stimulus(interface, 24, seed=4)
    expected = [{"o": (s["a"] + 2 + 5) & 0xFF, "direct": (s["a"] + 7) & 0xFF} for s in stimulus]
    compare(simulate([*files, wrapper], interface, stimulus, tmp_path / "sim"), expected, stimulus)
