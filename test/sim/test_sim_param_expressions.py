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
