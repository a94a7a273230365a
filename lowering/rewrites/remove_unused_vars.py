"""``remove-unused-vars``: remove variables that are neither driven nor read.

kratos removes a generator's variables (not its ports) that have no sources
and no sinks -- the artifacts other passes leave behind when they move a
variable's drivers and readers elsewhere ("it can be run multiple times after
different passes to remove the artifacts"). A variable that is assigned but
never read is the user's and stays (kratos prints a warning for it; in loom
``verilator -Wall`` names it, and ``dead-code-elimination`` removes such
logic on request). loom removes, on loom or hw IR:

- an ``sv.logic`` / ``sv.reg`` / ``sv.wire`` with no assignment and no read
  (a read nobody uses counts as none);
- the same through a part select that nothing uses.

A structural ``hw.wire`` or a register always has its driver, so it is never
such an artifact: passes that bypass one (``remove-fanout-one-wires``) erase
it themselves. Ports are never touched (block arguments and ``loom.output``
operands, not vars).

A pattern on the variable ops, applied by MLIR's greedy driver, which also
erases the dead reads and part selects that made a variable look used. A
design without variables skips the driver (a walk of its whole IR) after one
walk in C++ that finds none.
"""

from __future__ import annotations

from circt import ir, rewrite

from ...dialect.opkinds import INOUT_SELECTS, VARIABLES
from ..pass_kinds import PassKind
from ..pass_options import NoOptions
from ..registry import loom_pass
from .common import apply_greedily, has_uses, idle, users


def _unused(reference: ir.Value) -> bool:
    """Whether nothing assigns or reads ``reference`` (an inout) or a part of it."""
    for user in users(reference):
        if user.name == "sv.read_inout" and not has_uses(user):
            continue
        if user.name in INOUT_SELECTS and _unused(user.results[0]):
            continue
        return False
    return True


def _remove_unused_var(op: ir.Operation, rewriter: rewrite.PatternRewriter) -> bool:
    if not _unused(op.results[0]):
        return False
    for user in users(op.results[0]):
        for nested in users(user.results[0]):  # dead reads of an unused part select
            rewriter.erase_op(nested)
        rewriter.erase_op(user)
    rewriter.erase_op(op)
    return True


@loom_pass("remove-unused-vars", kind=PassKind.MODULE,
           summary="Remove variables that are neither driven nor read (artifacts of other passes)")
def run(module: ir.Operation, options: NoOptions) -> bool | None:
    """Remove variables that are neither driven nor read (the artifacts other passes leave)."""
    del options
    with module.context:
        if idle(module, "remove-unused-vars"):
            return False  # no variable: the IR is untouched (one walk in C++, not the greedy driver's)
        apply_greedily(module, [(name, _remove_unused_var) for name in sorted(VARIABLES)])
    return None
