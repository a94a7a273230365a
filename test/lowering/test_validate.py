"""Translation validation: verilog(top, prove=True), emit(prove=True), loom build --prove."""

from pathlib import Path

import pytest
from circt import ir

from loom import Generator, ProofError, ProofWarning, emit, verilog
from loom.lowering.prove import yosys_available
from loom.tools.build import main

pytestmark = pytest.mark.skipif(not yosys_available(), reason="yosys not installed")


class Inc(Generator):
    def __init__(self) -> None:
        super().__init__("Inc")
        a = self.input("a", 4)
        self.output("o", 4).assign(a + 3)


class Top(Generator):
    def __init__(self) -> None:
        super().__init__("Top")
        self.clock()
        self.reset("rst_n", asynchronous=True, active_low=True)
        a = self.input("a", 4)
        o = self.var("o", 4)
        self.add_child("u0", Inc(), a=a, o=o)
        total = self.reg("total", 4)
        total.assign(total + o)
        self.output("y", 4).assign(total)


def test_default_pipeline_is_proven() -> None:
    assert verilog(Top(), prove=True) == verilog(Top())


def test_emit_proves_too(tmp_path: Path) -> None:
    files = emit(Top(), tmp_path, prove=True)
    assert sorted(p.name for p in files) == ["Inc.sv", "Top.sv"]


def test_a_pass_that_changes_behaviour_is_named() -> None:
    """Among three passes, the one that ties u0.o to a constant is found by bisection."""
    passes = "remove-unused-vars, loom-tie-output{path=u0 port=o value=5}, sort-stmts"
    with pytest.raises(ProofError) as caught, pytest.warns(ProofWarning, match="module 'Inc'.*ports differ"):
        verilog(Top(), passes=passes, prove=True)  # the tied copy of Inc has no input a: it cannot be paired
    text = str(caught.value)
    assert "module 'Top' is not equivalent to its plain lowering after pass 'loom-tie-output{path=u0 port=o value=5}'" \
        in text
    assert "not proven equal" in text


def bump_constants(module: ir.Operation, options: dict[str, str]) -> None:
    """A buggy user pass: every 4-bit constant 3 becomes 2 (Inc adds 2 instead of 3)."""
    del options

    def visit(op: ir.Operation) -> ir.WalkResult:
        if op.name == "hw.constant":
            value = ir.IntegerAttr(op.attributes["value"])
            if value.value == 3 and ir.IntegerType(value.type).width == 4:
                op.attributes["value"] = ir.IntegerAttr.get(value.type, 2)
        return ir.WalkResult.ADVANCE

    module.walk(visit)


def test_a_broken_user_pass_is_named() -> None:
    with pytest.raises(ProofError) as caught:
        verilog(Top(), additional_passes={"bump_constants": bump_constants}, prove=True)
    text = str(caught.value)
    assert "module 'Inc' is not equivalent to its plain lowering after pass 'bump_constants'" in text
    assert "module 'Top'" in text  # Top instantiates Inc: its flattened proof fails too


def test_loom_build_prove(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "design.py"
    source.write_text("from loom import Generator\n\n"
                      "class Adder(Generator):\n"
                      "    def __init__(self):\n"
                      "        super().__init__('Adder')\n"
                      "        a, b = self.input('a', 8), self.input('b', 8)\n"
                      "        self.output('s', 8).assign(a + b)\n")
    assert main(["build", f"{source}:Adder", "--prove", "-o", str(tmp_path / "out")]) == 0
    assert "proved: every module equals its plain lowering" in capsys.readouterr().err
