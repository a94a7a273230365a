"""``tie_output`` on outputs driven from procedural blocks leaves no unread logic behind (issue 11).

Tying an output that an ``always_comb`` (or an ``always_ff``) drove used to keep
the block and its variable, now unread: verilator -Wall reported UNUSEDSIGNAL on
the variant. The edit's dead-logic sweep now sees through variables and the
blocks that only write them. A block that still drives a live output stays, and
inputs only the removed logic read are dropped from the variant. Simulated
against a Python model (one edited instance, one not) and linted clean.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from simulate import Interface, compare, lint, random_stimulus, reset_first, simulate, tools_available

from loom import Design, Generator, always_comb, always_ff, posedge

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not tools_available(), reason="needs verilator and iverilog")]


class Leaf(Generator):
    """``o``: a + c, or b when a is odd (always_comb); ``p``: a ^ b; ``q``: a register summing b."""

    def __init__(self) -> None:
        super().__init__("Leaf")
        self.clk = self.clock("clk")
        self.rst = self.reset("rst")
        self.a = self.input("a", 4)
        self.b = self.input("b", 4)
        self.c = self.input("c", 4)
        self.t = self.var("t", 4)
        self.x = self.var("x", 4)
        self.r = self.var("r", 4)
        self.output("o", 4).assign(self.t)
        self.output("p", 4).assign(self.x)
        self.output("q", 4).assign(self.r)

    @always_comb
    def pick(self) -> None:
        self.t = self.a + self.c
        if self.a[0]:
            self.t = self.b

    @always_comb
    def mix(self) -> None:
        self.x = self.a ^ self.b

    @always_ff((posedge, "clk"))
    def total(self) -> None:
        if self.rst:
            self.r = 0
        else:
            self.r = self.r + self.b


class Top(Generator):
    def __init__(self) -> None:
        super().__init__("Top")
        clk = self.clock("clk")
        rst = self.reset("rst")
        a, b, c = (self.input(name, 4) for name in "abc")
        for name in ("u0", "u1"):
            leaf = self.add_child(name, Leaf(), clk=clk, rst=rst, a=a, b=b, c=c)
            for port in "opq":
                self.output(f"{name}_{port}", 4).assign(getattr(leaf, port))


def model(stimulus: list[dict[str, int]]) -> list[dict[str, int | None]]:
    """u0 with o tied to 5 and q tied to 9; u1 as written. Outputs are seen before each cycle's clock edge
    (the register is unknown until the first reset)."""
    expected: list[dict[str, int | None]] = []
    total: int | None = None
    for values in stimulus:
        a, b, c = values["a"], values["b"], values["c"]
        o = b if a & 1 else (a + c) & 0xF
        expected.append({"u0_o": 5, "u0_p": a ^ b, "u0_q": 9, "u1_o": o, "u1_p": a ^ b, "u1_q": total})
        total = 0 if values["rst"] else None if total is None else (total + b) & 0xF
    return expected


def test_tied_outputs_of_procedural_blocks_leave_nothing_unread(tmp_path: Path) -> None:
    design = Design(Top())
    design.tie_output("u0", "o", 5)
    design.tie_output("u0", "q", 9)
    files = design.emit(tmp_path / "rtl", emit_locations=False)
    lint(files, "Top")
    variant = next(path.read_text() for path in files if path.stem not in ("Top", "Leaf"))
    assert "always" not in variant.replace("always_comb", "", 1)  # only the block driving p is left
    assert "input  [3:0] c" not in variant and "clk" not in variant  # inputs only the removed logic read
    interface = Interface.of(Top())
    stimulus = random_stimulus(interface, 60, seed=11, overrides={"rst": reset_first(0.1)})
    compare(simulate(files, interface, stimulus, tmp_path / "sim"), model(stimulus), stimulus)
