"""Every registered built-in pass runs: on an empty design, and on a small one that it leaves valid and lowerable.

The list of passes is the registry's (``lowering/builtin_passes.py`` names
every pass file), so a pass added there is tested here without a new line,
unless it needs options (``OPTIONS``) or another pass first (``BEFORE``). A
pass that needs lowered IR (``@needs_lowered_ir``) runs on the design after
the lowering; the others run on loom IR and the result must still lower to
SystemVerilog and pass ``verilator --lint-only -Wall``.
"""

from __future__ import annotations

import importlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from circt import ir

from loom import Generator, always_comb, always_ff, function, posedge
from loom.dialect.context import new_context
from loom.dialect.errors import LoomError
from loom.frontend.emit import elaborate
from loom.lowering.builtin_passes import ABSENT, IDLE_WHEN, PASS_MODULES, UNMARKED
from loom.lowering.export import BackendOptions, apply_lowering_options, export_split, lower
from loom.lowering.pass_options import option_specs
from loom.lowering.pipeline import LoomStep, run_pipeline
from loom.lowering.registry import BUILTIN_PASSES, DeferredPass
from loom.lowering.rewrites.common import RARE_OPS
from loom.lowering.stage import LOWERED, stage_of

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "sim"))
import simulate as sim


@function
def clamp(x, hi):  # type: ignore[no-untyped-def]
    if x > hi:
        return hi
    return x


class Leaf(Generator):
    """A parameter, a function, an if/elif chain in ``always_comb`` and an accumulator in ``always_ff``."""

    def __init__(self) -> None:
        super().__init__("Leaf")
        self.param("INC", 1, width=8)
        self.clk = self.clock()
        self.rst = self.reset()
        self.a = self.input("a", 8)
        self.o = self.output("o", 8)
        self.y = self.var("y", 8)
        self.acc = self.var("acc", 8)
        self.o.assign(self.acc)

    @always_comb
    def pick(self):  # type: ignore[no-untyped-def]
        if self.a == 0:
            self.y = 1
        elif self.a == 1:
            self.y = clamp(self.a, 100)
        else:
            self.y = self.a

    @always_ff((posedge, "clk"))
    def accumulate(self):  # type: ignore[no-untyped-def]
        if self.rst:
            self.acc = 0
        else:
            self.acc = self.acc + self.y


class Top(Generator):
    """Two leaves, ``c1`` and ``c2`` (the second with ``INC=2``), their outputs xored."""

    def __init__(self) -> None:
        super().__init__("Top")
        clk, rst = self.clock(), self.reset()
        a = self.input("a", 8)
        c1 = self.add_child("c1", Leaf(), clk=clk, rst=rst, a=a)
        c2 = self.add_child("c2", Leaf(), params={"INC": 2}, clk=clk, rst=rst, a=a ^ 3)
        self.output("o", 8).assign(c1.o ^ c2.o)


OPTIONS: dict[str, str] = {
    "loom-set-parameter": "path=c1 name=INC value=4",
    "loom-set-attribute": "path=c1 name=note value=x",
    "loom-tie-output": "path=c1 port=o value=0",
    "loom-expose": "path=c1 signal=y",
    "loom-remove-instance": "path=c2",
    "loom-inline": "path=c1",
    "loom-duplicate": "path=c1",
    "loom-annotate": "path=c1 key=floorplan value=x0y0",
    "loom-rename-module": "from=Top to=Renamed",
    "loom-scope": 'path=c1 pipeline="sort-stmts, canonicalize"',
    "loom-strip-unused-modules": "top=Top",
    "insert-pipeline-stages": "stages=1",
    "extract-struct-info": "file={tmp}/structs.json",
    "extract-debug-info": "output={tmp}/debug.json",
    "loom-export-metadata": "file={tmp}/metadata.json",
    "generate-verilog": "out-dir={tmp}/sv",
}
"""Options a pass needs on ``Top`` (``{tmp}``: a fresh folder)."""

BEFORE: dict[str, str] = {
    "loom-inline": "loom-specialize",
    "lower-loom-to-hw": "fix-assignment-type, inline-functions, realize-fsm, loom-specialize",
    "loom-specialize-to-hw": "fix-assignment-type, inline-functions, realize-fsm",
}
"""Passes a pass needs before it on the small design (inlining needs specialised children)."""

AFTER: dict[str, str] = {"lower-loom-to-hw": "loom-strip-unused-modules{top=Top}, cleanup",
                         "loom-specialize-to-hw": "cleanup"}
"""What takes a pass's result to SystemVerilog, when that is not the whole lowering (``backend.lower``)."""

