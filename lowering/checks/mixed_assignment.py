"""``check-mixed-assignment``: a variable is assigned one way only.

kratos's ``check_mixed_assignment``: a variable whose assignments mix
blocking (``=``), non-blocking (``<=``) and continuous (``assign``) kinds is
an error, reported at the first assignment of a second kind, with a note at
every assignment of another kind. ``loom.assign`` counts with the kind
``fix-assignment-type`` will give it (non-blocking inside ``always_ff``,
blocking in other blocks, continuous at module level), so the check can run
before or after that pass. Slices count for the variable they select, as in
kratos (a variable's longest static prefix is one variable to SystemVerilog
as well).
"""

from __future__ import annotations

from circt import ir

from ..diagnostics import DiagnosticReport
from ..pass_kinds import PassKind
from ..registry import loom_pass
from .model import INITIAL, KIND_TEXT, Assignment, Scan
from .runner import Check


def check(report: DiagnosticReport, found: Scan) -> None:
    """Report every variable of the module assigned with more than one kind of assignment."""
    by_variable: dict[ir.Value, list[Assignment]] = {}
    for item in found.assignments:
        if item.block is not None and item.block.name == INITIAL:
            continue  # initial contents (e.g. of a memory) are set once in simulation, not a way of driving
        by_variable.setdefault(item.target.root, []).append(item)
    for root, items in by_variable.items():
        _check_variable(report, found.model.describe(root), items)


CHECK = Check("check-mixed-assignment", check)
run = loom_pass("check-mixed-assignment", kind=PassKind.CHECK,
                summary="Report variables assigned with mixed blocking, non-blocking and continuous assignments")(CHECK.run)


def _check_variable(report: DiagnosticReport, name: str, items: list[Assignment]) -> None:
    first_kind = items[0].kind
    mixed = next((item for item in items if item.kind != first_kind), None)
    if mixed is None:
        return
    kinds = sorted({item.kind for item in items}, key=list(KIND_TEXT).index)
    error = report.error(mixed.op, f"mixed assignment to {name}: {' and '.join(KIND_TEXT[k] for k in kinds)};"
                                   f" a variable takes one kind of assignment")
    for item in items:
        if item.kind != mixed.kind:
            error.note(item.op, f"{KIND_TEXT[item.kind]} to {name} here")
