"""``check-multiple-driver``: every variable bit has one driver.

A *driver* is a process: each continuous assignment (``sv.assign``, or a
module-level ``loom.assign``) is one, and each procedural block is one,
however many assignments it holds. Two drivers writing a common bit of a
variable are an error, reported at the second driver's assignment with a
note at the first; the message names the bits (``bits 3:2 of 'x'``) when
only slices overlap, and says so when a continuous assignment copies an
instance output (the structural connection kratos makes for a child's
output port). Slices with constant indices are exact; a non-constant index
stands for the whole variable, as SystemVerilog's longest-static-prefix
rule says for processes writing the same variable.

Inside one block, kratos's rule for ``always_ff`` is kept where it is a
real mistake: two assignments to the same bits in the *same* branch of an
edge-triggered block (the first has no effect). A default assignment
followed by a conditional one is the usual idiom and is not reported,
unlike kratos. Combinational blocks may assign a variable several times
(the last assignment wins), as in kratos.

``sv.initial`` blocks are not drivers here: they only exist in simulation
(``check-non-synthesizable-content`` reports them).
"""

from __future__ import annotations

from circt import ir

from ...dialect.opkinds import INSTANCES
from ..diagnostics import DiagnosticReport
from ..pass_kinds import PassKind
from ..registry import loom_pass
from .model import INITIAL, Assignment, ModuleModel, Scan, Target, bits_text, defining_op
from .runner import Check


class _Driver:
    """One process writing a variable: its first assignment and the bits it writes."""

    __slots__ = ("first", "mask")

    def __init__(self, first: Assignment) -> None:
        self.first, self.mask = first, 0


class _Variable:
    __slots__ = ("drivers", "reported")

    def __init__(self) -> None:
        self.drivers: list[_Driver] = []
        self.reported: set[tuple[int, int]] = set()


def _process_key(item: Assignment) -> object:
    return item.op if item.block is None else item.block.op


def check(report: DiagnosticReport, found: Scan) -> None:
    """Report every variable bit written by two processes, and repeated writes in one always_ff branch."""
    model = found.model
    variables: dict[ir.Value, _Variable] = {}
    processes: dict[tuple[ir.Value, object], _Driver] = {}
    last_in_branch: dict[tuple[ir.Value, object], Assignment] = {}
    for item in found.assignments:
        if item.block is not None and item.block.name == INITIAL:
            continue
        root = item.target.root
        variable = variables.setdefault(root, _Variable())
        key = (root, _process_key(item))
        driver = processes.get(key)
        if driver is None:
            driver = processes[key] = _Driver(item)
            variable.drivers.append(driver)
        elif item.block is not None and item.block.sequential:
            _check_same_branch(report, model, last_in_branch, item)
        _check_overlap(report, model, variable, driver, item)
        driver.mask |= item.target.mask
        if item.block is not None and item.block.sequential:
            last_in_branch[(root, item.op.block)] = item


def _check_overlap(report: DiagnosticReport, model: ModuleModel, variable: _Variable, driver: _Driver,
                   item: Assignment) -> None:
    """Report each other process whose bits ``item`` also writes (once per pair of processes)."""
    target = item.target
    mine = variable.drivers.index(driver)
    for index, other in enumerate(variable.drivers):
        overlap = other.mask & target.mask
        if other is driver or not overlap or (index, mine) in variable.reported:
            continue
        variable.reported.add((index, mine))
        name = model.describe(target.root)
        where = _overlap_text(name, overlap, target, other.first.target)
        error = report.error(item.op, f"{where} {'have' if where.startswith('bits') else 'has'} multiple drivers:"
                                      f" {_process_text(model, item)} and {_process_text(model, other.first)}")
        error.note(other.first.op, f"{name} is also driven here")


def _check_same_branch(report: DiagnosticReport, model: ModuleModel,
                       last_in_branch: dict[tuple[ir.Value, object], Assignment], item: Assignment) -> None:
    previous = last_in_branch.get((item.target.root, item.op.block))
    if previous is None or not (previous.target.exact and item.target.exact):
        return
    overlap = previous.target.mask & item.target.mask
    if not overlap:
        return
    name = model.describe(item.target.root)
    label = item.block.label if item.block is not None else "block"
    error = report.error(item.op, f"{name} is assigned twice in the same branch of this {label}"
                                  f" ({bits_text(overlap, item.target.width)}); the first assignment has no effect")
    error.note(previous.op, "first assigned here")


def _process_text(model: ModuleModel, item: Assignment) -> str:
    """How a driver reads in a message: ``a continuous assignment from output 'o' of instance 'u0'``."""
    if item.block is not None:
        return f"an {item.block.label} block" if item.block.label[0] in "aeiou" else f"a {item.block.label} block"
    source = item.op.operands[1]
    op = defining_op(source)
    if op is not None and op.name in INSTANCES:
        return f"a continuous assignment from {model.describe(source)}"
    return "a continuous assignment"


def _overlap_text(name: str, overlap: int, target: Target, other: Target) -> str:
    """``'x'``, ``'arr[1]'`` or ``bits 3:2 of 'x'``: the shared bits, in the user's terms where possible."""
    if overlap == (1 << target.width) - 1:
        return name
    for candidate in (target, other):
        if candidate.exact and candidate.mask == overlap:
            return f"'{candidate.text}'"
    return f"{bits_text(overlap, target.width)} of {name}"


CHECK = Check("check-multiple-driver", check)
run = loom_pass("check-multiple-driver", kind=PassKind.CHECK,
                summary="Report variable bits driven by more than one process")(CHECK.run)
