"""loom-verify leaves its grouping of instances to loom-specialize(-to-hw) only while no pass changes the IR.

``dialect/analyses.py`` keeps facts for one ``run_pipeline`` run and forgets them
after any step that may have changed the IR; these tests pin down both sides:
the specialiser does not index the bodies again after loom-verify, and a pass
that changes the instances in between makes it index them afresh.
"""

from __future__ import annotations

from typing import Any

import pytest
from circt import ir

from loom.dialect import analyses, instance_graph
from loom.dialect.context import new_context
from loom.dialect.errors import PassFailedError
from loom.dialect.symbols import SymbolIndex
from loom.lowering import metadata
from loom.lowering.pass_kinds import PassKind
from loom.lowering.pass_options import NoOptions
from loom.lowering.pipeline import LoomStep, loom_step, run_pipeline
from loom.lowering.registry import typed_pass

LEAF = ('"loom.module"() ({\n^bb0(%a: i8):\n  "loom.output"(%a) : (i8) -> ()\n}, {}) {sym_name = "Leaf",'
        ' parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]}'
        ' : () -> ()\n')
TOP = ('"loom.module"() ({\n^bb0(%a: i8):\n'
       '  %0 = "loom.instance"(%a) {instance_name = "u0", module = @Leaf, input_names = ["a"],'
       ' output_names = ["o"]} : (i8) -> i8\n'
       '  %1 = "loom.instance"(%a) {instance_name = "u1", module = @Leaf, input_names = ["a"],'
       ' output_names = ["o"]} : (i8) -> i8\n'
       '  "loom.output"(%0) : (i8) -> ()\n}, {}) {sym_name = "Top", parameters = [],'
       ' ports = [{name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()\n')


def test_facts_live_inside_one_pipeline_run_and_are_taken_once() -> None:
    with new_context():
        root = ir.Module.parse("module {}").operation
        analyses.remember(root, "fact", 1)
        assert analyses.take(root, "fact") is None  # outside a run nothing is kept
        with analyses.scope():
            analyses.remember(root, "fact", 1)
            assert analyses.take(root, "fact") == 1
            assert analyses.take(root, "fact") is None
            analyses.remember(root, "fact", 2)
            analyses.invalidate()
            assert analyses.take(root, "fact") is None


def ops_of(root: ir.Operation) -> list[ir.Operation]:
    found: list[ir.Operation] = []
    root.walk(lambda op: found.append(op) or ir.WalkResult.ADVANCE)
    return found


def instance_names(module: ir.Module) -> list[str]:
    return [ir.StringAttr(op.attributes["instanceName"]).value for op in ops_of(module.operation)
            if op.name == "hw.instance"]


