"""fold-constant-comparisons on many decided comparisons: every one folded, in a few walks, not one walk each.

The pass once folded one comparison per walk of the design, so a design with N decided comparisons cost N
walks (quadratic). Here every ``{4'h0, b} > 18`` is false whatever ``b`` is (``{4'h0, b}`` is at most 1), so
each mux of the chain keeps its else input and the output is ``y`` itself.
"""

from __future__ import annotations

import pytest
from circt import ir

from loom.dialect.context import new_context
from loom.lowering.pipeline import run_pipeline
from loom.lowering.rewrites import common

COUNT = 400


def _chain(count: int) -> str:
    """``o = c_{n-1} ? a : (... (c_0 ? a : y))`` where every ``c_i`` is ``{4'h0, b} > 18`` (always false).

    Each step also computes ``d_i = {4'h0, b} < 20`` (always true) and reads it only in the mux input never
    chosen: folding ``c_i`` erases ``d_i`` before the pass reaches it.
    """
    lines = ["hw.module @chain(in %b: i1, in %a: i5, in %y: i5, out o: i5) {",
             "  %zero = hw.constant 0 : i4", "  %c18 = hw.constant 18 : i5", "  %c20 = hw.constant 20 : i5",
             "  %z = comb.concat %zero, %b : i4, i1", "  %m_0 = hw.wire %y : i5"]
    for index in range(count):
        lines += [f"  %c_{index} = comb.icmp ugt %z, %c18 : i5",
                  f"  %d_{index} = comb.icmp ult %z, %c20 : i5",
                  f"  %e_{index} = comb.replicate %d_{index} : (i1) -> i5",
                  f"  %x_{index} = comb.xor %e_{index}, %a : i5",
                  f"  %m_{index + 1} = comb.mux %c_{index}, %x_{index}, %m_{index} : i5"]
    lines += [f"  hw.output %m_{count} : i5", "}"]
    return "\n".join(lines)


def test_many_decided_comparisons_fold_in_a_few_walks(monkeypatch: pytest.MonkeyPatch) -> None:
    walks: list[list[str]] = []
    collect = common.collect  # the pass's walks, and the one that finds whether it has work (reused by it)

    def counted(root: ir.Operation, names: list[str]) -> list[ir.Operation]:
        walks.append(list(names))
        return collect(root, names)

    monkeypatch.setattr(common, "collect", counted)
    with new_context():
        module = ir.Module.parse(_chain(COUNT))
        run_pipeline(module.operation, "fold-constant-comparisons")
        text = str(module)
    assert "comb.icmp" not in text
    assert "comb.mux" not in text
    assert "comb.xor" not in text  # only the untaken mux inputs read it
    assert "%m_0 = hw.wire %y" in text and "hw.output %m_0 : i5" in text
    comparison_walks = [names for names in walks if "comb.icmp" in names]
    assert len(comparison_walks) <= 3, f"{len(comparison_walks)} walks for {COUNT} decided comparisons"
