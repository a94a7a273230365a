"""``guard-assertions``: put every immediate assertion inside `` `ifndef SYNTHESIS`` ... `` `endif``.

An ``assert_`` in a procedural block checks the design in simulation; a
synthesis tool should not see it (some reject ``assert`` with a message,
others build logic for it). The guard is CIRCT's ``sv.ifdef.procedural
@SYNTHESIS`` with the assertion in its else region, which ExportVerilog
prints as `` `ifndef SYNTHESIS``. The ``SYNTHESIS`` macro is a symbol
(``sv.macro.decl``), and loom modules are not symbol tables (docs/rationale.md),
so the guard can only be added once the bodies are ``hw.module``s: this pass
runs at the end of the lowering (the ``cleanup`` pipeline). An assertion that
already sits in the else region of such a guard is left alone, so running the
pass twice changes nothing. The failure action ``inject-assert-fail-exception``
puts after an assertion (``$fatal`` or a DPI call) moves into the guard with it.
"""

from __future__ import annotations

from circt import ir

from .pass_kinds import PassKind
from .pass_options import NoOptions
from .registry import loom_pass
from .rewrites.common import collect
from .rewrites.debug_hooks import is_assert_action
from .stage import needs_lowered_ir

MACRO = "SYNTHESIS"
IMMEDIATE_ASSERTIONS = ("sv.assert", "sv.assume", "sv.cover")


def _guarded(op: ir.Operation) -> bool:
    parent = op.parent
    if parent is None or parent.name != "sv.ifdef.procedural":
        return False
    if str(parent.attributes["cond"]) != f"#sv<macro.ident @{MACRO}>":
        return False
    # The assertion's block is the else region (region 1) of the guard.
    return any(candidate.operation == op for candidate in parent.regions[1].blocks[0].operations) \
        if len(parent.regions[1].blocks) else False


def _declare_macro(root: ir.Operation) -> None:
    block = root.regions[0].blocks[0]
    for op in block.operations:
        if op.operation.name == "sv.macro.decl" and ir.StringAttr(op.operation.attributes["sym_name"]).value == MACRO:
            return
    with ir.Location.unknown():
        ir.Operation.create("sv.macro.decl", attributes={"sym_name": ir.StringAttr.get(MACRO)},
                            ip=ir.InsertionPoint.at_block_begin(block))


@loom_pass("guard-assertions", kind=PassKind.DESIGN,
           summary="Wrap immediate assertions in `ifndef SYNTHESIS (after lower-loom-to-hw)")
@needs_lowered_ir
def run(module: ir.Operation, options: NoOptions) -> bool:
    """Wrap each unguarded immediate assertion; returns False when there was nothing to do."""
    del options
    assertions = [op for op in collect(module, IMMEDIATE_ASSERTIONS) if not _guarded(op)]
    if not assertions:
        return False
    _declare_macro(module)
    condition = ir.Attribute.parse(f"#sv<macro.ident @{MACRO}>")
    for assertion in assertions:
        moved = [assertion]
        action = _failure_action(assertion)
        if action is not None:
            moved.append(action)
        # The guard goes where the last moved op was: the action reads values computed after the assertion.
        guard = ir.Operation.create("sv.ifdef.procedural", attributes={"cond": condition}, regions=2,
                                    loc=assertion.location, ip=ir.InsertionPoint(moved[-1]))
        guard.regions[0].blocks.append()
        otherwise = guard.regions[1].blocks.append()
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
