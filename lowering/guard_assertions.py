"""``guard-assertions``: put every immediate assertion inside `` `ifndef SYNTHESIS`` ... `` `endif``.

An ``assert_`` in a procedural block checks the design in simulation; a
synthesis tool should not see it (some reject ``assert`` with a message,
others build logic for it). The guard is CIRCT's ``sv.ifdef.procedural
@SYNTHESIS`` with the assertion in its else region, which ExportVerilog
prints as `` `ifndef SYNTHESIS``; the ``SYNTHESIS`` macro is declared at the
top (``sv.macro.decl``). The frontend already writes its assertions that
way (loom bodies let the macro reference through, docs/rationale.md); this
pass, at the end of the lowering (the ``cleanup`` pipeline), guards the ones
that came from elsewhere (an ``.mlir`` input, a user pass). It works on loom
IR as well as on ``hw.module`` bodies. An assertion that already sits in the
else region of such a guard is left alone, so running the pass twice changes
nothing. The failure action ``inject-assert-fail-exception`` puts after an
unguarded assertion (``$fatal`` or a DPI call) moves into the guard with it.
"""

from __future__ import annotations

from circt import ir

from ..dialect import macros
from .pass_kinds import PassKind
from .pass_options import NoOptions
from .registry import loom_pass
from .rewrites.common import collect_held, idle
from .rewrites.debug_hooks import is_assert_action

IMMEDIATE_ASSERTIONS = ("sv.assert", "sv.assume", "sv.cover")


def _guarded(op: ir.Operation) -> bool:
    parent = op.parent
    if parent is None or parent.name != "sv.ifdef.procedural" or macros.macro_of(parent) != macros.SYNTHESIS:
        return False
    # The assertion's block is the else region (region 1) of the guard.
    return any(candidate.operation == op for candidate in parent.regions[1].blocks[0].operations) \
        if len(parent.regions[1].blocks) else False


@loom_pass("guard-assertions", kind=PassKind.DESIGN,
           summary="Wrap immediate assertions in `ifndef SYNTHESIS (loom IR or after lower-loom-to-hw)")
def run(module: ir.Operation, options: NoOptions) -> bool:
    """Wrap each unguarded immediate assertion; returns False when there was nothing to do."""
    del options
    if idle(module, "guard-assertions"):
        return False
    assertions = [op for op in collect_held(module, IMMEDIATE_ASSERTIONS) if not _guarded(op)]
    if not assertions:
        return False
    macros.declare(module, macros.SYNTHESIS)
    for assertion in assertions:
        moved = [assertion]
        action = _failure_action(assertion)
        if action is not None:
            moved.append(action)
        # The guard goes where the last moved op was: the action reads values computed after the assertion.
        _, otherwise = macros.guard(macros.SYNTHESIS, ir.InsertionPoint(moved[-1]), loc=assertion.location)
        for op in moved:
            op.detach_from_parent()
            ir.InsertionPoint(otherwise).insert(op)
    return True


def _failure_action(assertion: ir.Operation) -> ir.Operation | None:
    """The ``sv.if`` that ``inject-assert-fail-exception`` put after ``assertion`` (simulation-only too), if any."""
    block = assertion.block
    found = False
    for op in block.operations:
        op = op.operation
        if op == assertion:
            found = True
        elif found and op.name in ("hw.constant", "comb.xor"):
            continue  # the negated condition the action tests
        elif found:
            return op if is_assert_action(op) else None
    return None
