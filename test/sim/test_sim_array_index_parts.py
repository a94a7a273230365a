"""A part of an array element chosen by a signal index (``a[i][2:1]``), continuous and procedural, in Icarus.

Found by the random-design fuzzer (loom.tools.fuzz): Icarus could not elaborate the
``a[i][2:1]`` ExportVerilog printed ("A reference to a wire or reg is not allowed in a
constant expression"); ``lower-data-types`` now selects the parts first.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest
from simulate import Values, check_against_model, random_stimulus, tools_available

from loom import Array, Generator, Struct, always_comb

pytestmark = pytest.mark.skipif(not tools_available(), reason="verilator/iverilog not installed")

Row = Array(4, 3)


class IndexedParts(Generator):
    """``o = a[i][2:1]``; ``b`` is bit 0 of element ``i`` (always_comb); an index of 3 is past the end."""

    def __init__(self):
        super().__init__("IndexedParts")
        self.a = self.input("a", Row)
        self.i = self.input("i", 2)
        self.output("o", 2).assign(self.a[self.i][2:1])
        self.b = self.output("b")

    @always_comb
    def pick(self):
        self.b = self.a[self.i][0]


def model(inputs: Mapping[str, int]) -> Values:
    i = inputs["i"]
    if i > 2:
        return {"o": None, "b": None}
    element = inputs["a"] >> 4 * i & 15
    return {"o": element >> 1 & 3, "b": element & 1}


def test_part_of_a_dynamically_indexed_element(tmp_path: Path) -> None:
    top = IndexedParts()
    check_against_model(top, model, random_stimulus(top, 60, seed=3), tmp_path)


Pair = Array(3, 2)


class PairIndex(Generator):
    """A two-element array indexed by an operator's result: read (``o``) and written in an always_comb (``t``)."""

    def __init__(self):
        super().__init__("PairIndex")
        self.a, self.x, self.v = self.input("a", Pair), self.input("x", 2), self.input("v", 3)
        self.output("o", 3).assign(self.a[~self.x[1] | self.x[0]])
        self.t = self.var("t", Pair)
        self.output("w", 6).assign(self.t.bits())

    @always_comb
    def write(self):
        self.t = self.a
        self.t[~self.x[0] | self.x[1]] = self.v


def pair_model(inputs: Mapping[str, int]) -> Values:
    a, x, v = inputs["a"], inputs["x"], inputs["v"]
    read = (~(x >> 1) | x) & 1
    written = (~x | x >> 1) & 1
    return {"o": a >> 3 * read & 7, "w": a & ~(7 << 3 * written) | v << 3 * written}


def test_pair_index_computed_by_an_operator(tmp_path: Path) -> None:
    """verilator -Wall reported WIDTH for a[~x | y] with a 1-bit index; lower-data-types names the index."""
    top = PairIndex()
    check_against_model(top, pair_model, random_stimulus(top, 40, seed=4), tmp_path)


Pixel = Struct("cast_pixel_t", r=4, g=8)


class CastParts(Generator):
    """Fields and elements of values cast from bits, some never read (verilator -Wall reported the cast's
    ``_GEN`` wire as partly unused); a part of a dynamically chosen element of a cast."""

    def __init__(self):
        super().__init__("CastParts")
        x, y, i = self.input("x", 12), self.input("y", 12), self.input("i", 2)
        self.output("r", 4).assign(Pixel.from_bits(x).r)
        self.output("g", 8).assign(Pixel.from_bits(~x).g)
        cells = Row.from_bits(y)
        self.output("e", 4).assign(cells[1])
        self.output("d", 2).assign(cells[i][1:0])
        self.output("h", 2).assign(cells[i][3:2])


def cast_model(inputs: Mapping[str, int]) -> Values:
    x, y, i = inputs["x"], inputs["y"], inputs["i"]
    element = None if i > 2 else y >> 4 * i & 15
    return {"r": x >> 8, "g": ~x & 255, "e": y >> 4 & 15, "d": None if element is None else element & 3,
            "h": None if element is None else element >> 2}


def test_parts_of_casts(tmp_path: Path) -> None:
    top = CastParts()
    check_against_model(top, cast_model, random_stimulus(top, 40, seed=6), tmp_path)
