"""An output that is an absent conditional input, once ``canonicalize`` runs before the lowering (issue 11).

Found by pass equivalence (random design 40, ``canonicalize`` alone): ``o = i.sext(33).r_and()`` of a
one-bit input is ``i`` itself, and canonicalize folds it so. In a variant where ``i`` does not exist
(``when=MODE``, ``MODE = 0``) ``loom-specialize`` ties the input to zero and erases it, but built the new
output list (another output is absent too) from the operands it had read before the tie: Python crashed
with a segfault. The output now
reads the zero. Simulated against a model: the absent input reads as 0.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from simulate import check_against_model, random_stimulus, tools_available

from loom import Generator

pytestmark = pytest.mark.skipif(not tools_available(), reason="needs verilator and iverilog")


class Maybe(Generator):
    """``o`` is ``i`` (an input that exists when ``MODE`` is non-zero) by way of ``sext`` and ``r_and``; ``p``
    (when ``MODE`` is 3) is ``~o``: a variant without ``p`` builds a new output list."""

    def __init__(self, is_clone: bool = False) -> None:
        super().__init__("Maybe", is_clone=is_clone)
        mode = self.param("MODE", 1, width=2)
        i = self.input("i", 1, when=mode)
        o = self.output("o", 1)
        o.assign(i.sext(33).r_and())
        self.output("p", 1, when=mode == 3).assign(~o)


class Both(Generator):
    """``a`` from a child without ``i`` (0), ``b`` from one with ``i = x``."""

    def __init__(self) -> None:
        super().__init__("Both")
        x = self.input("x", 1)
        without = self.add_child("u0", Maybe.create(), params={"MODE": 0})
        with_input = self.add_child("u1", Maybe.create(), i=x, params={"MODE": 1})
        self.output("a", 1).assign(without.o)
        self.output("b", 1).assign(with_input.o)


def test_an_output_folded_to_an_absent_input_reads_zero(tmp_path: Path) -> None:
    top = Both()
    check_against_model(top, lambda inputs: {"a": 0, "b": inputs["x"]}, random_stimulus(top, 8, seed=4), tmp_path,
                        passes="canonicalize", default_passes=False)
