"""A ``match`` without ``case _`` survives copying a design (issue 11: it did not re-parse).

The empty default region of its ``sv.case`` printed as ``{}`` and parsed back
without a block, so ``Design.verilog()``, edits followed by ``verilog()``,
and ``prove=True`` failed. Copies now go through MLIR bytecode. Simulated after
an edit against a Python model; proven with yosys where it is installed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from simulate import Interface, compare, lint, random_stimulus, simulate, tools_available

import loom
from loom import Design, Generator, always_comb
from loom.lowering.prove import yosys_available

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not tools_available(), reason="needs verilator and iverilog")]


class Pick(Generator):
    """``o`` is ``a`` for s == 0, ``~a`` for s == 1, else 5: a match with no default arm."""

    def __init__(self) -> None:
        super().__init__("Pick")
        self.s = self.input("s", 2)
        self.a = self.input("a", 4)
        self.o = self.output("o", 4)

    @always_comb
    def body(self) -> None:
        self.o = 5
        match self.s:
            case 0:
                self.o = self.a
            case 1:
                self.o = ~self.a


class Top(Generator):
    def __init__(self) -> None:
        super().__init__("Top")
        s = self.input("s", 2)
        a = self.input("a", 4)
        left = self.add_child("left", Pick(), s=s, a=a)
        right = self.add_child("right", Pick(), s=s, a=a ^ 0xF)
        self.output("o", 4).assign(left.o)
        self.output("p", 4).assign(right.o)


def pick(s: int, a: int) -> int:
    return a if s == 0 else (~a & 0xF if s == 1 else 5)


def test_match_without_default_after_an_edit(tmp_path: Path) -> None:
    design = Design(Top())
    design.set_attribute("right", "dont_touch", "1")  # a variant of Pick for one instance: a copied body
    files = design.emit(tmp_path / "rtl", emit_locations=False)
    lint(files, "Top")
    interface = Interface.of(Top())
    stimulus = random_stimulus(interface, 40, seed=8)
    assert len(design.modules) == 3
    expected = [{"o": pick(s["s"], s["a"]), "p": pick(s["s"], s["a"] ^ 0xF)} for s in stimulus]
    compare(simulate(files, interface, stimulus, tmp_path / "sim"), expected, stimulus)


@pytest.mark.skipif(not yosys_available(), reason="needs yosys")
def test_match_without_default_proves() -> None:
    sources = loom.verilog(Top(), prove=True, emit_locations=False)
    assert "Pick" in sources
