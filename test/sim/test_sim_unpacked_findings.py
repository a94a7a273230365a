"""What the random designs found once they had unpacked arrays (issue 11), reduced, simulated and linted.

- ``SharedSource``: a value assigned to one element of an unpacked array and read elsewhere, also by
  another element's driver. ExportVerilog made the other readers read the element
  (``assign g[0] = g[1] ^ a[1]``), and Verilator saw the array feed itself (UNOPTFLAT; random design 115).
  ``wire-unpacked-element-sources`` gives the value a wire of its own.
- ``SharedPortLine``: a child whose unpacked output follows an output of the same element width.
  ExportVerilog shared one declaration, ``output [4:0] o0, o1[0:4],``, which Icarus 11 cannot parse
  (random design 209); a design with unpacked ports now gets one declaration per port.

The models are written from these descriptions.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from simulate import check_against_model, random_stimulus, tools_available

from loom import Generator, UnpackedArray, concat

pytestmark = pytest.mark.skipif(not tools_available(), reason="needs verilator and iverilog")


class SharedSource(Generator):
    """``g[0] = a[0] ^ a[1]``, ``g[1] = a[0]``, ``g[2] = a[2]``; ``o = {g[2], g[1], g[0]}``, ``p = a[0] & a[3]``."""

    def __init__(self) -> None:
        super().__init__("SharedSource")
        a = self.input("a", 4)
        g = self.var("g", UnpackedArray(1, 3))
        g[0].assign(a[0] ^ a[1])
        g[1].assign(a[0])
        g[2].assign(a[2])
        self.output("o", 3).assign(concat(g[2], g[1], g[0]))
        self.output("p", 1).assign(a[0] & a[3])


def shared_source_model(inputs: dict[str, int]) -> dict[str, int | None]:
    bit = [inputs["a"] >> k & 1 for k in range(4)]
    return {"o": bit[2] << 2 | bit[0] << 1 | (bit[0] ^ bit[1]), "p": bit[0] & bit[3]}


def test_a_value_shared_with_an_unpacked_element_lints_clean(tmp_path: Path) -> None:
    top = SharedSource()
    files = check_against_model(top, shared_source_model, random_stimulus(top, 32, seed=1), tmp_path)
    text = files[0].read_text()
    assert "g[2'h0] = g[" not in text  # no element reads another element of its own array


class Lanes(Generator):
    """``o0`` = ``x``; ``o1[k]`` = ``x + k`` for k in 0..4 (5-bit elements, like ``o0``)."""

    def __init__(self) -> None:
        super().__init__("Lanes")
        x = self.input("x", 5)
        self.output("o0", 5).assign(x)
        o1 = self.output("o1", UnpackedArray(5, 5))
        for k in range(5):
            o1[k].assign(x + k)


class SharedPortLine(Generator):
    """``s`` = ``o0 ^ o1[4]``, ``e`` = ``o1[i]`` (``i`` 3 bits: 5..7 are past the end, don't care)."""

    def __init__(self) -> None:
        super().__init__("SharedPortLine")
        x, i = self.input("x", 5), self.input("i", 3)
        lanes = self.var("lanes", UnpackedArray(5, 5))
        child = self.add_child("u", Lanes(), x=x, o1=lanes)
        self.output("s", 5).assign(child.o0 ^ lanes[4])
        self.output("e", 5).assign(lanes[i])


def shared_port_line_model(inputs: dict[str, int]) -> dict[str, int | None]:
    x, i = inputs["x"], inputs["i"]
    lanes = [(x + k) & 0x1F for k in range(5)]
    return {"s": x ^ lanes[4], "e": lanes[i] if i < 5 else None}


def test_an_unpacked_port_after_a_port_of_its_element_type_simulates(tmp_path: Path) -> None:
    top = SharedPortLine()
    files = check_against_model(top, shared_port_line_model, random_stimulus(top, 40, seed=2), tmp_path)
    child = next(path.read_text() for path in files if path.stem == "Lanes")
    assert "output [4:0] o1[0:4]" in " ".join(child.split())  # its own declaration
