"""``remove-unused-vars``: remove variables that nothing reads.

kratos removes a generator's variables (not its ports) that have neither
sources nor sinks, and only warns about one that is assigned but never read.
loom removes every variable nothing reads, because that is what "unused"
means for the hardware, and the SystemVerilog must lint clean (verilator
``-Wall`` rejects a signal that is set but never used):

- ``hw.wire`` (a structural var) whose value has no use;
- ``sv.logic`` / ``sv.reg`` / ``sv.wire`` (a procedural var) that is only
  ever a destination: every assignment to it (``sv.assign``, ``sv.bpassign``,
  ``sv.passign``, ``loom.assign``, also through a constant part select) goes
  with it, and an ``if``/``case``/always block that only held those
  assignments goes too;
- ``seq.firreg`` / ``seq.compreg`` (a register) whose value has no use.

Ports are never removed (they are block arguments and ``loom.output``
operands, not vars). The logic that only computed the removed values is
erased with them ("it can be run multiple times after different passes to
remove the artifacts"). A register that only feeds itself (a counter nobody
reads) is left to ``dead-code-elimination``.

Pattern rewrites (one per var kind) applied to a fixpoint by MLIR's greedy
driver, which also erases the pure ops that become dead; a var whose last
reader was such an op is revisited and goes in the same run.
"""

from __future__ import annotations

from circt import ir, rewrite

from .common import ASSIGN_OPS, VAR_OPS, apply_greedily, erase_statement, has_uses, users

_INOUT_PROJECTIONS = frozenset({"sv.indexed_part_select_inout", "sv.array_index_inout", "sv.struct_field_inout"})
_VALUE_VARS = ("hw.wire", "seq.firreg", "seq.compreg")


def _writes(reference: ir.Value) -> list[ir.Operation] | None:
    """The assignments to ``reference`` (an inout) and its projections; None if anything reads it."""
    found: list[ir.Operation] = []
    for use in reference.uses:
        user = use.owner.operation
        if user.name in ASSIGN_OPS and use.operand_number == 0:
            found.append(user)
        elif user.name in _INOUT_PROJECTIONS and use.operand_number == 0:
            nested = _writes(user.results[0])
            if nested is None:
                return None
            found += nested
        elif user.name == "sv.read_inout" and not has_uses(user):
            continue  # a dead read, about to be erased
        else:
            return None
    return found


def _remove_unread_var(op: ir.Operation, rewriter: rewrite.PatternRewriter) -> bool:
    writes = _writes(op.results[0])
    if writes is None:
        return False
    for write in writes:
        erase_statement(write, rewriter)
    for user in users(op.results[0]):  # projections and dead reads, now unused
        for projection_user in users(user.results[0]):
            rewriter.erase_op(projection_user)
        rewriter.erase_op(user)
    rewriter.erase_op(op)
    return True


def _remove_unused_value(op: ir.Operation, rewriter: rewrite.PatternRewriter) -> bool:
    if has_uses(op):
        return False
    rewriter.erase_op(op)
    return True


def run(module: ir.Operation, options: dict[str, str]) -> None:
    """Remove variables nothing reads, with their assignments and the logic left dead."""
    del options
    with module.context:
        apply_greedily(module, [*((name, _remove_unread_var) for name in sorted(VAR_OPS)),
                                *((name, _remove_unused_value) for name in _VALUE_VARS)])
