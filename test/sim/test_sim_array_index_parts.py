"""A part of an array element chosen by a signal index (``a[i][2:1]``), continuous and procedural, in Icarus.

Found by the random-design fuzzer (loom.tools.fuzz): Icarus could not elaborate the
``a[i][2:1]`` ExportVerilog printed ("A reference to a wire or reg is not allowed in a
constant expression"); ``lower-data-types`` now selects the parts first.
"""

from __future__ import annotations

from pathlib import Path
from typing import Mapping

import pytest
from simulate import Values, check_against_model, random_stimulus, tools_available

from loom import Array, Generator, always_comb

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
