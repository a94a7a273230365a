"""Child outputs the parent leaves unconnected: the SystemVerilog is ``verilator -Wall`` clean, no waivers.

Every subset of a child's outputs is left open in one instance each (struct,
multi-bit and 1-bit outputs, two instances of one module, a parameterised
child), and the connected outputs are checked in simulation against a model.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import combinations
from pathlib import Path

import pytest
from simulate import Values, check_against_model, random_stimulus, tools_available

import loom
from loom import Generator, Struct

pytestmark = pytest.mark.skipif(not tools_available(), reason="verilator/iverilog not installed")

PAIR = Struct("open_pair_t", [("hi", 2), ("lo", 2)])
OUTPUTS = ("o", "q", "s", "w")


class Child(Generator):
    """``o = i + 1``, ``q = i[0]``, ``s = {hi: i[3:2], lo: i[1:0] ^ 1}``, ``w = i ^ K``."""

    def __init__(self) -> None:
        super().__init__("OpenChild")
        k = self.param("K", 3, width=4)
        i = self.input("i", 4)
        self.output("o", 4).assign(i + 1)
        self.output("q").assign(i[0])
        s = self.output("s", PAIR)
        s.hi.assign(i[3:2])
        s.lo.assign(i[1:0] ^ 1)
        self.output("w", 4).assign(i ^ k)


def child_model(i: int, k: int) -> dict[str, int]:
    return {"o": (i + 1) % 16, "q": i & 1, "s": (i & 0b1100) | ((i & 3) ^ 1), "w": i ^ k}


SUBSETS = [kept for n in range(len(OUTPUTS) + 1) for kept in combinations(OUTPUTS, n)]


class Parent(Generator):
    """Instance ``u<n>`` connects only the outputs in ``SUBSETS[n]`` (K = n), each to ``u<n>_<port>``."""

    def __init__(self) -> None:
        super().__init__("OpenParent")
        a = self.input("a", 4)
        for index, kept in enumerate(SUBSETS):
            widths = {"o": 4, "q": 1, "s": PAIR, "w": 4}
            connections = {port: self.output(f"u{index}_{port}", widths[port]) for port in kept}
            self.add_child(f"u{index}", Child(), params={"K": index % 16}, i=a, **connections)


def test_unconnected_outputs_lint_clean_and_simulate(tmp_path: Path) -> None:
    def model(v: Mapping[str, int]) -> Values:
        values: Values = {}
        for index, kept in enumerate(SUBSETS):
            outputs = child_model(v["a"], index % 16)
            values.update({f"u{index}_{port}": outputs[port] for port in kept})
        return values

    top = Parent()
    files = check_against_model(top, model, random_stimulus(top, 32, seed=2), tmp_path)
    text = "".join(f.read_text() for f in files)
    assert "/* unused */" not in text and "u0_o_unused" in text


def test_unused_output_wire_name(tmp_path: Path) -> None:
    """Only the open outputs get a wire; the name says which instance and port."""

    class Top(Generator):
        def __init__(self) -> None:
            super().__init__("OpenTop")
            a = self.input("a", 4)
            self.add_child("left", Child(), i=a, o=self.output("y", 4), q=self.output("b"),
                           s=self.output("s", PAIR))

    text = loom.verilog(Top(), emit_locations=False)["OpenTop"]
    assert ".w (left_w_unused)" in text and "wire [3:0] left_w_unused;" in text
    assert "left_o_unused" not in text
