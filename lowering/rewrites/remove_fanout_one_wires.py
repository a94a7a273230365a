"""``remove-fanout-one-wires``: remove wires whose single reader copies them elsewhere.

kratos follows chains of plain copies at a generator's top level (``b = a;
c = b;``) where every var in the chain has exactly one sink, moves the first
var's sources to the last one and drops the wires between. A wire whose one
reader copies it unchanged into another variable or an output port is
unnecessary: the reader names the same value. loom removes exactly those:

- ``%w = hw.wire %v`` whose result has one use, and that use is a plain
  copy: the input of another ``hw.wire``, an output port (``loom.output`` /
  ``hw.output``) or the value of a module-level ``sv.assign``. The reader
  takes ``%v`` directly;
- an ``sv.logic`` / ``sv.wire`` written once, by a module-level ``sv.assign``
  of ``%v``, and read once, by an ``sv.read_inout`` whose one use is such a
  plain copy: the same.

A wire read by an expression, a slice, an instance or several readers stays,
so a slice or a bit reversal is never turned into a copy (kratos also stops
at expressions). Where kratos leaves a single copy alone (a wire copied
straight into an output), loom removes that wire as well: the rule "one
reader, and it is a copy" does not depend on the chain's length. Chains
collapse one wire at a time, to the last name in the chain.

Pattern rewrites on ``hw.wire`` and on the procedural var ops, applied by
MLIR's greedy driver to a fixpoint.
"""

from __future__ import annotations

from circt import ir, rewrite

from .common import CONTINUOUS_ASSIGN, MODULE_OPS, apply_greedily, parent_op, users

_OUTPUTS = frozenset({"loom.output", "hw.output"})


def _single_copy_use(value: ir.Value) -> bool:
    """Whether ``value`` has exactly one use, and it copies the value unchanged into a var or port."""
    uses = list(value.uses)
    if len(uses) != 1:
        return False
    user = uses[0].owner.operation
    if user.name in _OUTPUTS or user.name == "hw.wire":
        return True
    if user.name == CONTINUOUS_ASSIGN and uses[0].operand_number == 1:
        parent = parent_op(user)
        return parent is not None and parent.name in MODULE_OPS
    return False


def _remove_wire(op: ir.Operation, rewriter: rewrite.PatternRewriter) -> bool:
    if not _single_copy_use(op.results[0]):
        return False
    rewriter.replace_op(op, [op.operands[0]])
    return True


def _remove_var(op: ir.Operation, rewriter: rewrite.PatternRewriter) -> bool:
    readers = users(op.results[0])
    if len(readers) != 2:
        return False
    writes = [r for r in readers if r.name == CONTINUOUS_ASSIGN]
    reads = [r for r in readers if r.name == "sv.read_inout"]
    if len(writes) != 1 or len(reads) != 1 or writes[0].operands[0] != op.results[0]:
        return False
    write, read = writes[0], reads[0]
    parent = parent_op(write)
    if parent is None or parent.name not in MODULE_OPS or not _single_copy_use(read.results[0]):
        return False
    value = write.operands[1]
    rewriter.erase_op(write)
    rewriter.replace_op(read, [value])
    rewriter.erase_op(op)
    return True


def run(module: ir.Operation, options: dict[str, str]) -> None:
    """Remove wires whose single reader copies them into another variable or an output."""
    del options
    with module.context:
        apply_greedily(module, [("hw.wire", _remove_wire), ("sv.logic", _remove_var), ("sv.wire", _remove_var)])
