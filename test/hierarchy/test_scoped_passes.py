"""Passes and rewrite patterns on some instances (``Design.run(on=...)``, ``Design.rewrite``, ``loom-scope``).

Counts and costs on large hierarchies: a scoped pass makes variants only of
the modules it changes, per (module, automaton state) pair, never per
instance. Behaviour (exactly the matched instances change) is simulated in
``test/sim/test_sim_scoped.py``.
"""

from __future__ import annotations

import time

import pytest
from circt.dialects import comb

import loom
from loom import Design, Generator, always_comb, assert_
from loom.dialect.errors import ParseError, PassFailedError
from loom.lowering.diagnostics import ERROR, CheckFailedError
from loom.lowering.pass_kinds import PassKind
from loom.lowering.registry import BUILTIN_PASSES
from loom.tools.build import EXAMPLES_DIR, load_file

DEPTH = 20
tree = load_file(EXAMPLES_DIR / "binary_tree.py")
mesh = load_file(EXAMPLES_DIR / "mesh.py")
LEAF_PATH = ".".join(["left"] * DEPTH)


class CheckedLeaf(Generator):
    """The tree's leaf with an immediate assertion: what ``remove-assertion`` removes."""

    def __init__(self) -> None:
        super().__init__("CheckedLeaf")
        self.clk = self.clock()
        self.a = self.input("a", 8)
        acc = self.reg("acc", 8, reset=False)
        acc.assign(acc + self.a)
        self.output("o", 8).assign(acc)

    @always_comb
    def guard(self) -> None:
        assert_(self.a != 255, "a must not be 255")


class LatchLeaf(Generator):
    """A leaf whose always_comb infers a latch (check-inferred-latch reports it)."""

    def __init__(self, name: str = "LatchLeaf") -> None:
        super().__init__(name)
        self.clock()
        self.a = self.input("a", 8)
        self.o = self.output("o", 8)

    @always_comb
    def pick(self) -> None:
        if self.a[0]:
            self.o = self.a


def checked_tree(depth: int, leaf: Generator | None = None) -> Generator:
    level: Generator = leaf or CheckedLeaf()
    for index in range(1, depth + 1):
        level = tree.Node(index, level)
    return level


def test_pass_on_one_leaf_of_a_depth_20_tree_adds_one_module_per_level() -> None:
    design = Design(checked_tree(DEPTH))
    assert len(design.modules) == 21
    start = time.perf_counter()
    result = design.run("remove-assertion", on=LEAF_PATH)
    elapsed = time.perf_counter() - start
    assert result is not None and result.changed == ["CheckedLeaf"]
    assert len(design.modules) <= 41
    edited = [m for m in design.modules if m.startswith("CheckedLeaf_")]
    assert len(edited) == 1
    assert design.count("**", module=edited[0]) == 1
    assert design.paths("**", module=edited[0]) == [LEAF_PATH]
    assert design.count("**", module="CheckedLeaf") == 2**DEPTH - 1
    assert elapsed < 1.0, elapsed  # bench/scoped.py measures it: well under 0.1 s on a quiet machine
    sources = design.verilog(emit_locations=False)
    assert "assert" not in sources[edited[0]] and "assert" in sources["CheckedLeaf"]


def test_pass_that_changes_nothing_makes_no_variant() -> None:
    design = Design(tree.top(DEPTH))
    result = design.run("remove-assertion, transform-if-to-case, remove-unused-stmts", on="**")
    assert result is not None and result.changed == [] and result.edit is None
    assert len(design.modules) == 21 and result.created == []


def test_pass_on_every_instance_changes_the_module_in_place() -> None:
    design = Design(checked_tree(DEPTH))
    result = design.run("remove-assertion", on="**")
    assert result is not None and result.changed == ["CheckedLeaf"]
    assert len(design.modules) == 21  # every instance matched: the one variant takes the original's name
    assert "assert" not in design.verilog(emit_locations=False)["CheckedLeaf"]


def test_module_glob_runs_in_place_on_named_modules() -> None:
    design = Design(checked_tree(3))
    result = design.run("remove-assertion", on_modules="Checked*")
    assert result is not None and result.changed == ["CheckedLeaf"] and len(design.modules) == 4
    assert "assert" not in design.verilog(emit_locations=False)["CheckedLeaf"]


def _add_to_sub(op: comb.AddOp, rewriter: object) -> bool:
    """A user pattern: ``a + b`` becomes ``a - b``."""
    with rewriter.ip:  # type: ignore[attr-defined]
        sub = comb.SubOp(op.operands[0], op.operands[1])
    rewriter.replace_op(op, sub.operation)  # type: ignore[attr-defined]
    return False


