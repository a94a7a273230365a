"""The checks' scan finds the same ops whether MLIR's walk driver finds them by name or Python lists the body.

Without name prefixes to match, ``scan`` asks the walk driver for the ops it keeps
(``named_top_ops``); with them it reads every top-level op. Both must give the
same blocks, assignments and kept ops, in order, on every example design.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from circt import ir

from loom.dialect.context import new_context
from loom.frontend.emit import elaborate
from loom.lowering.checks import model as checks_model
from loom.lowering.checks.model import Scan, modules, scan, top_ops
from loom.lowering.checks.runner import CHECK_NAMES, Check, all_checks, run_checks, scanning_checks
from loom.lowering.diagnostics import ERROR, CheckFailedError
from loom.lowering.pipeline import run_pipeline
from loom.tools.build import example_files, load_generator

WANTED = frozenset().union(*(check.wanted for check in all_checks()))
NOTHING = ("\0",)  # a prefix no op name has: forces the scan to read the whole body


def summary(found: Scan) -> tuple[object, ...]:
    return ([block.op for block in found.blocks], [(a.op, a.kind, a.block is None) for a in found.assignments],
            {name: list(ops) for name, ops in found.ops.items()})


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.stem)
def test_named_walk_finds_what_the_body_holds(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checks_model, "LARGE_BODY", 0)  # every body is scanned through the walk driver
    module, _ = elaborate(load_generator(f"{path}:top", {}))
    with module.context:
        for model in modules(module.operation):
            assert summary(scan(model, WANTED)) == summary(scan(model, WANTED, NOTHING)), model.name


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.stem)
def test_one_walk_for_every_module_finds_what_each_body_holds(path: Path) -> None:
    """``top_ops`` (one walk of the whole design, what ``loom-checks`` scans from) gives every module the same
    scan as reading its body."""
    module, _ = elaborate(load_generator(f"{path}:top", {}))
    with module.context:
        index = top_ops(module.operation, WANTED)
        for model in modules(module.operation):
            assert summary(scan(model, WANTED, (), index)) == summary(scan(model, WANTED, NOTHING)), model.name


def test_a_module_of_registers_only_is_still_checked() -> None:
    """A scan without blocks or assignments calls only the checks that asked for what it kept: the register
    with a synchronous reset on a port declared asynchronous is still reported."""
    leaf = ('"loom.module"() ({\n^bb0(%clk: !seq.clock, %arst: i1, %a: i8):\n  %c0 = hw.constant 0 : i8\n'
            '  %r = seq.firreg %a clock %clk reset sync %arst, %c0 : i8\n  "loom.output"(%r) : (i8) -> ()\n}, {})'
            ' {sym_name = "Leaf", parameters = [], ports = [{name = "clk", dir = "in", type = !seq.clock},'
            ' {name = "arst", dir = "in", type = i1, reset = "async"}, {name = "a", dir = "in", type = i8},'
            ' {name = "o", dir = "out", type = i8}]} : () -> ()')
    with new_context():
        design = ir.Module.parse(leaf)
        with pytest.raises(CheckFailedError) as caught:
            run_pipeline(design.operation, "loom-checks{skip=check-non-synthesizable-content}")  # as by default
    messages = [d.message for d in caught.value.diagnostics if d.severity == ERROR]
    assert messages == ["'arst' is declared an asynchronous reset but is used as a synchronous reset"], messages


def _leaf(register: str) -> str:
    return ('"loom.module"() ({\n^bb0(%clk: !seq.clock, %rst: i1, %a: i8):\n  %c0 = hw.constant 0 : i8\n'
            f'  %r = {register} : i8\n  "loom.output"(%r) : (i8) -> ()\n}}, {{}})'
            ' {sym_name = "Leaf", parameters = [], ports = [{name = "clk", dir = "in", type = !seq.clock},'
            ' {name = "rst", dir = "in", type = i1}, {name = "a", dir = "in", type = i8},'
            ' {name = "o", dir = "out", type = i8}]} : () -> ()')


@pytest.mark.parametrize("register, shown", [("seq.firreg %a clock %clk", False),
                                             ("seq.firreg %a clock %clk reset sync %rst, %c0", True)])
def test_a_check_is_shown_only_the_registers_it_reads(register: str, shown: bool) -> None:
    """``kept_if``: a check that reads only registers with a reset is not called for a module whose only register
    has none (most leaves of a large design); when every check is called (a check matching name prefixes makes
    the scan read each body), the register is not kept for it. With a reset, it is kept either way."""
    seen: list[int] = []

    def counting(prefixes: tuple[str, ...]) -> Check:
        return Check("count", lambda report, found: seen.append(len(found.wanted("seq.firreg"))),
                     frozenset({"seq.firreg"}), prefixes, kept_if={"seq.firreg": lambda op: len(op.operands) >= 4})

    with new_context():
        design = ir.Module.parse(_leaf(register))
        run_checks(design.operation, [counting(())], "count")  # the walk (top_ops)
        run_checks(design.operation, [counting(("\0",))], "count")  # reading the body
    assert seen == ([1, 1] if shown else [0]), seen


def test_an_op_one_check_reads_whole_is_kept_whole() -> None:
    """Two checks wanting one name: an op is kept when either reads it, so a filter of one does not hide what
    the other (unfiltered) reads."""
    seen: list[int] = []
    filtered = Check("filtered", lambda report, found: None, frozenset({"seq.firreg"}),
                     kept_if={"seq.firreg": lambda op: False})
    whole = Check("whole", lambda report, found: seen.append(len(found.wanted("seq.firreg"))),
                  frozenset({"seq.firreg"}))
    with new_context():
        design = ir.Module.parse(_leaf("seq.firreg %a clock %clk"))
        run_checks(design.operation, [filtered, whole], "both")
        run_checks(design.operation, [whole, filtered], "both")
    assert seen == [1, 1], seen


def test_the_checks_loom_checks_loads_late_ask_the_scan_for_nothing() -> None:
    """``loom-checks`` imports the checks ``scanning_checks`` leaves out only once a scan holds procedural
    blocks or assignments: on a design without, they would not be called, which holds only when they ask the
    scan for no op, no prefix and no view of the whole design. ``CHECK_NAMES`` (what ``skip=`` accepts, known
    without importing a check) is ``all_checks()`` in order."""
    assert list(CHECK_NAMES) == [check.name for check in all_checks()]
    scanning = [check.name for check in scanning_checks()]
    assert scanning == [name for name in CHECK_NAMES if name in scanning]  # all_checks' order
    for check in all_checks():
        if check.name not in scanning:
            assert not check.wanted and not check.prefixes and check.bind is None, check.name
