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

Unpacked arrays too (random designs 10205 and 10707): ``UnpackedLeaf`` below writes every element of
``t``, then one by a signal index and element 1 again; ``spread`` reads ``t`` in another block; in the
same chain Icarus re-ran both leaves' blocks forever at the first input change, though what ``pick`` reads
(``s``, ``i``, ``a``) stayed put. Verilator settles on the same text. The copy ``t_comb`` is assigned back
element by element (Icarus cannot assign an unpacked array whole).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from simulate import check_against_model, load_example, random_stimulus, tools_available

import loom
from loom import Array, Generator, Struct, UnpackedArray, always_comb, concat
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
    """Two leaves made by ``leaf``, the first one's ``chk`` as the second one's ``s``, the other inputs
    (``widths``, in order after ``s``) shared; ``t0``/``t1`` are the leaves' ``t_out`` (``width`` bits)."""

    def __init__(self, name: str, leaf: Callable[[], Generator], width: int, widths: dict[str, int]) -> None:
        super().__init__(name)
        s = self.input("s", 1)
        shared = {port: self.input(port, bits) for port, bits in widths.items()}
        first = self.add_child("first", leaf(), s=s, **shared)
        second = self.add_child("second", leaf(), s=first.chk, **shared)
        self.output("t0", width).assign(first.t_out)
        self.output("t1", width).assign(second.t_out)
        self.output("chk", 1).assign(second.chk)


Model = Callable[[dict[str, int]], dict[str, int | None]]


def chained(leaf: Callable[[dict[str, int], int], tuple[int, int]]) -> Model:
    """The model of a ``Chain`` from that of a leaf: ``leaf(inputs, s) -> (t_out, chk)``."""

    def model(inputs: dict[str, int]) -> dict[str, int | None]:
        t0, chk0 = leaf(inputs, inputs["s"])
        t1, chk1 = leaf(inputs, chk0)
        return {"t0": t0, "t1": t1, "chk": chk1}

    return model


def leaf_model(inputs: dict[str, int], s: int) -> tuple[int, int]:
    t = inputs["g"] if s else inputs["r"]
    return t, s ^ t ^ t  # u = 001 when t: parity of (s, t, u) is s ^ t ^ t


def chain() -> Chain:
    return Chain("Chain", Leaf, 1, {"g": 1, "r": 1})


def test_default_then_override_simulates(tmp_path: Path) -> None:
    stimulus = random_stimulus(chain(), 64, seed=5)
    files = check_against_model(chain(), chained(leaf_model), stimulus, tmp_path)
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


def aggregate_chain(kind: str) -> Chain:
    return Chain(f"Chain_{kind}", lambda: AggregateLeaf(kind), 4, {"a": 4})


def aggregate_leaf_model(inputs: dict[str, int], s: int) -> tuple[int, int]:
    a = inputs["a"]
    t = (a & 0b1100) | (a >> 2) if s else a  # the low two bits (field lo, element 0) take a[3:2]
    return t, s  # u equals t, so t's and u's bits cancel in the parity


@pytest.mark.parametrize("kind", ["struct", "array"])
def test_aggregate_default_then_override_simulates(kind: str, tmp_path: Path) -> None:
    stimulus = random_stimulus(aggregate_chain(kind), 64, seed=7)
    files = check_against_model(aggregate_chain(kind), chained(aggregate_leaf_model), stimulus, tmp_path)
    leaf = next(path.read_text() for path in files if path.stem == f"Leaf_{kind}")
    assert "t = t_comb;" in leaf


ELEMENTS = UnpackedArray(2, 4)


class UnpackedLeaf(Generator):
    """``t`` holds four copies of ``a``, element ``i`` inverted when ``s``, then element 1 is ``i``; ``u``
    is ``t``'s elements concatenated (element 3 highest) in another block; ``chk`` the parity of s, t and
    u."""

    def __init__(self) -> None:
        super().__init__("UnpackedLeaf")
        self.s, self.i, self.a = self.input("s", 1), self.input("i", 2), self.input("a", 2)
        self.t = self.var("t", ELEMENTS)
        self.u = self.var("u", 8)
        elements = concat(self.t[3], self.t[2], self.t[1], self.t[0])
        self.output("chk", 1).assign(concat(self.s, elements, self.u).r_xor())
        self.output("t_out", 8).assign(elements)

    @always_comb
    def pick(self) -> None:
        for k in range(4):
            self.t[k] = self.a
        if self.s:
            self.t[self.i] = ~self.a
        self.t[1] = self.i

    @always_comb
    def spread(self) -> None:
        self.u = concat(self.t[3], self.t[2], self.t[1], self.t[0])


def unpacked_chain() -> Chain:
    return Chain("UnpackedChain", UnpackedLeaf, 8, {"i": 2, "a": 2})


def unpacked_leaf_model(inputs: dict[str, int], s: int) -> tuple[int, int]:
    t = [inputs["a"]] * 4
    if s:
        t[inputs["i"]] = ~inputs["a"] & 3
    t[1] = inputs["i"]
    return sum(e << (2 * k) for k, e in enumerate(t)), s  # u equals t: their bits cancel in the parity


def test_unpacked_default_then_override_simulates(tmp_path: Path) -> None:
    stimulus = random_stimulus(unpacked_chain(), 64, seed=9)
    files = check_against_model(unpacked_chain(), chained(unpacked_leaf_model), stimulus, tmp_path)
    leaf = next(path.read_text() for path in files if path.stem == "UnpackedLeaf")
    assert all(f"t[2'h{k}] = t_comb[2'h{k}];" in leaf for k in range(4))


@pytest.mark.skipif(not yosys_available(), reason="needs yosys")
def test_aggregate_copies_preserve_behaviour(monkeypatch: pytest.MonkeyPatch) -> None:
    """The struct chain, proven equal with and without the copies (yosys 0.23 cannot read the packed array's
    ``logic [1:0][1:0]``: that one is checked by the simulation above)."""
    gate = loom.verilog(aggregate_chain("struct"), emit_locations=False)
    monkeypatch.setattr(pipelines, "CLEANUP", tuple(p for p in pipelines.CLEANUP if p != "write-comb-variables-once"))
    gold = loom.verilog(aggregate_chain("struct"), emit_locations=False)
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
