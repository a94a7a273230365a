"""The kratos-style pass manager, user passes as IR visitors, generator attributes and set_num_cpus."""

from __future__ import annotations

import re

import pytest

import loom
from loom import Generator
from loom.dialect import new_context
from loom.lowering.stage import needs_loom_ir, needs_lowered_ir
from loom.passes import (
    DEFAULT_PIPELINE,
    Assign,
    Instance,
    IRVisitor,
    Module,
    PassManager,
    Port,
    Reg,
    Var,
    VerilogModule,
    get_num_cpus,
    set_num_cpus,
)


class Child(Generator):
    def __init__(self) -> None:
        super().__init__("Child")
        clk = self.clock()
        a = self.input("a", 4)
        total = self.var("total", 4)
        total.assign(a + 1)
        held = self.reg("held", 4, clock=clk, reset=False)
        held.assign(total)
        self.output("out", 4).assign(held)


class Parent(Generator):
    def __init__(self) -> None:
        super().__init__("Parent")
        clk = self.clock()
        a = self.input("a", 4)
        child = Child()
        first = self.add_child("c0", child, clk=clk, a=a)
        second = self.add_child("c1", child, clk=clk, a=first.out)
        self.output("out", 4).assign(second.out)


def change_name(generator) -> None:
    """The reference's example pass: every generator's port ``out`` becomes ``test``."""

    class Visitor(IRVisitor):
        def __init__(self) -> None:
            IRVisitor.__init__(self)

        def visit(self, node) -> None:
            if isinstance(node, Port):
                if node.name == "out":
                    node.name = "test"

    visitor = Visitor()
    visitor.visit_root(generator)


def test_reference_example_renames_ports_in_modules_and_instances() -> None:
    sources = loom.verilog(Parent(), additional_passes={"name_change": change_name}, emit_locations=False)
    assert "output [3:0] test" in sources["Child"] and not re.search(r"\bout\b", sources["Child"])
    parent = sources["Parent"]
    assert "output [3:0] test" in parent
    assert parent.count(".test (") == 2 and not re.search(r"\bout\b", parent)


def test_user_passes_run_first_and_see_loom_ir() -> None:
    seen: list[str] = []

    def record(top) -> None:
        seen.append(f"{type(top).__name__}:{top.name}:{top.op_name}")

    loom.verilog(Parent(), additional_passes={"record": record})
    assert seen == ["IRModule:Parent:loom.module"]


def test_visitor_visits_each_definition_once_with_typed_nodes() -> None:
    code_gen = VerilogModule(Parent())
    kinds: list[tuple[str, str]] = []

    class Collect(IRVisitor):
        def visit(self, node) -> None:
            if isinstance(node, (Module, Port, Var, Instance, Assign)):
                kinds.append((type(node).__name__, node.name if not isinstance(node, Assign) else node.kind))

    Collect().visit_root(code_gen.module)
    assert kinds.count(("IRModule", "Child")) == 1
    assert ("IRInstance", "c0") in kinds and ("IRInstance", "c1") in kinds
    assert ("IRVar", "total") in kinds and ("IRReg", "held") in kinds
    assert [k for k in kinds if k[0] == "IRPort"][:3] == [("IRPort", "clk"), ("IRPort", "a"), ("IRPort", "out")]
    assert issubclass(Reg, Var)


def test_node_edits_keep_instances_consistent() -> None:
    code_gen = VerilogModule(Parent())
    manager = code_gen.pass_manager()

    def edit(top) -> None:
        child = top.design.module("Child")
        child.name = "Leaf"
        child.port("a").name = "data_in"
        for inst in top.instances:
            inst.name = inst.name.upper()
        child.vars[0].name = "sum"

    manager.register_pass("edit", edit)
    manager.add_pass("edit")
    code_gen.run_passes()
    sources = code_gen.verilog_src()
    assert sorted(sources) == ["Leaf", "Parent"]
    assert "Leaf C0 (" in sources["Parent"] and ".data_in (a)" in sources["Parent"]
    assert "wire [3:0] sum" in sources["Leaf"]


def test_pass_manager_orders_names_in_either_spelling() -> None:
    order: list[str] = []
    code_gen = VerilogModule(Parent())
    manager = code_gen.pass_manager()
    manager.register_pass("second_pass", lambda top: order.append("second"))
    manager.register_pass("first-pass", lambda module, options: order.append(f"first{options}"))
    manager.add_pass("first_pass")
    manager.add_pass("second-pass")
    manager.add_pass("first-pass")
    manager.add_pass("verify_generator_connectivity")
    manager.add_pass("canonicalize")
    code_gen.run_passes()
    assert order == ["first{}", "second", "first{}"]
    assert manager.passes == ["first_pass", "second-pass", "first-pass", "verify_generator_connectivity",
                              "canonicalize"]
    assert set(code_gen.verilog_src()) == {"Parent", "Child"}
    assert "second-pass" in code_gen.timing and "loom-specialize-to-hw" in code_gen.timing


def test_pass_manager_errors_name_the_pass() -> None:
    manager = PassManager()
    with pytest.raises(loom.LoomError, match="pass 'zero-out-stubs' already exists"):
        manager.register_pass("zero_out_stubs", lambda top: None)
    with pytest.raises(loom.ParseError, match="pass 'no-such-pass' doesn't exist in the pass manager"):
        manager.add_pass("no-such-pass")
    assert manager.passes == []


