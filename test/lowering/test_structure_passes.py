"""The kratos structure passes driven from Python generators (attributes, stubs, diagnostics at the user's line)."""

from __future__ import annotations

import json

import pytest

import loom
from loom import Generator
from loom.lowering.extract_debug_info import python_lines
from loom.passes import VerilogModule


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


class Counter(Generator):
    def __init__(self) -> None:
        super().__init__("Counter")
        self.clock()
        self.reset()
        value = self.reg("value", 4)
        self.register_line = value.loc.line
        value.assign(value + 1)
        self.output("count", 4).assign(value)


def test_extract_debug_info_maps_verilog_lines_to_python_lines(tmp_path) -> None:
    top = Counter()
    code_gen = VerilogModule(top)
    manager = code_gen.pass_manager()
    path = tmp_path / "debug.json"
    manager.add_pass(f"extract_debug_info{{output={path}}}")
    manager.add_pass("generate_verilog")
    code_gen.run_passes()
    sources = code_gen.verilog_src()
    info = json.loads(path.read_text())
    assert info["version"] == 1 and info["top"] == "Counter"
    lines = sources["Counter"].splitlines()
    python = {file: rows for file, rows in info["python"].items() if file.endswith("test_structure_passes.py")}
    (file, rows), = python.items()
    sv_lines = rows[str(top.register_line)]
    assert any("reg [3:0] value;" in lines[n - 1] for _, n in sv_lines)
    for sv_file, number in sv_lines:
        comment = lines[number - 1].split("\t// ", 1)[1]
        assert sv_file == "Counter.sv" and (file, top.register_line) in python_lines(comment)
    mapped = info["files"]["Counter.sv"]["lines"]
    assert all(str(n) in mapped for _, n in sv_lines)


def test_location_comment_forms() -> None:
    assert python_lines("a.py:1:2, :3:4") == [("a.py", 1), ("a.py", 3)]
    assert python_lines("a.py:{1:2, 5:6}, b.py:7:{1,3}") == [("a.py", 1), ("a.py", 5), ("b.py", 7)]