@pytest.fixture
def indexed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The modules ``InstanceGraph`` indexes itself (instead of taking loom-verify's grouping)."""
    names: list[str] = []
    original = instance_graph.index_body

    def counting(module, names_memo=None):  # type: ignore[no-untyped-def]
        names.append(module.sym_name)
        return original(module, names_memo)

    monkeypatch.setattr(instance_graph, "index_body", counting)
    return names


def test_specialize_takes_the_verifiers_grouping(indexed: list[str]) -> None:
    with new_context():
        module = ir.Module.parse(LEAF + TOP)
        run_pipeline(module.operation, [loom_step("loom-verify"), loom_step("realize-fsm"),
                                        loom_step("loom-specialize-to-hw", top="Top")])
        assert indexed == []
        assert instance_names(module) == ["u0", "u1"]
        module = ir.Module.parse(LEAF + TOP)
        run_pipeline(module.operation, [loom_step("loom-specialize-to-hw", top="Top")])
        assert sorted(indexed) == ["Leaf", "Top"]  # without loom-verify before it, it indexes the bodies


def erase_u1(root: ir.Operation, options: NoOptions) -> None:
    """Erase the instance ``u1`` (its result is unused), as a user pass might."""
    del options
    for op in ops_of(root):
        if op.name == "loom.instance" and ir.StringAttr(op.attributes["instance_name"]).value == "u1":
            op.erase()


def test_a_pass_that_changes_the_ir_in_between_makes_specialize_index_again(indexed: list[str]) -> None:
    step = LoomStep(typed_pass("erase-u1", erase_u1, kind=PassKind.DESIGN, summary="erase u1"), NoOptions(),
                    "erase-u1")
    with new_context():
        module = ir.Module.parse(LEAF + TOP)
        run_pipeline(module.operation, [loom_step("loom-verify"), step, loom_step("loom-specialize-to-hw", top="Top")])
        assert sorted(indexed) == ["Leaf", "Top"]
        assert instance_names(module) == ["u0"]


@pytest.fixture
def symbol_indexes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """One entry per ``SymbolIndex`` built (rather than taken from loom-verify)."""
    built: list[int] = []
    original = SymbolIndex.__init__

    def counting(self: SymbolIndex, *args: Any) -> None:
        built.append(1)
        original(self, *args)

    monkeypatch.setattr(SymbolIndex, "__init__", counting)
    return built


def hw_module_names(module: ir.Module) -> list[str]:
    return sorted(ir.StringAttr(op.attributes["sym_name"]).value for op in ops_of(module.operation)
                  if op.name == "hw.module")


def test_specialize_takes_the_verifiers_symbol_index(symbol_indexes: list[int]) -> None:
    with new_context():
        module = ir.Module.parse(LEAF + TOP)
        run_pipeline(module.operation, [loom_step("loom-verify"), loom_step("realize-fsm"),
                                        loom_step("loom-specialize-to-hw", top="Top")])
        assert len(symbol_indexes) == 1
        assert hw_module_names(module) == ["Leaf", "Top"]


def test_a_module_renamed_in_between_is_found_under_its_new_name(symbol_indexes: list[int]) -> None:
    # The verifier's index maps 'Leaf' to the module the rename calls 'Leaf2': handed on, the instances of
    # 'Leaf2' would find no target. The rename changes the IR, so loom-specialize-to-hw builds its own.
    with new_context():
        module = ir.Module.parse(LEAF + TOP)
        run_pipeline(module.operation, [loom_step("loom-verify"), loom_step("loom-rename-module", **{"from": "Leaf"},
                                                                            to="Leaf2"),
                                        loom_step("loom-specialize-to-hw", top="Top")])
        assert len(symbol_indexes) >= 2
        assert hw_module_names(module) == ["Leaf2", "Top"]


@pytest.fixture
def exports(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, object]]:
    """What loom-export-metadata returns each time loom-specialize-to-hw runs it (a design with metadata)."""
    found: list[dict[str, object]] = []
    original = metadata.export

    def recording(root: ir.Operation, top: str | None = None) -> dict[str, object]:
        found.append(original(root, top))
        return found[-1]

    monkeypatch.setattr(metadata, "export", recording)
    return found


def test_no_module_is_asked_for_metadata_after_loom_verify(monkeypatch: pytest.MonkeyPatch,
                                                           exports: list[dict[str, object]]) -> None:
    """loom-verify saw every module's flags and ports: loom-specialize-to-hw asks none of them again whether
    it may have metadata (10,000 attribute reads), unless the verifier found some."""
    asked: list[int] = []
    original = metadata.may_export
    monkeypatch.setattr(metadata, "may_export", lambda module: asked.append(1) or original(module))
    with new_context():
        module = ir.Module.parse(LEAF + TOP)
        run_pipeline(module.operation, [loom_step("loom-verify"), loom_step("loom-specialize-to-hw", top="Top")])
        assert asked == [] and exports == [] and hw_module_names(module) == ["Leaf", "Top"]
        attributed = LEAF.replace('{name = "a", dir = "in", type = i8}',
                                  '{name = "a", dir = "in", type = i8, user_attributes = {cfg = "x"}}')
        module = ir.Module.parse(attributed + TOP)
        run_pipeline(module.operation, [loom_step("loom-verify"), loom_step("loom-specialize-to-hw", top="Top")])
        assert asked and len(exports) == 1 and "signals" in exports[0], exports


def add_port_attribute(root: ir.Operation, options: NoOptions) -> None:
    """Give Leaf's input a user attribute, as a user pass might (a module the verifier saw without one)."""
    del options
    for op in ops_of(root):
        if op.name == "loom.module" and ir.StringAttr(op.attributes["sym_name"]).value == "Leaf":
            op.attributes["ports"] = ir.Attribute.parse(
                '[{name = "a", dir = "in", type = i8, user_attributes = {cfg = "x"}},'
                ' {name = "o", dir = "out", type = i8}]')


