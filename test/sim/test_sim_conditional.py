"""The conditional-port example, instantiated with and without its optional ports.

``Accumulator`` has an ``en`` input when ``HAS_ENABLE`` is 1 and a
``samples`` output when ``DEBUG`` is 1; ``ConditionalTop`` uses it both ways.
Both variants must lint clean, the plain variant's SystemVerilog must not
have the ports at all, and the whole top simulates like its Python model.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest
from simulate import (
    Values,
    build,
    check_against_model,
    lint,
    load_example,
    port_names,
    random_stimulus,
    reset_first,
    tools_available,
)

import loom

needs_tools = pytest.mark.skipif(not tools_available(), reason="needs verilator, iverilog and vvp")

FULL = "Accumulator_HAS_ENABLE_1_DEBUG_1"
PLAIN = "Accumulator_HAS_ENABLE_0_DEBUG_0"


def test_variants_have_only_their_ports() -> None:
    example = load_example("conditional_port")
    sources = loom.verilog(example.top(), emit_locations=False)
    assert set(sources) == {FULL, PLAIN, "ConditionalTop"}
    assert port_names(sources[FULL], FULL) == ["clk", "rst", "data", "en", "total", "samples"]
    assert port_names(sources[PLAIN], PLAIN) == ["clk", "rst", "data", "total"]
    assert not any(name in sources[PLAIN] for name in ("en,", "en)", "samples"))


@needs_tools
@pytest.mark.parametrize("has_enable, debug", [(1, 1), (0, 0), (1, 0), (0, 1)])
def test_each_variant_lints_clean(has_enable: int, debug: int, tmp_path: Path) -> None:
    """Every combination of the two conditions, each as the only child of a small top."""
    example = load_example("conditional_port")

    class Wrapper(loom.Generator):
        def __init__(self) -> None:
            super().__init__(f"Wrapper_{has_enable}_{debug}")
            clk, rst = self.clock(), self.reset()
            data = self.input("data", 8)
            total = self.output("total", 16)
            connections: dict[str, loom.Signal] = {"clk": clk, "rst": rst, "data": data, "total": total}
            if has_enable:
                connections["en"] = self.input("en")
            if debug:
                connections["samples"] = self.output("samples", 8)
            self.add_child("accumulator", example.Accumulator(), params={"HAS_ENABLE": has_enable, "DEBUG": debug},
                           **connections)

    wrapper = Wrapper()
    files = build(wrapper, tmp_path)
    lint(files, wrapper.name)
    variant = next(f for f in files if f.stem.startswith("Accumulator"))
    names = port_names(variant.read_text(), variant.stem)
    assert ("en" in names) == bool(has_enable)
    assert ("samples" in names) == bool(debug)


def test_connecting_an_absent_port_is_an_error() -> None:
    example = load_example("conditional_port")

    class Bad(loom.Generator):
        def __init__(self) -> None:
            super().__init__("Bad")
            clk, rst = self.clock(), self.reset()
            en = self.input("en")
            self.add_child("acc", example.Accumulator(), params={"HAS_ENABLE": 0}, clk=clk, rst=rst, data=0,
                           en=en)

    with pytest.raises(loom.ElaborationError, match="port 'en' of instance 'acc' does not exist"):
        Bad()


class ConditionalTopModel:
    """``full`` adds only when ``en``; ``plain`` adds every cycle. Unknown until the first reset."""

    def __init__(self) -> None:
        self.full: tuple[int, int] | None = None
        self.plain: int | None = None

    def __call__(self, inputs: Mapping[str, int]) -> Values:
        full_total, full_samples = self.full if self.full is not None else (None, None)
        outputs = {"full_total": full_total, "full_samples": full_samples, "plain_total": self.plain}
        if inputs["rst"]:
            self.full, self.plain = (0, 0), 0
            return outputs
        if self.full is not None and inputs["en"]:
            total, samples = self.full
            self.full = ((total + inputs["data"]) & 0xFFFF, (samples + 1) & 0xFF)
        if self.plain is not None:
            self.plain = (self.plain + inputs["data"]) & 0xFFFF
        return outputs


@pytest.mark.slow
@needs_tools
def test_conditional_top_simulates(tmp_path: Path) -> None:
    top = load_example("conditional_port").top()
    stimulus = random_stimulus(top, 400, seed=7, overrides={"rst": reset_first(0.01)})
    check_against_model(top, ConditionalTopModel(), stimulus, tmp_path)
