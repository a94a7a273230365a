"""Stimulus and a batch testbench: many random designs in one Icarus Verilog run.

Each design gets a testbench module ``tb_<top>`` that reads its own vector file;
all of them are compiled together (``iverilog -s tb_a -s tb_b ...``) and run as one
simulation, since starting Icarus costs far more than simulating 100 cycles.
A vector holds, most significant first: one tick bit per clock after the first
(the first clock ticks every cycle), then every input including resets.

Cycle ``i``: apply vector ``i`` with the clocks low, wait, print every output
(``@<top> <i> <hex>...``), raise the ticking clocks together, lower them.
"""

from __future__ import annotations

import random
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .describe import DesignDesc, Port

Values = dict[str, int | None]


@dataclass
class Bench:
    """One design's stimulus: per cycle, the input values and the set of clocks that tick."""

    design: DesignDesc
    inputs: list[dict[str, int]]
    ticks: list[set[str]]

    @property
    def name(self) -> str:
        return self.design.top.name


def random_bench(design: DesignDesc, cycles: int, seed: int) -> Bench:
    """Resets asserted in cycle 0 (every clock ticks then) and with 5 % chance later; data uniformly random."""
    rng = random.Random(seed)
    top = design.top
    inputs, ticks = [], []
    for cycle in range(cycles):
        values = {}
        for reset in top.resets:
            active = cycle == 0 or rng.random() < 0.05
            values[reset.name] = int(active != reset.active_low)
        for port in top.inputs:
            values[port.name] = rng.getrandbits(port.width)
        inputs.append(values)
        ticks.append(set(top.clocks[:1]) | {c for c in top.clocks[1:] if cycle == 0 or rng.random() < 0.5})
    return Bench(design, inputs, ticks)


def packed_ports(design: DesignDesc) -> list[Port]:
    top = design.top
    return ([Port(f"tick_{c}", 1) for c in top.clocks[1:]] + [Port(r.name, 1) for r in top.resets]
            + list(top.inputs))


def vector_file(bench: Bench) -> str:
    ports = packed_ports(bench.design)
    digits = max(1, (sum(p.width for p in ports) + 3) // 4)
    lines = []
    for values, ticking in zip(bench.inputs, bench.ticks, strict=True):
        word = 0
        for port in ports:
            value = int(port.name[5:] in ticking) if port.name.startswith("tick_") else values[port.name]
            word = (word << port.width) | value
        lines.append(f"{word:0{digits}x}")
    return "\n".join(lines) + "\n"


def testbench(bench: Bench, vectors: str) -> str:
    top = bench.design.top
    ports = packed_ports(bench.design)
    outputs = [port for port, _ in top.outputs]
    cycles = len(bench.inputs)
    lines = ["`timescale 1ns/1ps", f"module tb_{top.name};"]
    lines += [f"  logic {c} = 1'b0;" for c in top.clocks]
    lines += [f"  logic [{p.width - 1}:0] {p.name};" for p in ports]
    lines += [f"  wire [{p.width - 1}:0] {p.name};" for p in outputs]
    total = sum(p.width for p in ports)
    lines.append(f"  logic [{total - 1}:0] vectors [0:{cycles - 1}];")
    connections = list(top.clocks) + [r.name for r in top.resets] + [p.name for p in top.inputs] \
        + [p.name for p in outputs]
    lines.append(f"  {top.name} dut ({', '.join(f'.{c}({c})' for c in connections)});")
    lines += ["  integer cycle;", "  initial begin", f'    $readmemh("{vectors}", vectors);', "    #1;",
              f"    for (cycle = 0; cycle < {cycles}; cycle = cycle + 1) begin",
              f"      {{{', '.join(p.name for p in ports)}}} = vectors[cycle];", "      #1;"]
    formats = " ".join("%h" for _ in outputs)
    lines.append(f'      $display("@{top.name} %0d {formats}", cycle{"".join(f", {p.name}" for p in outputs)});')
    rising = ", ".join(["1'b1"] + [f"tick_{c}" for c in top.clocks[1:]])
    falling = ", ".join("1'b0" for _ in top.clocks)
    clocks = ", ".join(top.clocks)
    if top.clocks:
        lines.append(f"      {{{clocks}}} = {{{rising}}}; #1; {{{clocks}}} = {{{falling}}};")
    lines += ["    end", "  end", "endmodule", ""]
    return "\n".join(lines)


HANG = "simulation hangs"


def run_icarus(benches: Sequence[Bench], files: Sequence[Path], work_dir: Path,
               timeout: float = 60) -> tuple[dict[str, list[Values]], str]:
    """Compile every bench with ``files`` and simulate; returns outputs per top and the compiler's complaint."""
    work_dir.mkdir(parents=True, exist_ok=True)
    benches_sv = []
    for bench in benches:
        vectors = f"{bench.name}.hex"
        (work_dir / vectors).write_text(vector_file(bench))
        path = work_dir / f"tb_{bench.name}.sv"
        path.write_text(testbench(bench, vectors))
        benches_sv.append(path)
    roots = [arg for bench in benches for arg in ("-s", f"tb_{bench.name}")]
    binary = work_dir / "sim.vvp"
    compiled = subprocess.run(["iverilog", "-g2012", *roots, "-o", str(binary), *map(str, benches_sv),
                               *map(str, files)], capture_output=True, text=True, timeout=timeout)
    if compiled.returncode != 0:
        return {}, compiled.stdout + compiled.stderr
    try:
        run = subprocess.run(["vvp", "-n", binary.name], capture_output=True, text=True, cwd=work_dir,
                             timeout=timeout)
    except subprocess.TimeoutExpired:
        return {}, f"{HANG}: vvp did not finish within {timeout:.0f} s"
    results: dict[str, list[Values]] = {bench.name: [] for bench in benches}
    outputs = {bench.name: [p.name for p, _ in bench.design.top.outputs] for bench in benches}
    for line in run.stdout.splitlines():
        fields = line.split()
        if not fields or not fields[0].startswith("@") or fields[0][1:] not in results:
            continue
        name = fields[0][1:]
        results[name].append({port: _hex(text) for port, text in zip(outputs[name], fields[2:], strict=True)})
    return results, "" if run.returncode == 0 else run.stdout + run.stderr


def _hex(text: str) -> int | None:
    try:
        return int(text, 16)
    except ValueError:
        return None
