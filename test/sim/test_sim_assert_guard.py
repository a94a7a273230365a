"""``assert_`` is simulation-only: Icarus reports a failing assertion, and with ``SYNTHESIS`` defined it is gone."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from simulate import build, lint, tools_available

from loom import Generator, always_comb, assert_

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not tools_available(), reason="needs verilator and iverilog")]

BENCH = """`timescale 1ns/1ps
module tb;
  logic [7:0] a;
  wire [7:0] y;
  Checked dut(.a(a), .y(y));
  initial begin
    a = 8'd1; #1;
    a = 8'd3; #1;
    $display("done y=%0d", y);
    $finish;
  end
endmodule
"""


class Checked(Generator):
    def __init__(self) -> None:
        super().__init__("Checked")
        self.a = self.input("a", 8)
        self.y = self.output("y", 8)

    @always_comb
    def check(self) -> None:
        self.y = self.a
        assert_(self.a != 3, "a is %0d", self.a)


def _simulate(files: list[Path], work: Path, defines: list[str]) -> str:
    bench = work / "tb.sv"
    bench.write_text(BENCH)
    binary = work / f"sim{len(defines)}.vvp"
    subprocess.run(["iverilog", "-g2012", *defines, "-s", "tb", "-o", str(binary), str(bench), *map(str, files)],
                   check=True, capture_output=True, timeout=60)
    return subprocess.run(["vvp", "-n", str(binary)], capture_output=True, text=True, timeout=60).stdout


def test_assertion_runs_in_simulation_only(tmp_path: Path) -> None:
    files = build(Checked(), tmp_path / "rtl")
    text = files[0].read_text()
    assert "`ifndef SYNTHESIS" in text and text.index("`ifndef SYNTHESIS") < text.index("assert(")
    lint(files, "Checked")
    simulated = _simulate(files, tmp_path, [])
    assert "a is 3" in simulated and "done y=3" in simulated
    synthesis = _simulate(files, tmp_path, ["-DSYNTHESIS"])
    assert "a is 3" not in synthesis and "done y=3" in synthesis
