"""Arithmetic on a kept parameter inside a concatenation (keep_parameters=True), in Icarus.

Found by the random-design fuzzer (loom.tools.fuzz): ``canonicalize`` folded
``P - x``'s constant part into the parameter expression ``P0 + 1``, which
ExportVerilog printed with an unsized ``1``; inside a concatenation Icarus refused
it ("Concatenation operand has indefinite width") and verilator reported
WIDTHCONCAT. ``lower-data-types`` computes such expressions with comb ops again.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest
from simulate import Values, check_against_model, random_stimulus, tools_available

from loom import Generator, concat, const

pytestmark = pytest.mark.skipif(not tools_available(), reason="verilator/iverilog not installed")


class Offset(Generator):
    """``o = {x, P0 - 7}`` (canonicalize folds it to ``P0 + 1``), ``q = x + P0``; P0 kept as a parameter."""

    def __init__(self, is_clone: bool = False):
        super().__init__("Offset", is_clone=is_clone)
        p0 = self.param("P0", 5, width=3)
        x = self.input("x", 3)
        self.output("o", 6).assign(concat(x, p0 - const(7, 3)))
        self.output("q", 3).assign(x + p0)


class Top(Generator):
    def __init__(self):
        super().__init__("OffsetTop")
        x = self.input("x", 3)
        self.add_child("u0", Offset.create(), params={"P0": 6}, x=x, o=self.output("a", 6), q=self.output("c", 3))
        self.add_child("u1", Offset.create(), x=x, o=self.output("b", 6), q=self.output("d", 3))


def model(inputs: Mapping[str, int]) -> Values:
    x = inputs["x"]
    return {"a": x << 3 | (6 - 7) % 8, "b": x << 3 | (5 - 7) % 8, "c": (x + 6) % 8, "d": (x + 5) % 8}


def test_kept_parameter_arithmetic_in_a_concatenation(tmp_path: Path) -> None:
    top = Top()
    check_against_model(top, model, random_stimulus(top, 30, seed=1), tmp_path, keep_parameters=True)


class Flags(Generator):
    """``o = {x, ~F}`` for a 1-bit parameter ``F``: canonicalize folds the inversion into the parameter
    expression ``F ^ true`` (a 1-bit constant prints as a word, which was left unsized: random design 1579);
    ``p`` is the 4-bit array ``{x, ~F}`` read at ``i``, the form the random design had."""

    def __init__(self, is_clone: bool = False):
        super().__init__("Flags", is_clone=is_clone)
        flag = self.param("F", 0, width=1)
        x = self.input("x", 3)
        i = self.input("i", 2)
        self.output("o", 4).assign(concat(x, ~(x.r_and() & 0 | flag)))
        self.output("p", 1).assign(concat(x, ~(x.r_and() & 0 | flag))[i])


class FlagsTop(Generator):
    def __init__(self):
        super().__init__("FlagsTop")
        x = self.input("x", 3)
        i = self.input("i", 2)
        self.add_child("u0", Flags.create(), params={"F": 1}, x=x, i=i, o=self.output("a", 4), p=self.output("c", 1))
        self.add_child("u1", Flags.create(), x=x, i=i, o=self.output("b", 4), p=self.output("d", 1))


def flags_model(inputs: Mapping[str, int]) -> Values:
    x, i = inputs["x"], inputs["i"]
    a, b = x << 1 | 0, x << 1 | 1  # u0: F = 1, u1: F = 0 (the default)
    return {"a": a, "b": b, "c": a >> i & 1, "d": b >> i & 1}


def test_kept_one_bit_parameter_inverted_in_a_concatenation(tmp_path: Path) -> None:
    top = FlagsTop()
    check_against_model(top, flags_model, random_stimulus(top, 30, seed=2), tmp_path, keep_parameters=True)
