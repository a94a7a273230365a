"""An always_comb that assigns a default and then overrides it simulates in Icarus (issue 11).

Found by the random designs (Icarus "never finished" 17 of 2,000 of them). The
smallest design that still hung is below: ``pick`` assigns ``t`` a default and
then one of two values, ``spread`` reads ``t`` in another ``always_comb``, and
the first leaf's check output feeds the second leaf. Icarus 11 re-ran the
blocks forever within one time step. ``write-comb-variables-once`` makes
``pick`` assign ``t`` once per run, from a working copy ``t_comb``. Simulated
against a Python model and linted clean; the copy is checked in the text, and two
examples are proven (yosys) equal with and without the copies.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from simulate import check_against_model, load_example, random_stimulus, tools_available

import loom
from loom import Generator, always_comb, concat
from loom.lowering import pipelines
from loom.lowering.prove import prove, yosys_available

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not tools_available(), reason="needs verilator and iverilog")]


class Leaf(Generator):
    """``t`` is ``g`` when ``s`` else ``r``; ``u`` is 1 when ``t``; ``chk`` the parity of s, t and u."""

    def __init__(self) -> None:
        super().__init__("Leaf")
        self.s = self.input("s", 1)
        self.g = self.input("g", 1)
        self.r = self.input("r", 1)
        self.t = self.var("t", 1)
        self.u = self.var("u", 3)
        self.output("chk", 1).assign(concat(self.s, self.t, self.u).r_xor())
        self.output("t_out", 1).assign(self.t)

    @always_comb
    def pick(self) -> None:
        self.t = 0
        if self.s:
            self.t = self.g
        else:
            self.t = self.r

    @always_comb
    def spread(self) -> None:
        self.u = self.t.zext(3)


class Chain(Generator):
    def __init__(self) -> None:
        super().__init__("Chain")
        s, g, r = self.input("s", 1), self.input("g", 1), self.input("r", 1)
        first = self.add_child("first", Leaf(), s=s, g=g, r=r)
        second = self.add_child("second", Leaf(), s=first.chk, g=g, r=r)
        self.output("t0", 1).assign(first.t_out)
        self.output("t1", 1).assign(second.t_out)
        self.output("chk", 1).assign(second.chk)


def model(inputs: dict[str, int]) -> dict[str, int | None]:
    def leaf(s: int) -> tuple[int, int]:
        t = inputs["g"] if s else inputs["r"]
        return t, s ^ t ^ t  # u = 001 when t: parity of (s, t, u) is s ^ t ^ t

    t0, chk0 = leaf(inputs["s"])
    t1, chk1 = leaf(chk0)
    return {"t0": t0, "t1": t1, "chk": chk1}


def test_default_then_override_simulates(tmp_path: Path) -> None:
    stimulus = random_stimulus(Chain(), 64, seed=5)
    files = check_against_model(Chain(), model, stimulus, tmp_path)
    leaf = next(path.read_text() for path in files if path.stem == "Leaf")
    assert "t = t_comb;" in leaf


@pytest.mark.skipif(not yosys_available(), reason="needs yosys")
@pytest.mark.parametrize("example", ["arbiter", "uart_tx"])
def test_the_copies_preserve_behaviour(example: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two examples whose always_comb blocks get copies, proven equal to their SystemVerilog without them."""
    top = load_example(example).top
    gate = loom.verilog(top(), emit_locations=False)
    monkeypatch.setattr(pipelines, "CLEANUP", tuple(p for p in pipelines.CLEANUP if p != "write-comb-variables-once"))
    gold = loom.verilog(top(), emit_locations=False)
    assert gold != gate
    assert prove(gold, gate, top().name).equivalent
