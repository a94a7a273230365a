"""The shortcuts that let a pass with nothing to do cost nearly nothing, where each could go stale.

- the generator attributes the kratos passes share (``structure.attributed_modules``) are kept for the next
  pass only while no pass changes the IR: a pass that adds an attribute in between is seen;
- ``is_lowered`` answers at the first op when it is a ``loom.module``, and otherwise reads the top-level ops
  of a design with few of them or asks the walk driver:
  a ``loom.module`` after an ``hw.module`` still makes the design loom IR; a pipeline run remembers that
  the design is lowered until a user pass runs;
- a rewrite pass that finds nothing to do says so, and the pipeline then skips verifying after it;
- which rare op names a design holds (``rewrites.common.absent``) is kept only while no pass changes the IR:
  a function a pass adds in between is inlined.
"""

from __future__ import annotations

import pytest
from circt import ir

from loom.dialect.context import new_context
from loom.dialect.errors import PassFailedError
from loom.lowering.pass_kinds import PassKind
from loom.lowering.pass_options import NoOptions
from loom.lowering.pipeline import LoomStep, PipelineOptions, loom_step, run_pipeline
from loom.lowering.registry import BUILTIN_PASSES, typed_pass
from loom.lowering.stage import is_lowered
from loom.lowering.visitor import set_user_attributes, user_attributes

PORTS = '[{name = "clk", dir = "in", type = !seq.clock}, {name = "a", dir = "in", type = i8},' \
        ' {name = "o", dir = "out", type = i8}]'


def module(name: str, attributes: str = "") -> str:
    extra = f", user_attributes = {{{attributes}}}" if attributes else ""
    return (f'"loom.module"() ({{\n^bb0(%clk: !seq.clock, %a: i8):\n  "loom.output"(%a) : (i8) -> ()\n}}, {{}})'
            f' {{sym_name = "{name}", parameters = [], ports = {PORTS}{extra}}} : () -> ()\n')


def registers(root: ir.Operation) -> list[str]:
    found: list[str] = []

    def record(op: ir.Operation) -> ir.WalkResult:
        if op.name == "seq.firreg":
            found.append(ir.StringAttr(op.attributes["name"]).value)
        return ir.WalkResult.ADVANCE

    root.walk(record)
    return found


def add_pipeline_attribute(root: ir.Operation, options: NoOptions) -> None:
    """Ask for one pipeline stage on ``B`` (a user pass that changes generator attributes)."""
    del options
    for op in root.regions[0].blocks[0].operations:
        if ir.StringAttr(op.operation.attributes["sym_name"]).value == "B":
            set_user_attributes(op.operation, {**user_attributes(op.operation), "pipeline": "1"})


def test_a_pass_that_adds_a_generator_attribute_is_seen_by_the_next() -> None:
    add = LoomStep(typed_pass("add-pipeline", add_pipeline_attribute, kind=PassKind.DESIGN, summary="add"),
                   NoOptions(), "add-pipeline")
    with new_context():
        design = ir.Module.parse(module("A", 'pipeline = "2"') + module("B", 'note = "x"'))
        # zero-out-stubs reads (and keeps) the attributes; the user pass changes them before the stages go in.
        run_pipeline(design.operation, [loom_step("zero-out-stubs"), add, loom_step("insert-pipeline-stages")])
        assert sorted(registers(design.operation)) == ["o_stage_0", "o_stage_0", "o_stage_1"]


def test_a_loom_module_after_an_hw_module_is_loom_ir() -> None:
    with new_context():
        hw_first = ir.Module.parse('hw.module.extern @Ext(in %a : i8)\n' + module("A"))
        assert not is_lowered(hw_first.operation)
        assert is_lowered(ir.Module.parse('hw.module.extern @Ext(in %a : i8)').operation)
        assert is_lowered(ir.Module.parse('module {}').operation)
        assert not is_lowered(ir.Module.parse(module("A")).operation)
        many = "".join(f'hw.module.extern @E{index}(in %a : i8)\n' for index in range(300))
        assert is_lowered(ir.Module.parse(many).operation)  # more top-level ops than it reads: the walk
        assert not is_lowered(ir.Module.parse(many + module("A")).operation)


