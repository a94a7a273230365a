"""Expressions read only in part, and comparisons with an always-zero side, emit -Wall clean (issue 11).

Found by the random designs: ExportVerilog spilled an expression read through a
slice into a ``_GEN`` wire, and verilator -Wall reported its unread bits
(UNUSEDSIGNAL, 513 of 2,000 designs); a comparison with a ``var`` that is always
zero (seed 1721) was reported as constant (UNSIGNED). ``narrow-partly-read-values``
and ``fold-constant-comparisons`` (docs/ir-conventions.md) now keep such designs
clean with no waiver. Each output below is one shape; the design is linted,
simulated against Python arithmetic written from the expressions, and proven
equal (yosys) to the same design lowered without the two passes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Mapping

import pytest
from simulate import check_against_model, random_stimulus, tools_available

import loom
from loom import Generator, concat, mux
from loom.lowering import pipelines
from loom.lowering.prove import prove, yosys_available

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not tools_available(), reason="needs verilator and iverilog")]

NEW_PASSES = ("fold-constant-comparisons", "narrow-partly-read-values")


class PartlyRead(Generator):
    def __init__(self) -> None:
        super().__init__("PartlyRead")
        a, b = self.input("a", 8), self.input("b", 8)
        s, c = self.input("s", 1), self.input("c", 1)
        total = a + b
        self.output("sum_top", 3).assign(total[7:5])  # needs the carries of bits 4:0
        product = a * b
        self.output("product_low", 4).assign(product[3:0])
        self.output("product_mid", 2).assign(product[5:4])
        both = a & b
        self.output("and_mid", 4).assign(both[5:2])
        self.output("and_top", 1).assign(both[7])
        inverted = ~a  # an xor with all ones that carries a flag: the pushed xor keeps it (seed 1487 crashed)
        self.output("not_mid", 4).assign(inverted[5:2])
        self.output("not_top", 1).assign(inverted[7])
        picked = mux(s, concat(a, b), b.replicate(2))
        self.output("mux_slice", 6).assign(picked[10:5])
        self.output("shift_slice", 3).assign((a >> b[2:0])[4:2])
        difference = a.zext(12) - b.zext(12)
        self.output("borrow", 4).assign(difference[11:8])
        # seed 1721: `18 < c.zext(5)` is always false, so v is always 0 and the 33-bit comparison always true
        v = self.var("v", 5)
        v.assign((-14 < c.zext(5)).zext(5))
        a28 = a.sext(28)
        wide = concat(v, a28)
        self.output("v_out", 5).assign(v)
        self.output("always_true", 1).assign(wide <= concat(wide[12:8], a28))


def model(inputs: Mapping[str, int]) -> dict[str, int | None]:
    a, b, s, c = inputs["a"], inputs["b"], inputs["s"], inputs["c"]
    bits = lambda value, high, low: (value >> low) & ((1 << (high - low + 1)) - 1)  # noqa: E731
    picked = ((a << 8) | b) if s else ((b << 8) | b)
    v = int(18 < c)
    a28 = a | (0xFFFFF00 if a >> 7 else 0)
    wide = (v << 28) | a28
    return {
        "sum_top": bits(a + b, 7, 5), "product_low": bits(a * b, 3, 0), "product_mid": bits(a * b, 5, 4),
        "and_mid": bits(a & b, 5, 2), "and_top": bits(a & b, 7, 7), "not_mid": bits(~a, 5, 2), "not_top": bits(~a, 7, 7), "mux_slice": bits(picked, 10, 5),
        "shift_slice": bits(a >> (b & 7), 4, 2), "borrow": bits(a - b, 11, 8), "v_out": v,
        "always_true": int(wide <= ((bits(wide, 12, 8) << 28) | a28)),
    }


def test_partly_read_expressions_lint_clean_and_simulate(tmp_path: Path) -> None:
    stimulus = random_stimulus(PartlyRead(), 200, seed=21)
    files = check_against_model(PartlyRead(), model, stimulus, tmp_path)
    text = "".join(path.read_text() for path in files)
    assert "_partly_unused" in text  # the sum's carries and the shift are still computed whole
    assert "assign and_mid = a[5:2] & b[5:2];" in text  # the select went into the and


@pytest.mark.skipif(not yosys_available(), reason="needs yosys")
def test_the_passes_preserve_behaviour(monkeypatch: pytest.MonkeyPatch) -> None:
    gate = loom.verilog(PartlyRead(), emit_locations=False)
    monkeypatch.setattr(pipelines, "CLEANUP", tuple(p for p in pipelines.CLEANUP if p not in NEW_PASSES))
    gold = loom.verilog(PartlyRead(), emit_locations=False)
    assert gold != gate
    assert prove(gold, gate, "PartlyRead").equivalent
