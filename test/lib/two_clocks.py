"""Simulating a bench with two unrelated clocks (clock-domain crossings) in Icarus Verilog.

test/sim/simulate.py drives one clock; a crossing needs two whose edges drift
against each other. Here each clock has its own period and phase (7 ns and
10 ns, offset so no two edges coincide) and its own stimulus: at every falling
edge of a clock the inputs of its domain take the next vector. At every rising
edge of either clock the testbench prints the time and the value of every
bench port *before* the edge (what the registers sample). The checks then work
on these logs: events such as "a word was pushed at 123.4 ns" are read off
them and compared with what the crossing promises.
"""

from __future__ import annotations

import random
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench import Bench, Case, Values, sim


@dataclass(frozen=True)
class Clock:
    name: str
    period: float   # ns
    offset: float   # ns before the first rising edge's half period


@dataclass(frozen=True)
class Edge:
    """One rising edge of ``clock``: its number, time and every port's value just before it."""

    clock: str
    cycle: int
    time: float
    values: Values


class Run:
    """The simulated edges of a two-clock bench, with per-case views."""

    def __init__(self, edges: list[Edge]):
        self.edges = edges

    def of(self, case: str, clock: str) -> list[Edge]:
        """The rising edges of ``clock`` with the ports of ``case`` under their own names."""
        prefix = case + "_"
        return [Edge(e.clock, e.cycle, e.time, {k[len(prefix):]: v for k, v in e.values.items()
                                                 if k.startswith(prefix)})
                for e in self.edges if e.clock == clock]


def run(name: str, cases: Sequence[Case], clocks: Sequence[Clock], duration: float, seed: int,
        work_dir: Path) -> Run:
    """Build, lint and simulate the bench for ``duration`` ns; inputs follow each case's ``picks``."""
    bench = Bench(name, cases)
    inputs = [p for p in bench.port_list if p.direction == "in" and not p.is_clock]
    outputs = [p for p in bench.port_list if p.direction == "out"]
    domain: dict[str, str] = {}
    for case in cases:
        for port in inputs:
            if port.name.startswith(case.name + "_"):
                local = port.name[len(case.name) + 1:]
                domain[port.name] = case.domains.get(local, case.clocks.get("clk", "clk"))
    rng = random.Random(seed)
    vectors: dict[str, list[dict[str, int]]] = {}
    for clock in clocks:
        mine = [p for p in inputs if domain[p.name] == clock.name]
        cycles = int(duration / clock.period) + 2
        rows = []
        for cycle in range(cycles):
            row = {}
            for port in mine:
                case = next(c for c in cases if port.name.startswith(c.name + "_"))
                pick = case.picks.get(port.name[len(case.name) + 1:])
                row[port.name] = pick(rng, cycle) if pick else rng.getrandbits(_width(port))
            rows.append(row)
        vectors[clock.name] = rows
    files = sim.build(bench, work_dir / "rtl")
    sim.lint(files, name)
    work_dir.mkdir(parents=True, exist_ok=True)
    for clock in clocks:
        mine = [p for p in inputs if domain[p.name] == clock.name]
        (work_dir / f"{clock.name}.hex").write_text(
            "\n".join(_pack(row, mine) for row in vectors[clock.name]) + "\n")
    (work_dir / "tb.sv").write_text(_testbench(name, clocks, inputs, outputs, domain, duration, vectors))
    binary = work_dir / "sim.vvp"
    compiled = subprocess.run(["iverilog", "-g2012", "-s", "tb", "-o", str(binary), str(work_dir / "tb.sv"),
                               *map(str, files)], capture_output=True, text=True, timeout=60)
    if compiled.returncode != 0:
        raise AssertionError(f"iverilog failed:\n{compiled.stdout}{compiled.stderr}")
    result = subprocess.run(["vvp", "-n", binary.name], capture_output=True, text=True, cwd=work_dir, timeout=120)
    if result.returncode != 0:
        raise AssertionError(f"vvp failed:\n{result.stdout}{result.stderr}")
    names = [p.name for p in inputs + outputs]
    edges = []
    for line in result.stdout.splitlines():
        fields = line.split()
        if len(fields) != 3 + len(names) or fields[0] not in vectors:
            continue
        values = {n: _hex(v) for n, v in zip(names, fields[3:], strict=True)}
        edges.append(Edge(fields[0], int(fields[1]), float(fields[2]), values))
    if not edges:
        raise AssertionError(f"the simulation printed no edges:\n{result.stdout}")
    return Run(edges)


def _width(port: object) -> int:
    width = sim.bit_count(port.width)  # type: ignore[attr-defined]
    assert width is not None
    return width


def _pack(row: dict[str, int], ports: list) -> str:
    word = 0
    for port in ports:
        word = (word << _width(port)) | row[port.name]
    return f"{word:x}"


def _hex(text: str) -> int | None:
    try:
        return int(text, 16)
    except ValueError:
        return None


def _testbench(name: str, clocks: Sequence[Clock], inputs: list, outputs: list, domain: dict[str, str],
               duration: float, vectors: dict[str, list[dict[str, int]]]) -> str:
    lines = ["`timescale 1ns/10ps", "module tb;"]
    for port in inputs:
        lines.append(f"  logic [{_width(port) - 1}:0] {port.name};")
    for port in outputs:
        lines.append(f"  wire [{_width(port) - 1}:0] {port.name};")
    every = inputs + outputs
    formats = " ".join("%h" for _ in every)
    arguments = "".join(f", {p.name}" for p in every)
    for clock in clocks:
        mine = [p for p in inputs if domain[p.name] == clock.name]
        packed = max(1, sum(_width(p) for p in mine))
        cycles = len(vectors[clock.name])
        target = f"{{{', '.join(p.name for p in mine)}}}" if mine else None
        lines += [f"  logic {clock.name} = 1'b0;", f"  integer {clock.name}_cycle = 0;",
                  f"  logic [{packed - 1}:0] {clock.name}_vectors [0:{cycles - 1}];",
                  "  initial begin",
                  f'    $readmemh("{clock.name}.hex", {clock.name}_vectors);',
                  f"    {target} = {clock.name}_vectors[0];" if target else "",
                  f"    #{clock.offset:.2f};",
                  f"    forever #{clock.period / 2:.2f} {clock.name} = ~{clock.name};",
                  "  end",
                  f"  always @(posedge {clock.name})",
                  f'    $display("{clock.name} %0d %0.2f {formats}", {clock.name}_cycle, $realtime{arguments});',
                  f"  always @(negedge {clock.name}) begin",
                  f"    {clock.name}_cycle = {clock.name}_cycle + 1;",
                  f"    if ({clock.name}_cycle < {cycles}) {target} = {clock.name}_vectors[{clock.name}_cycle];"
                  if target else "",
                  "  end"]
    connections = [c.name for c in clocks] + [p.name for p in every]
    lines.append(f"  {name} dut ({', '.join(f'.{c}({c})' for c in connections)});")
    lines += [f"  initial begin #{duration:.2f}; $finish; end", "endmodule", ""]
    return "\n".join(line for line in lines if line)