NEEDS_A_TOP = {
    "dead-code-elimination", "extract-debug-info", "loom-annotate", "loom-duplicate", "loom-expose", "loom-inline",
    "loom-remove-instance", "loom-rename-module", "loom-scope", "loom-set-attribute", "loom-set-parameter",
    "loom-specialize", "loom-specialize-to-hw", "loom-strip-unused-modules", "loom-tie-output"}
"""Passes that report an error on an empty design: there is no top module (or no module to rename)."""

PASSES = [info.name for info in BUILTIN_PASSES.infos()]


def test_the_registry_holds_every_built_in_pass() -> None:
    assert len(PASSES) >= 58
    for info in BUILTIN_PASSES.infos():
        assert info.builtin and info.options_class is not None, info.name
        assert info.name == info.name.lower() and "_" not in info.name, info.name


def _pass_source(module: str) -> str:
    """The text of the file of ``PASS_MODULES``' module ``module`` (a dotted name under ``lowering/``)."""
    return (Path(__file__).resolve().parents[2] / "lowering" / module.replace(".", "/")).with_suffix(".py").read_text()


def test_the_table_of_pass_modules_names_every_registered_pass() -> None:
    """The registry imports a pass's file from this table when the pass is first looked up: a pass missing
    from it would not be found by name, and a name whose file is wrong would import every pass."""
    registered = {info.name: info for info in BUILTIN_PASSES.infos()}
    assert set(PASS_MODULES) == set(registered)
    for name, module in PASS_MODULES.items():
        assert f'"{name}"' in _pass_source(module), (name, module)


def test_a_pipeline_imports_only_the_passes_it_runs() -> None:
    """A fresh process that lowers a small design with the default pipeline imports none of the
    hierarchy-edit passes (importing every pass was most of the fixed cost of ``loom.verilog``), none
    of the passes ``IDLE_WHEN`` finds nothing to do for, and none of the checks that read procedural code only
    (``checks.runner.scanning_checks`` leaves them out)."""
    idle = sorted([f"loom.lowering.{PASS_MODULES[name]}" for name in IDLE_WHEN] + [
        f"loom.lowering.checks.{name}" for name in (
            "always_sensitivity", "inferred_latch", "mixed_assignment", "multiple_driver", "non_synthesizable")])
    program = ("import sys, loom\n"
               "class T(loom.Generator):\n"
               "    def __init__(self):\n"
               "        super().__init__('T')\n"
               "        self.output('o', 8).assign(self.input('a', 8))\n"
               "assert 'module T' in loom.verilog(T())['T']\n"
               "print(sorted(m for m in sys.modules if m.startswith('loom.lowering.edit_passes.')))\n"
               f"print(sorted(set(sys.modules) & {set(idle)!r}))\n")
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["[]", "[]"], done.stdout


def test_the_idle_table_agrees_with_the_passes() -> None:
    """What the registry takes from ``IDLE_WHEN`` before importing a pass is what the pass registers; the
    pass needs no option (it is run without parsing any), and it asks the same question first when it runs."""
    registered = {info.name: info for info in BUILTIN_PASSES.infos()}
    for name, when in IDLE_WHEN.items():
        info = registered[name]
        assert (when.kind, when.stage) == (info.kind.value, stage_of(info.fn)), name
        assert not any(spec.required for spec in option_specs(info.options_class)), name
        assert when.test != ABSENT or set(when.names) <= RARE_OPS, name
        source = _pass_source(PASS_MODULES[name])
        assert f'idle(module, "{name}")' in source or f'idle(root, "{name}")' in source, name
    for name, (module, constant) in NAMES_FROM.items():
        names = getattr(importlib.import_module(f"loom.lowering.{module}"), constant)
        names = [op for op, _ in names()] if callable(names) else [names] if isinstance(names, str) else names
        assert IDLE_WHEN[name].names == tuple(sorted(set(names))), name
    assert {name for name, when in IDLE_WHEN.items() if when.test == UNMARKED} <= set(NAMES_FROM)


NAMES_FROM: dict[str, tuple[str, str]] = {
    "zero-out-stubs": ("zero_out_stubs", "ATTRIBUTE"),
    "zero-generator-inputs": ("zero_generator_inputs", "ATTRIBUTE"),
    "insert-pipeline-stages": ("insert_pipeline_stages", "STAGES"),
    "merge-wire-assignments": ("rewrites.merge_wire_assignments", "merge_patterns"),
    "remove-fanout-one-wires": ("rewrites.remove_fanout_one_wires", "CANDIDATES"),
    "guard-assertions": ("guard_assertions", "IMMEDIATE_ASSERTIONS"),
    "check-function-return": ("check_function_return", "FUNC"),
    "remove-unused-vars": ("rewrites.remove_unused_vars", "VARIABLES"),
    "remove-unused-stmts": ("rewrites.remove_unused_stmts", "STATEMENT_CONTAINERS"),
    "fold-constant-comparisons": ("fold_constant_comparisons", "COMPARED"),
    "lower-data-types": ("lower_data_types", "READ"),
    "narrow-partly-read-values": ("narrow_partly_read_values", "READERS"),
    "wire-unpacked-element-sources": ("wire_unpacked_element_sources", "ASSIGN"),
    "write-comb-variables-once": ("write_comb_variables_once", "BLOCKS"),
}
"""Where a pass's file names what ``IDLE_WHEN`` names for it (an attribute, the ops its patterns look at)."""


