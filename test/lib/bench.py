"""Batched simulation of loom.lib components against Python models.

Building, linting and compiling a design costs far more than simulating it,
so each test file puts all its devices under test into one top-level
``Bench``: every child's ports come out as top-level ports named
``<child>_<port>`` (its clock is the bench's ``clk``), and one build, one
``verilator --lint-only -Wall`` and one Icarus run check them all. Each child
has its own Python model (``step(inputs) -> outputs`` with the child's own port
names, test/sim/simulate.py's cycle convention) and its own random stimulus.

``Case.observe`` is the place for per-cycle properties of the design itself
("never more than one grant, and only to a requester"): it gets every cycle's
inputs and outputs after the simulation and raises AssertionError on a
cycle that breaks one.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from loom import Generator

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "sim"))
import simulate as sim

Values = dict[str, int | None]
Pick = Callable[[random.Random, int], int]


class Model(Protocol):
    def __call__(self, inputs: Mapping[str, int]) -> Values: ...


@dataclass
class Case:
    """One device under test: a child of the bench with its model and how to drive its inputs."""

    name: str
    generator: Generator
    model: Model
    picks: dict[str, Pick] = field(default_factory=dict)
    """Input name -> ``pick(rng, cycle)``; other inputs get uniform random values."""
    params: dict[str, int] = field(default_factory=dict)
    clocks: dict[str, str] = field(default_factory=dict)
    """Child clock port -> bench clock port (default ``clk``): several clocks for clock-domain crossings."""
    domains: dict[str, str] = field(default_factory=dict)
    """Child input -> the bench clock whose cycles drive it (two-clock benches, ``two_clocks.py``)."""
    observe: Callable[[Sequence[Mapping[str, int]], Sequence[Values]], None] | None = None
    """Called with the inputs and the design's outputs of every cycle (the child's port names) after the
    simulation: the place for per-cycle properties of the design itself."""


class Bench(Generator):
    """Every case's generator as a child, with its ports brought out as ``<case>_<port>``."""

    def __init__(self, name: str, cases: Sequence[Case]):
        super().__init__(name)
        clocks: dict[str, object] = {}
        for case in cases:
            instance = self.add_child(case.name, case.generator, params=case.params)
            for port_name, port in instance.ports.items():
                outer = f"{case.name}_{port_name}"
                if port.is_clock:
                    clock = case.clocks.get(port_name, "clk")
                    if clock not in clocks:
                        clocks[clock] = self.clock(clock)
                    port.assign(clocks[clock])
                elif port.direction == "in":
                    port.assign(self.input(outer, port.width))
                else:
                    self.output(outer, port.width).assign(port)


def run(name: str, cases: Sequence[Case], cycles: int, seed: int, work_dir: Path) -> None:
    """Build, lint and simulate all ``cases`` for ``cycles`` cycles; compare every output of every cycle."""
    bench = Bench(name, cases)
    interface = sim.Interface.of(bench)
    rng = random.Random(seed)
    inputs_of = {case.name: [p.name[len(case.name) + 1:] for p in interface.inputs if p.name.startswith(case.name + "_")]
                 for case in cases}
    widths = {p.name: p.width for p in interface.inputs}
    stimulus: list[dict[str, int]] = []
    for cycle in range(cycles):
        values: dict[str, int] = {}
        for case in cases:
            for port in inputs_of[case.name]:
                outer = f"{case.name}_{port}"
                pick = case.picks.get(port)
                values[outer] = pick(rng, cycle) if pick else rng.getrandbits(widths[outer])
        stimulus.append(values)
    expected: list[Values] = [{} for _ in range(cycles)]
    for case in cases:
        prefix = case.name + "_"
        for cycle, values in enumerate(stimulus):
            local = {k[len(prefix):]: v for k, v in values.items() if k.startswith(prefix)}
            expected[cycle].update({prefix + k: v for k, v in case.model(local).items()})
    files = sim.build(bench, work_dir / "rtl")
    sim.lint(files, name)
    actual = sim.simulate(files, interface, stimulus, work_dir / "sim")
    sim.compare(actual, expected, stimulus)
    for case in cases:
        if case.observe is not None:
            prefix = case.name + "_"
            case.observe(*([{k[len(prefix):]: v for k, v in row.items() if k.startswith(prefix)} for row in rows]
                           for rows in (stimulus, actual)))


# -- stimulus helpers ----------------------------------------------------------------


def reset_first(probability: float = 0.02) -> Pick:
    """High in cycle 0 (and the next), then high with ``probability``."""
    return lambda rng, cycle: 1 if cycle < 2 or rng.random() < probability else 0


def bit(probability: float) -> Pick:
    """1 with ``probability``."""
    return lambda rng, _cycle: int(rng.random() < probability)


def phases(*probabilities: float, length: int = 64) -> Pick:
    """1 with a probability that changes every ``length`` cycles, cycling through ``probabilities``.

    Streams need both long stalls (to fill a FIFO) and long free runs (to drain it).
    """
    return lambda rng, cycle: int(rng.random() < probabilities[(cycle // length) % len(probabilities)])
