"""``inline-functions``: replace each ``loom.func`` by its body (after ``check-function-return``).

The frontend already writes a hardware function's body in structured form
(statements after an early ``return`` sit in the paths that did not return,
frontend/hwfunction.py), so inlining is local: every
``"loom.return"(%v)`` becomes ``sv.bpassign %result, %v`` (a function's
body always runs in a combinational, blocking context), a ``loom.return``
of a function without result disappears, and the ops of the ``loom.func``
region move in front of the ``loom.func``, which is then erased. Inner
functions are inlined first (one post-order walk collects them).
"""

from __future__ import annotations

from circt import ir

from ..dialect.context import location_text
from ..dialect.errors import PassFailedError
from .check_function_return import FUNC, RETURN
from .pass_kinds import PassKind
from .pass_options import NoOptions
from .registry import loom_pass
from .rewrites.common import collect, idle


def _inline(func: ir.Operation) -> None:
    result = list(func.operands)
    for ret in collect(func, (RETURN,)):  # inner functions are inlined already: all returns are func's
        values = list(ret.operands)
        if values:
            if not result:
                raise PassFailedError("'return' with a value in a function without result; run"
                                      " check-function-return", location_text(ret.location))
            with ret.location, ir.InsertionPoint(ret):
                ir.Operation.create("sv.bpassign", operands=[result[0], values[0]])
        ret.erase()
    point = ir.InsertionPoint(func)
    for block in func.regions[0].blocks:  # none for an empty body; FuncOp's definition allows at most one
        for op in list(block.operations):
            operation = op.operation
            operation.detach_from_parent()
            point.insert(operation)
    func.erase()


@loom_pass("inline-functions", kind=PassKind.MODULE,
           summary="Inline hardware functions (loom.func): each loom.return assigns the function's result")
def run(module: ir.Operation, options: NoOptions) -> bool | None:
    """Inline every loom.func: each loom.return becomes a blocking assignment of the function's result."""
    del options
    if idle(module, "inline-functions"):
        return False
    funcs = collect(module, (FUNC,))
    for func in funcs:  # post-order: inner functions first
        _inline(func)
    return None if funcs else False
