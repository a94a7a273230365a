"""A parent that reads its children's inputs (frontend/instances.py ``read_input``), simulated.

Reading a child's input in the parent reads the net connected to it. Before, the writer emitted the child's
output in its place (or crashed): each read below is checked against a model written from the description.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from simulate import check_against_model, random_stimulus, tools_available

from loom import Generator, always_comb

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


class StorageReaders(Generator):
    """``u.a = x + 1`` assigned in an ``always_comb`` block, which also sets ``z = u.a``; ``v.a`` driven slice by
    slice (``x``'s low half; ``y``'s halves XORed, high). Outputs: ``z``, ``q = v.a``, ``r = u.a + v.a``,
    ``s = u.o1 ^ v.o0``."""

    def __init__(self) -> None:
        super().__init__("StorageReaders")
        x, y = self.input("x", 8), self.input("y", 8)
        self.u = self.add_child("u", Scale())
        v = self.add_child("v", Scale())
        v.a[3:0].assign(x[3:0])
        v.a[7:4].assign(y[7:4] ^ y[3:0])
        self.z = self.output("z", 8)
        self.add_always(self.drive_u)
        self.output("q", 8).assign(v.a)
        self.output("r", 8).assign(self.u.a + v.a)
        self.output("s", 8).assign(self.u.o1 ^ v.o0)

    @always_comb
    def drive_u(self) -> None:
        self.u.a = self.ports.x + 1
        self.z = self.u.a


def storage_model(inputs: dict[str, int]) -> dict[str, int]:
    x, y = inputs["x"], inputs["y"]
    u_net, v_net = (x + 1) % 256, (x & 0x0F) | (((y >> 4) ^ (y & 0x0F)) << 4)
    return {"z": u_net, "q": v_net, "r": (u_net + v_net) % 256, "s": ((2 * u_net) % 256) ^ ((v_net + 3) % 256)}


def test_inputs_driven_in_a_block_or_slice_by_slice_read_their_nets(tmp_path: Path) -> None:
    top = StorageReaders()
    check_against_model(top, storage_model, random_stimulus(top, 40, seed=12), tmp_path)
