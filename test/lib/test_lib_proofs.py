"""Safety properties of FIFOs and arbiters, proved for every input sequence with yosys (temporal induction).

Simulation samples behaviours; these properties hold in every reachable
state. Each case wraps the component's SystemVerilog in a module with one
output ``ok`` (the property) and asks yosys's SAT solver to prove ``ok == 1``
in every cycle after a reset in cycle 1 (``sat -tempinduct``: a base case
from reset and an induction step of growing length). ``-verify`` makes a
failed proof an error, and one test checks that a false property does fail.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

import loom
from bench import sim
from loom import Generator
from loom.lib import FixedPriorityArbiter, RoundRobinArbiter, SyncFifo

pytestmark = pytest.mark.skipif(shutil.which("yosys") is None, reason="needs yosys")

ONE_GRANT = "((grant & (grant - 1'b1)) == 0) && ((grant & ~req) == 0) && (grant_valid == (grant != 0))"


def wrapper(generator: Generator, present: list[str], prop: str) -> str:
    """``module prove``: every port of ``generator`` (``present``: not removed by a condition) as a port or a
    wire, and ``ok = prop``."""
    inputs = [p for p in generator.port_list if p.direction == "in" and p.name in present]
    outputs = [p for p in generator.port_list if p.direction == "out" and p.name in present]
    names = {p.name for p in inputs}
    header = ["input clk", "input rst"] + [f"input [{sim.bit_count(p.width) - 1}:0] {p.name}"
                                           for p in inputs if p.name not in ("clk", "rst")]
    lines = [f"module prove({', '.join(header)}, output ok);"]
    lines += [f"  wire [{sim.bit_count(p.width) - 1}:0] {p.name};" for p in outputs]
    connections = ", ".join(f".{p.name}({p.name})" for p in inputs + outputs)
    lines.append(f"  {generator.name} dut ({connections});")
    unused = [n for n in ("clk", "rst") if n not in names]
    lines.append(f"  assign ok = {prop}{''.join(f' || ({n} && !{n})' for n in unused)};")
    lines.append("endmodule")
    return "\n".join(lines) + "\n"


def prove(generator: Generator, prop: str, work_dir: Path, max_steps: int = 12) -> subprocess.CompletedProcess:
    files = loom.emit(generator, work_dir, emit_locations=False)
    top = next(f for f in files if f.stem == generator.name)
    present = sim.port_names(top.read_text(), generator.name)
    (work_dir / "prove.sv").write_text(wrapper(generator, present, prop))
    script = (f"read_verilog -sv {' '.join(map(str, files))} {work_dir / 'prove.sv'}; prep -top prove; memory;"
              f" flatten; opt -fast; sat -tempinduct -prove ok 1 -set-at 1 rst 1 -seq 1 -maxsteps {max_steps} -verify")
    return subprocess.run(["yosys", "-q", "-p", script], capture_output=True, text=True, timeout=120)


CASES = {
    "fifo5": (lambda: SyncFifo.create(payload=4, depth=5),
              "count <= 5 && enq_ready == (count != 5) && deq_valid == (count != 0)"),
    "fifo4std": (lambda: SyncFifo.create(payload=4, depth=4, fwft=False, almost_full=3),
                 "count <= 4 && enq_ready == (count != 4) && empty == (count == 0) && almost_full == (count >= 3)"),
    "rr4lock": (lambda: RoundRobinArbiter.create(n=4, lock=True), ONE_GRANT),
    "rr5": (lambda: RoundRobinArbiter.create(n=5), ONE_GRANT),
    "fp6": (lambda: FixedPriorityArbiter.create(n=6), ONE_GRANT),
    "fp3lock": (lambda: FixedPriorityArbiter.create(n=3, lock=True), ONE_GRANT),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_property_holds(name: str, tmp_path: Path) -> None:
    make, prop = CASES[name]
    result = prove(make(), prop, tmp_path)
    assert result.returncode == 0, f"yosys could not prove {prop}:\n{result.stdout[-3000:]}{result.stderr[-3000:]}"


def test_a_false_property_fails(tmp_path: Path) -> None:
    """A FIFO of 5 words does reach 5: claiming ``count <= 4`` must fail (the proofs are not vacuous)."""
    result = prove(SyncFifo.create(payload=4, depth=5), "count <= 4", tmp_path)
    assert result.returncode != 0 and "proof did fail" in result.stderr
