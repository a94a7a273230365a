"""``@final`` blocks: run once when the simulation ends (Icarus), lint-clean, against a Python model.

The design counts enabled clock edges (synchronous reset); its final block
prints the count, and a second line only when the count exceeds a threshold.
The model computes what the final lines must say from the stimulus alone.
"""

from __future__ import annotations

import random
import subprocess
from pathlib import Path

import pytest
import simulate
from simulate import Interface, build, lint, tools_available, vector_lines

import loom
from loom import Generator, always_ff, display, final, posedge

THRESHOLD = 20


class Tally(Generator):
    def __init__(self) -> None:
        super().__init__("Tally")
        self.clk = self.clock("clk")
        self.rst = self.input("rst")
        self.inc = self.input("inc")
        self.q = self.output("q", 8)
        self.n = self.var("n", 8)
        self.wire(self.q, self.n)

    @always_ff((posedge, "clk"))
    def count(self) -> None:
        if self.rst:
            self.n = 0
        elif self.inc:
            self.n = self.n + 1

    @final
    def report(self) -> None:
        doubled = self.n + self.n
        display("final n=%0d doubled=%0d", self.n, doubled)
        if self.n > THRESHOLD:
            display("final over threshold")


def expected_final_lines(stimulus: list[dict[str, int]]) -> list[str]:
    n = 0
    for values in stimulus:  # one rising edge per cycle
        n = 0 if values["rst"] else (n + values["inc"]) % 256
    lines = [f"final n={n} doubled={2 * n % 256}"]
    return lines + (["final over threshold"] if n > THRESHOLD else [])


@pytest.mark.skipif(not tools_available(), reason="needs verilator, iverilog and vvp")
@pytest.mark.parametrize("seed, cycles", [(1, 12), (2, 60)])
def test_final_block_prints_at_the_end(tmp_path: Path, seed: int, cycles: int) -> None:
    rng = random.Random(seed)
    stimulus = [{"rst": int(c == 0), "inc": int(rng.random() < 0.7)} for c in range(cycles)]
    generator = Tally()
    files = build(generator, tmp_path / "rtl")
    text = files[0].read_text()
    assert "final begin" in text and "loom_final" not in text and "initial" not in text
    lint(files, "Tally")
    interface = Interface.of(generator)
    (tmp_path / "stimulus.hex").write_text("\n".join(vector_lines(interface, stimulus)) + "\n")
    (tmp_path / "tb.sv").write_text(simulate.testbench_source(interface, "stimulus.hex", cycles))
    compiled = subprocess.run(["iverilog", "-g2012", "-s", "tb", "-o", "sim.vvp", "tb.sv", *map(str, files)],
                              capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert compiled.returncode == 0, compiled.stdout + compiled.stderr
    run = subprocess.run(["vvp", "-n", "sim.vvp"], capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert run.returncode == 0, run.stdout + run.stderr
    lines = run.stdout.splitlines()
    finals = [line for line in lines if line.startswith("final")]
    assert finals == expected_final_lines(stimulus)
    assert lines.index(finals[0]) > max(i for i, line in enumerate(lines) if line.startswith("@"))


def test_final_block_cannot_assign_a_var() -> None:
    class Bad(Generator):
        def __init__(self) -> None:
            super().__init__("Bad")
            self.o = self.output("o", 8)

        @final
        def report(self) -> None:
            self.o = 1

    with pytest.raises(loom.ElaborationError, match="a final block cannot assign"):
        Bad()
