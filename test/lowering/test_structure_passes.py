"""The kratos structure passes driven from Python generators (attributes, stubs, diagnostics at the user's line)."""

from __future__ import annotations

import pytest

import loom
from loom import Generator


class Adder(Generator):
    def __init__(self) -> None:
        super().__init__("Adder")
        a, b = self.input("a", 8), self.input("b", 8)
        self.output("o", 8).assign(a + b)


class ZeroTop(Generator):
    def __init__(self, zero: bool = True) -> None:
        super().__init__("ZeroTop")
        if zero:
            self.add_attribute("zero_inputs")
        x = self.input("x", 8)
        self.child = self.add_child("u0", Adder(), a=x)  # b left open on purpose
        self.output("y", 8).assign(self.child.o)


class Stub(Generator):
    def __init__(self) -> None:
        super().__init__("Stub")
        self.input("a", 8)
        self.output("o", 8)
        self.output("p", 2)
        self.is_stub = True


def test_zero_inputs_ties_open_child_inputs_to_zero() -> None:
    sources = loom.verilog(ZeroTop(), emit_locations=False)
    assert ".b (8'h0)" in sources["ZeroTop"]


def test_open_input_is_reported_at_the_add_child_line() -> None:
    top = ZeroTop()
    line = top.child.loc.line
    with pytest.raises(loom.PassFailedError) as info:
        loom.verilog(top, default_passes=False, passes="verify-generator-connectivity")
    assert "input 'b' of instance 'u0' ('Adder') is a floating net" in info.value.message
    assert info.value.location is not None and info.value.location.endswith(f"test_structure_passes.py:{line}:"
                                                                            f"{top.child.loc.column}")


def test_open_input_without_the_attribute_is_an_elaboration_error() -> None:
    with pytest.raises(loom.ElaborationError, match="input 'b' of instance 'u0' .* is not connected"):
        loom.verilog(ZeroTop(zero=False))


def test_stub_outputs_are_zero() -> None:
    sources = loom.verilog(Stub(), emit_locations=False)
    assert "assign o = 8'h0;" in sources["Stub"] and "assign p = 2'h0;" in sources["Stub"]
