"""A parent that reads its children's inputs (frontend/instances.py ``read_input``), simulated.

Reading a child's input in the parent reads the net connected to it. Before, the writer emitted the child's
output in its place (or crashed): each read below is checked against a model written from the description.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from simulate import check_against_model, random_stimulus, tools_available

from loom import Generator

pytestmark = pytest.mark.skipif(not tools_available(), reason="needs verilator and iverilog")


class Scale(Generator):
    """``o0 = a + 3`` and ``o1 = a * 2`` (8 bits, wrapping): neither output equals ``a``."""

    def __init__(self) -> None:
        super().__init__("Scale")
        a = self.input("a", 8)
        self.output("o0", 8).assign(a + 3)
        self.output("o1", 8).assign(a + a)


class Readers(Generator):
    """``u.a = x ^ y``; ``v.a = u.a`` (another instance fed from u's input); ``w.a`` connected after it is read, to
    ``y``; ``k.a = 7``. Outputs: ``in_u = u.a``, ``sum = v.a + w.a + k.a``, ``via = v.o1``, ``late = w.a``,
    ``mix = u.o0 ^ v.a``."""

    def __init__(self) -> None:
        super().__init__("Readers")
        x, y = self.input("x", 8), self.input("y", 8)
        u = self.add_child("u", Scale(), a=x ^ y)
        v = self.add_child("v", Scale(), a=u.a)
        w = self.add_child("w", Scale())
        k = self.add_child("k", Scale(), a=7)
        self.output("in_u", 8).assign(u.a)
        self.output("sum", 8).assign(v.a + w.a + k.a)
        self.output("via", 8).assign(v.o1)
        self.output("late", 8).assign(w.a)
        self.output("mix", 8).assign(u.o0 ^ v.a)
        w.a.assign(y)  # after the reads


def model(inputs: dict[str, int]) -> dict[str, int]:
    x, y = inputs["x"], inputs["y"]
    net = x ^ y
    return {"in_u": net, "sum": (net + y + 7) % 256, "via": (2 * net) % 256, "late": y, "mix": ((net + 3) % 256) ^ net}


def test_a_parent_reading_its_childrens_inputs_reads_their_nets(tmp_path: Path) -> None:
    top = Readers()
    check_against_model(top, model, random_stimulus(top, 40, seed=11), tmp_path)
