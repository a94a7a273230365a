"""The pipeline definitions (lowering/pipelines.py) are the one source every entry point reads."""

import pytest
from circt import ir

import loom
from loom.dialect.context import new_context
from loom.driver.pass_manager import VerilogModule, build_verilog_module
from loom.lowering.diagnostics import CheckFailedError
from loom.lowering.export import BackendOptions, lowering_pipeline
from loom.lowering.pipeline import LoomStep, MlirStep, Step, parse_pipeline
from loom.lowering.pipelines import LOOP_FREE_CANONICALIZE, PassSpec, pipeline
from loom.lowering.specialize import SpecializeOptions


def names(steps: list[Step]) -> list[str]:
    return [step.info.name if isinstance(step, LoomStep) else step.text for step in steps]


def test_backend_lowering_is_the_named_pipelines_with_the_top_as_data() -> None:
    steps = lowering_pipeline("Top; evil{x=1}", BackendOptions(keep_parameters=True))
    assert names(steps) == names(parse_pipeline("lower-to-hw-keep-parameters, cleanup"))
    specialize = next(s for s in steps if isinstance(s, LoomStep) and s.info.name == "loom-specialize-to-hw")
    assert specialize.options == SpecializeOptions(top="Top; evil{x=1}", keep_parameters=True)


def test_consecutive_circt_passes_share_one_pass_manager() -> None:
    mlir = [s for s in lowering_pipeline("Top", BackendOptions()) if isinstance(s, MlirStep)]
    assert [s.elements[:2] for s in mlir] == [["canonicalize", "cse"]]


def test_spec_text_round_trips_options() -> None:
    spec = PassSpec("loom-specialize", {"top": "T", "keep-parameters": "true"})
    assert spec.text == "loom-specialize{top=T keep-parameters=true}"
    checks = pipeline(kratos=True)[-1]
    assert (checks.name, dict(checks.options)) == ("loom-checks", {"skip": "check-non-synthesizable-content"})


UNREAD_LOOP = """
"loom.module"() ({
^bb0(%a: i8):
  %0 = comb.add %1, %a : i8
  %1 = comb.xor %0, %a : i8
  "loom.output"(%a) : (i8) -> ()
}, {}) {sym_name = "T", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()
"""
"""Two side-effect-free ops reading each other, read by nothing: a combinational loop only region DCE removes."""


def test_canonicalize_skips_region_dce_only_after_the_loop_check() -> None:
    """The default passes end with loom-checks, whose combinational-loop check leaves no loop for region DCE to
    remove: the clean-up's canonicalize goes without it (and a design with an unread loop is refused). Without
    that check last (no default passes, the check skipped, a pass after it) canonicalize keeps region DCE and
    removes the unread loop, as it did before."""
    with pytest.raises(CheckFailedError, match="combinational loop"):
        loom.verilog(_parsed(UNREAD_LOOP), top_name="T")
    no_loop = UNREAD_LOOP.replace("%0 = comb.add %1", "%0 = comb.add %a")
    assert _cleanup_step(_lowered(no_loop, "", default_passes=True)) == LOOP_FREE_CANONICALIZE
    assert _cleanup_step(_lowered(no_loop, "loom-checks, remove-unused-vars")) == "canonicalize"
    for passes in ("", "loom-checks{skip=check-combinational-loop}"):
        code_gen = _lowered(UNREAD_LOOP, passes)
        assert _cleanup_step(code_gen) == "canonicalize"
        assert code_gen.verilog_src()["T"].count("assign") == 1, passes  # o = a, and nothing of the loop


def _lowered(text: str, passes: str, default_passes: bool = False) -> VerilogModule:
    """The design of the loom IR ``text`` after ``passes`` (and the default passes), lowered."""
    with new_context():
        module = ir.Module.parse(text)
    code_gen = build_verilog_module(module, BackendOptions(emit_locations=False, passes=passes), top_name="T",
                                    default_passes=default_passes)
    code_gen.run_passes()
    return code_gen


def _cleanup_step(code_gen: VerilogModule) -> str:
    """The first pass of the clean-up ``code_gen``'s lowering ran (its canonicalize)."""
    steps = [name for name in code_gen.timing if name.startswith("builtin.module(")]
    assert len(steps) == 1, steps
    return steps[0].removeprefix("builtin.module(").split(", ")[0]


def _parsed(text: str) -> ir.Module:
    with new_context():
        return ir.Module.parse(text)


UNREAD_REGISTER_LOOP = """
"loom.module"() ({
^bb0(%c: !seq.clock, %a: i8):
  %0 = comb.add %1, %a : i8
  %1 = seq.compreg %0, %c : i8
  "loom.output"(%a) : (i8) -> ()
}, {}) {sym_name = "T", parameters = [], ports = [{name = "c", dir = "in", type = !seq.clock}, {name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()
"""
"""A register read only by what feeds it: no combinational loop, and yet an unread cycle of side-effect-free ops
(``seq.compreg`` is one, unlike ``seq.firreg``) that only region DCE removes."""


@pytest.mark.parametrize("register", ["seq.compreg %0, %c", "seq.compreg.ce %0, %c, %e"])
def test_an_unread_side_effect_free_register_loop_is_removed_after_the_loop_check(register: str) -> None:
    """The combinational-loop check lets a loop through a register pass, so ending with it does not make region
    DCE idle: the default passes remove the unread register as a pipeline that does not end with the check does,
    and canonicalize keeps region DCE."""
    text = UNREAD_REGISTER_LOOP.replace("seq.compreg %0, %c", register)
    if "%e" in register:
        text = text.replace("%a: i8)", "%a: i8, %e: i1)").replace(
            '{name = "o"', '{name = "e", dir = "in", type = i1}, {name = "o"')
    for passes, default_passes in (("", True), ("loom-checks, remove-unused-vars", False)):
        code_gen = _lowered(text, passes, default_passes)
        assert _cleanup_step(code_gen) == "canonicalize", passes
        assert "always" not in code_gen.verilog_src()["T"], passes  # no register left: o = a only