def test_rewrite_passes_with_nothing_to_do_leave_the_ir_unverified() -> None:
    """No loom.assign, function, if, variable or statement: every pass says it changed nothing, so the
    pipeline does not verify the design at its end (timing has no verifier entry)."""
    names = ["fix-assignment-type", "inline-functions", "transform-if-to-case", "remove-fanout-one-wires",
             "remove-unused-vars", "remove-unused-stmts", "merge-wire-assignments"]
    with new_context():
        design = ir.Module.parse(module("A"))
        before = str(design)
        timing: dict[str, float] = {}
        run_pipeline(design.operation, [loom_step(name) for name in names], PipelineOptions(timing=timing))
        assert str(design) == before
        assert set(timing) == set(names)
        for name in names:
            info = BUILTIN_PASSES.lookup(name)
            assert info is not None and info.fn(design.operation, NoOptions()) is False, name


def add_loom_module(root: ir.Operation, options: NoOptions) -> None:
    """Put a ``loom.module`` into a lowered design (a user pass may do anything)."""
    del options
    for op in ir.Module.parse(module("Late"), root.context).body.operations:
        op.operation.move_before(root.regions[0].blocks[0].operations[0])


def test_the_pipeline_looks_again_at_the_stage_after_a_user_pass() -> None:
    """``run_pipeline`` remembers that the design is lowered across built-in passes, not across a user pass."""
    add = LoomStep(typed_pass("add-loom-module", add_loom_module, kind=PassKind.DESIGN, summary="add"),
                   NoOptions(), "add-loom-module")
    with new_context():
        design = ir.Module.parse("hw.module @H(in %a : i8, out o : i8) {\n  hw.output %a : i8\n}")
        run_pipeline(design.operation, [loom_step("record-read-inputs"), loom_step("name-inputs-optimized-away")])
        with pytest.raises(PassFailedError, match="still loom IR"):
            run_pipeline(design.operation, [loom_step("record-read-inputs"), add,
                                            loom_step("name-inputs-optimized-away")])


def add_function(root: ir.Operation, options: NoOptions) -> None:
    """Put an ``always_comb`` holding a hardware function (returning nothing) into the first module (a user
    pass may do anything)."""
    del options
    body = root.regions[0].blocks[0].operations[0].operation.regions[0].blocks[0]
    with ir.Location.unknown():
        block = ir.Operation.create("sv.alwayscomb", regions=1, ip=ir.InsertionPoint.at_block_begin(body))
        func = ir.Operation.create("loom.func", regions=2, attributes={"name": ir.StringAttr.get("f")},
                                   ip=ir.InsertionPoint(block.regions[0].blocks.append()))
        ir.Operation.create("loom.return", ip=ir.InsertionPoint(func.regions[0].blocks.append()))


def test_a_pass_that_adds_a_function_is_seen_by_the_next() -> None:
    """The rare op names present are kept across passes that change nothing: inline-functions finds no
    ``loom.func`` (and remembers which rare ops exist), a user pass adds one, and inline-functions run again
    inlines it."""
    add = LoomStep(typed_pass("add-function", add_function, kind=PassKind.DESIGN, summary="add"),
                   NoOptions(), "add-function")
    with new_context():
        design = ir.Module.parse(module("A"))
        run_pipeline(design.operation, [loom_step("inline-functions"), add, loom_step("inline-functions")])
        assert "loom.func" not in str(design) and "sv.alwayscomb" in str(design)
        run_pipeline(design.operation, [loom_step("inline-functions"), add])
        assert "loom.func" in str(design)  # the test has teeth: the function was there to inline
