"""``loom.ir``: a design as loom IR, hw IR or SystemVerilog text, with the user's names (driver/ir_text.py,
dialect/printing.py)."""

from __future__ import annotations

import re

import pytest
from circt import ir

import loom
from loom import Design, Generator
from loom.dialect import new_context
from loom.dialect.printing import is_name_loc, print_ir


class Half(Generator):
    def __init__(self) -> None:
        super().__init__("Half")
        a, b = self.input("a", 1), self.input("b", 1)
        self.output("s", 1).assign(a ^ b)
        self.output("c", 1).assign(a & b)


class Pair(Generator):
    def __init__(self) -> None:
        super().__init__("Pair")
        x, y = self.input("x", 1), self.input("y", 1)
        first = self.add_child("first", Half(), a=x, b=y)
        second = self.add_child("second", Half(), a=first.s, b=y)
        self.output("o", 1).assign(second.c | first.c)


def test_ports_and_instances_print_with_their_names() -> None:
    text = loom.ir(Pair())
    assert "%arg" not in text
    assert "^bb0(%a: i1, %b: i1):" in text
    assert "^bb0(%x: i1, %y: i1):" in text
    assert re.search(r'%first:2 = "loom.instance"\(%x, %y\)', text)
    assert re.search(r'%second:2 = "loom.instance"\(%first#0, %y\)', text)


def test_a_design_prints_as_loom_ir_does() -> None:
    assert str(Design(Pair())) == loom.ir(Pair())


def test_printing_leaves_the_locations_as_they_were() -> None:
    design = Design(Pair())
    root = design.module.operation
    before = root.get_asm(enable_debug_info=True)
    print_ir(root, locations=True)
    assert root.get_asm(enable_debug_info=True) == before
    assert "loc(\"x\"" not in before


@pytest.mark.parametrize("locations", [False, True])
def test_printed_ir_parses_back_to_the_same_text(locations: bool) -> None:
    text = loom.ir(Pair(), locations=locations)
    with new_context():
        reparsed = ir.Module.parse(text)
        assert print_ir(reparsed.operation, locations=locations) == text


def test_locations_point_at_the_generator_and_names_wrap_them() -> None:
    text = loom.ir(Pair(), locations=True)
    assert re.search(r'loc\("x"\(#loc\d+\)\)', text)
    assert re.search(r'= loc\(".*test_ir_text\.py":\d+:\d+\)', text)


def test_name_locations_are_recognised() -> None:
    with new_context():
        file = ir.Location.file("f.py", 3, 4)
        assert not is_name_loc(file)
        assert is_name_loc(ir.Location.name("a", childLoc=file))
        assert is_name_loc(ir.Location.name('q"uote'))
        assert not is_name_loc(ir.Location.unknown())


def test_sv_stream_is_every_module_once_dependencies_first() -> None:
    text = loom.ir(Pair(), "sv")
    modules = re.findall(r"^module (\w+)\(", text, re.MULTILINE)
    assert modules == ["Half", "Pair"]
    assert ".py:" not in text
    assert re.search(r"// .*test_ir_text\.py:\d+:\d+", loom.ir(Pair(), "sv", locations=True))


def test_hw_stream_is_the_lowered_design() -> None:
    text = loom.ir(Pair(), "hw")
    assert "loom." not in text.replace("loom.metadata", "")
    assert 'hw.instance "first" @Half(a: %x: i1, b: %y: i1)' in text
    assert "loc(" not in text


def test_a_design_prints_with_its_edits_and_stays_as_it_is() -> None:
    design = Design(Pair())
    design.tie_output("second", "c", 1)
    before = str(design)
    sv = loom.ir(design, "sv")
    assert str(design) == before
    assert re.findall(r"^module (\w+)\(", sv, re.MULTILINE) == ["Half_c_1", "Half", "Pair"]
    assert sv.count("assign c = 1'h1;") == 1 and sv.count("assign c = a & b;") == 1


def test_unknown_stage_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown stage 'verilog': use one of loom, hw, sv"):
        loom.ir(Pair(), "verilog")  # type: ignore[arg-type]
