"""An always_comb that assigns a default and then overrides it simulates in Icarus (issue 11).

Found by the random designs (Icarus "never finished" 17 of 2,000 of them). The
smallest design that still hung is below: ``pick`` assigns ``t`` a default and
then one of two values, ``spread`` reads ``t`` in another ``always_comb``, and
the first leaf's check output feeds the second leaf. Icarus 11 re-ran the
blocks forever within one time step. ``write-comb-variables-once`` makes
``pick`` assign ``t`` once per run, from a working copy ``t_comb``. Simulated
against a Python model and linted clean; the copy is checked in the text, and two
examples are proven (yosys) equal with and without the copies.

Packed aggregates hang Icarus the same way (random designs 197, 310, 388, 1230
and 1913): ``AggregateLeaf`` below, a struct or a packed array assigned whole and
then a field or an element, in the same chain, hung before the pass also gave
those a copy.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from simulate import check_against_model, load_example, random_stimulus, tools_available

import loom
from loom import Array, Generator, Struct, always_comb, concat
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


PAIR = Struct("Pair", [("hi", 2), ("lo", 2)])
ROW = Array(2, 2)


class AggregateLeaf(Generator):
    """``t`` is ``a``, its low half replaced by ``a``'s high half when ``s`` (a struct's ``lo`` field or a
    packed array's element 0); ``u`` copies ``t`` in another block; ``chk`` is the parity of s, t and u."""

    def __init__(self, kind: str) -> None:
        super().__init__(f"Leaf_{kind}")
        self.kind = kind
        self.s = self.input("s", 1)
        self.a = self.input("a", 4)
        self.t = self.var("t", PAIR if kind == "struct" else ROW)
        self.u = self.var("u", 4)
        self.output("chk", 1).assign(concat(self.s, self.t.bits(), self.u).r_xor())
        self.output("t_out", 4).assign(self.t.bits())

    @always_comb
    def pick(self) -> None:
        self.t = (PAIR if self.kind == "struct" else ROW).from_bits(self.a)
        if self.s:
            if self.kind == "struct":
                self.t.lo = self.a[3:2]
            else:
                self.t[0] = self.a[3:2]

    @always_comb
    def spread(self) -> None:
        self.u = self.t.bits()


class AggregateChain(Generator):
    def __init__(self, kind: str) -> None:
        super().__init__(f"Chain_{kind}")
        s, a = self.input("s", 1), self.input("a", 4)
        first = self.add_child("first", AggregateLeaf(kind), s=s, a=a)
        second = self.add_child("second", AggregateLeaf(kind), s=first.chk, a=a)
        self.output("t0", 4).assign(first.t_out)
        self.output("t1", 4).assign(second.t_out)
        self.output("chk", 1).assign(second.chk)


def aggregate_model(inputs: dict[str, int]) -> dict[str, int | None]:
    def leaf(s: int) -> tuple[int, int]:
        a = inputs["a"]
        t = (a & 0b1100) | (a >> 2) if s else a  # the low two bits (field lo, element 0) take a[3:2]
        return t, s  # u equals t, so t's and u's bits cancel in the parity
    t0, chk0 = leaf(inputs["s"])
    t1, chk1 = leaf(chk0)
    return {"t0": t0, "t1": t1, "chk": chk1}


@pytest.mark.parametrize("kind", ["struct", "array"])
def test_aggregate_default_then_override_simulates(kind: str, tmp_path: Path) -> None:
    stimulus = random_stimulus(AggregateChain(kind), 64, seed=7)
    files = check_against_model(AggregateChain(kind), aggregate_model, stimulus, tmp_path)
    leaf = next(path.read_text() for path in files if path.stem == f"Leaf_{kind}")
    assert "t = t_comb;" in leaf


@pytest.mark.skipif(not yosys_available(), reason="needs yosys")
def test_aggregate_copies_preserve_behaviour(monkeypatch: pytest.MonkeyPatch) -> None:
    """The struct chain, proven equal with and without the copies (yosys 0.23 cannot read the packed array's
    ``logic [1:0][1:0]``: that one is checked by the simulation above)."""
    gate = loom.verilog(AggregateChain("struct"), emit_locations=False)
    monkeypatch.setattr(pipelines, "CLEANUP", tuple(p for p in pipelines.CLEANUP if p != "write-comb-variables-once"))
    gold = loom.verilog(AggregateChain("struct"), emit_locations=False)
    assert gold != gate
    assert prove(gold, gate, "Chain_struct").equivalent


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