class Plain(Generator):
    """A register and an adder: nothing for any pass of ``IDLE_WHEN``."""

    def __init__(self) -> None:
        super().__init__("Plain")
        self.clock()
        acc = self.reg("acc", 8, reset=False)
        acc.assign(acc + self.input("a", 8))
        self.output("o", 8).assign(acc)


@pytest.mark.parametrize("name", sorted(IDLE_WHEN))
def test_a_deferred_pass_does_what_the_pass_does(name: str) -> None:
    """The pass as a fresh process looks it up (``DeferredPass``, its module not imported) and as its module
    registers it leave the same IR, on a design with work for most of them and on one with work for none
    (where the deferred pass reports the IR untouched)."""
    real = {info.name: info for info in BUILTIN_PASSES.infos()}[name]
    for design in (Top, Plain):
        texts = []
        for info in (DeferredPass(name, IDLE_WHEN[name]), real):
            module, top = elaborate(design(), new_context())
            with module.context:
                if _lowered_stage(name):
                    lower(module, top, BackendOptions())
                before = str(module)
                run_pipeline(module.operation, [LoomStep(info, info.parse_options({}), name)])
                texts.append(str(module))
                if design is Plain:
                    assert texts[-1] == before, name
                    if isinstance(info, DeferredPass):
                        assert info.fn(module.operation, info.parse_options({})) is False, name
        assert texts[0] == texts[1], name


def test_a_deferred_pass_is_the_real_one_when_asked() -> None:
    """A pass looked up before its file is imported lists, parses options and runs as the pass itself does."""
    program = ("import loom\n"
               "from loom.lowering.registry import BUILTIN_PASSES, DeferredPass\n"
               "info = BUILTIN_PASSES.lookup('insert-pipeline-stages')\n"
               "assert isinstance(info, DeferredPass)\n"
               "print(info.summary)\n"
               "print(info.describe_options())\n"
               "print(info.parse_options({'stages': '2'}))\n")
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)
    real = BUILTIN_PASSES.infos()
    stages = next(info for info in real if info.name == "insert-pipeline-stages")
    assert not isinstance(stages, DeferredPass)
    assert done.stdout.splitlines() == [stages.summary, str(stages.describe_options()),
                                        str(stages.parse_options({"stages": "2"}))]


def _pipeline(name: str, tmp: Path, alone: bool = False) -> str:
    """The pass with its options, after what it needs first unless it runs ``alone``."""
    options = OPTIONS.get(name, "").format(tmp=tmp)
    step = f"{name}{{{options}}}" if options else name
    return f"{BEFORE[name]}, {step}" if name in BEFORE and not alone else step


def _lowered_stage(name: str) -> bool:
    info = BUILTIN_PASSES.lookup(name)
    assert info is not None
    return stage_of(info.fn) == LOWERED


@pytest.mark.parametrize("name", PASSES)
def test_pass_runs_on_an_empty_design(name: str, tmp_path: Path) -> None:
    with new_context():
        module = ir.Module.parse("")
        try:
            run_pipeline(module.operation, _pipeline(name, tmp_path, alone=True))
        except LoomError as error:
            assert name in NEEDS_A_TOP, f"{name} fails on an empty design: {error}"
            return
        assert name not in NEEDS_A_TOP, f"{name} accepts an empty design"
        module.operation.verify()


@pytest.mark.parametrize("name", PASSES)
def test_pass_runs_on_a_small_design(name: str, tmp_path: Path) -> None:
    module, top = elaborate(Top(), new_context())
    if name == "loom-rename-module":
        top = "Renamed"
    with module.context:
        if _lowered_stage(name):
            lower(module, top, BackendOptions())
            run_pipeline(module.operation, _pipeline(name, tmp_path))
        elif name in AFTER:
            run_pipeline(module.operation, f"{_pipeline(name, tmp_path)}, {AFTER[name]}")
            apply_lowering_options(module.operation, BackendOptions())
        else:
            run_pipeline(module.operation, _pipeline(name, tmp_path))
            lower(module, top, BackendOptions())
        module.operation.verify()
    files = export_split(module, tmp_path / "out")
    assert tmp_path / "out" / f"{top}.sv" in files
    if shutil.which("verilator") is not None:
        sim.lint(files, top)
