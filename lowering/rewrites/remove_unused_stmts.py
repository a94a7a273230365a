"""``remove-unused-stmts``: remove statements that do nothing.

kratos's pass removes the empty statement blocks at a generator's top level
(an ``always_comb`` whose body ended up empty after other passes), and its
comment names removing "all the other empty statements" as the goal. loom
does both: a procedural block (``sv.alwayscomb``, ``sv.alwaysff`` with its
reset region, ``sv.always``, ``sv.initial``) or a branch (``sv.if``,
``sv.case``, ``sv.ifdef``) whose regions hold no statement is erased. Pure
expressions do not count as statements: a block that only computes values
nobody stores does nothing.

A pattern per statement kind, applied by MLIR's walk driver in post-order:
inner statements go first, so an ``if`` holding only an empty ``if`` goes
too, and so does the block around it. What only the erased statements read
goes after them (MLIR's greedy driver, only when something was erased: a
design without empty statements costs one walk).
"""

from __future__ import annotations

from circt import ir, rewrite

from ...dialect.opkinds import STATEMENT_CONTAINERS
from ..pass_kinds import PassKind
from ..pass_options import NoOptions
from ..registry import loom_pass
from .common import erase_dead_pure_ops, idle, is_empty_statement, walk_and_apply


def _erase_if_empty(op: ir.Operation, rewriter: rewrite.PatternRewriter) -> bool:
    if not is_empty_statement(op):
        return False
    rewriter.erase_op(op)
    return True


@loom_pass("remove-unused-stmts", kind=PassKind.MODULE,
           summary="Remove empty procedural blocks and empty if/case statements")
def run(module: ir.Operation, options: NoOptions) -> bool | None:
    """Remove empty procedural blocks and if/case statements with nothing in them, then the pure ops nothing
    reads any more (the condition of an erased ``if``)."""
    del options
    if idle(module, "remove-unused-stmts"):
        return False  # no statement container: the IR is untouched
    with module.context:
        if not walk_and_apply(module, [(name, _erase_if_empty) for name in sorted(STATEMENT_CONTAINERS)]):
            return False  # nothing empty: the IR is untouched
        erase_dead_pure_ops(module)
    return None
