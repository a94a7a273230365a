"""Simulate the counter, adder tree and shift register examples cycle by cycle against Python models.

Each case builds the example with loom, lints every .sv file with
``verilator --lint-only -Wall`` (must be clean), runs seeded random stimulus
through Icarus Verilog and compares every output in every cycle with a
Python model (see ``simulate.py`` for the cycle convention).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest
from simulate import Values, check_against_model, load_example, random_stimulus, reset_first, tools_available

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not tools_available(), reason="needs verilator, iverilog and vvp"),
]

CYCLES = 300


# -- counter ---------------------------------------------------------------------


class CounterModel:
    """``count`` is unknown until the first reset; +1 (mod 2**width) on each edge with ``en``."""

    def __init__(self, width: int):
        self.mask = (1 << width) - 1
        self.value: int | None = None

    def __call__(self, inputs: Mapping[str, int]) -> Values:
        outputs = {"count": self.value}
        if inputs["rst"]:
            self.value = 0
        elif inputs["en"] and self.value is not None:
            self.value = (self.value + 1) & self.mask
        return outputs


@pytest.mark.parametrize("width", [1, 4, 8])
def test_counter(width: int, tmp_path: Path) -> None:
    counter = load_example("counter").Counter(width)
    # Mostly enabled and rarely reset, so narrow counters wrap several times.
    stimulus = random_stimulus(counter, CYCLES, seed=width,
                               overrides={"rst": reset_first(0.02), "en": lambda rng, _: int(rng.random() < 0.8)})
    check_against_model(counter, CounterModel(width), stimulus, tmp_path)


# -- adder tree --------------------------------------------------------------------


def _add(a: int | None, b: int | None) -> int | None:
    return None if a is None or b is None else a + b


class AdderTreeModel:
    """Structural model: ``levels[j]`` are the registers of tree level j+1 (2**(k-j-1) of them)."""

    def __init__(self, levels: int, pipelined: bool):
        self.count = 2**levels
        self.pipelined = pipelined
        self.levels: list[list[int | None]] = [[None] * (self.count >> (j + 1)) for j in range(levels)]

    def __call__(self, inputs: Mapping[str, int]) -> Values:
        values: list[int | None] = [inputs[f"in{i}"] for i in range(self.count)]
        if not self.pipelined:
            return {"sum": sum(values)}  # type: ignore[arg-type]
        outputs = {"sum": self.levels[-1][0]}
        if inputs["rst"]:
            self.levels = [[0] * len(level) for level in self.levels]
            return outputs
        previous = values
        for j, level in enumerate(self.levels):
            sums = [_add(previous[2 * i], previous[2 * i + 1]) for i in range(len(level))]
            previous = level  # the old contents feed the next level
            self.levels[j] = sums
        return outputs


@pytest.mark.parametrize("levels, width, pipelined", [(1, 4, False), (3, 8, False), (2, 5, True), (3, 8, True)])
def test_adder_tree(levels: int, width: int, pipelined: bool, tmp_path: Path) -> None:
    tree = load_example("adder_tree").AdderTree(levels, width, pipelined)
    overrides = {"rst": reset_first(0.03)} if pipelined else {}
    stimulus = random_stimulus(tree, CYCLES, seed=100 * levels + width, overrides=overrides)
    files = check_against_model(tree, AdderTreeModel(levels, pipelined), stimulus, tmp_path)
    assert len(files) == levels  # one module per level, not one per tree node


# -- shift register ----------------------------------------------------------------


class ShiftRegisterModel:
    def __init__(self, depth: int):
        self.stages: list[int | None] = [None] * depth

    def __call__(self, inputs: Mapping[str, int]) -> Values:
        outputs = {"q": self.stages[-1]}
        if inputs["rst"]:
            self.stages = [0] * len(self.stages)
        else:
            self.stages = [inputs["d"], *self.stages[:-1]]
        return outputs


@pytest.mark.parametrize("depth, width", [(1, 1), (4, 8), (7, 13)])
def test_shift_register(depth: int, width: int, tmp_path: Path) -> None:
    shift = load_example("shift_register").ShiftRegister(depth, width)
    stimulus = random_stimulus(shift, CYCLES, seed=depth * 31 + width, overrides={"rst": reset_first(0.03)})
    check_against_model(shift, ShiftRegisterModel(depth), stimulus, tmp_path)