def test_metadata_added_in_between_is_exported(exports: list[dict[str, object]]) -> None:
    """A pass between loom-verify and loom-specialize-to-hw that gives a port attributes changes the IR, so the
    verifier's "no metadata" is forgotten and the attribute is exported (with the invalidation switched off,
    the export is skipped and this test fails)."""
    step = LoomStep(typed_pass("add-port-attribute", add_port_attribute, kind=PassKind.DESIGN,
                               summary="add a port attribute"), NoOptions(), "add-port-attribute")
    with new_context():
        module = ir.Module.parse(LEAF + TOP)
        run_pipeline(module.operation, [loom_step("loom-verify"), step, loom_step("loom-specialize-to-hw", top="Top")])
    assert len(exports) == 1 and "signals" in exports[0], exports


def test_carried_facts_serve_the_next_run_on_the_same_root_only() -> None:
    with new_context():
        root = ir.Module.parse("module {}").operation
        other = ir.Module.parse("module {}").operation
        with analyses.carried(root):
            with analyses.scope(root):  # a first run leaves a fact
                analyses.remember(root, "fact", 1)
            with analyses.scope(other):  # a run on another root (a scratch module) has a store of its own
                assert analyses.take(root, "fact") is None
                analyses.remember(root, "fact", 2)
            with analyses.scope(root):  # the next run on the root finds the first run's fact
                assert analyses.take(root, "fact") == 1
                analyses.remember(root, "fact", 3)
            analyses.invalidate()  # the caller changed the IR between runs
            with analyses.scope(root):
                assert analyses.take(root, "fact") is None
        with analyses.scope(root):  # outside ``carried`` every run starts from nothing
            assert analyses.take(root, "fact") is None


def test_a_failing_run_leaves_no_fact_for_the_next() -> None:
    """A step that raises may have changed the IR first: what the run found before does not reach the next run
    on the root, even when the error is caught inside ``carried`` (a pass that runs a pipeline and recovers)."""

    def remember_then_fail(root: ir.Operation, options: NoOptions) -> None:
        del options
        analyses.remember(root, "fact", 1)  # a fact of the IR before the change below
        root.regions[0].blocks[0].operations[0].erase()
        raise PassFailedError("failed after a change")

    step = typed_pass("remember-then-fail", remember_then_fail, kind=PassKind.DESIGN, summary="fails")
    with new_context():
        root = ir.Module.parse(LEAF).operation
        with analyses.carried(root):
            with pytest.raises(PassFailedError, match="failed after a change"):
                run_pipeline(root, [LoomStep(step, NoOptions(), "remember-then-fail")])
            with analyses.scope(root):
                assert analyses.take(root, "fact") is None


@pytest.fixture
def listings(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """One entry per listing of the design's top-level ops that ``analyses.top_level_ops`` makes."""
    made: list[int] = []
    original = analyses.take

    def counting(root: ir.Operation, name: str) -> object | None:
        found = original(root, name)
        if name == analyses.TOP_OPS and found is None:
            made.append(1)
        return found

    monkeypatch.setattr(analyses, "take", counting)
    return made


def test_the_lowering_starts_from_what_the_kratos_passes_found(listings: list[int]) -> None:
    """``loom.verilog``'s two pipeline runs (the kratos passes, which change nothing here, then the lowering)
    list the top-level ops once: zero-out-stubs lists them, loom-checks and loom-verify take the list."""
    from loom.driver.pass_manager import VerilogModule

    with new_context():
        module = ir.Module.parse(LEAF + TOP)
        code_gen = VerilogModule(module, top_name="Top")
        code_gen.pass_manager().add_default_passes()
        code_gen.run_passes()
        assert len(listings) == 1
        assert hw_module_names(module) == ["Leaf", "Top"]


def test_a_kratos_pass_that_changes_the_ir_makes_the_lowering_list_again(listings: list[int]) -> None:
    step = typed_pass("erase-u1", erase_u1, kind=PassKind.DESIGN, summary="erase u1")
    from loom.driver.pass_manager import VerilogModule

    with new_context():
        module = ir.Module.parse(LEAF + TOP)
        code_gen = VerilogModule(module, top_name="Top")
        code_gen.pass_manager().add_default_passes()
        code_gen.pass_manager().register_pass("erase-u1", step.fn)
        code_gen.pass_manager().add_pass("erase-u1")
        code_gen.run_passes()
        assert len(listings) == 2  # before the erasing pass (its kratos passes), and again after it
        assert instance_names(module) == ["u0"]
