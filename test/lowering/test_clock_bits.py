"""Clock ports lowered as bits (``lowering/clock_bits.py``) give the SystemVerilog that ``!seq.clock`` ports
lowered by lower-seq-to-sv give.

Each design is lowered both ways in one process: as the pipeline does it, and with no port taken for a clock
(``is_clock`` answering False: every clock port stays ``!seq.clock`` and lower-seq-to-sv lowers it, the way
loom lowered clocks before). The SystemVerilog (or, for the IR input, the IR after the clean-up, locations
included) must be the same: on every example, on a clock taken from an interface into an instance, and on the
IR of the lit test (a gated clock into an instance, clock outputs read by instances, by a register and by the
module's output, a module whose clock only instances read).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from circt import ir

import loom
from loom import Generator, Interface
from loom.dialect.context import new_context
from loom.lowering import lower_loom_to_hw
from loom.lowering.pipeline import run_pipeline
from loom.tools.build import example_files, load_generator

LIT_INPUT = Path(__file__).parent / "lower-loom-to-hw-clocks.mlir"


def emitted(top: Generator, out: Path) -> dict[str, str]:
    return {path.name: path.read_text() for path in map(Path, loom.emit(top, out))}


def both_ways(make, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[dict[str, str], dict[str, str]]:
    """The SystemVerilog of the design ``make()`` builds, with clock ports as bits and as clocks."""
    as_bits = emitted(make(), tmp_path / "bits")
    monkeypatch.setattr(lower_loom_to_hw, "is_clock", lambda type_: False)
    as_clocks = emitted(make(), tmp_path / "clocks")
    return as_bits, as_clocks


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.stem)
def test_every_example_gives_the_same_systemverilog(path: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    as_bits, as_clocks = both_ways(lambda: load_generator(f"{path}:top", {}), tmp_path, monkeypatch)
    assert as_bits == as_clocks


class Bus(Interface):
    def __init__(self) -> None:
        super().__init__("Bus")
        self.clock("clk")
        self.input("data", 8)


class Stage(Generator):
    def __init__(self) -> None:
        super().__init__("Stage")
        self.clock("clk")  # the only clock: the register's
        data = self.input("data", 8)
        held = self.reg("held", 8, reset=False)
        held.assign(data + 1)
        self.output("o", 8).assign(held)


class InterfaceClock(Generator):
    """A stage clocked by the clock read out of an interface (a clock made in the body, not an input)."""

    def __init__(self) -> None:
        super().__init__("InterfaceClock")
        clk, data = self.clock("clk"), self.input("data", 8)
        bus = self.interface(Bus(), "bus")
        self.wire(bus.clk, clk)
        self.wire(bus.data, data)
        first = self.add_child("first", Stage(), clk=bus.clk, data=bus.data)
        second = self.add_child("second", Stage(), clk=clk, data=first.o)
        self.output("o", 8).assign(second.o)


def test_a_clock_from_an_interface_into_an_instance(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    as_bits, as_clocks = both_ways(InterfaceClock, tmp_path, monkeypatch)
    assert "Stage first (" in "".join(as_bits.values())
    assert as_bits == as_clocks


def cleaned_up(text: str) -> str:
    with new_context():
        module = ir.Module.parse(text)
        run_pipeline(module.operation, "lower-to-hw, cleanup")
        return module.operation.get_asm(enable_debug_info=True)


def test_clock_outputs_and_gated_clocks(monkeypatch: pytest.MonkeyPatch) -> None:
    text = LIT_INPUT.read_text()
    as_bits = cleaned_up(text)
    monkeypatch.setattr(lower_loom_to_hw, "is_clock", lambda type_: False)
    assert "seq.to_clock" not in as_bits and "!seq.clock" not in as_bits
    assert as_bits == cleaned_up(text)
