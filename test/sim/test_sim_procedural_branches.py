"""Procedural corner cases that once built invalid IR: ``match`` without ``case _``, empty branches, and an
always_comb driving the inputs of two children that share port names. Each is simulated against a model."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

import pytest
from circt import ir
from simulate import Values, check_against_model, random_stimulus, tools_available

import loom
from loom import Generator, always_comb
from loom.dialect import new_context
from loom.dialect.printing import print_ir

pytestmark = pytest.mark.skipif(not tools_available(), reason="verilator/iverilog not installed")


class MatchWithoutDefault(Generator):
    """``o`` gets 9 first, then a ``match`` with no ``case _``: no latch, as every path assigns ``o``."""

    def __init__(self) -> None:
        super().__init__("MatchWithoutDefault")
        self.s = self.input("s", 2)
        self.a = self.input("a", 4)
        self.o = self.output("o", 4)
        self.p = self.output("p", 4)

    @always_comb
    def select(self):
        self.o = 9
        match self.s:
            case 0:
                self.o = self.a
            case 2 | 3:
                self.o = self.a ^ 3

    @always_comb
    def empty_branches(self):
        self.p = 1
        match self.s:
            case 1:
                pass
            case _:
                self.p = self.a
        if self.a == 0:
            pass
        else:
            self.p = self.p + 1


def test_match_without_default_and_empty_branches(tmp_path: Path) -> None:
    def model(v: Mapping[str, int]) -> Values:
        o = {0: v["a"], 1: 9, 2: v["a"] ^ 3, 3: v["a"] ^ 3}[v["s"]]
        p = 1 if v["s"] == 1 else v["a"]
        return {"o": o, "p": p if v["a"] == 0 else (p + 1) % 16}

    top = MatchWithoutDefault()
    files = check_against_model(top, model, random_stimulus(top, 100, seed=3), tmp_path)
    # No `case _`: an empty default, which verilator -Wall wants (CASEINCOMPLETE).
    assert re.search(r"default: begin\s+end", files[0].read_text())


def test_match_without_default_and_empty_branches_parse_back() -> None:
    # MLIR prints an empty block as `{}`, which sv.case (unlike sv.if) reads back as a region without a block
    # and rejects; `str(Design)` fed to loom-opt failed on every match without `case _`.
    text = loom.ir(MatchWithoutDefault())
    assert text.count("^bb0:\n") >= 2
    with new_context():
        reparsed = ir.Module.parse(text)
        assert print_ir(reparsed.operation) == text


class LatchingMatch(Generator):
    def __init__(self) -> None:
        super().__init__("LatchingMatch")
        self.s = self.input("s", 2)
        self.o = self.output("o", 4)

    @always_comb
    def select(self):
        match self.s:
            case 0:
                self.o = 1
            case 1:
                self.o = 2


def test_match_without_default_that_latches_is_reported() -> None:
    with pytest.raises(loom.PassFailedError) as caught:
        loom.verilog(LatchingMatch())
    text = str(caught.value)
    assert "'o' is not assigned on every path" in text and "not assigned in case 3 of this case" in text
    assert f"{Path(__file__).name}:" in text


class Leaf(Generator):
    def __init__(self) -> None:
        super().__init__("BranchLeaf")
        i = self.input("i", 4)
        self.output("o", 4).assign(i + 1)


class TwoChildren(Generator):
    """One always_comb drives input ``i`` of two instances of the same child."""

    def __init__(self) -> None:
        super().__init__("TwoChildren")
        self.a = self.input("a", 4)
        self.u0 = self.add_child("u0", Leaf(), o=self.output("o0", 4))
        self.u1 = self.add_child("u1", Leaf(), o=self.output("o1", 4))
        self.u0_i = self.var("u0_i", 4)  # the name the emitter would pick first: it must step aside
        self.u0_i.assign(self.a)
        self.output("v", 4).assign(self.u0_i)

    @always_comb
    def drive(self):
        self.u0.i = self.a
        self.u1.i = self.a ^ 5


def test_always_comb_drives_inputs_of_two_children(tmp_path: Path) -> None:
    def model(v: Mapping[str, int]) -> Values:
        return {"o0": (v["a"] + 1) % 16, "o1": ((v["a"] ^ 5) + 1) % 16, "v": v["a"]}

    top = TwoChildren()
    check_against_model(top, model, random_stimulus(top, 40, seed=5), tmp_path)
