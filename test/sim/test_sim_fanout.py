"""The fan-out example: one PE definition, four parameter values, many instances."""

from __future__ import annotations

from collections.abc import Mapping
from functools import reduce
from pathlib import Path

import pytest
from simulate import Values, check_against_model, load_example, random_stimulus, reset_first, tools_available

import loom


def test_one_module_per_parameter_value() -> None:
    example = load_example("fanout")
    sources = loom.verilog(example.top(count=12), emit_locations=False)
    assert sorted(sources) == ["FanoutTop", "PE_INC_1", "PE_INC_3", "PE_INC_5", "PE_INC_7"]
    assert sources["FanoutTop"].count("PE_INC_") == 12


def test_keep_parameters_gives_one_parameterised_pe() -> None:
    example = load_example("fanout")
    sources = loom.verilog(example.top(count=8), keep_parameters=True, emit_locations=False)
    assert sorted(sources) == ["FanoutTop", "PE"]
    assert "parameter [7:0] INC = 1" in sources["PE"]
    for increment in example.INCREMENTS[1:]:  # the first equals the default, so it is not written out
        assert f".INC({increment})" in sources["FanoutTop"]


class FanoutModel:
    def __init__(self, increments: list[int]):
        self.increments = increments
        self.registers: list[int] | None = None

    def __call__(self, inputs: Mapping[str, int]) -> Values:
        output = None if self.registers is None else reduce(lambda x, y: x ^ y, self.registers)
        if inputs["rst"]:
            self.registers = [0] * len(self.increments)
        else:
            self.registers = [(inputs["a"] + inc) & 0xFF for inc in self.increments]
        return {"o": output}


@pytest.mark.slow
@pytest.mark.skipif(not tools_available(), reason="needs verilator, iverilog and vvp")
def test_fanout_simulates(tmp_path: Path) -> None:
    example = load_example("fanout")
    count = 10
    top = example.top(count=count)
    increments = [example.INCREMENTS[i % len(example.INCREMENTS)] for i in range(count)]
    stimulus = random_stimulus(top, 200, seed=11, overrides={"rst": reset_first(0.02)})
    check_against_model(top, FanoutModel(increments), stimulus, tmp_path)