@pytest.mark.parametrize("driver", ["greedy", "walk"])
def test_rewrite_patterns_on_one_leaf(driver: str) -> None:
    design = Design(tree.top(DEPTH))
    start = time.perf_counter()
    result = design.rewrite(LEAF_PATH, [(comb.AddOp, _add_to_sub)], driver=driver)
    elapsed = time.perf_counter() - start
    assert result.changed == ["Leaf"] and len(design.modules) <= 41
    assert elapsed < 1.0, elapsed
    sources = design.verilog(emit_locations=False)
    leaf_variant = next(m for m in design.modules if m.startswith("Leaf_"))
    assert "acc - a" in sources[leaf_variant] and "acc + a" in sources["Leaf"]
    assert "a + 8'h1" in sources["Node1"]  # the parents on the path were copied, not rewritten


def test_rewrite_takes_a_function_that_fills_the_set() -> None:
    design = Design(tree.top(2))
    result = design.rewrite("left.right", lambda patterns: patterns.add(comb.AddOp, _add_to_sub))
    assert result.changed == ["Leaf"] and len(design.modules) == 5


def test_scoped_insert_pipeline_stages_on_one_mesh_row_adds_one_module() -> None:
    design = Design(mesh.top(32, 32))
    assert len(design.modules) == 2
    result = design.run("insert-pipeline-stages{stages=1}", on="tile[Y=3]")
    assert result is not None and result.changed == ["Tile"]
    assert len(design.modules) == 3
    staged = next(m for m in design.modules if m.startswith("Tile_"))
    assert design.count("**", module=staged) == 32


def test_unscopable_passes_are_refused_by_name() -> None:
    design = Design(tree.top(2))
    for name in ("dead-code-elimination", "remove-pass-through-modules", "loom-tie-output{path=x port=o value=1}",
                 "lower-to-hw", "verify-generator-connectivity"):
        with pytest.raises(ParseError, match="cannot run on some instances only"):
            design.run(name, on="left")
    with pytest.raises(TypeError, match="exactly one of"):
        design.run("canonicalize", on="left", on_modules="*")


def test_a_pass_that_changes_the_interface_is_caught_after_it_runs() -> None:
    def add_port(module: object, options: dict[str, str]) -> None:
        del options
        from loom.lowering.editors import ModuleEditor
        from loom.dialect.ops import ModuleOp
        for op in module.regions[0].blocks[0].operations:  # type: ignore[attr-defined]
            editor = ModuleEditor(ModuleOp(op.operation), lambda name: None)
            editor.add_output("extra", editor.constant(1, 1))

    loom.register_pass("test-add-port", add_port)
    try:
        design = Design(tree.top(2))
        with pytest.raises(PassFailedError, match="changed the interface of 'Leaf'"):
            design.run("test-add-port", on="left.left")
    finally:
        BUILTIN_PASSES.unregister("test-add-port")


def test_scoped_check_reports_only_in_scope_with_counts() -> None:
    class Top(Generator):
        def __init__(self) -> None:
            super().__init__("Top")
            clk = self.clock()
            a = self.input("a", 8)
            bad_left = checked_tree(3, LatchLeaf("LeftLatch"))
            self.add_child("left", bad_left, clk=clk, a=a)
            self.add_child("right", tree.Node(9, LatchLeaf("RightLatch")), clk=clk, a=a)
            self.output("o", 8).assign(a)

    design = Design(Top())
    with pytest.raises(CheckFailedError) as caught:
        design.run("check-inferred-latch", on="left.**")
    errors = [d for d in caught.value.diagnostics if d.severity == ERROR]
    assert errors and all("'o'" in d.message for d in errors)
    notes = [n.message for d in errors for n in d.notes if "matched instance" in n.message]
    assert notes and all("module 'LeftLatch': 8 matched instances, e.g. left." in n for n in notes), notes
    assert design.run("check-inferred-latch", on="nothing.here") is not None  # matches nothing: no report


def test_unscoped_check_names_one_instance_of_a_million_and_the_count() -> None:
    top = checked_tree(DEPTH, LatchLeaf())
    start = time.perf_counter()
    with pytest.raises(CheckFailedError) as caught:
        loom.verilog(top)
    elapsed = time.perf_counter() - start
    notes = [n.message for d in caught.value.diagnostics for n in d.notes if "instances" in n.message]
    assert notes == [f"in module 'LatchLeaf': 1,048,576 instances, e.g. {LEAF_PATH}"] * len(notes) and notes
    assert elapsed < 5.0, elapsed


def test_pass_kinds_come_from_the_registration() -> None:
    assert BUILTIN_PASSES.lookup("remove_assertion").kind is PassKind.MODULE  # type: ignore[union-attr]
    assert BUILTIN_PASSES.lookup("loom-dedup").kind is PassKind.HIERARCHY  # type: ignore[union-attr]
    assert BUILTIN_PASSES.lookup("check-inferred-latch").kind is PassKind.CHECK  # type: ignore[union-attr]
    assert BUILTIN_PASSES.lookup("lower-loom-to-hw").kind is PassKind.DESIGN  # type: ignore[union-attr]