def test_every_reference_structure_pass_is_pre_registered() -> None:
    manager = PassManager()
    for name in ("verify_generator_connectivity", "create_module_instantiation", "zero_out_stubs",
                 "zero_generator_inputs", "remove_pass_through_modules", "insert_pipeline_stages", *DEFAULT_PIPELINE):
        assert manager.has_pass(name), name


def test_lowering_runs_before_the_first_pass_that_needs_hw_ir() -> None:
    seen: list[str] = []

    @needs_lowered_ir
    def on_hw(module, options) -> None:
        seen.append(next(iter(module.regions[0].blocks[0].operations)).operation.name)

    @needs_loom_ir
    def on_loom(module, options) -> None:
        seen.append("loom")

    code_gen = VerilogModule(Parent())
    manager = code_gen.pass_manager()
    manager.register_pass("on-hw", on_hw)
    manager.register_pass("on-loom", on_loom)
    manager.add_pass("on-loom")
    manager.add_pass("on-hw")
    code_gen.run_passes()
    assert seen == ["loom", "hw.module"]

    late = VerilogModule(Parent())
    late.pass_manager().register_pass("on-hw", on_hw)
    late.pass_manager().register_pass("on-loom", on_loom)
    late.pass_manager().add_pass("on-hw")
    late.pass_manager().add_pass("on-loom")
    with pytest.raises(loom.PassFailedError, match="pass 'on-loom' works on loom IR .* run it before lower-to-hw"):
        late.run_passes()


def test_add_attribute_is_stored_on_the_module() -> None:
    gen = Child()
    gen.add_attribute("pipeline", "2")
    gen.add_attribute("dont_touch")
    gen.is_stub = False
    module, _ = loom.elaborate(gen)
    text = str(module)
    assert 'user_attributes = {dont_touch = "", pipeline = "2"}' in text
    seen: dict[str, str] = {}
    loom.verilog(gen, additional_passes={"read": lambda top: seen.update(top.attributes)},
                 default_passes=False)
    assert seen == {"pipeline": "2", "dont_touch": ""}
    with pytest.raises(loom.ElaborationError, match="must be a string"):
        gen.add_attribute("pipeline", 2)  # type: ignore[arg-type]


def test_set_num_cpus_controls_mlir_threads() -> None:
    before = get_num_cpus()
    try:
        set_num_cpus(1)
        assert new_context().get_num_threads() == 1
        set_num_cpus(0)
        assert get_num_cpus() >= 1
        with pytest.raises(TypeError):
            set_num_cpus("2")  # type: ignore[arg-type]
    finally:
        set_num_cpus(before)


def test_verifier_runs_only_after_passes_that_may_change_the_ir() -> None:
    """``@preserves_ir`` (checks) and a ``False`` return (nothing to do) skip the whole-design verification."""
    from loom.lowering.pipeline import VERIFY_TIMING, PipelineOptions, run_pipeline
    from loom.lowering.registry import BUILTIN_PASSES
    from loom.lowering.stage import preserves_ir

    @preserves_ir
    def check_only(module, options) -> None:
        del module, options

    def nothing_to_do(module, options) -> bool:
        del module, options
        return False

    def may_change(module, options) -> None:
        del module, options

    registry = BUILTIN_PASSES.copy()
    for fn in (check_only, nothing_to_do, may_change):
        registry.register(fn.__name__, fn)
    design = VerilogModule(Parent()).module
    with design.context:
        for names, verified in ((["check-only", "nothing-to-do", "verify-generator-connectivity", "loom-checks"],
                                 False), (["may-change"], True)):
            timing: dict[str, float] = {}
            run_pipeline(design.operation, ", ".join(names), PipelineOptions(timing=timing), registry)
            assert (VERIFY_TIMING in timing) is verified, names

    manager = PassManager()
    manager.register_pass("kratos_check", preserves_ir(lambda top: None))
    assert manager.registry.lookup("kratos-check").fn.loom_preserves_ir


_MISSING_CHILD = '''
"loom.module"() ({
^bb0(%a: i8):
  %0 = "loom.instance"(%a) {input_names = ["a"], instance_name = "u", module = @Nope, output_names = ["o"], parameters = {}} : (i8) -> i8
  "loom.output"(%0) : (i8) -> ()
}, {}) {sym_name = "Top", parameters = [], ports = [{dir = "in", name = "a", type = i8}, {dir = "out", name = "o", type = i8}]} : () -> ()
'''


@pytest.mark.parametrize("export", ["verilog_src", "emit"])
def test_a_caught_lowering_failure_leaves_nothing_to_export(export, tmp_path):
    """The lowering stopped part way (an instance of a missing module): exporting what it left must not pass for
    the design (it printed an empty dict or part-lowered files); the second call names the first failure."""
    from circt import ir

    with new_context():
        module = ir.Module.parse(_MISSING_CHILD)
    code_gen = VerilogModule(module, top_name="Top")
    call = (lambda: code_gen.verilog_src()) if export == "verilog_src" else (lambda: code_gen.emit(tmp_path))
    with pytest.raises(loom.LoomError, match="refers to module '@Nope'"):
        call()
    with pytest.raises(loom.UsageError, match=r"cannot export 'Top': its lowering to hw failed earlier.*'@Nope'") as error:
        call()
    assert error.value.location.split(":")[0].endswith("test_pass_manager.py")  # the user's call, not loom's
    assert not list(tmp_path.glob("*.sv"))
